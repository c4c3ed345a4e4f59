#include "http/router.hpp"

#include <stdexcept>

namespace trae {

std::vector<std::string> split_path(const std::string &path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    auto j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

void Router::add(const std::string &method, const std::string &pattern, Access access, Handler h) {
  routes_.push_back(Route{method, pattern, access, std::move(h), split_path(pattern)});
}

void Router::wrap(const std::string &method, const std::string &pattern,
                  const std::function<Handler(Handler)> &wrap) {
  for (auto &r : routes_)
    if (r.method == method && r.pattern == pattern) {
      r.handler = wrap(std::move(r.handler));
      return;
    }
  throw std::logic_error("no route " + method + " " + pattern + " to wrap");
}

namespace {
bool matches(const Route &r, const std::vector<std::string> &segs,
             std::map<std::string, std::string> *params) {
  if (r.segments.size() != segs.size()) return false;
  for (std::size_t i = 0; i < segs.size(); ++i) {
    const auto &p = r.segments[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      if (params) (*params)[p.substr(1, p.size() - 2)] = segs[i];
    } else if (p != segs[i]) {
      return false;
    }
  }
  return true;
}
}  // namespace

Router::Match Router::match(HttpRequest &req) const {
  Match m;
  auto segs = split_path(req.path);
  // A trailing slash is a different resource for the API: no silent aliasing.
  if (req.path.size() > 1 && req.path.back() == '/') return m;
  const std::string method = req.method == "HEAD" ? "GET" : req.method;
  for (const auto &r : routes_) {
    if (!matches(r, segs, nullptr)) continue;
    if (r.method == method) {
      req.params.clear();
      matches(r, segs, &req.params);
      m.route = &r;
      return m;
    }
    m.path_exists = true;
    if (!m.allowed_methods.empty()) m.allowed_methods += ", ";
    m.allowed_methods += r.method;
  }
  return m;
}

std::string Router::methods_at(const std::string &path) const {
  std::string out;
  if (path.size() > 1 && path.back() == '/') return out;
  auto segs = split_path(path);
  for (const auto &r : routes_) {
    if (!matches(r, segs, nullptr)) continue;
    if (!out.empty()) out += ", ";
    out += r.method;
  }
  return out;
}

}  // namespace trae
