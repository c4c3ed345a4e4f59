-- A signed-in user's journey through Trae Health, for wrk.
--
-- Every wrk connection plays one user: between requests it thinks for 1 to
-- 10 s (delay()), then does one step of a weighted mix of what people do:
-- browse and search recipes, open one, filter workouts and exercises, search
-- foods, look at the dashboard and progress, log water or heart rate, and now
-- and then generate a meal plan. Tokens come from tokens.lua (written by
-- run.sh after signing in seeded users); each request carries a random one.
--
-- Environment (read through os.getenv): THINK_MIN_MS, THINK_MAX_MS (defaults
-- 1000 and 10000; 0 and 0 make a closed-loop throughput run), MIX ("journey",
-- "static", "writes" or "reads"), DATA_FILE, STATIC_PATH (for the static mix),
-- STEP (1-12: only that step of the journey mix, as route-cost.sh uses it).

local data = dofile(os.getenv("DATA_FILE") or "data.lua")
local tokens, recipe_ids, workout_ids = data.tokens, data.recipes, data.workouts
local think_min = tonumber(os.getenv("THINK_MIN_MS") or "1000")
local think_max = tonumber(os.getenv("THINK_MAX_MS") or "10000")
local mix = os.getenv("MIX") or "journey"
local only_step = tonumber(os.getenv("STEP") or "")
local static_path = os.getenv("STATIC_PATH") or "/"

local terms = { "chicken", "oat", "lentil", "salmon", "rice", "tofu", "egg", "bean", "pasta",
  "yogurt", "spinach", "beef", "curry", "soup", "salad", "banana", "chick", "tomato", "pork",
  "cheese", "quinoa", "mushroom", "potato", "apple", "tuna" }
local diets = { "vegetarian", "vegan", "pescatarian", "keto", "halal", "gluten_free", "dairy_free" }
local meal_types = { "breakfast", "lunch", "dinner", "snack" }
local sorts = { "relevance", "kcal", "protein", "prep", "newest" }
local muscles = { "chest", "quadriceps", "hamstrings", "glutes", "shoulders", "biceps", "triceps",
  "abdominals", "lats", "middle back", "calves", "lower back" }
local equipment = { "none", "dumbbell", "barbell", "body only", "kettlebells", "cable", "machine" }
local levels = { "beginner", "intermediate", "expert" }
local goals = { "strength", "hypertrophy", "endurance", "fat_loss", "mobility" }
local food_terms = { "milk", "bread", "apple", "chicken", "rice", "butter", "oil", "egg", "bean" }

local function pick(t) return t[math.random(#t)] end
local function esc(s) return (s:gsub(" ", "%%20")) end

-- wrk runs request()/response() in one Lua state per thread and done() in
-- the main state, so status counters are globals that done() reads back
-- through each thread's handle.
threads = {}
ok_count, c4, c5 = 0, 0, 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "1", 16) % 100000)
end

function delay()
  if think_max <= 0 then return 0 end
  return math.random(think_min, think_max)
end

local function get(path)
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. pick(tokens) })
end

local function post(path, body)
  return wrk.format("POST", path, {
    ["Authorization"] = "Bearer " .. pick(tokens),
    ["Content-Type"] = "application/json",
  }, body)
end

local function now_iso(offset_s)
  return os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - (offset_s or 0))
end

local function recipe_search()
  local r = math.random(100)
  local q = "/api/v1/nutrition-data/recipes?limit=20"
  if r <= 40 then q = q .. "&q=" .. pick(terms)
  elseif r <= 55 then q = q .. "&q=" .. pick(terms) .. "&diet=" .. pick(diets) .. "&max_kcal=" .. math.random(300, 900)
  elseif r <= 70 then q = q .. "&diet=" .. pick(diets) .. "&meal_type=" .. pick(meal_types) .. "&sort=" .. pick(sorts)
  elseif r <= 80 then q = q .. "&min_protein_g=" .. math.random(10, 40) .. "&sort=protein"
  elseif r <= 90 then q = q .. "&page=" .. math.random(2, 50)
  else q = q .. "&meal_type=" .. pick(meal_types) .. "&max_prep_minutes=" .. math.random(10, 45) end
  return get(q)
end

local function workout_filter()
  local r = math.random(100)
  local q = "/api/v1/nutrition-data/workouts?limit=20"
  if r <= 35 then q = q .. "&muscle=" .. esc(pick(muscles)) .. "&level=" .. pick(levels)
  elseif r <= 60 then q = q .. "&equipment=" .. esc(pick(equipment)) .. "&goal=" .. pick(goals)
  elseif r <= 80 then q = q .. "&goal=" .. pick(goals) .. "&max_minutes=" .. math.random(20, 60)
  else q = q .. "&q=" .. pick(terms) end
  return get(q)
end

local journey_steps = {
  -- weight, builder
  { 26, recipe_search },
  { 10, function() return get("/api/v1/nutrition-data/recipes/" .. pick(recipe_ids)) end },
  { 14, workout_filter },
  { 4, function() return get("/api/v1/nutrition-data/workouts/" .. pick(workout_ids)) end },
  { 4, function() return get("/api/v1/nutrition-data/exercises?limit=20&muscle=" .. esc(pick(muscles))) end },
  { 5, function() return get("/api/v1/foods?limit=20&q=" .. pick(food_terms)) end },
  { 15, function() return get("/api/v1/dashboard") end },
  { 3, function() return get("/api/v1/actions/progress-summary?days=30") end },
  { 9, function() return post("/api/v1/health/water", '{"ml":' .. (50 * math.random(2, 10)) .. ',"logged_at":"' .. now_iso(math.random(0, 3600)) .. '"}') end },
  { 5, function() return post("/api/v1/health/heart-rate", '{"bpm":' .. math.random(55, 95) .. ',"resting":false,"measured_at":"' .. now_iso(math.random(0, 3600)) .. '"}') end },
  { 3, function() return get("/api/v1/meal-plans?limit=5") end },
  { 2, function() return post("/api/v1/actions/generate-meal-plan", '{"days":1,"meals_per_day":3,"target_kcal":' .. math.random(1600, 2800) .. ',"seed":' .. math.random(1000000) .. '}') end },
}

if only_step and not journey_steps[only_step] then
  error("STEP must be 1 to " .. #journey_steps .. ", not " .. os.getenv("STEP"))
end

local writes_steps = {
  { 60, journey_steps[9][2] },
  { 40, journey_steps[10][2] },
}
local reads_steps = {
  { 50, recipe_search },
  { 30, workout_filter },
  { 20, function() return get("/api/v1/dashboard") end },
}

local function weighted(steps)
  local total = 0
  for _, s in ipairs(steps) do total = total + s[1] end
  local r = math.random(total)
  for _, s in ipairs(steps) do
    r = r - s[1]
    if r <= 0 then return s[2]() end
  end
  return steps[1][2]()
end

function request()
  if mix == "static" then return wrk.format("GET", static_path) end
  if mix == "writes" then return weighted(writes_steps) end
  if mix == "reads" then return weighted(reads_steps) end
  if only_step then return journey_steps[only_step][2]() end
  return weighted(journey_steps)
end

function response(status, headers, body)
  if status < 400 then ok_count = ok_count + 1
  elseif status < 500 then c4 = c4 + 1
  else c5 = c5 + 1 end
end

-- One JSON line that run.sh turns into the report's tables.
function done(summary, latency, requests)
  local ok, e4, e5 = 0, 0, 0
  for _, t in ipairs(threads) do
    ok = ok + (t:get("ok_count") or 0)
    e4 = e4 + (t:get("c4") or 0)
    e5 = e5 + (t:get("c5") or 0)
  end
  local secs = summary.duration / 1e6
  local e = summary.errors
  -- The latency quantiles at every 0.1 %, so that run.sh can merge the
  -- distributions of the several wrk processes that ramp users up.
  local q = {}
  for i = 1, 999 do q[#q + 1] = string.format("%.3f", latency:percentile(i / 10) / 1000) end
  io.write(string.format(
    'LOADRESULT {"requests":%d,"seconds":%.1f,"rps":%.1f,"mean_ms":%.2f,"p50_ms":%.2f,"p95_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"ok":%d,"status_4xx":%d,"status_5xx":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,"timeouts":%d,"quantiles_ms":[%s]}\n',
    summary.requests, secs, summary.requests / secs, latency.mean / 1000,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, ok, e4, e5, e.connect, e.read, e.write, e.timeout, table.concat(q, ",")))
end
