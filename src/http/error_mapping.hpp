// The one place where error codes become HTTP statuses and error bodies.
#pragma once
#include <string>

#include "core/error.hpp"
#include "http/message.hpp"

namespace trae {

int http_status(ErrorCode code);
ErrorCode code_for_status(int status);
// {"error":{"code","message","field"}}; field is null when not about one field.
std::string error_body(ErrorCode code, const std::string &message, const std::string &field = {});
void write_error(HttpResponse &res, const Error &e);
// For 5xx internals: the user sees only a generic message.
void write_internal_error(HttpResponse &res);

}  // namespace trae
