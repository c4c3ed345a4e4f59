-- "Goal G with the equipment I have" is a common workout filter. With only
-- workouts_goal, SQLite read every workout of the goal (a fifth of the
-- catalog, 100,000 rows at scale) to test its equipment: 530 ms on the
-- seeded dataset. Here the equipment masks that fit are a few ranges of one
-- index, which also answers the total without touching the table.
CREATE INDEX workouts_goal_equip ON workouts(goal, equip_mask, total_minutes, id);
