#include "http/error_mapping.hpp"

#include <nlohmann/json.hpp>

namespace trae {

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::bad_request: return 400;
    case ErrorCode::invalid: return 422;
    case ErrorCode::unauthorized: return 401;
    case ErrorCode::forbidden: return 403;
    case ErrorCode::not_found: return 404;
    case ErrorCode::method_not_allowed: return 405;
    case ErrorCode::conflict: return 409;
    case ErrorCode::payload_too_large: return 413;
    case ErrorCode::unsupported_media: return 415;
    case ErrorCode::rate_limited: return 429;
    case ErrorCode::unavailable: return 503;
    case ErrorCode::storage_full: return 507;
    case ErrorCode::internal: return 500;
  }
  return 500;
}

ErrorCode code_for_status(int status) {
  switch (status) {
    case 400: return ErrorCode::bad_request;
    case 401: return ErrorCode::unauthorized;
    case 403: return ErrorCode::forbidden;
    case 404: return ErrorCode::not_found;
    case 405: return ErrorCode::method_not_allowed;
    case 409: return ErrorCode::conflict;
    case 413: return ErrorCode::payload_too_large;
    case 415: return ErrorCode::unsupported_media;
    case 422: return ErrorCode::invalid;
    case 429: return ErrorCode::rate_limited;
    case 503: return ErrorCode::unavailable;
    case 507: return ErrorCode::storage_full;
    default: return status < 500 ? ErrorCode::bad_request : ErrorCode::internal;
  }
}

std::string error_body(ErrorCode code, const std::string &message, const std::string &field) {
  nlohmann::json j = {{"error",
                       {{"code", error_code_name(code)},
                        {"message", message},
                        {"field", field.empty() ? nlohmann::json(nullptr) : nlohmann::json(field)}}}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void write_error(HttpResponse &res, const Error &e) {
  if (e.code == ErrorCode::internal) return write_internal_error(res);
  res.status = http_status(e.code);
  res.content_type = "application/json";
  res.body = error_body(e.code, e.message(), e.field);
  if (e.code == ErrorCode::rate_limited && e.retry_after_s > 0)
    res.set_header("Retry-After", std::to_string(e.retry_after_s));
  if (e.code == ErrorCode::unauthorized) res.set_header("WWW-Authenticate", "Bearer");
  if (e.code == ErrorCode::unavailable) res.set_header("Retry-After", "5");
}

void write_internal_error(HttpResponse &res) {
  res.status = 500;
  res.content_type = "application/json";
  res.body = error_body(ErrorCode::internal, "internal error");
}

}  // namespace trae
