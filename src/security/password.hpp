// Password hashing with argon2id (libargon2), in the PHC string format.
#pragma once
#include <string>

namespace trae {

struct PasswordParams {
  // OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
  unsigned memory_kib = 19 * 1024;
  unsigned iterations = 2;
  unsigned lanes = 1;
};

std::string hash_password(const std::string &password, const PasswordParams &params = {});
// With a given salt (at least 8 bytes): only for reproducible data such as
// `trae-health seed`'s demo accounts. Real accounts use hash_password.
std::string hash_password_with_salt(const std::string &password, const std::string &salt,
                                    const PasswordParams &params = {});
// False for a wrong password or a malformed hash; never throws for bad input.
bool verify_password(const std::string &password, const std::string &encoded_hash);

}  // namespace trae
