#include "storage/user_store.hpp"

#include <sqlite3.h>

#include "core/error.hpp"

namespace trae::user_store {
namespace {

SQLite::Column col(Stmt &st, int i) { return st->getColumn(i); }

std::optional<long long> optional_int(const SQLite::Column &c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt64();
}

}  // namespace

User insert_user(Connection &c, const std::string &email, const std::string &name,
                 const std::string &password_hash, long long now) {
  auto st = c.prepare(
      "INSERT INTO users(email, name, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT(email) DO NOTHING");
  st->bind(1, email);
  st->bind(2, name);
  st->bind(3, password_hash);
  st->bind(4, static_cast<int64_t>(now));
  st->bind(5, static_cast<int64_t>(now));
  if (st->exec() == 0) throw Error(ErrorCode::conflict, "an account with this email already exists", "email");
  return User{c.db().getLastInsertRowid(), email, name, now};
}

std::optional<Credentials> find_by_email(Connection &c, const std::string &email) {
  auto st = c.prepare("SELECT id, email, name, created_at, password_hash FROM users WHERE email = ?");
  st->bind(1, email);
  if (!st->executeStep()) return std::nullopt;
  return Credentials{
      User{col(st, 0).getInt64(), col(st, 1).getString(), col(st, 2).getString(), col(st, 3).getInt64()},
      col(st, 4).getString()};
}

std::optional<User> find_user(Connection &c, long long id) {
  auto st = c.prepare("SELECT id, email, name, created_at FROM users WHERE id = ?");
  st->bind(1, static_cast<int64_t>(id));
  if (!st->executeStep()) return std::nullopt;
  return User{col(st, 0).getInt64(), col(st, 1).getString(), col(st, 2).getString(), col(st, 3).getInt64()};
}

bool delete_user(Connection &c, long long id) {
  auto st = c.prepare("DELETE FROM users WHERE id = ?");
  st->bind(1, static_cast<int64_t>(id));
  return st->exec() > 0;
}

long long insert_session(Connection &c, long long user_id, long long now, long long expires_at,
                         const std::string &user_agent, const std::string &ip) {
  auto st = c.prepare(
      "INSERT INTO sessions(user_id, created_at, last_used_at, expires_at, user_agent, ip) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  st->bind(1, static_cast<int64_t>(user_id));
  st->bind(2, static_cast<int64_t>(now));
  st->bind(3, static_cast<int64_t>(now));
  st->bind(4, static_cast<int64_t>(expires_at));
  st->bind(5, user_agent.substr(0, 256));
  st->bind(6, ip);
  st->exec();
  return c.db().getLastInsertRowid();
}

void revoke_session(Connection &c, long long session_id, long long now, const std::string &reason) {
  auto st =
      c.prepare("UPDATE sessions SET revoked_at = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL");
  st->bind(1, static_cast<int64_t>(now));
  st->bind(2, reason);
  st->bind(3, static_cast<int64_t>(session_id));
  st->exec();
}

bool session_active(Connection &c, long long session_id, long long user_id, long long now) {
  auto st = c.prepare(
      "SELECT 1 FROM sessions WHERE id = ? AND user_id = ? AND revoked_at IS NULL AND expires_at > ?");
  st->bind(1, static_cast<int64_t>(session_id));
  st->bind(2, static_cast<int64_t>(user_id));
  st->bind(3, static_cast<int64_t>(now));
  return st->executeStep();
}

void insert_refresh_token(Connection &c, const std::string &token_hash, long long session_id, long long now) {
  auto st = c.prepare("INSERT INTO refresh_tokens(token_hash, session_id, created_at) VALUES (?, ?, ?)");
  st->bind(1, token_hash.data(), static_cast<int>(token_hash.size()));
  st->bind(2, static_cast<int64_t>(session_id));
  st->bind(3, static_cast<int64_t>(now));
  st->exec();
}

std::optional<RefreshRecord> find_refresh_token(Connection &c, const std::string &token_hash) {
  auto st = c.prepare(
      "SELECT t.session_id, s.user_id, t.used_at, s.revoked_at, s.expires_at "
      "FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id WHERE t.token_hash = ?");
  st->bind(1, token_hash.data(), static_cast<int>(token_hash.size()));
  if (!st->executeStep()) return std::nullopt;
  return RefreshRecord{col(st, 0).getInt64(), col(st, 1).getInt64(), optional_int(col(st, 2)),
                       optional_int(col(st, 3)), col(st, 4).getInt64()};
}

bool mark_refresh_token_used(Connection &c, const std::string &token_hash, long long now) {
  auto st = c.prepare("UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL");
  st->bind(1, static_cast<int64_t>(now));
  st->bind(2, token_hash.data(), static_cast<int>(token_hash.size()));
  return st->exec() > 0;
}

void touch_session(Connection &c, long long session_id, long long now, long long expires_at) {
  auto st = c.prepare("UPDATE sessions SET last_used_at = ?, expires_at = ? WHERE id = ?");
  st->bind(1, static_cast<int64_t>(now));
  st->bind(2, static_cast<int64_t>(expires_at));
  st->bind(3, static_cast<int64_t>(session_id));
  st->exec();
}

void record_failure(Connection &c, const std::string &scope, const std::string &key, long long now) {
  auto st = c.prepare("INSERT INTO auth_failures(scope, key, at) VALUES (?, ?, ?)");
  st->bind(1, scope);
  st->bind(2, key);
  st->bind(3, static_cast<int64_t>(now));
  st->exec();
}

std::optional<long long> nth_latest_failure(Connection &c, const std::string &scope, const std::string &key,
                                            long long since, int n) {
  auto st = c.prepare(
      "SELECT at FROM auth_failures WHERE scope = ? AND key = ? AND at > ? "
      "ORDER BY at DESC LIMIT 1 OFFSET ?");
  st->bind(1, scope);
  st->bind(2, key);
  st->bind(3, static_cast<int64_t>(since));
  st->bind(4, n - 1);
  if (!st->executeStep()) return std::nullopt;
  return col(st, 0).getInt64();
}

void clear_failures(Connection &c, const std::string &scope, const std::string &key) {
  auto st = c.prepare("DELETE FROM auth_failures WHERE scope = ? AND key = ?");
  st->bind(1, scope);
  st->bind(2, key);
  st->exec();
}

int prune(Connection &c, long long before) {
  int n = 0;
  {
    auto st = c.prepare("DELETE FROM auth_failures WHERE at < ?");
    st->bind(1, static_cast<int64_t>(before));
    n += st->exec();
  }
  {
    auto st = c.prepare("DELETE FROM sessions WHERE expires_at < ?");
    st->bind(1, static_cast<int64_t>(before));
    n += st->exec();
  }
  return n;
}

}  // namespace trae::user_store
