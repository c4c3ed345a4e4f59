// The embedded web app over HTTPS from the real binary: every file with its
// content type, encodings, validators, cache policy, per-page CSP, the 404
// page, folder redirects and paths that try to leave the table.
#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <zlib.h>

#include <set>

#include "../support/server_process.hpp"
#include "build/embedded.hpp"
#include "security/crypto.hpp"

using testing::ServerProcess;

namespace {

struct Got {
  int status = 0;
  std::string body;
  httplib::Headers headers;
  std::string header(const std::string &k) const {
    auto it = headers.find(k);
    return it == headers.end() ? std::string() : it->second;
  }
  bool has(const std::string &k) const { return headers.count(k) > 0; }
};

// One keep-alive connection that sends paths as written (no client-side
// escaping) and leaves Content-Encoding alone, so tests see the wire.
class Browser {
 public:
  explicit Browser(const ServerProcess &s) : c_(s.client()) {
    c_->set_decompress(false);
    c_->set_url_encode(false);
  }
  Got get(const std::string &path, const httplib::Headers &h = {}) { return wrap(c_->Get(path, h), path); }
  Got head(const std::string &path, const httplib::Headers &h = {}) { return wrap(c_->Head(path, h), path); }

 private:
  static Got wrap(const httplib::Result &r, const std::string &path) {
    if (!r) throw std::runtime_error("GET " + path + " failed: " + httplib::to_string(r.error()));
    return {r->status, r->body, r->headers};
  }
  std::unique_ptr<httplib::SSLClient> c_;
};

std::string gunzip(const std::string &in) {
  z_stream z{};
  REQUIRE(inflateInit2(&z, 15 + 16) == Z_OK);
  std::string out(in.size() * 20 + 1024, '\0');
  z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef *>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = inflate(&z, Z_FINISH);
  out.resize(z.total_out);
  inflateEnd(&z);
  CHECK(rc == Z_STREAM_END);
  return out;
}

std::string csp_hash(const std::string &script) {
  std::string md = trae::sha256(script);
  unsigned char b64[64];
  int n =
      EVP_EncodeBlock(b64, reinterpret_cast<const unsigned char *>(md.data()), static_cast<int>(md.size()));
  return "'sha256-" + std::string(reinterpret_cast<char *>(b64), static_cast<std::size_t>(n)) + "'";
}

// The non-empty inline <script>s (no src) or <style>s of a Next export page,
// found independently of the build tool's parser (Next writes lower-case
// tags and src="...").
std::vector<std::string> inline_elements(const std::string &html, const std::string &tag) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while ((pos = html.find("<" + tag, pos)) != std::string::npos) {
    std::size_t gt = html.find('>', pos);
    std::size_t end = html.find("</" + tag + ">", gt);
    REQUIRE(end != std::string::npos);
    if (html.substr(pos, gt - pos).find(" src=") == std::string::npos && end > gt + 1)
      out.push_back(html.substr(gt + 1, end - gt - 1));
    pos = end;
  }
  return out;
}

std::vector<std::string> inline_scripts(const std::string &html) { return inline_elements(html, "script"); }

// The inlined stylesheet (web/scripts/paint-first.mjs).
std::vector<std::string> inline_styles(const std::string &html) { return inline_elements(html, "style"); }

// One directive of a policy ("script-src ...", "style-src ...").
std::string directive(const std::string &csp, const std::string &name) {
  auto at = csp.find("; " + name + " ");
  REQUIRE(at != std::string::npos);
  at += 2;
  return csp.substr(at, csp.find(';', at) - at);
}

std::string script_src(const std::string &csp) { return directive(csp, "script-src"); }

const trae::WebAsset &asset(const std::string &path) {
  for (const auto &a : trae::embedded_web())
    if (a.path == path) return a;
  FAIL("no embedded file " << path);
  throw std::logic_error("unreachable");
}

const trae::WebAsset &first_asset(const std::string &prefix, const std::string &suffix) {
  for (const auto &a : trae::embedded_web()) {
    std::string_view p = a.path;
    if (p.starts_with(prefix) && p.ends_with(suffix)) return a;
  }
  FAIL("no embedded file " << prefix << "*" << suffix);
  throw std::logic_error("unreachable");
}

std::string str(std::string_view s) { return std::string(s); }

}  // namespace

TEST_CASE("static site: every embedded file, byte for byte, with its type") {
  ServerProcess server;
  Browser b(server);
  SUBCASE("every file") {
    REQUIRE(trae::embedded_web().size() > 20);
    for (const auto &a : trae::embedded_web()) {
      CAPTURE(a.path);
      Got got = b.get("/" + str(a.path));
      CHECK(got.status == 200);
      CHECK(got.body == a.identity.bytes);
      CHECK(got.header("Content-Type") == a.content_type);
      CHECK_FALSE(got.has("Content-Encoding"));
      CHECK(got.header("ETag") == a.identity.etag);
    }
  }
  SUBCASE("content types by kind") {
    CHECK(b.get("/").header("Content-Type") == "text/html; charset=utf-8");
    CHECK(b.get("/index.txt?_rsc=1x2y").header("Content-Type") == "text/x-component");
    CHECK(b.get("/recipes/__next._tree.txt").header("Content-Type") == "text/x-component");
    CHECK(b.get("/icon.svg").header("Content-Type") == "image/svg+xml");
    CHECK(b.get("/" + str(first_asset("_next/static/chunks/", ".js").path)).header("Content-Type") ==
          "text/javascript; charset=utf-8");
    CHECK(b.get("/" + str(first_asset("_next/static/chunks/", ".css").path)).header("Content-Type") ==
          "text/css; charset=utf-8");
  }
  SUBCASE("folders map to index.html, queries are ignored") {
    CHECK(b.get("/").body == asset("index.html").identity.bytes);
    Got view = b.get("/recipes/view/?id=3&servings=2");
    CHECK(view.status == 200);
    CHECK(view.body == asset("recipes/view/index.html").identity.bytes);
    Got rsc = b.get("/calculator/index.txt?_rsc=abc123", {{"RSC", "1"}});
    CHECK(rsc.status == 200);
    CHECK(rsc.body == asset("calculator/index.txt").identity.bytes);
  }
  SUBCASE("a folder without its slash is redirected, keeping the query") {
    Got r = b.get("/recipes");
    CHECK(r.status == 308);
    CHECK(r.header("Location") == "/recipes/");
    CHECK(r.body.empty());
    CHECK(b.get("/recipes/view?id=7&sort=name").header("Location") == "/recipes/view/?id=7&sort=name");
  }
  SUBCASE("HEAD: the GET headers without a body") {
    Got get = b.get("/calculator/", {{"Accept-Encoding", "gzip"}});
    Got head = b.head("/calculator/", {{"Accept-Encoding", "gzip"}});
    CHECK(head.status == 200);
    CHECK(head.body.empty());
    CHECK(head.header("Content-Length") == std::to_string(get.body.size()));
    CHECK(head.header("ETag") == get.header("ETag"));
    CHECK(head.header("Content-Encoding") == "gzip");
    CHECK(head.header("Content-Security-Policy") == get.header("Content-Security-Policy"));
    Got missing = b.head("/no-such-page/");
    CHECK(missing.status == 404);
    CHECK(missing.body.empty());
  }
}

TEST_CASE("static site: precompressed encodings only when accepted") {
  ServerProcess server;
  Browser b(server);
  const auto &js = first_asset("_next/static/chunks/", ".js");
  REQUIRE(!js.gzip.bytes.empty());
  REQUIRE(!js.brotli.bytes.empty());
  std::string path = "/" + str(js.path);

  Got plain = b.get(path);
  CHECK_FALSE(plain.has("Content-Encoding"));
  CHECK(plain.header("Vary") == "Accept-Encoding");
  CHECK(plain.body == js.identity.bytes);

  Got gz = b.get(path, {{"Accept-Encoding", "gzip"}});
  CHECK(gz.header("Content-Encoding") == "gzip");
  CHECK(gz.header("Vary") == "Accept-Encoding");
  CHECK(gz.body.size() < plain.body.size());
  CHECK(gunzip(gz.body) == plain.body);
  CHECK(gz.header("ETag") != plain.header("ETag"));

  // What a browser sends: the smallest encoding wins.
  Got br = b.get(path, {{"Accept-Encoding", "gzip, deflate, br, zstd"}});
  CHECK(br.header("Content-Encoding") == "br");
  CHECK(br.body == js.brotli.bytes);
  CHECK(br.body.size() < gz.body.size());
  CHECK(br.header("ETag") != gz.header("ETag"));

  CHECK_FALSE(b.get(path, {{"Accept-Encoding", "gzip;q=0"}}).has("Content-Encoding"));
  CHECK_FALSE(b.get(path, {{"Accept-Encoding", "deflate, zstd"}}).has("Content-Encoding"));
  CHECK_FALSE(b.get(path, {{"Accept-Encoding", "identity"}}).has("Content-Encoding"));
  CHECK(b.get(path, {{"Accept-Encoding", "br;q=0, gzip"}}).header("Content-Encoding") == "gzip");
  CHECK(b.get(path, {{"Accept-Encoding", "br;q=0.5, gzip;q=1.0"}}).header("Content-Encoding") == "gzip");
  CHECK(b.get(path, {{"Accept-Encoding", "GZIP"}}).header("Content-Encoding") == "gzip");
  CHECK(b.get(path, {{"Accept-Encoding", "*"}}).header("Content-Encoding") == "br");
  CHECK(b.get(path, {{"Accept-Encoding", "*;q=0, identity"}}).header("Content-Encoding").empty());

  SUBCASE("pages and RSC payloads are compressed too; HTML keeps its policy") {
    Got page = b.get("/recipes/", {{"Accept-Encoding", "gzip"}});
    CHECK(page.header("Content-Encoding") == "gzip");
    CHECK(gunzip(page.body) == asset("recipes/index.html").identity.bytes);
    CHECK(page.has("Content-Security-Policy"));
    Got rsc = b.get("/recipes/index.txt", {{"Accept-Encoding", "gzip"}});
    CHECK(rsc.header("Content-Type") == "text/x-component");
    CHECK(gunzip(rsc.body) == asset("recipes/index.txt").identity.bytes);
  }
  SUBCASE("a Range request is cut from the file itself") {
    Got part = b.get("/", {{"Range", "bytes=0-14"}, {"Accept-Encoding", "identity"}});
    CHECK(part.status == 206);
    CHECK(part.body == asset("index.html").identity.bytes.substr(0, 15));
    CHECK(b.get("/", {{"Range", "bytes=99999999-"}}).status == 416);
  }
}

TEST_CASE("static site: strong ETags and 304") {
  ServerProcess server;
  Browser b(server);
  for (const char *coding : {"identity", "gzip", "br"}) {
    CAPTURE(coding);
    Got first = b.get("/workouts/", {{"Accept-Encoding", coding}});
    std::string etag = first.header("ETag");
    REQUIRE(etag.size() > 2);
    CHECK(etag.front() == '"');
    CHECK(etag.back() == '"');
    CHECK(etag.rfind("W/", 0) == std::string::npos);
    Got again = b.get("/workouts/", {{"Accept-Encoding", coding}, {"If-None-Match", etag}});
    CHECK(again.status == 304);
    CHECK(again.body.empty());
    CHECK(again.header("ETag") == etag);
    CHECK(again.header("Cache-Control") == "no-cache");
    CHECK(again.header("Content-Security-Policy") == first.header("Content-Security-Policy"));
    CHECK(b.get("/workouts/", {{"Accept-Encoding", coding}, {"If-None-Match", "\"other\", W/" + etag}})
              .status == 304);
    CHECK(b.get("/workouts/", {{"Accept-Encoding", coding}, {"If-None-Match", "*"}}).status == 304);
    CHECK(b.get("/workouts/", {{"Accept-Encoding", coding}, {"If-None-Match", "\"stale\""}}).status == 200);
  }
  // A validator names one encoding: another encoding is a different body.
  std::string gz_etag = b.get("/workouts/", {{"Accept-Encoding", "gzip"}}).header("ETag");
  Got other = b.get("/workouts/", {{"If-None-Match", gz_etag}});
  CHECK(other.status == 200);
  CHECK(other.body == asset("workouts/index.html").identity.bytes);
  // HEAD answers conditionals too.
  CHECK(b.head("/workouts/", {{"Accept-Encoding", "gzip"}, {"If-None-Match", gz_etag}}).status == 304);
}

TEST_CASE("static site: cache policy") {
  ServerProcess server;
  Browser b(server);
  const std::string immutable = "public, max-age=31536000, immutable";
  std::size_t hashed = 0;
  for (const auto &a : trae::embedded_web()) {
    std::string_view p = a.path;
    if (!p.starts_with("_next/static/chunks/") && !p.starts_with("_next/static/media/")) continue;
    CAPTURE(a.path);
    CHECK(b.get("/" + str(p)).header("Cache-Control") == immutable);
    ++hashed;
  }
  CHECK(hashed > 10);
  // Pages, RSC payloads, the icon and the build manifest keep their names
  // across releases (the build id is fixed), so they are revalidated.
  for (const char *path : {"/", "/recipes/", "/recipes/view/?id=1", "/index.txt", "/icon.svg",
                           "/_next/static/trae-health/_buildManifest.js", "/404.html"}) {
    INFO("path: " << path);
    Got got = b.get(path);
    CHECK(got.status == 200);
    CHECK(got.header("Cache-Control") == "no-cache");
  }
  // A chunk that is not (or no longer) there must not be cached for a year.
  Got gone = b.get("/_next/static/chunks/0000000000000.js");
  CHECK(gone.status == 404);
  CHECK(gone.header("Cache-Control") == "no-cache");
}

TEST_CASE("static site: each page has its own CSP with its inline scripts' hashes") {
  ServerProcess server;
  Browser b(server);
  std::set<std::string> policies;
  std::size_t pages = 0;
  for (const auto &a : trae::embedded_web()) {
    if (!a.content_type.starts_with("text/html")) continue;
    CAPTURE(a.path);
    Got got = b.get("/" + str(a.path));
    std::string csp = got.header("Content-Security-Policy");
    std::string scripts = script_src(csp);
    auto inline_code = inline_scripts(got.body);
    CHECK_FALSE(inline_code.empty());
    for (const auto &code : inline_code) CHECK(scripts.find(csp_hash(code)) != std::string::npos);
    CHECK(scripts.find("'unsafe-inline'") == std::string::npos);
    CHECK(scripts.find("'unsafe-eval'") == std::string::npos);
    CHECK(scripts.rfind("script-src 'self' 'sha256-", 0) == 0);
    for (const char *directive :
         {"default-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
          "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'"})
      CHECK(csp.find(directive) != std::string::npos);
    // A hash that is not one of this page's scripts is not allowed either.
    std::size_t listed = 0;
    for (std::size_t at = 0; (at = scripts.find("'sha256-", at)) != std::string::npos; ++at) ++listed;
    CHECK(listed == std::set<std::string>(inline_code.begin(), inline_code.end()).size());
    // The inlined stylesheet is allowed by its hash, and nothing else inline.
    std::string styles = directive(csp, "style-src");
    auto inline_css = inline_styles(got.body);
    CHECK(inline_css.size() == 1);
    for (const auto &css : inline_css) CHECK(styles == "style-src 'self' " + csp_hash(css));
    policies.insert(csp);
    ++pages;
  }
  CHECK(pages >= 10);
  // The RSC payload differs per page, so the policies do too.
  CHECK(policies.size() > pages / 2);
  CHECK(b.get("/recipes/").header("Content-Security-Policy") !=
        b.get("/calculator/").header("Content-Security-Policy"));
  // Non-HTML files keep the server's locked-down default policy.
  CHECK(b.get("/icon.svg").header("Content-Security-Policy") == "default-src 'none'; frame-ancestors 'none'");
}

// web/scripts/paint-first.mjs: the first paint needs the page and nothing
// else; the app's scripts are inserted by the page's loader after it.
TEST_CASE("static site: a page paints from its own bytes, then loads its scripts") {
  for (const auto &a : trae::embedded_web()) {
    if (!a.content_type.starts_with("text/html")) continue;
    CAPTURE(a.path);
    std::string html(a.identity.bytes);
    auto count = [&](const std::string &needle) {
      std::size_t n = 0;
      for (std::size_t at = 0; (at = html.find(needle, at)) != std::string::npos; ++at) ++n;
      return n;
    };
    CHECK(count("<script data-paint-first=\"\">") == 1);
    CHECK(count("\" async=\"\"></script>") == 0);
    CHECK(count("<link rel=\"preload\" as=\"script\"") == 0);
    CHECK(count("<link rel=\"stylesheet\"") == count("data-precedence=\"next\" disabled=\"\"/>"));
    CHECK(count("<style data-href=\"/_next/static/") == 1);
    CHECK(count("<link rel=\"icon\" href=\"data:image/svg+xml,") == 1);
    // Every chunk the loader names is served.
    auto at = html.find("<script data-paint-first=\"\">");
    auto list = html.substr(html.find("s=[", at) + 3);
    list = list.substr(0, list.find(']'));
    std::size_t chunks = 0;
    for (std::size_t q = 0; (q = list.find('"', q)) != std::string::npos; q = list.find('"', q + 1) + 1) {
      std::string src = list.substr(q + 1, list.find('"', q + 1) - q - 1);
      CHECK(src.starts_with("/_next/static/chunks/"));
      CHECK(&asset(src.substr(1)) != nullptr);
      ++chunks;
    }
    CHECK(chunks >= 3);
  }
}

TEST_CASE("static site: unknown paths get the 404 page") {
  ServerProcess server;
  Browser b(server);
  const auto &page = asset("404.html");
  for (const char *path : {"/no-such-page/", "/no-such-page", "/recipes/view/extra/", "/index.html/",
                           "/_next/static/chunks/nope.js", "/health/x"}) {
    INFO("path: " << path);
    Got got = b.get(path);
    CHECK(got.status == 404);
    CHECK(got.header("Content-Type") == "text/html; charset=utf-8");
    CHECK(got.body == page.identity.bytes);
    CHECK(got.header("Content-Security-Policy").find(csp_hash(inline_scripts(got.body).at(0))) !=
          std::string::npos);
    CHECK_FALSE(got.has("ETag"));
  }
  // httplib may compress the 404 page itself; it must still be the page.
  Got gz = b.get("/no-such-page/", {{"Accept-Encoding", "gzip"}});
  CHECK(gz.status == 404);
  CHECK(gz.header("Vary") == "Accept-Encoding");
  CHECK((gz.header("Content-Encoding") == "gzip" ? gunzip(gz.body) : gz.body) == page.identity.bytes);
}

TEST_CASE("static site: paths that try to leave the table") {
  ServerProcess server;
  Browser b(server);
  const auto &page = asset("404.html");
  for (const char *path : {"/../../../../etc/passwd",
                           "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                           "/%2E%2E/%2E%2E/etc/passwd",
                           "/recipes/..%2f..%2f..%2fetc%2fpasswd",
                           "/..%5c..%5cetc%5cpasswd",
                           "/recipes/../index.html",
                           "/recipes/%2e%2e/index.html",
                           "/./index.html",
                           "/recipes/./index.html",
                           "//etc/passwd",
                           "/recipes//index.html",
                           "/index.html%00.png",
                           "/index.html%00",
                           "/%00/index.html",
                           "/recipes%2f..%2f",
                           "/%252e%252e/%252e%252e/etc/passwd",
                           "/_next/static/../../index.html",
                           "/.%2e/.%2e/README.md",
                           "/%01/index.html",
                           "/index.html%7f"}) {
    INFO("path: " << path);
    Got got = b.get(path);
    CHECK(got.status == 404);
    CHECK(got.body == page.identity.bytes);
    CHECK(got.body.find("root:") == std::string::npos);
    CHECK_FALSE(got.has("Set-Cookie"));
    CHECK_FALSE(got.has("Location"));
  }
  // A decoded line break never reaches a handler (httplib's routes do not
  // match it), let alone a header.
  Got crlf = b.get("/%0d%0aSet-Cookie:%20x=1");
  CHECK(crlf.status == 404);
  CHECK_FALSE(crlf.has("Set-Cookie"));
  // A redirect never points off-site.
  Got r = b.get("/recipes?//evil.example");
  CHECK(r.status == 308);
  CHECK(r.header("Location").rfind("/recipes/?", 0) == 0);
  // The server still serves normally afterwards.
  CHECK(b.get("/").status == 200);
}

TEST_CASE("static site: the API and the probes are not the web app's") {
  ServerProcess server;
  Browser b(server);
  Got api = b.get("/api/v1/no-such-endpoint");
  CHECK(api.status == 404);
  CHECK(api.header("Content-Type") == "application/json");
  CHECK(b.get("/api").header("Content-Type") == "application/json");
  Got health = b.get("/health");
  CHECK(health.status == 200);
  CHECK(health.header("Content-Type") == "application/json");
  CHECK(b.get("/ready").header("Content-Type") == "application/json");
  CHECK(b.get("/metrics").header("Content-Type") != "text/html; charset=utf-8");
  // The Health page lives at /health/, next to the /health probe.
  Got page = b.get("/health/");
  CHECK(page.status == 200);
  CHECK(page.body == asset("health/index.html").identity.bytes);
  // Other methods on web paths go to the API, which has nothing there.
  auto c = server.client();
  auto post = c->Post("/", "{}", "application/json");
  REQUIRE(post);
  CHECK(post->status == 404);
  CHECK(post->get_header_value("Content-Type") == "application/json");
}
