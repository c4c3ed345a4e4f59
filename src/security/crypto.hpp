// Small wrappers over OpenSSL: randomness, hashing, encodings.
#pragma once
#include <string>
#include <string_view>

namespace trae {

// n cryptographically secure random bytes.
std::string random_bytes(std::size_t n);
std::string base64url_encode(std::string_view bytes);
// Strict: rejects padding, whitespace and characters outside the alphabet.
bool base64url_decode(std::string_view text, std::string &out);
std::string sha256(std::string_view bytes);  // raw 32 bytes
std::string hex(std::string_view bytes);
std::string hmac_sha256(std::string_view key, std::string_view message);  // raw 32 bytes
// Constant-time equality for secrets (lengths are not secret).
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace trae
