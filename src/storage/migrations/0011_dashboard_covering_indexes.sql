-- The dashboard read every health row of the user, table row by table row.
--
-- Two of its queries were most of its time (2.4 ms a dashboard on the seeded
-- dataset, the most expensive read of the load test's journeys):
--
-- * The day sums (today's food, water, steps, sleep and workouts, the weight
--   trend, the week's workouts, the progress summary) found their rows
--   through the (user_id, day, at) index and then read each row from the
--   table to get the value summed. A user's rows are spread over the table
--   (they are written day by day among everyone else's), so every row was a
--   page of its own, and every write by anyone resets each reader's page
--   cache in WAL mode. The indexes now also carry the summed columns, so
--   the sums are answered from the index alone, where a user's rows sit
--   side by side.
--
-- * The streaks need every day on which the user logged anything. That was
--   a UNION over the eight log tables: about 1,100 index entries for 81 days
--   for a seeded user. active_days keeps one row per (user, day) with any
--   log, maintained by triggers, so it is right whichever code path writes
--   (the API, imports, the seeder, a cascade from deleting the account).

-- Covering versions of the (user_id, day, at) indexes. The names stay: they
-- are still the (user, time) indexes every per-user query ranges over.
DROP INDEX weight_logs_user_time;
CREATE INDEX weight_logs_user_time ON weight_logs(user_id, day, at, weight_kg);
DROP INDEX water_logs_user_time;
CREATE INDEX water_logs_user_time ON water_logs(user_id, day, at, ml);
DROP INDEX sleep_logs_user_time;
CREATE INDEX sleep_logs_user_time ON sleep_logs(user_id, day, at, minutes, quality);
DROP INDEX step_logs_user_time;
CREATE INDEX step_logs_user_time ON step_logs(user_id, day, at, count);
DROP INDEX food_logs_user_time;
CREATE INDEX food_logs_user_time ON food_logs(user_id, day, at, kcal, protein_g, fat_g, carbs_g);
DROP INDEX workout_logs_user_time;
CREATE INDEX workout_logs_user_time
  ON workout_logs(user_id, day, at, duration_minutes, kcal_burned, muscle_mask);

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

-- One row per user and local day on which they logged anything.
CREATE TABLE active_days (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  day     TEXT NOT NULL,
  PRIMARY KEY (user_id, day)
) STRICT, WITHOUT ROWID;
INSERT INTO active_days (user_id, day) SELECT DISTINCT user_id, day FROM log_days;

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
