#include "http/static_site.hpp"

#include <algorithm>
#include <stdexcept>

#include "http/etag.hpp"

namespace trae {
namespace {

// Hashed chunks never change under their name; everything else (pages, RSC
// payloads, the icon, the build manifest) must be revalidated, which is cheap
// with ETags and 304.
constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";
constexpr std::string_view kPlainNotFound = "not found\n";

// script-src lists the page's own inline scripts by hash, never
// 'unsafe-inline'; style-src likewise lists its inline <style> elements (the
// stylesheet, inlined at build time so the first paint waits for no second
// request). React style={...} props become style attributes (chart widths,
// the nutrition label), hence style-src-attr.
std::string page_policy(std::string_view script_hashes, std::string_view style_hashes) {
  std::string script = "'self'", style = "'self'";
  if (!script_hashes.empty()) script.append(" ").append(script_hashes);
  if (!style_hashes.empty()) style.append(" ").append(style_hashes);
  return "default-src 'self'; script-src " + script + "; style-src " + style +
         "; style-src-attr 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
         "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// A qvalue ("1", "0.5", "0.001") in thousandths; a malformed one counts as 0,
// so an encoding is only sent when the client clearly accepts it.
int parse_qvalue(std::string_view v) {
  if (v.empty() || (v[0] != '0' && v[0] != '1')) return 0;
  int whole = v[0] - '0';
  if (v.size() == 1) return whole * 1000;
  if (v[1] != '.' || v.size() > 5) return 0;
  int frac = 0, digits = 0;
  for (char c : v.substr(2)) {
    if (c < '0' || c > '9') return 0;
    frac = frac * 10 + (c - '0');
    ++digits;
  }
  for (; digits < 3; ++digits) frac *= 10;
  return whole == 1 ? (frac == 0 ? 1000 : 0) : frac;
}

// How much the client wants each content coding (RFC 9110, 12.5.3): an
// explicit entry wins over "*"; identity is acceptable unless refused.
struct Preferences {
  int br = 0, gzip = 0, identity = 1000;
};

Preferences parse_accept_encoding(std::string_view header) {
  int br = -1, gzip = -1, identity = -1, star = -1;
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    auto semi = item.find(';');
    std::string_view coding = trim(item.substr(0, semi));
    int q = 1000;
    while (semi != std::string_view::npos) {
      std::string_view rest = item.substr(semi + 1);
      semi = rest.find(';');
      std::string_view param = trim(rest.substr(0, semi));
      if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=')
        q = parse_qvalue(param.substr(2));
    }
    if (iequals(coding, "br"))
      br = q;
    else if (iequals(coding, "gzip") || iequals(coding, "x-gzip"))
      gzip = q;
    else if (iequals(coding, "identity"))
      identity = q;
    else if (coding == "*")
      star = q;
  }
  Preferences p;
  p.br = br >= 0 ? br : std::max(star, 0);
  p.gzip = gzip >= 0 ? gzip : std::max(star, 0);
  p.identity = identity >= 0 ? identity : star >= 0 ? star : 1000;
  return p;
}

// A query string copied into Location only if it is plain visible ASCII.
bool safe_query(std::string_view q) {
  return std::all_of(q.begin(), q.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

}  // namespace

StaticSite::StaticSite(std::span<const WebAsset> assets) : assets_(assets) {
  if (!std::is_sorted(assets_.begin(), assets_.end(),
                      [](const WebAsset &a, const WebAsset &b) { return a.path < b.path; }))
    throw std::logic_error("the embedded web table is not sorted by path");
  csp_.reserve(assets_.size());
  for (const auto &a : assets_)
    csp_.push_back(a.content_type.starts_with("text/html") ? page_policy(a.script_hashes, a.style_hashes)
                                                           : std::string());
  not_found_ = find("404.html");
}

bool StaticSite::serves(std::string_view path) {
  if (path == "/api" || path.starts_with("/api/")) return false;
  return path != "/health" && path != "/ready" && path != "/metrics";
}

std::optional<std::string> StaticSite::normalize(std::string_view path) {
  if (path.empty() || path[0] != '/') return std::nullopt;
  std::string_view rest = path.substr(1);
  for (char c : rest)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\') return std::nullopt;
  std::string_view segments = rest;
  while (!segments.empty()) {
    auto slash = segments.find('/');
    std::string_view seg = segments.substr(0, slash);
    if (seg.empty() || seg == "." || seg == "..") return std::nullopt;
    if (slash == std::string_view::npos) break;
    segments.remove_prefix(slash + 1);  // a trailing slash leaves it empty: a directory
  }
  return std::string(rest);
}

const WebAsset *StaticSite::find(std::string_view path) const {
  auto it = std::lower_bound(assets_.begin(), assets_.end(), path,
                             [](const WebAsset &a, std::string_view p) { return a.path < p; });
  return it != assets_.end() && it->path == path ? &*it : nullptr;
}

StaticResponse StaticSite::serve(const StaticRequest &req) const {
  StaticResponse res;
  std::optional<std::string> key = normalize(req.path);
  if (key) {
    bool directory = key->empty() || key->back() == '/';
    if (const WebAsset *a = find(directory ? *key + "index.html" : *key)) {
      const std::string &csp = csp_[static_cast<std::size_t>(a - assets_.data())];
      // Pick the smallest encoding among those the client likes best.
      const WebBody *body = &a->identity;
      std::string_view coding;
      if (!req.range) {
        Preferences p = parse_accept_encoding(req.accept_encoding);
        int best = p.identity;
        if (!a->gzip.bytes.empty() && p.gzip > 0 && p.gzip >= best) {
          best = p.gzip;
          body = &a->gzip;
          coding = "gzip";
        }
        if (!a->brotli.bytes.empty() && p.br > 0 && p.br >= best) {
          body = &a->brotli;
          coding = "br";
        }
      }
      res.headers.emplace_back("ETag", body->etag);
      res.headers.emplace_back("Cache-Control", a->immutable ? kImmutable : kRevalidate);
      if (!a->gzip.bytes.empty() || !a->brotli.bytes.empty())
        res.headers.emplace_back("Vary", "Accept-Encoding");
      if (!csp.empty()) res.headers.emplace_back("Content-Security-Policy", csp);
      if (!req.if_none_match.empty() && etag_matches(req.if_none_match, body->etag)) {
        res.status = 304;
        return res;
      }
      if (!coding.empty()) res.headers.emplace_back("Content-Encoding", coding);
      res.content_type = a->content_type;
      res.body = body->bytes;
      return res;
    }
    // trailingSlash export: a folder's canonical URL ends in '/'.
    if (!directory && find(*key + "/index.html")) {
      std::string location = "/" + *key + "/";
      if (!req.query.empty() && safe_query(req.query)) location.append("?").append(req.query);
      res.status = 308;
      res.headers.emplace_back("Location", std::move(location));
      res.headers.emplace_back("Cache-Control", kRevalidate);
      return res;
    }
  }
  res.status = 404;
  res.headers.emplace_back("Cache-Control", kRevalidate);
  if (!not_found_) {
    res.content_type = "text/plain; charset=utf-8";
    res.body = kPlainNotFound;
    return res;
  }
  // The HTTP layer may gzip this body itself, so caches must key on it too.
  res.headers.emplace_back("Vary", "Accept-Encoding");
  res.headers.emplace_back("Content-Security-Policy",
                           csp_[static_cast<std::size_t>(not_found_ - assets_.data())]);
  res.content_type = not_found_->content_type;
  res.body = not_found_->identity.bytes;
  return res;
}

}  // namespace trae
