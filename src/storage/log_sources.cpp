#include "storage/log_sources.hpp"

namespace trae::log_sources {
namespace {

std::optional<double> nullable(const SQLite::Column &c) {
  if (c.isNull()) return std::nullopt;
  return c.getDouble();
}

std::optional<ExerciseFacts> exercise_where(Connection &c, const std::string &where,
                                            const std::function<void(Stmt &)> &bind) {
  auto st = c.prepare("SELECT id, name, met, muscle_mask FROM exercises WHERE " + where + " LIMIT 1");
  bind(st);
  if (!st->executeStep()) return std::nullopt;
  return ExerciseFacts{st->getColumn(0).getInt64(), st->getColumn(1).getString(),
                       st->getColumn(2).getDouble(), static_cast<Mask>(st->getColumn(3).getInt64())};
}

}  // namespace

std::optional<FoodFacts> food(Connection &c, long long id) {
  auto st = c.prepare(
      "SELECT name, kcal, protein_g, fat_g, carbs_g, fiber_g, sugar_g, sodium_mg FROM foods WHERE id = ?");
  st->bind(1, static_cast<int64_t>(id));
  if (!st->executeStep()) return std::nullopt;
  FoodFacts f;
  f.name = st->getColumn(0).getString();
  f.per_100g = {nullable(st->getColumn(1)), nullable(st->getColumn(2)), nullable(st->getColumn(3)),
                nullable(st->getColumn(4)), nullable(st->getColumn(5)), nullable(st->getColumn(6)),
                nullable(st->getColumn(7))};
  return f;
}

std::optional<ExerciseFacts> exercise(Connection &c, long long id) {
  return exercise_where(c, "id = ?", [&](Stmt &st) { st->bind(1, static_cast<int64_t>(id)); });
}

std::optional<ExerciseFacts> exercise_named(Connection &c, const std::string &name) {
  return exercise_where(c, "name = ?", [&](Stmt &st) { st->bind(1, name); });
}

}  // namespace trae::log_sources
