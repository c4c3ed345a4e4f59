-- The whole current schema of trae-health (schema version 8).
-- The binary builds it with the numbered migrations in src/storage/migrations/;
-- a test checks that applying this file gives exactly the same tables and indexes.

-- Accounts, sign-in sessions (refresh-token families) and failed sign-ins.
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
) STRICT;

-- One row per sign-in. Every refresh token descends from one session; reusing
-- a rotated token revokes the session, and with it the whole family.
CREATE TABLE sessions (
  id            INTEGER PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at    INTEGER NOT NULL,
  last_used_at  INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,
  revoked_at    INTEGER,
  revoke_reason TEXT,
  user_agent    TEXT,
  ip            TEXT
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

-- Refresh tokens are opaque; only their SHA-256 is stored.
CREATE TABLE refresh_tokens (
  token_hash BLOB PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  used_at    INTEGER
) STRICT, WITHOUT ROWID;
CREATE INDEX refresh_tokens_session ON refresh_tokens(session_id);

-- Failed sign-ins, per account (normalized email) and per client address.
CREATE TABLE auth_failures (
  scope TEXT NOT NULL CHECK (scope IN ('account', 'ip')),
  key   TEXT NOT NULL,
  at    INTEGER NOT NULL
) STRICT;
CREATE INDEX auth_failures_key ON auth_failures(scope, key, at);

-- One profile per user: body data, goals, restrictions and preferences.
-- Lists are JSON arrays of vocabulary words; measurements are metric.
CREATE TABLE profiles (
  user_id        INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  sex            TEXT CHECK (sex IN ('male', 'female')),
  birth_date     TEXT,
  height_cm      REAL,
  weight_kg      REAL,
  activity_level TEXT,
  goal           TEXT,
  diet           TEXT,
  allergies      TEXT NOT NULL DEFAULT '[]',
  equipment      TEXT NOT NULL DEFAULT '[]',
  units          TEXT NOT NULL DEFAULT 'metric',
  timezone       TEXT NOT NULL DEFAULT 'UTC',
  language       TEXT NOT NULL DEFAULT 'en',
  water_goal_ml  INTEGER NOT NULL DEFAULT 2000,
  steps_goal     INTEGER NOT NULL DEFAULT 8000,
  updated_at     INTEGER NOT NULL
) STRICT;

-- The nutrition and fitness catalog: foods with nutrients and household
-- measures, recipes built from foods, exercises, workouts built from
-- exercises, and full-text indexes over them.
--
-- Derived columns (nutrition per serving, diet tags, allergen and muscle
-- masks, minutes, kcal) are computed by the application from the rows they
-- derive from, never typed in. Bit positions are defined in src/core/catalog.hpp.

CREATE TABLE food_groups (
  code TEXT PRIMARY KEY,      -- USDA food group code, e.g. '0100'
  name TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE foods (
  id             INTEGER PRIMARY KEY,
  source         TEXT NOT NULL,          -- 'seed' or 'usda'
  source_key     TEXT NOT NULL,          -- seed key or NDB number
  name           TEXT NOT NULL,
  group_code     TEXT NOT NULL REFERENCES food_groups(code),
  -- per 100 g of edible portion; NULL means unknown, never zero
  kcal           REAL,
  protein_g      REAL,
  fat_g          REAL,
  carbs_g        REAL,
  fiber_g        REAL,
  sugar_g        REAL,
  sodium_mg      REAL,
  nutrients      TEXT NOT NULL DEFAULT '{}',  -- every known nutrient, JSON {name: value}
  allergens      INTEGER NOT NULL DEFAULT 0,  -- allergen bits
  traits         INTEGER NOT NULL DEFAULT 0,  -- meat, pork, fish, ... bits
  updated_at     INTEGER NOT NULL,
  UNIQUE (source, source_key)
) STRICT;
CREATE INDEX foods_group ON foods(group_code, name);
CREATE INDEX foods_name ON foods(name);

CREATE TABLE food_measures (
  food_id INTEGER NOT NULL REFERENCES foods(id) ON DELETE CASCADE,
  seq     INTEGER NOT NULL,
  label   TEXT NOT NULL,               -- e.g. '1 cup'
  grams   REAL NOT NULL,
  PRIMARY KEY (food_id, seq)
) STRICT, WITHOUT ROWID;

CREATE VIRTUAL TABLE foods_fts USING fts5(name, content='foods', content_rowid='id', prefix='2 3');
CREATE TRIGGER foods_fts_insert AFTER INSERT ON foods BEGIN
  INSERT INTO foods_fts(rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER foods_fts_delete AFTER DELETE ON foods BEGIN
  INSERT INTO foods_fts(foods_fts, rowid, name) VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER foods_fts_update AFTER UPDATE OF name ON foods BEGIN
  INSERT INTO foods_fts(foods_fts, rowid, name) VALUES ('delete', old.id, old.name);
  INSERT INTO foods_fts(rowid, name) VALUES (new.id, new.name);
END;

CREATE TABLE recipes (
  id            INTEGER PRIMARY KEY,
  source        TEXT NOT NULL,          -- 'seed', 'generated' or 'user'
  source_key    TEXT,                   -- stable key of catalog recipes
  owner_id      INTEGER REFERENCES users(id) ON DELETE CASCADE,  -- NULL for catalog recipes
  name          TEXT NOT NULL,
  description   TEXT NOT NULL DEFAULT '',
  cuisine       TEXT NOT NULL,
  meal_type     TEXT NOT NULL CHECK (meal_type IN ('breakfast', 'lunch', 'dinner', 'snack')),
  servings      INTEGER NOT NULL CHECK (servings BETWEEN 1 AND 100),
  prep_minutes  INTEGER NOT NULL,
  cook_minutes  INTEGER NOT NULL,
  steps         TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
  -- per serving, computed from the ingredients
  kcal          REAL NOT NULL,
  protein_g     REAL NOT NULL,
  fat_g         REAL NOT NULL,
  carbs_g       REAL NOT NULL,
  fiber_g       REAL NOT NULL,
  sugar_g       REAL NOT NULL,
  sodium_mg     REAL NOT NULL,
  diet_tags     INTEGER NOT NULL,       -- diet bits
  allergens     INTEGER NOT NULL,       -- allergen bits
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX recipes_source_key ON recipes(source, source_key) WHERE source_key IS NOT NULL;
CREATE INDEX recipes_owner ON recipes(owner_id, created_at);
CREATE INDEX recipes_newest ON recipes(created_at, id);
CREATE INDEX recipes_kcal ON recipes(kcal, id);
CREATE INDEX recipes_protein ON recipes(protein_g, id);
CREATE INDEX recipes_prep ON recipes(prep_minutes, id);
CREATE INDEX recipes_meal_kcal ON recipes(meal_type, kcal, id);
CREATE INDEX recipes_cuisine_kcal ON recipes(cuisine, kcal, id);
-- Sorted browsing inside a cuisine or a meal type reads the page straight off
-- one of these in the requested order, instead of sorting every match.
CREATE INDEX recipes_cuisine_newest ON recipes(cuisine, created_at, id);
CREATE INDEX recipes_meal_newest ON recipes(meal_type, created_at, id);
CREATE INDEX recipes_meal_protein ON recipes(meal_type, protein_g, id);
CREATE INDEX recipes_meal_prep ON recipes(meal_type, prep_minutes, id);

CREATE TABLE recipe_ingredients (
  recipe_id INTEGER NOT NULL REFERENCES recipes(id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  food_id   INTEGER NOT NULL REFERENCES foods(id),
  grams     REAL NOT NULL CHECK (grams > 0),
  PRIMARY KEY (recipe_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX recipe_ingredients_food ON recipe_ingredients(food_id);

-- Full-text search over name, ingredient names and cuisine; kept by the
-- application, which knows the ingredient names when it writes a recipe.
-- Prefixes of 2 to 8 characters are indexed, so that a search word's walk
-- down its doclist stops when the page is full (migration 0008).
CREATE VIRTUAL TABLE recipes_fts USING fts5(name, ingredients, cuisine, prefix='2 3 4 5 6 7 8');
-- Deletions, including those cascading from a deleted account, clean up too.
CREATE TRIGGER recipes_fts_delete AFTER DELETE ON recipes BEGIN
  DELETE FROM recipes_fts WHERE rowid = old.id;
END;

CREATE TABLE favorites (
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  recipe_id  INTEGER NOT NULL REFERENCES recipes(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, recipe_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX favorites_recipe ON favorites(recipe_id);

CREATE TABLE exercises (
  id                INTEGER PRIMARY KEY,
  source            TEXT NOT NULL,      -- 'seed' or 'free-exercise-db'
  source_key        TEXT NOT NULL,
  name              TEXT NOT NULL,
  category          TEXT NOT NULL,
  level             TEXT NOT NULL CHECK (level IN ('beginner', 'intermediate', 'expert')),
  force             TEXT,
  mechanic          TEXT,
  equipment         TEXT NOT NULL,      -- one of the equipment vocabulary
  primary_muscles   TEXT NOT NULL DEFAULT '[]',
  secondary_muscles TEXT NOT NULL DEFAULT '[]',
  muscle_mask       INTEGER NOT NULL,   -- primary and secondary muscles
  instructions      TEXT NOT NULL DEFAULT '[]',
  met               REAL NOT NULL,
  updated_at        INTEGER NOT NULL,
  UNIQUE (source, source_key)
) STRICT;
CREATE INDEX exercises_level ON exercises(level, name);
CREATE INDEX exercises_equipment ON exercises(equipment, name);
CREATE INDEX exercises_category ON exercises(category, name);
CREATE INDEX exercises_name ON exercises(name);

CREATE TABLE exercise_muscles (
  muscle      TEXT NOT NULL,
  exercise_id INTEGER NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
  PRIMARY KEY (muscle, exercise_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX exercise_muscles_exercise ON exercise_muscles(exercise_id);

CREATE VIRTUAL TABLE exercises_fts USING fts5(name, content='exercises', content_rowid='id', prefix='2 3');
CREATE TRIGGER exercises_fts_insert AFTER INSERT ON exercises BEGIN
  INSERT INTO exercises_fts(rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER exercises_fts_delete AFTER DELETE ON exercises BEGIN
  INSERT INTO exercises_fts(exercises_fts, rowid, name) VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER exercises_fts_update AFTER UPDATE OF name ON exercises BEGIN
  INSERT INTO exercises_fts(exercises_fts, rowid, name) VALUES ('delete', old.id, old.name);
  INSERT INTO exercises_fts(rowid, name) VALUES (new.id, new.name);
END;

CREATE TABLE workouts (
  id            INTEGER PRIMARY KEY,
  source        TEXT NOT NULL,          -- 'seed' or 'generated'
  source_key    TEXT,
  name          TEXT NOT NULL,
  description   TEXT NOT NULL DEFAULT '',
  level         TEXT NOT NULL CHECK (level IN ('beginner', 'intermediate', 'expert')),
  goal          TEXT NOT NULL CHECK (goal IN ('strength', 'hypertrophy', 'endurance', 'fat_loss', 'mobility')),
  muscle_mask   INTEGER NOT NULL,
  equip_mask    INTEGER NOT NULL,       -- equipment needed beyond the body
  total_minutes INTEGER NOT NULL,
  kcal_70kg     REAL NOT NULL,
  created_at    INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX workouts_source_key ON workouts(source, source_key) WHERE source_key IS NOT NULL;
CREATE INDEX workouts_goal ON workouts(goal, level, total_minutes, id);
CREATE INDEX workouts_goal_equip ON workouts(goal, equip_mask, total_minutes, id);
CREATE INDEX workouts_goal_minutes ON workouts(goal, total_minutes, id, equip_mask);
-- Also carries the masks, so "muscle X at level L" is answered from the index
-- (muscle_mask & bit) without a row per candidate (migration 0010).
CREATE INDEX workouts_level_masks ON workouts(level, total_minutes, id, muscle_mask, equip_mask);
CREATE INDEX workouts_minutes ON workouts(total_minutes, id);
CREATE INDEX workouts_newest ON workouts(created_at, id);
CREATE INDEX workouts_equip ON workouts(equip_mask, total_minutes, id);
CREATE INDEX workouts_equip_newest ON workouts(equip_mask, created_at, id);

CREATE TABLE workout_exercises (
  workout_id  INTEGER NOT NULL REFERENCES workouts(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  exercise_id INTEGER NOT NULL REFERENCES exercises(id),
  sets        INTEGER NOT NULL CHECK (sets > 0),
  reps        INTEGER,
  duration_s  INTEGER,
  rest_s      INTEGER NOT NULL,
  PRIMARY KEY (workout_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX workout_exercises_exercise ON workout_exercises(exercise_id);

-- total_minutes and equip_mask copy the workout's, so that one covering index
-- answers the muscle filter in minutes order (kept in step by a trigger).
CREATE TABLE workout_muscles (
  muscle        TEXT NOT NULL,
  workout_id    INTEGER NOT NULL REFERENCES workouts(id) ON DELETE CASCADE,
  total_minutes INTEGER NOT NULL DEFAULT 0,
  equip_mask    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (muscle, workout_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX workout_muscles_workout ON workout_muscles(workout_id);
CREATE INDEX workout_muscles_minutes ON workout_muscles(muscle, total_minutes, workout_id, equip_mask);
CREATE TRIGGER workout_muscles_follow AFTER UPDATE OF total_minutes, equip_mask ON workouts BEGIN
  UPDATE workout_muscles SET total_minutes = new.total_minutes, equip_mask = new.equip_mask
  WHERE workout_id = new.id;
END;

CREATE VIRTUAL TABLE workouts_fts USING fts5(name, content='workouts', content_rowid='id',
                                             prefix='2 3 4 5 6 7 8');
CREATE TRIGGER workouts_fts_insert AFTER INSERT ON workouts BEGIN
  INSERT INTO workouts_fts(rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER workouts_fts_delete AFTER DELETE ON workouts BEGIN
  INSERT INTO workouts_fts(workouts_fts, rowid, name) VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER workouts_fts_update AFTER UPDATE OF name ON workouts BEGIN
  INSERT INTO workouts_fts(workouts_fts, rowid, name) VALUES ('delete', old.id, old.name);
  INSERT INTO workouts_fts(rowid, name) VALUES (new.id, new.name);
END;

-- Diet filters are bit tests, which a plain index cannot answer; one partial
-- index per diet holds just the recipes of that diet, in the order the common
-- browse queries want (by meal type and energy). Queries spell the bit test
-- exactly as here so that SQLite can use them.
CREATE INDEX recipes_diet_vegetarian ON recipes(meal_type, kcal, id) WHERE diet_tags & 1 != 0;
CREATE INDEX recipes_diet_vegan ON recipes(meal_type, kcal, id) WHERE diet_tags & 2 != 0;
CREATE INDEX recipes_diet_pescatarian ON recipes(meal_type, kcal, id) WHERE diet_tags & 4 != 0;
CREATE INDEX recipes_diet_keto ON recipes(meal_type, kcal, id) WHERE diet_tags & 8 != 0;
CREATE INDEX recipes_diet_halal ON recipes(meal_type, kcal, id) WHERE diet_tags & 16 != 0;
CREATE INDEX recipes_diet_gluten_free ON recipes(meal_type, kcal, id) WHERE diet_tags & 32 != 0;
CREATE INDEX recipes_diet_dairy_free ON recipes(meal_type, kcal, id) WHERE diet_tags & 64 != 0;

-- Health logs. Every table has the same spine: the owner, the instant of the
-- entry (`at`, Unix seconds) and its local day (`day`, 'YYYY-MM-DD' in the
-- owner's time zone when the entry was written), so that per-day queries are
-- index range scans on (user_id, day, at) instead of time zone arithmetic in
-- SQL. See docs/health.md.

CREATE TABLE weight_logs (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  at         INTEGER NOT NULL,
  day        TEXT NOT NULL,
  weight_kg  REAL NOT NULL CHECK (weight_kg BETWEEN 20 AND 400),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX weight_logs_user_time ON weight_logs(user_id, day, at, weight_kg);

CREATE TABLE measurement_logs (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  at           INTEGER NOT NULL,
  day          TEXT NOT NULL,
  waist_cm     REAL,
  hip_cm       REAL,
  neck_cm      REAL,
  chest_cm     REAL,
  arm_cm       REAL,
  thigh_cm     REAL,
  body_fat_pct REAL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX measurement_logs_user_time ON measurement_logs(user_id, day, at);

CREATE TABLE water_logs (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  at         INTEGER NOT NULL,
  day        TEXT NOT NULL,
  ml         INTEGER NOT NULL CHECK (ml > 0),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX water_logs_user_time ON water_logs(user_id, day, at, ml);

-- A night belongs to the day it ends on (the day one wakes up).
CREATE TABLE sleep_logs (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  at         INTEGER NOT NULL,           -- end of the sleep
  day        TEXT NOT NULL,
  start_at   INTEGER NOT NULL,
  minutes    INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
  quality    INTEGER CHECK (quality BETWEEN 1 AND 5),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sleep_logs_user_time ON sleep_logs(user_id, day, at, minutes, quality);

-- One count per day; `at` is the local midnight that starts the day.
CREATE TABLE step_logs (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  at         INTEGER NOT NULL,
  day        TEXT NOT NULL,
  count      INTEGER NOT NULL CHECK (count BETWEEN 0 AND 200000),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (user_id, day)
) STRICT;
CREATE INDEX step_logs_user_time ON step_logs(user_id, day, at, count);

CREATE TABLE heart_rate_logs (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  at         INTEGER NOT NULL,
  day        TEXT NOT NULL,
  bpm        INTEGER NOT NULL CHECK (bpm BETWEEN 25 AND 250),
  resting    INTEGER NOT NULL CHECK (resting IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX heart_rate_logs_user_time ON heart_rate_logs(user_id, day, at);

-- Name and nutrition are copied at the moment of logging, so later edits of
-- a food or recipe (or its deletion) never rewrite what was eaten.
CREATE TABLE food_logs (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  at         INTEGER NOT NULL,
  day        TEXT NOT NULL,
  food_id    INTEGER REFERENCES foods(id) ON DELETE SET NULL,
  recipe_id  INTEGER REFERENCES recipes(id) ON DELETE SET NULL,
  grams      REAL,
  servings   REAL,
  meal_slot  TEXT NOT NULL CHECK (meal_slot IN ('breakfast', 'lunch', 'dinner', 'snack')),
  name       TEXT NOT NULL,
  kcal       REAL NOT NULL,
  protein_g  REAL NOT NULL,
  fat_g      REAL NOT NULL,
  carbs_g    REAL NOT NULL,
  fiber_g    REAL NOT NULL,
  sugar_g    REAL NOT NULL,
  sodium_mg  REAL NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX food_logs_user_time ON food_logs(user_id, day, at, kcal, protein_g, fat_g, carbs_g);
-- For the foreign keys: deleting a food or recipe finds its log rows by index.
CREATE INDEX food_logs_food ON food_logs(food_id) WHERE food_id IS NOT NULL;
CREATE INDEX food_logs_recipe ON food_logs(recipe_id) WHERE recipe_id IS NOT NULL;

-- kcal_burned and muscle_mask (bits of core/catalog.hpp muscle_names()) are
-- computed when the entry is written; exercises is a JSON array of
-- {exercise_id, name, sets, reps, weight_kg}.
CREATE TABLE workout_logs (
  id               INTEGER PRIMARY KEY,
  user_id          INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  at               INTEGER NOT NULL,
  day              TEXT NOT NULL,
  workout_id       INTEGER REFERENCES workouts(id) ON DELETE SET NULL,
  name             TEXT NOT NULL,
  exercises        TEXT NOT NULL DEFAULT '[]',
  duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
  rpe              INTEGER CHECK (rpe BETWEEN 1 AND 10),
  kcal_burned      REAL NOT NULL,
  muscle_mask      INTEGER NOT NULL,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX workout_logs_user_time
  ON workout_logs(user_id, day, at, duration_minutes, kcal_burned, muscle_mask);
CREATE INDEX workout_logs_workout ON workout_logs(workout_id) WHERE workout_id IS NOT NULL;

-- The (user_id, day, at) indexes carry the columns the day sums add up, so the
-- dashboard and summaries never read table rows (migration 0011).

-- Every (user, day) of every log, one row per entry. Constraints on it are
-- pushed into each table's (user_id, day, ...) index.
CREATE VIEW log_days AS
SELECT user_id, day FROM weight_logs
UNION ALL SELECT user_id, day FROM measurement_logs
UNION ALL SELECT user_id, day FROM water_logs
UNION ALL SELECT user_id, day FROM sleep_logs
UNION ALL SELECT user_id, day FROM step_logs
UNION ALL SELECT user_id, day FROM heart_rate_logs
UNION ALL SELECT user_id, day FROM food_logs
UNION ALL SELECT user_id, day FROM workout_logs;

-- One row per user and local day on which they logged anything (the streaks),
-- kept by triggers whichever path writes a log.
CREATE TABLE active_days (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  day     TEXT NOT NULL,
  PRIMARY KEY (user_id, day)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER weight_logs_day_insert AFTER INSERT ON weight_logs BEGIN
  INSERT OR IGNORE INTO active_days (user_id, day) VALUES (new.user_id, new.day);
END;
CREATE TRIGGER weight_logs_day_update AFTER UPDATE OF user_id, day ON weight_logs BEGIN
  INSERT OR IGNORE INTO active_days (user_id, day) VALUES (new.user_id, new.day);
  DELETE FROM active_days WHERE user_id = old.user_id AND day = old.day
    AND NOT EXISTS (SELECT 1 FROM log_days WHERE user_id = old.user_id AND day = old.day);
END;
CREATE TRIGGER weight_logs_day_delete AFTER DELETE ON weight_logs BEGIN
  DELETE FROM active_days WHERE user_id = old.user_id AND day = old.day
    AND NOT EXISTS (SELECT 1 FROM log_days WHERE user_id = old.user_id AND day = old.day);
END;
CREATE TRIGGER measurement_logs_day_insert AFTER INSERT ON measurement_logs BEGIN
  INSERT OR IGNORE INTO active_days (user_id, day) VALUES (new.user_id, new.day);
END;
CREATE TRIGGER measurement_logs_day_update AFTER UPDATE OF user_id, day ON measurement_logs BEGIN
  INSERT OR IGNORE INTO active_days (user_id, day) VALUES (new.user_id, new.day);
  DELETE FROM active_days WHERE user_id = old.user_id AND day = old.day
    AND NOT EXISTS (SELECT 1 FROM log_days WHERE user_id = old.user_id AND day = old.day);
END;
CREATE TRIGGER measurement_logs_day_delete AFTER DELETE ON measurement_logs BEGIN
  DELETE FROM active_days WHERE user_id = old.user_id AND day = old.day
    AND NOT EXISTS (SELECT 1 FROM log_days WHERE user_id = old.user_id AND day = old.day);
END;
CREATE TRIGGER water_logs_day_insert AFTER INSERT ON water_logs BEGIN
  INSERT OR IGNORE INTO active_days (user_id, day) VALUES (new.user_id, new.day);
END;
CREATE TRIGGER water_logs_day_update AFTER UPDATE OF user_id, day ON water_logs BEGIN
  INSERT OR IGNORE INTO active_days (user_id, day) VALUES (new.user_id, new.day);
  DELETE FROM active_days WHERE user_id = old.user_id AND day = old.day
    AND NOT EXISTS (SELECT 1 FROM log_days WHERE user_id = old.user_id AND day = old.day);
END;
CREATE TRIGGER water_logs_day_delete AFTER DELETE ON water_logs BEGIN
  DELETE FROM active_days WHERE user_id = old.user_id AND day = old.day
    AND NOT EXISTS (SELECT 1 FROM log_days WHERE user_id = old.user_id AND day = old.day);
END;
CREATE TRIGGER sleep_logs_day_insert AFTER INSERT ON sleep_logs BEGIN
  INSERT OR IGNORE INTO active_days (user_id, day) VALUES (new.user_id, new.day);
END;
CREATE TRIGGER sleep_logs_day_update AFTER UPDATE OF user_id, day ON sleep_logs BEGIN
  INSERT OR IGNORE INTO active_days (user_id, day) VALUES (new.user_id, new.day);
  DELETE FROM active_days WHERE user_id = old.user_id AND day = old.day
    AND NOT EXISTS (SELECT 1 FROM log_days WHERE user_id = old.user_id AND day = old.day);
END;
CREATE TRIGGER sleep_logs_day_delete AFTER DELETE ON sleep_logs BEGIN
  DELETE FROM active_days WHERE user_id = old.user_id AND day = old.day
    AND NOT EXISTS (SELECT 1 FROM log_days WHERE user_id = old.user_id AND day = old.day);
END;
CREATE TRIGGER step_logs_day_insert AFTER INSERT ON step_logs BEGIN
  INSERT OR IGNORE INTO active_days (user_id, day) VALUES (new.user_id, new.day);
END;
CREATE TRIGGER step_logs_day_update AFTER UPDATE OF user_id, day ON step_logs BEGIN
  INSERT OR IGNORE INTO active_days (user_id, day) VALUES (new.user_id, new.day);
  DELETE FROM active_days WHERE user_id = old.user_id AND day = old.day
    AND NOT EXISTS (SELECT 1 FROM log_days WHERE user_id = old.user_id AND day = old.day);
END;
CREATE TRIGGER step_logs_day_delete AFTER DELETE ON step_logs BEGIN
  DELETE FROM active_days WHERE user_id = old.user_id AND day = old.day
    AND NOT EXISTS (SELECT 1 FROM log_days WHERE user_id = old.user_id AND day = old.day);
END;
CREATE TRIGGER heart_rate_logs_day_insert AFTER INSERT ON heart_rate_logs BEGIN
  INSERT OR IGNORE INTO active_days (user_id, day) VALUES (new.user_id, new.day);
END;
CREATE TRIGGER heart_rate_logs_day_update AFTER UPDATE OF user_id, day ON heart_rate_logs BEGIN
  INSERT OR IGNORE INTO active_days (user_id, day) VALUES (new.user_id, new.day);
  DELETE FROM active_days WHERE user_id = old.user_id AND day = old.day
    AND NOT EXISTS (SELECT 1 FROM log_days WHERE user_id = old.user_id AND day = old.day);
END;
CREATE TRIGGER heart_rate_logs_day_delete AFTER DELETE ON heart_rate_logs BEGIN
  DELETE FROM active_days WHERE user_id = old.user_id AND day = old.day
    AND NOT EXISTS (SELECT 1 FROM log_days WHERE user_id = old.user_id AND day = old.day);
END;
CREATE TRIGGER food_logs_day_insert AFTER INSERT ON food_logs BEGIN
  INSERT OR IGNORE INTO active_days (user_id, day) VALUES (new.user_id, new.day);
END;
CREATE TRIGGER food_logs_day_update AFTER UPDATE OF user_id, day ON food_logs BEGIN
  INSERT OR IGNORE INTO active_days (user_id, day) VALUES (new.user_id, new.day);
  DELETE FROM active_days WHERE user_id = old.user_id AND day = old.day
    AND NOT EXISTS (SELECT 1 FROM log_days WHERE user_id = old.user_id AND day = old.day);
END;
CREATE TRIGGER food_logs_day_delete AFTER DELETE ON food_logs BEGIN
  DELETE FROM active_days WHERE user_id = old.user_id AND day = old.day
    AND NOT EXISTS (SELECT 1 FROM log_days WHERE user_id = old.user_id AND day = old.day);
END;
CREATE TRIGGER workout_logs_day_insert AFTER INSERT ON workout_logs BEGIN
  INSERT OR IGNORE INTO active_days (user_id, day) VALUES (new.user_id, new.day);
END;
CREATE TRIGGER workout_logs_day_update AFTER UPDATE OF user_id, day ON workout_logs BEGIN
  INSERT OR IGNORE INTO active_days (user_id, day) VALUES (new.user_id, new.day);
  DELETE FROM active_days WHERE user_id = old.user_id AND day = old.day
    AND NOT EXISTS (SELECT 1 FROM log_days WHERE user_id = old.user_id AND day = old.day);
END;
CREATE TRIGGER workout_logs_day_delete AFTER DELETE ON workout_logs BEGIN
  DELETE FROM active_days WHERE user_id = old.user_id AND day = old.day
    AND NOT EXISTS (SELECT 1 FROM log_days WHERE user_id = old.user_id AND day = old.day);
END;

-- Saved meal plans and weekly workout plans, and a revision counter that
-- tells the in-memory meal-plan candidate index when catalog recipes change.
--
-- A plan is stored as the document the API answers (`plan`) next to the
-- resolved request it came from (`request`: targets, restrictions, seed), so
-- that reading it back is exact and a swap can re-run the planner with the
-- same rules. Both are JSON written by the application, stored packed
-- (deflate with a preset dictionary, src/storage/document_codec.cpp): a
-- meal plan's 3 KB of JSON becomes about 0.9 KB (migration 0009).

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
CREATE INDEX meal_plans_user ON meal_plans(user_id, created_at, id);

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
