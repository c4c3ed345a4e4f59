-- Two workout filters of the load test's journeys read far more than a page.
--
-- "Goal G, at most M minutes", in minutes order: workouts_goal has level
-- between goal and minutes, so SQLite read every workout of the goal (a
-- fifth of the catalog) from workouts_goal_equip and sorted them: 14 ms cold
-- on the seeded dataset. workouts_goal_minutes is the range, already sorted.
-- It carries the equipment mask too, so a page of "goal G with my
-- equipment" walks it in order and reads rows only for the page.
CREATE INDEX workouts_goal_minutes ON workouts(goal, total_minutes, id, equip_mask);

-- "Muscle X at level L", in minutes order: the muscle index carries no
-- level, so SQLite read a workout row per candidate to test it (a count
-- reads about 3,000): 11-36 ms cold. The level index now also carries the
-- muscle and equipment masks, so the muscle test (muscle_mask & bit) and the
-- count are answered from the index, and rows are read only for the page.
-- It replaces workouts_level, of which it is an extension.
DROP INDEX workouts_level;
CREATE INDEX workouts_level_masks ON workouts(level, total_minutes, id, muscle_mask, equip_mask);
