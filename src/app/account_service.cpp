#include "app/account_service.hpp"

#include "app/views.hpp"
#include "core/error.hpp"
#include "storage/profile_store.hpp"
#include "storage/user_store.hpp"

namespace trae {

Profile AccountService::profile(long long user_id) {
  Profile p;
  db_.read([&](Connection &c) { p = profile_store::load(c, user_id); });
  return p;
}

Profile AccountService::update_profile(long long user_id, const ProfilePatch &patch) {
  Profile out;
  db_.write([&](Connection &c) {
    long long now = clock_.now();
    out = apply_patch(profile_store::load(c, user_id), patch, utc_date(now));
    profile_store::save(c, user_id, out, now);
  });
  return out;
}

nlohmann::json AccountService::export_all(long long user_id) {
  nlohmann::json doc;
  db_.read([&](Connection &c) {
    auto user = user_store::find_user(c, user_id);
    if (!user) throw not_found("account");
    doc["format"] = "trae-health-export/1";
    doc["exported_at"] = iso_utc(clock_.now());
    doc["user"] = to_json(*user);
    doc["profile"] = to_json(profile_store::load(c, user_id));
    auto sessions = nlohmann::json::array();
    auto st = c.prepare(
        "SELECT id, created_at, last_used_at, expires_at, revoked_at, user_agent, ip "
        "FROM sessions WHERE user_id = ? ORDER BY id");
    st->bind(1, static_cast<int64_t>(user_id));
    while (st->executeStep()) {
      auto revoked = st->getColumn(4);
      sessions.push_back({{"id", st->getColumn(0).getInt64()},
                          {"created_at", iso_utc(st->getColumn(1).getInt64())},
                          {"last_used_at", iso_utc(st->getColumn(2).getInt64())},
                          {"expires_at", iso_utc(st->getColumn(3).getInt64())},
                          {"revoked_at", revoked.isNull() ? nlohmann::json(nullptr)
                                                          : nlohmann::json(iso_utc(revoked.getInt64()))},
                          {"user_agent", st->getColumn(5).getString()},
                          {"ip", st->getColumn(6).getString()}});
    }
    doc["sessions"] = sessions;
  });
  return doc;
}

void AccountService::delete_account(long long user_id) {
  bool deleted = false;
  db_.write([&](Connection &c) { deleted = user_store::delete_user(c, user_id); });
  if (!deleted) throw not_found("account");
  log_.info("account deleted", {{"user_id", user_id}});
}

}  // namespace trae
