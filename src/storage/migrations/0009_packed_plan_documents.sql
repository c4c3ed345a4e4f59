-- Saved plans keep their documents packed (deflate with a preset dictionary,
-- src/storage/document_codec.cpp) in BLOB columns instead of JSON text.
--
-- A meal plan is about 3 KB of JSON, and SQLite gave nearly every such row a
-- 4 KB page of its own: the seeded million plans took 4.2 GB, two thirds of
-- the database, and every backup copied and checked them. Packed, a plan
-- row is about 0.9 KB and four share a page.
--
-- STRICT tables cannot change a column's type, so each table is rebuilt.
-- trae_pack_document() is registered on every connection the binary opens.
-- The freed pages stay in the file until VACUUM (docs/operations.md).

DROP INDEX meal_plans_user;
ALTER TABLE meal_plans RENAME TO meal_plans_text;
CREATE TABLE meal_plans (
  id             INTEGER PRIMARY KEY,
  user_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  days           INTEGER NOT NULL CHECK (days BETWEEN 1 AND 14),
  meals_per_day  INTEGER NOT NULL CHECK (meals_per_day BETWEEN 3 AND 6),
  target_kcal    REAL NOT NULL,
  request        BLOB NOT NULL,
  plan           BLOB NOT NULL,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
) STRICT;
INSERT INTO meal_plans
  SELECT id, user_id, days, meals_per_day, target_kcal, trae_pack_document(request),
         trae_pack_document(plan), created_at, updated_at
  FROM meal_plans_text ORDER BY id;
DROP TABLE meal_plans_text;
CREATE INDEX meal_plans_user ON meal_plans(user_id, created_at, id);

DROP INDEX workout_plans_user;
ALTER TABLE workout_plans RENAME TO workout_plans_text;
CREATE TABLE workout_plans (
  id                  INTEGER PRIMARY KEY,
  user_id             INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  days_per_week       INTEGER NOT NULL CHECK (days_per_week BETWEEN 2 AND 6),
  minutes_per_session INTEGER NOT NULL,
  goal                TEXT NOT NULL,
  request             BLOB NOT NULL,
  plan                BLOB NOT NULL,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL
) STRICT;
INSERT INTO workout_plans
  SELECT id, user_id, days_per_week, minutes_per_session, goal, trae_pack_document(request),
         trae_pack_document(plan), created_at, updated_at
  FROM workout_plans_text ORDER BY id;
DROP TABLE workout_plans_text;
CREATE INDEX workout_plans_user ON workout_plans(user_id, created_at, id);
