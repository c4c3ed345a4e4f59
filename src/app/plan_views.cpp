#include "app/plan_views.hpp"

#include "app/views.hpp"

namespace trae {

nlohmann::json saved_plan_json(const plan_store::Saved &s) {
  nlohmann::json j = s.plan;
  j["id"] = s.id;
  j["created_at"] = iso_utc(s.created_at);
  return j;
}

}  // namespace trae
