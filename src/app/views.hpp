// JSON views of domain values, shared by the API and the account export.
#pragma once
#include <nlohmann/json.hpp>

#include "core/account.hpp"
#include "core/calculator.hpp"
#include "core/profile.hpp"

namespace trae {

nlohmann::json to_json(const User &u);
nlohmann::json to_json(const Profile &p);
nlohmann::json to_json(const BodyReport &r);
std::string iso_utc(long long unix_seconds);
// Rounds to `digits` decimals for presentation.
double round_to(double v, int digits);

}  // namespace trae
