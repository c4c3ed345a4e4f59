// The JSON of a saved plan (meal or workout): its document plus id and creation time.
#pragma once
#include <nlohmann/json.hpp>

#include "storage/plan_store.hpp"

namespace trae {

nlohmann::json saved_plan_json(const plan_store::Saved &s);

}  // namespace trae
