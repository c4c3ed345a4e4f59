// Users, sign-in sessions, refresh tokens and failed sign-ins.
// Every function takes the connection of the transaction it runs in.
#pragma once
#include <optional>
#include <string>

#include "core/account.hpp"
#include "storage/database.hpp"

namespace trae::user_store {

struct Credentials {
  User user;
  std::string password_hash;
};

// Throws Error(conflict) if the email is taken.
User insert_user(Connection &c, const std::string &email, const std::string &name,
                 const std::string &password_hash, long long now);
std::optional<Credentials> find_by_email(Connection &c, const std::string &email);
std::optional<User> find_user(Connection &c, long long id);
bool delete_user(Connection &c, long long id);

long long insert_session(Connection &c, long long user_id, long long now, long long expires_at,
                         const std::string &user_agent, const std::string &ip);
void revoke_session(Connection &c, long long session_id, long long now, const std::string &reason);
// True if the session exists, belongs to the user, is not revoked or expired.
bool session_active(Connection &c, long long session_id, long long user_id, long long now);

struct RefreshRecord {
  long long session_id = 0;
  long long user_id = 0;
  std::optional<long long> used_at;
  std::optional<long long> session_revoked_at;
  long long session_expires_at = 0;
};
void insert_refresh_token(Connection &c, const std::string &token_hash, long long session_id, long long now);
std::optional<RefreshRecord> find_refresh_token(Connection &c, const std::string &token_hash);
// Marks the token used; false if it was already used (a concurrent rotation).
bool mark_refresh_token_used(Connection &c, const std::string &token_hash, long long now);
void touch_session(Connection &c, long long session_id, long long now, long long expires_at);

void record_failure(Connection &c, const std::string &scope, const std::string &key, long long now);
// Time of the n-th most recent failure after `since`, if there are n.
std::optional<long long> nth_latest_failure(Connection &c, const std::string &scope, const std::string &key,
                                            long long since, int n);
void clear_failures(Connection &c, const std::string &scope, const std::string &key);
// Removes failures older than `before` and sessions expired before `before`.
int prune(Connection &c, long long before);

}  // namespace trae::user_store
