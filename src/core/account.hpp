// Rules for account fields.
#pragma once
#include <optional>
#include <string>

namespace trae {

constexpr std::size_t kMinPasswordLength = 10;
constexpr std::size_t kMaxPasswordLength = 1024;

// Lower-cases and trims an email address; throws Error{invalid,"email"} if it
// is not a plausible address.
std::string normalize_email(const std::string &email);
// Throws Error{invalid,"password"} unless 10..1024 bytes.
void check_password(const std::string &password);
// Trims; throws Error{invalid,"name"} unless 1..100 characters without control characters.
std::string normalize_name(const std::string &name);

}  // namespace trae

namespace trae {

struct User {
  long long id = 0;
  std::string email;
  std::string name;
  long long created_at = 0;
};

// Sign-in throttling: after `limit` failures inside `window_s`, further
// attempts wait until the oldest of those failures leaves the window.
// `nth_latest_failure` is the time of the limit-th most recent failure, if
// there are that many. Returns seconds to wait (0 = allowed).
long long throttle_wait(std::optional<long long> nth_latest_failure, long long now, long long window_s);

}  // namespace trae
