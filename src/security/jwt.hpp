// Access tokens: compact JWS with HS256 only. The verifier accepts exactly
// {"alg":"HS256","typ":"JWT"}, checks the signature in constant time, then
// checks exp; any other algorithm, including "none", is refused.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace trae {

struct AccessClaims {
  std::int64_t user_id = 0;
  std::int64_t session_id = 0;  // the refresh-token family this token came from
  std::int64_t issued_at = 0;
  std::int64_t expires_at = 0;
};

std::string sign_access_token(const AccessClaims &claims, const std::string &secret);
// nullopt for anything malformed, forged, of another algorithm, or expired at `now`.
std::optional<AccessClaims> verify_access_token(const std::string &token, const std::string &secret,
                                                std::int64_t now);

}  // namespace trae
