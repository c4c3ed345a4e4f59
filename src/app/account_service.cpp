#include "app/account_service.hpp"

#include "app/catalog_service.hpp"
#include "app/health_service.hpp"
#include "app/plan_views.hpp"
#include "app/views.hpp"
#include "core/error.hpp"
#include "storage/catalog_query.hpp"
#include "storage/plan_store.hpp"
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
    auto recipes = nlohmann::json::array();
    auto rs = c.prepare("SELECT id FROM recipes WHERE owner_id = ? ORDER BY created_at");
    rs->bind(1, static_cast<int64_t>(user_id));
    std::vector<long long> ids;
    while (rs->executeStep()) ids.push_back(rs->getColumn(0).getInt64());
    for (long long id : ids) {
      auto d = catalog_query::recipe_detail(c, id, user_id);
      if (!d) continue;
      nlohmann::json r = recipe_item_json(d->summary, user_id);
      r["description"] = d->description;
      r["steps"] = d->steps;
      nlohmann::json ing = nlohmann::json::array();
      for (const auto &i : d->ingredients)
        ing.push_back({{"food_id", i.food_id}, {"name", i.name}, {"grams", i.grams}});
      r["ingredients"] = ing;
      recipes.push_back(r);
    }
    doc["recipes"] = recipes;
    auto favorites = nlohmann::json::array();
    auto fs = c.prepare("SELECT recipe_id, created_at FROM favorites WHERE user_id = ? ORDER BY created_at");
    fs->bind(1, static_cast<int64_t>(user_id));
    while (fs->executeStep())
      favorites.push_back(
          {{"recipe_id", fs->getColumn(0).getInt64()}, {"added_at", iso_utc(fs->getColumn(1).getInt64())}});
    doc["favorites"] = favorites;
    // Every health log, times in UTC so the export reads the same anywhere.
    doc["health"] = HealthService::export_logs(c, user_id, TimeZone{});
    for (auto [key, kind] : {std::pair{"meal_plans", plan_store::Kind::meal},
                             std::pair{"workout_plans", plan_store::Kind::workout}}) {
      auto plans = nlohmann::json::array();
      for (const auto &p : plan_store::all_of(c, kind, user_id)) plans.push_back(saved_plan_json(p));
      doc[key] = plans;
    }
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
