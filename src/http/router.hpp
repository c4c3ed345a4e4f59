// Path routing with literal segments and {name} parameters, e.g.
// "/api/v1/meal-plans/{id}". Tells a missing path (404) from a path that
// exists under another method (405).
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace trae {

// optional: public, but a bearer token (if sent) is checked and identifies the user.
enum class Access { public_route, optional, signed_in };

using Handler = std::function<void(HttpRequest &, HttpResponse &)>;

struct Route {
  std::string method;
  std::string pattern;
  Access access = Access::public_route;
  Handler handler;
  std::vector<std::string> segments;  // split pattern
};

class Router {
 public:
  void add(const std::string &method, const std::string &pattern, Access access, Handler h);
  // Replaces the handler of a registered route by wrap(handler), e.g. to put
  // a cache in front of it; throws std::logic_error if there is no such route.
  void wrap(const std::string &method, const std::string &pattern,
            const std::function<Handler(Handler)> &wrap);

  struct Match {
    const Route *route = nullptr;
    bool path_exists = false;     // some route has this path under another method
    std::string allowed_methods;  // for 405's Allow header
  };
  // On success fills req.params.
  Match match(HttpRequest &req) const;
  // Every method served at `path` ("GET, PUT"), empty if none; for CORS preflights.
  std::string methods_at(const std::string &path) const;
  const std::vector<Route> &routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

std::vector<std::string> split_path(const std::string &path);

}  // namespace trae
