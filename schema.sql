-- The whole current schema of trae-health (schema version 2).
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
