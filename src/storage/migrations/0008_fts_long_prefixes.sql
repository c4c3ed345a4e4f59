-- Search words are prefixes ("chick" finds chicken). FTS5 answers a prefix
-- from its own prefix index only when that index holds the prefix's length;
-- for any other length it first gathers the full doclist of every term that
-- starts with it, however few rows the page needs. With prefix indexes of
-- 2 and 3 characters only, "black bean" read 20,000 matches to show 20
-- (5-18 ms on 300,000 recipes); indexed up to 8 characters, the walk stops
-- when the page is full (under 1 ms). The cost is disk: recipes_fts grows
-- from 121 to 219 MB on the seeded dataset.
--
-- FTS5 cannot change its prefix option in place, so both tables are rebuilt
-- under the same names (the triggers that name them stay valid). Renaming a
-- new table into place instead would fail: ALTER TABLE checks the triggers
-- of the dropped one.
CREATE TEMP TABLE recipes_fts_copy AS SELECT rowid AS id, name, ingredients, cuisine FROM recipes_fts;
DROP TABLE recipes_fts;
CREATE VIRTUAL TABLE recipes_fts USING fts5(name, ingredients, cuisine, prefix='2 3 4 5 6 7 8');
INSERT INTO recipes_fts(rowid, name, ingredients, cuisine)
  SELECT id, name, ingredients, cuisine FROM recipes_fts_copy ORDER BY id;
DROP TABLE recipes_fts_copy;
INSERT INTO recipes_fts(recipes_fts) VALUES ('optimize');

DROP TABLE workouts_fts;
CREATE VIRTUAL TABLE workouts_fts USING fts5(name, content='workouts', content_rowid='id',
                                             prefix='2 3 4 5 6 7 8');
INSERT INTO workouts_fts(workouts_fts) VALUES ('rebuild');
INSERT INTO workouts_fts(workouts_fts) VALUES ('optimize');
