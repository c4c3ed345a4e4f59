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
