#include "security/jwt.hpp"

#include <nlohmann/json.hpp>

#include "security/crypto.hpp"

namespace trae {
namespace {
constexpr const char *kIssuer = "trae-health";
}

std::string sign_access_token(const AccessClaims &c, const std::string &secret) {
  static const std::string header = base64url_encode(R"({"alg":"HS256","typ":"JWT"})");
  nlohmann::json payload = {{"iss", kIssuer},
                            {"sub", std::to_string(c.user_id)},
                            {"sid", c.session_id},
                            {"iat", c.issued_at},
                            {"exp", c.expires_at}};
  std::string signing_input = header + "." + base64url_encode(payload.dump());
  return signing_input + "." + base64url_encode(hmac_sha256(secret, signing_input));
}

std::optional<AccessClaims> verify_access_token(const std::string &token, const std::string &secret,
                                                std::int64_t now) {
  if (token.size() > 4096) return std::nullopt;
  auto d1 = token.find('.');
  if (d1 == std::string::npos) return std::nullopt;
  auto d2 = token.find('.', d1 + 1);
  if (d2 == std::string::npos || token.find('.', d2 + 1) != std::string::npos) return std::nullopt;

  std::string header_json, payload_json, signature;
  if (!base64url_decode(std::string_view(token).substr(0, d1), header_json) ||
      !base64url_decode(std::string_view(token).substr(d1 + 1, d2 - d1 - 1), payload_json) ||
      !base64url_decode(std::string_view(token).substr(d2 + 1), signature))
    return std::nullopt;

  auto header = nlohmann::json::parse(header_json, nullptr, false);
  if (!header.is_object() || !header.contains("alg") || header["alg"] != "HS256") return std::nullopt;
  if (header.contains("typ") && header["typ"] != "JWT") return std::nullopt;

  std::string expected = hmac_sha256(secret, std::string_view(token).substr(0, d2));
  if (!constant_time_equal(expected, signature)) return std::nullopt;

  auto p = nlohmann::json::parse(payload_json, nullptr, false);
  if (!p.is_object()) return std::nullopt;
  auto is_int = [&](const char *k) { return p.contains(k) && p[k].is_number_integer(); };
  if (!is_int("exp") || !is_int("iat") || !is_int("sid") || !p.contains("sub") || !p["sub"].is_string() ||
      p.value("iss", "") != kIssuer)
    return std::nullopt;
  AccessClaims c;
  try {
    std::size_t used = 0;
    const std::string sub = p["sub"].get<std::string>();
    c.user_id = std::stoll(sub, &used);
    if (used != sub.size() || c.user_id <= 0) return std::nullopt;
  } catch (const std::exception &) {
    return std::nullopt;
  }
  c.session_id = p["sid"].get<std::int64_t>();
  c.issued_at = p["iat"].get<std::int64_t>();
  c.expires_at = p["exp"].get<std::int64_t>();
  if (now >= c.expires_at) return std::nullopt;
  return c;
}

}  // namespace trae
