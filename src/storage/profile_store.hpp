// Profiles: one row per user; a user without a row has the default profile.
#pragma once
#include "core/profile.hpp"
#include "storage/database.hpp"

namespace trae::profile_store {

Profile load(Connection &c, long long user_id);
void save(Connection &c, long long user_id, const Profile &p, long long now);

}  // namespace trae::profile_store
