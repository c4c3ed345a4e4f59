// Build-time tool: compiles the web app's static export (web/out) into a C++
// source file, so the binary serves it with no loose files at run time.
// Everything a response needs that depends only on the bytes is worked out
// here, once: the content type, whether the name is content-hashed, gzip and
// brotli encodings, a strong ETag per encoding, and for each HTML page the
// sha256 CSP sources of its inline scripts and styles. Bytes are written as string
// literals (linear in the input, and far cheaper for the compiler than one
// initializer element per byte).
//
// usage: trae-embed-web --out FILE.cpp --root DIR
#include <brotli/encode.h>
#include <openssl/evp.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto &c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string extension(std::string_view path) {
  auto slash = path.rfind('/');
  auto name = path.substr(slash == std::string_view::npos ? 0 : slash + 1);
  auto dot = name.rfind('.');
  return dot == std::string_view::npos ? std::string() : lower(name.substr(dot + 1));
}

// An unknown extension stops the build rather than going out as
// application/octet-stream, which browsers refuse for scripts and styles.
std::string content_type(std::string_view path) {
  static const std::pair<const char *, const char *> types[] = {
      {"html", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"json", "application/json"},
      {"map", "application/json"},
      {"webmanifest", "application/manifest+json"},
      {"xml", "application/xml"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"avif", "image/avif"},
      {"ico", "image/x-icon"},
      {"woff2", "font/woff2"},
      {"woff", "font/woff"},
      {"ttf", "font/ttf"},
      {"otf", "font/otf"},
      {"wasm", "application/wasm"},
  };
  std::string ext = extension(path);
  if (ext == "txt") {
    // Next's RSC payloads (index.txt, __next.*.txt) that client-side
    // navigation fetches; any other .txt (robots.txt) is plain text.
    auto slash = path.rfind('/');
    auto name = path.substr(slash == std::string_view::npos ? 0 : slash + 1);
    return name == "index.txt" || starts_with(name, "__next.") ? "text/x-component"
                                                               : "text/plain; charset=utf-8";
  }
  for (const auto &[e, type] : types)
    if (ext == e) return type;
  throw std::runtime_error(std::string(path) +
                           ": no content type for this extension; add it to content_type() in "
                           "src/build/embed_web.cpp");
}

std::array<unsigned char, 32> sha256(std::string_view data) {
  std::array<unsigned char, 32> md{};
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), md.data(), &len, EVP_sha256(), nullptr) != 1 || len != md.size())
    throw std::runtime_error("sha256 failed");
  return md;
}

// A strong validator: the first 128 bits of the bytes' SHA-256, quoted.
std::string etag(std::string_view data) {
  static const char digits[] = "0123456789abcdef";
  auto md = sha256(data);
  std::string out = "\"";
  for (std::size_t i = 0; i < 16; ++i) {
    out += digits[md[i] >> 4];
    out += digits[md[i] & 15];
  }
  return out + "\"";
}

std::string gzip(std::string_view data) {
  z_stream z{};
  // 15 + 16: a gzip wrapper. zlib writes mtime 0, so the output is reproducible.
  if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2 failed");
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef *>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate failed");
  return out;
}

std::string brotli(std::string_view data, bool text) {
  std::size_t size = BrotliEncoderMaxCompressedSize(data.size());
  std::string out(size == 0 ? data.size() + 1024 : size, '\0');
  size = out.size();
  if (!BrotliEncoderCompress(BROTLI_MAX_QUALITY, BROTLI_DEFAULT_WINDOW,
                             text ? BROTLI_MODE_TEXT : BROTLI_MODE_GENERIC, data.size(),
                             reinterpret_cast<const uint8_t *>(data.data()), &size,
                             reinterpret_cast<uint8_t *>(out.data())))
    throw std::runtime_error("brotli failed");
  out.resize(size);
  return out;
}

// An encoding is kept only when it saves at least 5 %: below that the extra
// bytes in the binary buy nothing (images and fonts are compressed already).
bool pays(const std::string &encoded, std::size_t raw) { return encoded.size() * 20 < raw * 19; }

std::size_t find_ci(std::string_view hay, std::string_view needle, std::size_t from) {
  auto it = std::search(hay.begin() + static_cast<std::ptrdiff_t>(std::min(from, hay.size())), hay.end(),
                        needle.begin(), needle.end(), [](char a, char b) {
                          return std::tolower(static_cast<unsigned char>(a)) ==
                                 std::tolower(static_cast<unsigned char>(b));
                        });
  return it == hay.end() ? std::string_view::npos : static_cast<std::size_t>(it - hay.begin());
}

// The lower-cased attribute names of a start tag's attribute text.
std::set<std::string> attribute_names(std::string_view attrs) {
  std::set<std::string> names;
  std::size_t i = 0;
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/';
  };
  while (i < attrs.size()) {
    while (i < attrs.size() && space(attrs[i])) ++i;
    std::size_t start = i;
    while (i < attrs.size() && !space(attrs[i]) && attrs[i] != '=') ++i;
    if (i > start) names.insert(lower(attrs.substr(start, i - start)));
    while (i < attrs.size() && space(attrs[i])) ++i;
    if (i < attrs.size() && attrs[i] == '=') {
      ++i;
      while (i < attrs.size() && space(attrs[i])) ++i;
      if (i < attrs.size() && (attrs[i] == '"' || attrs[i] == '\'')) {
        auto close = attrs.find(attrs[i], i + 1);
        i = close == std::string_view::npos ? attrs.size() : close + 1;
      } else {
        while (i < attrs.size() && !space(attrs[i])) ++i;
      }
    } else if (i == start) {
      ++i;  // a stray character; skip it
    }
  }
  return names;
}

// The text of every inline non-empty <script> (without src) or <style>
// element, as the browser hashes it: the HTML parser turns CR LF and lone CR
// into LF first.
std::vector<std::string> inline_elements(std::string_view html, std::string_view tag,
                                         const std::string &path) {
  std::string open("<"), close("</");
  open.append(tag);
  close.append(tag);
  std::vector<std::string> out;
  std::size_t pos = 0;
  while ((pos = find_ci(html, open, pos)) != std::string_view::npos) {
    std::size_t after = pos + open.size();
    if (after >= html.size()) break;
    char c = html[after];
    if (!(c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/')) {
      pos = after;
      continue;
    }
    std::size_t gt = after;
    for (char quote = 0; gt < html.size(); ++gt) {
      if (quote) {
        if (html[gt] == quote) quote = 0;
      } else if (html[gt] == '"' || html[gt] == '\'') {
        quote = html[gt];
      } else if (html[gt] == '>') {
        break;
      }
    }
    if (gt >= html.size()) throw std::runtime_error(path + ": unterminated " + open.substr(1) + " tag");
    std::size_t end = find_ci(html, close, gt + 1);
    if (end == std::string_view::npos)
      throw std::runtime_error(path + ": " + open.substr(1) + " without its end tag");
    std::string_view body = html.substr(gt + 1, end - gt - 1);
    if (!body.empty() && !attribute_names(html.substr(after, gt - after)).count("src")) {
      std::string text;
      text.reserve(body.size());
      for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i] == '\r') {
          text += '\n';
          if (i + 1 < body.size() && body[i + 1] == '\n') ++i;
        } else {
          text += body[i];
        }
      }
      out.push_back(std::move(text));
    }
    pos = end + close.size();
  }
  return out;
}

std::string base64(const std::array<unsigned char, 32> &md) {
  std::string out(4 * ((md.size() + 2) / 3) + 1, '\0');
  int n =
      EVP_EncodeBlock(reinterpret_cast<unsigned char *>(out.data()), md.data(), static_cast<int>(md.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// "'sha256-...' 'sha256-...'" for the page's distinct inline scripts (tag
// "script") or style elements (tag "style"), in document order.
std::string inline_hashes(std::string_view html, std::string_view tag, const std::string &path) {
  std::string out;
  std::set<std::string> seen;
  for (const auto &script : inline_elements(html, tag, path)) {
    std::string source = "'sha256-" + base64(sha256(script)) + "'";
    if (!seen.insert(source).second) continue;
    if (!out.empty()) out += ' ';
    out += source;
  }
  return out;
}

// Appends data as adjacent C++ string literals. Octal escapes are always three
// digits, so a following digit can never join them; '?' is escaped so no
// trigraph can form.
void write_literal(std::string &o, std::string_view data) {
  static const char octal[] = "01234567";
  o += '"';
  std::size_t column = 0;
  for (std::size_t i = 0; i < data.size(); ++i) {
    auto c = static_cast<unsigned char>(data[i]);
    if (c == '\n') {
      o += "\\n";
    } else if (c == '"' || c == '\\') {
      o += '\\';
      o += static_cast<char>(c);
      column += 2;
    } else if (c >= 0x20 && c < 0x7f && c != '?') {
      o += static_cast<char>(c);
      ++column;
    } else {
      o += '\\';
      o += octal[c >> 6];
      o += octal[(c >> 3) & 7];
      o += octal[c & 7];
      column += 4;
    }
    if ((c == '\n' || column >= 100) && i + 1 < data.size()) {
      o += "\"\n\"";
      column = 0;
    }
  }
  o += '"';
}

std::string literal(std::string_view s) {
  std::string o;
  write_literal(o, s);
  return o;
}

struct Asset {
  std::string path;
  std::string type;
  bool immutable = false;
  std::string hashes, style_hashes;
  std::string raw, gz, br;
};

// Next puts content-hashed chunks and media under _next/static/, except the
// build-id folder (our build id is fixed, so its files keep their names
// across releases): that folder is the one holding _buildManifest.js.
std::string build_id_folder(const std::vector<std::string> &paths) {
  for (const auto &p : paths) {
    if (!starts_with(p, "_next/static/")) continue;
    auto slash = p.find('/', 13);
    if (slash != std::string::npos && p.substr(slash + 1) == "_buildManifest.js")
      return p.substr(0, slash + 1);
  }
  return {};
}

void write_body(std::string &o, const std::string &var, const std::string &bytes) {
  if (bytes.empty()) return;
  o += "const char " + var + "[] =\n";
  write_literal(o, bytes);
  o += ";\n";
}

// The identity body always exists (and has an ETag, even when empty); an
// encoding that did not pay is left empty.
std::string body_init(const std::string &var, const std::string &bytes, bool identity) {
  if (bytes.empty()) return identity ? "{{\"\", 0}, " + literal(etag(bytes)) + "}" : "{{}, {}}";
  return "{{" + var + ", " + std::to_string(bytes.size()) + "}, " + literal(etag(bytes)) + "}";
}

}  // namespace

int main(int argc, char **argv) {
  std::string out_path, root;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--out" && i + 1 < argc) {
      out_path = argv[++i];
    } else if (a == "--root" && i + 1 < argc) {
      root = argv[++i];
    } else {
      out_path.clear();
      break;
    }
  }
  if (out_path.empty() || root.empty()) {
    std::cerr << "usage: trae-embed-web --out FILE.cpp --root DIR\n";
    return 2;
  }
  try {
    std::vector<std::string> paths;
    for (const auto &entry : fs::recursive_directory_iterator(root))
      if (entry.is_regular_file()) paths.push_back(fs::relative(entry.path(), root).generic_string());
    std::sort(paths.begin(), paths.end());
    for (const char *required : {"index.html", "404.html"})
      if (!std::binary_search(paths.begin(), paths.end(), required))
        throw std::runtime_error(root + " has no " + required + "; did the web build run?");
    std::string build_id = build_id_folder(paths);

    // raw: the export; gzip/brotli: what a client accepting that encoding
    // downloads for every file; stored: what the binary carries.
    std::size_t raw_total = 0, gz_total = 0, br_total = 0, stored = 0, scripts = 0, styles = 0;
    std::string o;
    o += "// Generated by trae-embed-web from the web app's static export. Do not edit.\n"
         "#include \"build/embedded.hpp\"\n\nnamespace {\n\n";
    std::vector<Asset> assets;
    for (std::size_t i = 0; i < paths.size(); ++i) {
      Asset a;
      a.path = paths[i];
      a.type = content_type(a.path);
      a.immutable =
          starts_with(a.path, "_next/static/") && (build_id.empty() || !starts_with(a.path, build_id));
      a.raw = read_all(fs::path(root) / a.path);
      if (a.type.rfind("text/html", 0) == 0) {
        a.hashes = inline_hashes(a.raw, "script", a.path);
        a.style_hashes = inline_hashes(a.raw, "style", a.path);
        scripts += static_cast<std::size_t>(std::count(a.hashes.begin(), a.hashes.end(), '\'')) / 2;
        styles +=
            static_cast<std::size_t>(std::count(a.style_hashes.begin(), a.style_hashes.end(), '\'')) / 2;
      }
      std::string gz = gzip(a.raw);
      if (pays(gz, a.raw.size())) a.gz = std::move(gz);
      std::string br = brotli(a.raw, a.type.rfind("text/", 0) == 0);
      if (pays(br, a.raw.size()) && (a.gz.empty() || br.size() < a.gz.size())) a.br = std::move(br);
      raw_total += a.raw.size();
      gz_total += a.gz.empty() ? a.raw.size() : a.gz.size();
      br_total += !a.br.empty() ? a.br.size() : a.gz.empty() ? a.raw.size() : a.gz.size();
      stored += a.raw.size() + a.gz.size() + a.br.size();
      std::string var = "f" + std::to_string(i);
      o += "// " + a.path + "\n";
      write_body(o, var, a.raw);
      write_body(o, var + "_gz", a.gz);
      write_body(o, var + "_br", a.br);
      o += "\n";
      assets.push_back(std::move(a));
    }
    o += "constexpr trae::WebAsset assets[] = {\n";
    for (std::size_t i = 0; i < assets.size(); ++i) {
      const Asset &a = assets[i];
      std::string var = "f" + std::to_string(i);
      o += "    {" + literal(a.path) + ", " + literal(a.type) + ", " + (a.immutable ? "true" : "false") +
           ", " + literal(a.hashes) + ", " + literal(a.style_hashes) + ",\n     " +
           body_init(var, a.raw, true) + ",\n     " + body_init(var + "_gz", a.gz, false) + ",\n     " +
           body_init(var + "_br", a.br, false) + "},\n";
    }
    o += "};\n\n}  // namespace\n\nnamespace trae {\n"
         "std::span<const WebAsset> embedded_web() { return assets; }\n}  // namespace trae\n";

    std::ofstream out(out_path, std::ios::binary);
    out << o;
    if (!out) throw std::runtime_error("cannot write " + out_path);
    std::cout << "trae-embed-web: " << assets.size() << " files: raw " << raw_total << " bytes, gzip "
              << gz_total << ", brotli " << br_total << ", stored " << stored << "; " << scripts
              << " inline-script hashes, " << styles << " inline-style hashes\n";
  } catch (const std::exception &e) {
    std::cerr << "trae-embed-web: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
