// The signed-in user's own data: profile, export and deletion.
#pragma once
#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/profile.hpp"
#include "log/logger.hpp"
#include "storage/database.hpp"

namespace trae {

class AccountService {
 public:
  AccountService(Database &db, const Clock &clock, Logger &log) : db_(db), clock_(clock), log_(log) {}

  Profile profile(long long user_id);
  Profile update_profile(long long user_id, const ProfilePatch &patch);
  // Everything stored about the user, as one JSON document.
  nlohmann::json export_all(long long user_id);
  // Removes the user and, through ON DELETE CASCADE, all their data.
  void delete_account(long long user_id);

 private:
  Database &db_;
  const Clock &clock_;
  Logger &log_;
};

}  // namespace trae
