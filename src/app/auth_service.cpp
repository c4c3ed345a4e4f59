#include "app/auth_service.hpp"

#include "core/error.hpp"
#include "security/crypto.hpp"
#include "security/jwt.hpp"
#include "storage/user_store.hpp"

namespace trae {
namespace {

Error bad_credentials() { return Error(ErrorCode::unauthorized, "email or password is incorrect"); }

Error throttled(long long wait) {
  Error e(ErrorCode::rate_limited, "too many failed sign-ins; try again later");
  e.retry_after_s = static_cast<int>(wait);
  return e;
}

}  // namespace

AuthService::AuthService(Database &db, const Clock &clock, AuthSettings settings, Logger &log)
    : db_(db), clock_(clock), settings_(std::move(settings)), log_(log) {
  dummy_hash_ = hash_password(random_bytes(16), settings_.password);
}

TokenPair AuthService::issue(Connection &c, const User &user, long long session_id, long long now) {
  std::string refresh = base64url_encode(random_bytes(32));
  user_store::insert_refresh_token(c, sha256(refresh), session_id, now);
  AccessClaims claims{user.id, session_id, now, now + settings_.access_ttl_s};
  return TokenPair{user, sign_access_token(claims, settings_.jwt_secret), refresh, settings_.access_ttl_s};
}

bool AuthService::register_account(const std::string &email_in, const std::string &password,
                                   const std::string &name_in) {
  std::string email = normalize_email(email_in);
  check_password(password);
  std::string name = normalize_name(name_in);
  // Hash outside the write lock (argon2 takes tens of milliseconds), and
  // always: a taken address must cost the same as a free one.
  ++password_work_;
  std::string hash = hash_password(password, settings_.password);
  bool created = false;
  try {
    db_.write([&](Connection &c) {
      if (user_store::find_by_email(c, email)) return;
      user_store::insert_user(c, email, name, hash, clock_.now());
      created = true;
    });
  } catch (const Error &e) {
    if (e.code != ErrorCode::conflict) throw;  // a concurrent registration of the same address
    created = false;
  }
  if (created)
    log_.info("user registered");
  else
    log_.info("registration for a taken address ignored");
  return created;
}

void AuthService::check_throttle(const std::string &email, const std::string &ip, long long now) {
  long long since = now - settings_.failure_window_s;
  long long wait = 0;
  db_.read([&](Connection &c) {
    wait = std::max(
        throttle_wait(user_store::nth_latest_failure(c, "account", email, since, settings_.max_failures), now,
                      settings_.failure_window_s),
        throttle_wait(user_store::nth_latest_failure(c, "ip", ip, since, settings_.max_failures), now,
                      settings_.failure_window_s));
  });
  if (wait > 0) throw throttled(wait);
}

TokenPair AuthService::login(const std::string &email_in, const std::string &password,
                             const ClientInfo &client) {
  std::string email;
  try {
    email = normalize_email(email_in);
  } catch (const Error &) {
    email = email_in;  // still counted and throttled, still answered alike
  }
  long long now = clock_.now();
  check_throttle(email, client.ip, now);

  std::optional<user_store::Credentials> cred;
  db_.read([&](Connection &c) { cred = user_store::find_by_email(c, email); });
  // Always run one argon2 verification so unknown emails take as long as known ones.
  ++password_work_;
  bool ok = verify_password(password, cred ? cred->password_hash : dummy_hash_) && cred.has_value();
  if (!ok) {
    db_.write([&](Connection &c) {
      user_store::record_failure(c, "account", email, now);
      user_store::record_failure(c, "ip", client.ip, now);
    });
    log_.info("sign-in failed", {{"ip", client.ip}});
    throw bad_credentials();
  }
  TokenPair out;
  db_.write([&](Connection &c) {
    user_store::clear_failures(c, "account", email);
    long long sid = user_store::insert_session(c, cred->user.id, now, now + settings_.refresh_ttl_s,
                                               client.user_agent, client.ip);
    out = issue(c, cred->user, sid, now);
  });
  return out;
}

TokenPair AuthService::refresh(const std::string &token, const ClientInfo &) {
  if (token.empty() || token.size() > 128)
    throw Error(ErrorCode::unauthorized, "refresh token is invalid or expired");
  const std::string hash = sha256(token);
  TokenPair out;
  bool reuse = false;
  db_.write([&](Connection &c) {
    long long now = clock_.now();
    auto rec = user_store::find_refresh_token(c, hash);
    if (!rec || rec->session_revoked_at || rec->session_expires_at <= now) return;
    if (rec->used_at || !user_store::mark_refresh_token_used(c, hash, now)) {
      // A rotated token came back: someone holds a copy. End the whole family.
      user_store::revoke_session(c, rec->session_id, now, "refresh token reuse");
      reuse = true;
      return;
    }
    auto user = user_store::find_user(c, rec->user_id);
    if (!user) return;
    user_store::touch_session(c, rec->session_id, now, now + settings_.refresh_ttl_s);
    out = issue(c, *user, rec->session_id, now);
  });
  if (reuse) log_.warn("refresh token reuse; session revoked");
  if (out.access_token.empty()) throw Error(ErrorCode::unauthorized, "refresh token is invalid or expired");
  return out;
}

void AuthService::logout(const AuthUser &user) {
  db_.write([&](Connection &c) { user_store::revoke_session(c, user.session_id, clock_.now(), "logout"); });
}

bool AuthService::revoke_refresh_session(const std::string &token) {
  if (token.empty() || token.size() > 128) return false;
  bool found = false;
  db_.write([&](Connection &c) {
    auto rec = user_store::find_refresh_token(c, sha256(token));
    if (!rec) return;
    user_store::revoke_session(c, rec->session_id, clock_.now(), "logout");
    found = true;
  });
  return found;
}

AuthUser AuthService::authenticate(const std::string &access_token) {
  long long now = clock_.now();
  auto claims = verify_access_token(access_token, settings_.jwt_secret, now);
  if (!claims) throw Error(ErrorCode::unauthorized, "access token is missing, invalid or expired");
  bool live = false;
  db_.read(
      [&](Connection &c) { live = user_store::session_active(c, claims->session_id, claims->user_id, now); });
  if (!live) throw Error(ErrorCode::unauthorized, "the session has ended; sign in again");
  return AuthUser{claims->user_id, claims->session_id};
}

User AuthService::me(long long user_id) {
  std::optional<User> u;
  db_.read([&](Connection &c) { u = user_store::find_user(c, user_id); });
  if (!u) throw Error(ErrorCode::unauthorized, "the account no longer exists");
  return *u;
}

}  // namespace trae
