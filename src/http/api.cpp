#include "http/api.hpp"

#include <SQLiteCpp/Exception.h>

#include "core/error.hpp"
#include "http/error_mapping.hpp"
#include "http/etag.hpp"
#include "http/json_body.hpp"

namespace trae {

void write_json(HttpResponse &res, int status, const nlohmann::json &body) {
  res.status = status;
  res.content_type = "application/json";
  res.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool is_json_content_type(const std::string &value) {
  std::string v = value.substr(0, value.find(';'));
  while (!v.empty() && v.back() == ' ') v.pop_back();
  for (auto &ch : v) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return v == "application/json";
}

nlohmann::json json_body(const HttpRequest &req) {
  if (!req.body.empty() && !is_json_content_type(req.header("content-type")))
    throw Error(ErrorCode::unsupported_media, "request body must be application/json");
  if (req.body.empty()) throw Error(ErrorCode::bad_request, "a JSON request body is required");
  return parse_json_strict(req.body);
}

bool rate_limited_path(const std::string &method, const std::string &path) {
  if (method == "OPTIONS") return false;
  return path != "/health" && path != "/ready" && path != "/metrics" && path != "/api/openapi.yaml";
}

Api::Api(Services s, ApiOptions options)
    : s_(std::move(s)),
      options_(std::move(options)),
      cors_(options_.cors_origins),
      started_(std::chrono::steady_clock::now()) {
  add_health_routes(router_, s_, started_);
  add_docs_routes(router_);
  add_metrics_routes(router_, s_);
  add_auth_routes(router_, s_);
  add_account_routes(router_, s_);
  add_calculator_routes(router_, s_);
  add_catalog_routes(router_, s_);
  add_health_log_routes(router_, s_);
  add_dashboard_routes(router_, s_);
  add_plan_routes(router_, s_);
}

void Api::enforce_rate_limit(const HttpRequest &req, HttpResponse &res) const {
  if (!options_.rate_limiter || !rate_limited_path(req.method, req.path)) return;
  std::string key = req.user ? "user:" + std::to_string(req.user->id) : "ip:" + req.remote_ip;
  RateDecision d = options_.rate_limiter->take(key, s_.clock.now() * 1000);
  // IETF draft-ietf-httpapi-ratelimit-headers: the budget, what is left, and
  // seconds until it is whole again.
  res.set_header("RateLimit-Limit", std::to_string(d.limit));
  res.set_header("RateLimit-Remaining", std::to_string(d.remaining));
  res.set_header("RateLimit-Reset", std::to_string(d.reset_s));
  if (!d.allowed) {
    Error e(ErrorCode::rate_limited,
            "too many requests; try again in " + std::to_string(d.retry_after_s) + " s");
    e.retry_after_s = static_cast<int>(d.retry_after_s);
    throw e;
  }
}

void Api::handle(HttpRequest &req, HttpResponse &res) const {
  try {
    if (cors_.answer_preflight(req, router_, res)) return;
    cors_.decorate(req, res);
    auto m = router_.match(req);
    // Identify the caller first so a signed-in user is counted by account; a
    // bad token is reported only after the request has been counted, so
    // guessing tokens spends the budget of the guesser's address.
    std::optional<Error> auth_error;
    const std::string auth = req.header("authorization");
    if (m.route &&
        (m.route->access == Access::signed_in || (m.route->access == Access::optional && !auth.empty()))) {
      try {
        if (auth.size() < 8 || auth.compare(0, 7, "Bearer ") != 0)
          throw Error(ErrorCode::unauthorized, "sign in first: an Authorization: Bearer token is required");
        req.user = s_.auth.authenticate(auth.substr(7));
      } catch (const Error &e) {
        if (e.code != ErrorCode::unauthorized) throw;
        auth_error = e;
      }
    }
    enforce_rate_limit(req, res);
    if (!m.route) {
      if (m.path_exists) {
        res.set_header("Allow", m.allowed_methods);
        throw Error(ErrorCode::method_not_allowed, "method " + req.method + " is not allowed here");
      }
      throw Error(ErrorCode::not_found, "no such endpoint");
    }
    res.route = m.route->pattern;
    // A body on a method that takes one must be JSON, whatever the route.
    if ((req.method == "POST" || req.method == "PUT" || req.method == "PATCH") && !req.body.empty() &&
        !is_json_content_type(req.header("content-type")))
      throw Error(ErrorCode::unsupported_media, "request body must be application/json");
    if (auth_error) throw *auth_error;
    if (req.user && s_.metrics) s_.metrics->saw_user(req.user->id, s_.clock.now());
    m.route->handler(req, res);
    add_validators(req, res);
  } catch (const Error &e) {
    if (e.code == ErrorCode::internal)
      s_.log.error("internal error", {{"request_id", req.request_id}, {"detail", e.message()}});
    else if (e.code == ErrorCode::unavailable || e.code == ErrorCode::storage_full)
      s_.log.warn("storage unavailable", {{"request_id", req.request_id}, {"detail", e.message()}});
    write_error(res, e);
  } catch (const SQLite::Exception &e) {
    try {
      rethrow_storage_error(e);
    } catch (const Error &mapped) {
      s_.log.error("storage error", {{"request_id", req.request_id}, {"detail", e.what()}});
      write_error(res, mapped);
    }
  } catch (const std::exception &e) {
    s_.log.error("internal error", {{"request_id", req.request_id}, {"detail", e.what()}});
    write_internal_error(res);
  }
}

void add_validators(const HttpRequest &req, HttpResponse &res) {
  if ((req.method != "GET" && req.method != "HEAD") || res.status != 200) return;
  auto find = [&res](const std::string &name) -> std::string * {
    for (auto &[k, v] : res.headers)
      if (k == name) return &v;
    return nullptr;
  };
  if (const std::string *cc = find("Cache-Control")) {
    if (cc->find("no-store") != std::string::npos) return;  // /metrics: never kept, never revalidated
  } else {
    res.set_header("Cache-Control", "private, no-cache");
  }
  std::string etag;
  if (const std::string *tag = find("ETag")) {
    etag = *tag;
  } else {
    etag = strong_etag(res.body);
    res.set_header("ETag", etag);
  }
  const std::string if_none_match = req.header("if-none-match");
  if (!if_none_match.empty() && etag_matches(if_none_match, etag)) {
    res.status = 304;
    res.body.clear();
  }
}

}  // namespace trae
