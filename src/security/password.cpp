#include "security/password.hpp"

#include <argon2.h>

#include <stdexcept>

#include "security/crypto.hpp"

namespace trae {

std::string hash_password(const std::string &password, const PasswordParams &p) {
  return hash_password_with_salt(password, random_bytes(16), p);
}

std::string hash_password_with_salt(const std::string &password, const std::string &salt,
                                    const PasswordParams &p) {
  constexpr std::size_t kHashLen = 32;
  std::size_t enc_len = argon2_encodedlen(p.iterations, p.memory_kib, p.lanes,
                                          static_cast<uint32_t>(salt.size()), kHashLen, Argon2_id);
  std::string encoded(enc_len, '\0');
  int rc = argon2id_hash_encoded(p.iterations, p.memory_kib, p.lanes, password.data(), password.size(),
                                 salt.data(), salt.size(), kHashLen, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) throw std::runtime_error(std::string("argon2: ") + argon2_error_message(rc));
  encoded.resize(encoded.find('\0'));
  return encoded;
}

bool verify_password(const std::string &password, const std::string &encoded) {
  if (encoded.rfind("$argon2id$", 0) != 0) return false;
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

}  // namespace trae
