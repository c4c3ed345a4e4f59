// Registration, sign-in, token rotation and sign-out.
//
// Access tokens are 15-minute HS256 JWTs naming the user and the session.
// Refresh tokens are 32 random bytes, stored only as SHA-256 hashes, and
// rotate on every use; presenting a token that was already rotated revokes
// its session (the whole family), since one of its holders is not the user.
#pragma once
#include <atomic>
#include <cstdint>
#include <string>

#include "core/account.hpp"
#include "core/clock.hpp"
#include "log/logger.hpp"
#include "security/password.hpp"
#include "storage/database.hpp"

namespace trae {

struct AuthSettings {
  std::string jwt_secret;
  long long access_ttl_s = 15 * 60;
  long long refresh_ttl_s = 30 * 24 * 3600;
  int max_failures = 10;                 // per account and per client address...
  long long failure_window_s = 15 * 60;  // ...inside this window
  PasswordParams password;
};

struct TokenPair {
  User user;
  std::string access_token;
  std::string refresh_token;
  long long expires_in = 0;
};

struct ClientInfo {
  std::string ip;
  std::string user_agent;
};

struct AuthUser {
  long long id = 0;
  long long session_id = 0;
};

class AuthService {
 public:
  AuthService(Database &db, const Clock &clock, AuthSettings settings, Logger &log);

  // Creates the account unless the email is taken, and says nothing of which
  // happened to the caller's client: both paths validate alike, hash the
  // password once and take the write lock, so neither the answer nor its
  // timing tells a taken address from a free one. Returns whether an account
  // was created (for the log and tests only; the API never shows it).
  bool register_account(const std::string &email, const std::string &password, const std::string &name);
  TokenPair login(const std::string &email, const std::string &password, const ClientInfo &client);
  TokenPair refresh(const std::string &refresh_token, const ClientInfo &client);
  void logout(const AuthUser &user);
  // Ends the session a refresh token belongs to; false if the token is unknown.
  bool revoke_refresh_session(const std::string &refresh_token);
  // Checks a bearer token and that its session is still live; throws Error(unauthorized).
  AuthUser authenticate(const std::string &access_token);
  User me(long long user_id);
  // How many argon2 hashes and verifications have run: tests compare paths by
  // the expensive work they do instead of by the clock.
  std::uint64_t password_work() const { return password_work_.load(); }

 private:
  TokenPair issue(Connection &c, const User &user, long long session_id, long long now);
  void check_throttle(const std::string &email, const std::string &ip, long long now);

  Database &db_;
  const Clock &clock_;
  AuthSettings settings_;
  Logger &log_;
  std::string dummy_hash_;
  std::atomic<std::uint64_t> password_work_{0};  // verified against for unknown emails, so timing is alike
};

}  // namespace trae
