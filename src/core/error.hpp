// The one typed error of the application. Every layer throws or returns it;
// the HTTP adapter maps `code` to a status in exactly one place
// (http/error_mapping.cpp). Internal errors carry a generic message for users;
// the detail goes to the log only.
#pragma once
#include <stdexcept>
#include <string>

namespace trae {

enum class ErrorCode {
  bad_request,         // malformed JSON or an unparseable request
  invalid,             // a field is invalid, unknown or missing (422)
  unauthorized,        // no or bad credentials (401)
  forbidden,           // signed in, but not allowed (403)
  not_found,           // the resource does not exist for this caller (404)
  method_not_allowed,  // the path exists, the method does not (405)
  conflict,            // state conflict, e.g. duplicate email (409)
  payload_too_large,   // body over the cap (413)
  unsupported_media,   // body is not JSON (415)
  rate_limited,        // too many requests (429)
  unavailable,         // database or dependency unavailable (503)
  storage_full,        // the disk is full (507)
  internal,            // a bug or an unexpected failure (500)
};

// Stable machine-readable name of a code, as it appears in error bodies.
const char *error_code_name(ErrorCode code);

struct Error : std::runtime_error {
  ErrorCode code;
  std::string field;      // the offending input field, or empty
  int retry_after_s = 0;  // for rate_limited: seconds until a retry may work

  Error(ErrorCode c, std::string message, std::string f = {})
      : std::runtime_error(std::move(message)), code(c), field(std::move(f)) {}

  std::string message() const { return what(); }
};

inline Error invalid(std::string field, std::string message) {
  return Error(ErrorCode::invalid, std::move(message), std::move(field));
}
inline Error not_found(std::string what) {
  return Error(ErrorCode::not_found, std::move(what) + " not found");
}

}  // namespace trae
