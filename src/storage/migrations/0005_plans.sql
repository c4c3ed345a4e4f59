-- Saved meal plans and weekly workout plans, and a revision counter that
-- tells the in-memory meal-plan candidate index when catalog recipes change.
--
-- A plan is stored as the document the API answers (`plan`) next to the
-- resolved request it came from (`request`: targets, restrictions, seed), so
-- that reading it back is exact and a swap can re-run the planner with the
-- same rules. Both are JSON written by the application.

CREATE TABLE meal_plans (
  id             INTEGER PRIMARY KEY,
  user_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  days           INTEGER NOT NULL CHECK (days BETWEEN 1 AND 14),
  meals_per_day  INTEGER NOT NULL CHECK (meals_per_day BETWEEN 3 AND 6),
  target_kcal    REAL NOT NULL,
  request        TEXT NOT NULL,
  plan           TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX meal_plans_user ON meal_plans(user_id, created_at, id);

CREATE TABLE workout_plans (
  id                  INTEGER PRIMARY KEY,
  user_id             INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  days_per_week       INTEGER NOT NULL CHECK (days_per_week BETWEEN 2 AND 6),
  minutes_per_session INTEGER NOT NULL,
  goal                TEXT NOT NULL,
  request             TEXT NOT NULL,
  plan                TEXT NOT NULL,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL
) STRICT;
CREATE INDEX workout_plans_user ON workout_plans(user_id, created_at, id);

-- Bumped by every change to a catalog recipe (owner_id IS NULL); users' own
-- recipes are read per request and do not need it.
CREATE TABLE catalog_recipe_revision (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n  INTEGER NOT NULL
) STRICT;
INSERT INTO catalog_recipe_revision (id, n) VALUES (1, 0);
CREATE TRIGGER recipes_revision_insert AFTER INSERT ON recipes WHEN new.owner_id IS NULL BEGIN
  UPDATE catalog_recipe_revision SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER recipes_revision_update AFTER UPDATE ON recipes
  WHEN old.owner_id IS NULL OR new.owner_id IS NULL BEGIN
  UPDATE catalog_recipe_revision SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER recipes_revision_delete AFTER DELETE ON recipes WHEN old.owner_id IS NULL BEGIN
  UPDATE catalog_recipe_revision SET n = n + 1 WHERE id = 1;
END;
