// The HTTP adapter's own request and response types. Handlers see these, not
// cpp-httplib's, so they can be driven directly in tests and only
// http/server.cpp depends on the HTTP library.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/auth_service.hpp"

namespace trae {

struct HttpRequest {
  std::string method;
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;    // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_ip;
  std::string request_id;
  bool tls = true;
  // Filled by routing and authentication:
  std::map<std::string, std::string> params;
  std::optional<AuthUser> user;

  // Empty if absent; the first value if repeated.
  std::string header(const std::string &lower_name) const;
  bool has_header(const std::string &lower_name) const;
};

struct HttpResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  // The router pattern that answered ("/api/v1/recipes/{id}"), or "unmatched":
  // the bounded label for metrics.
  std::string route = "unmatched";

  void set_header(const std::string &name, const std::string &value);
};

}  // namespace trae
