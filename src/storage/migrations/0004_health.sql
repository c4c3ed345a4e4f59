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
CREATE INDEX weight_logs_user_time ON weight_logs(user_id, day, at);

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
CREATE INDEX water_logs_user_time ON water_logs(user_id, day, at);

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
CREATE INDEX sleep_logs_user_time ON sleep_logs(user_id, day, at);

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
CREATE INDEX step_logs_user_time ON step_logs(user_id, day, at);

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
CREATE INDEX food_logs_user_time ON food_logs(user_id, day, at);
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
CREATE INDEX workout_logs_user_time ON workout_logs(user_id, day, at);
CREATE INDEX workout_logs_workout ON workout_logs(workout_id) WHERE workout_id IS NOT NULL;
