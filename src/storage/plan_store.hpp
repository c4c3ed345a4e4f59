// Saved meal plans and workout plans, owned by one user each. Every read and
// write is scoped by the owner, so someone else's plan looks like no plan.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>

#include "core/search.hpp"
#include "storage/catalog_query.hpp"
#include "storage/database.hpp"

namespace trae::plan_store {

enum class Kind { meal, workout };

struct Saved {
  long long id = 0;
  long long created_at = 0;
  nlohmann::json request;  // the resolved request the plan came from
  nlohmann::json plan;     // the plan as the API shows it (without id and created_at)
};

// What a new plan row holds beyond its documents.
struct Header {
  long long user = 0;
  int days = 0;       // meal plans: days; workout plans: days per week
  int per_day = 0;    // meal plans: meals per day; workout plans: minutes per session
  double target = 0;  // meal plans: target kcal
  std::string goal;   // workout plans: the workout goal
};

long long insert(Connection &c, Kind k, const Header &h, const nlohmann::json &request,
                 const nlohmann::json &plan, long long now);
// The same with the documents already in their stored form (document_codec):
// the seeder copies one planned document to many users and packs it once.
long long insert_packed(Connection &c, Kind k, const Header &h, const std::string &request,
                        const std::string &plan, long long now);
void update_plan(Connection &c, Kind k, long long user, long long id, const nlohmann::json &plan,
                 long long now);
std::optional<Saved> get(Connection &c, Kind k, long long user, long long id);
bool remove(Connection &c, Kind k, long long user, long long id);
// Every plan of the user, oldest first (for the account export).
std::vector<Saved> all_of(Connection &c, Kind k, long long user);
// A plan as a list shows it: the row's day count (meal plans: days; workout
// plans: days per week) and the plan document's top-level members named in
// `members`, without the request. The members left out (a plan's days and
// grocery list, nearly all of it) are skipped by the parser, not built.
struct Outline {
  long long id = 0;
  long long created_at = 0;
  int days = 0;
  nlohmann::json plan;
};
// Newest first, with the shared paging rules (page/limit or cursor).
catalog_query::Result<Outline> list(Connection &c, Kind k, long long user, const Paging &p,
                                    const std::vector<std::string> &members);

}  // namespace trae::plan_store
