// bench/catalog: fills a database with 300,000 recipes and 500,000 workouts
// (the starter set plus generated variations, all with computed nutrition),
// then times realistic query mixes: in process (routing, validation,
// SQLite and JSON, no network), in process again as response-cache hits, and
// end to end over HTTPS with keep-alive against the real binary (cache off).
// Prints p50/p95/p99 per mix and the ratio.
//
// usage: catalog_bench [--recipes N] [--workouts N] [--runs N] [--db PATH]
//   --db reuses a database built by an earlier run with the same counts.
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <thread>

#include "app/account_service.hpp"
#include "app/auth_service.hpp"
#include "app/catalog_service.hpp"
#include "app/generator.hpp"
#include "app/importers.hpp"
#include "http/api.hpp"
#include "storage/migrations.hpp"

using namespace trae;
using Clock_ = std::chrono::steady_clock;

namespace {

struct Mix {
  std::string name;
  std::vector<std::string> paths;  // rotated through
};

double pct(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5))];
}

std::vector<Mix> mixes(long long max_recipe_id, long long max_workout_id) {
  std::mt19937 rng(7);
  auto ids = [&](long long max, const std::string &prefix) {
    std::vector<std::string> out;
    for (int i = 0; i < 50; ++i) out.push_back(prefix + std::to_string(1 + rng() % max));
    return out;
  };
  const std::string r = "/api/v1/nutrition-data/recipes";
  const std::string w = "/api/v1/nutrition-data/workouts";
  return {
      {"browse newest, page 1", {r, r + "?limit=50"}},
      {"browse, deep page (page 200)",
       {r + "?page=200", r + "?page=150&sort=kcal", r + "?page=250&sort=prep"}},
      {"search one word", {r + "?q=chicken", r + "?q=lentil", r + "?q=salmon", r + "?q=tofu", r + "?q=oats"}},
      {"search prefix", {r + "?q=chi", r + "?q=len", r + "?q=sal", r + "?q=bro", r + "?q=to"}},
      {"search two words",
       {r + "?q=rice%20bowl", r + "?q=chicken%20curry", r + "?q=black%20bean", r + "?q=greek%20salad"}},
      {"search rare word", {r + "?q=quinoa", r + "?q=tempeh", r + "?q=halloumi", r + "?q=miso"}},
      {"diet + meal type",
       {r + "?diet=vegan&meal_type=dinner", r + "?diet=vegetarian&meal_type=lunch",
        r + "?diet=pescatarian&meal_type=dinner", r + "?diet=halal&meal_type=breakfast"}},
      {"keto", {r + "?diet=keto", r + "?diet=keto&meal_type=snack", r + "?diet=keto&sort=kcal"}},
      {"allergen exclusions",
       {r + "?diet=gluten_free&exclude_allergens=dairy,egg", r + "?exclude_allergens=peanut,tree_nut,sesame",
        r + "?exclude_allergens=gluten&meal_type=lunch"}},
      {"calorie ceiling, by kcal",
       {r + "?meal_type=breakfast&max_kcal=400&sort=kcal", r + "?max_kcal=300&sort=kcal",
        r + "?meal_type=dinner&max_kcal=600&sort=kcal"}},
      {"high protein",
       {r + "?min_protein_g=40&sort=protein", r + "?min_protein_g=30&meal_type=lunch&sort=protein"}},
      {"quick recipes", {r + "?max_prep_minutes=10&sort=prep", r + "?max_prep_minutes=15&diet=vegan"}},
      {"cuisine",
       {r + "?cuisine=italian&sort=kcal", r + "?cuisine=indian", r + "?cuisine=mexican&meal_type=dinner"}},
      {"search + filters",
       {r + "?q=rice&diet=vegan&meal_type=dinner", r + "?q=chicken&max_kcal=500&sort=kcal",
        r + "?q=soup&exclude_allergens=dairy"}},
      {"near-empty combination",
       {r + "?diet=keto&max_kcal=120&min_protein_g=60", r + "?diet=vegan&min_protein_g=90"}},
      {"recipe detail", ids(max_recipe_id, r + "/")},
      {"workouts: muscle + equipment",
       {w + "?muscle=chest&equipment=dumbbell", w + "?muscle=quadriceps&equipment=barbell",
        w + "?muscle=lats&equipment=cable,dumbbell"}},
      {"workouts: goal, level, minutes",
       {w + "?goal=fat_loss&level=beginner&max_minutes=30",
        w + "?goal=hypertrophy&level=intermediate&min_minutes=30&max_minutes=60"}},
      {"workouts: bodyweight, newest",
       {w + "?equipment=none&sort=newest", w + "?equipment=none&goal=mobility"}},
      {"workouts: search", {w + "?q=strength&muscle=chest", w + "?q=mobility", w + "?q=hyper"}},
      {"workout detail", ids(max_workout_id, w + "/")},
      {"foods search",
       {"/api/v1/foods?q=chick", "/api/v1/foods?q=rice", "/api/v1/foods?q=butter&group=0100"}},
  };
}

HttpRequest request_for(const std::string &full) {
  HttpRequest req;
  req.method = "GET";
  auto q = full.find('?');
  req.path = full.substr(0, q);
  if (q != std::string::npos) {
    httplib::Params params;
    httplib::detail::parse_query_text(full.substr(q + 1), params);
    for (auto &[k, v] : params) req.query.emplace_back(k, v);
  }
  return req;
}

long long count(Database &db, const char *sql) {
  long long n = 0;
  db.read([&](Connection &c) {
    SQLite::Statement st(c.db(), sql);
    st.executeStep();
    n = st.getColumn(0).getInt64();
  });
  return n;
}

}  // namespace

int main(int argc, char **argv) {
  long long recipes = 300000, workouts = 500000;
  int runs = 300;
  std::string db_path;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--recipes")
      recipes = std::stoll(argv[i + 1]);
    else if (a == "--workouts")
      workouts = std::stoll(argv[i + 1]);
    else if (a == "--runs")
      runs = std::stoi(argv[i + 1]);
    else if (a == "--db")
      db_path = argv[i + 1];
  }
  std::string dir = std::filesystem::temp_directory_path() / "trae-bench-catalog";
  if (db_path.empty()) db_path = dir + "/trae.db";
  std::filesystem::create_directories(std::filesystem::path(db_path).parent_path());
  SystemClock clock;
  std::FILE *devnull = std::fopen("/dev/null", "w");
  Logger log(devnull);
  {
    Database db(db_path, 2);
    migrate(db);
    if (!starter_set_loaded(db)) load_starter_set(db, embedded_seed_files(), clock, nullptr);
    auto have_r = count(db, "SELECT COUNT(*) FROM recipes WHERE source = 'generated'");
    auto have_w = count(db, "SELECT COUNT(*) FROM workouts WHERE source = 'generated'");
    auto progress = [](const std::string &what, long long done, long long total) {
      if (done % 50000 == 0 || done == total)
        std::fprintf(stderr, "  %s: %lld/%lld\n", what.c_str(), done, total);
    };
    auto t0 = Clock_::now();
    if (have_r < recipes) generate_recipes(db, recipes - have_r, 42 + have_r, clock, progress);
    auto t1 = Clock_::now();
    if (have_w < workouts) generate_workouts(db, workouts - have_w, 43 + have_w, clock, progress);
    auto t2 = Clock_::now();
    db.with_writer([](Connection &c) { c.exec("ANALYZE"); });
    std::printf("dataset: %lld recipes, %lld workouts, %lld exercises, %lld foods in %s (%.0f MB)\n",
                count(db, "SELECT COUNT(*) FROM recipes"), count(db, "SELECT COUNT(*) FROM workouts"),
                count(db, "SELECT COUNT(*) FROM exercises"), count(db, "SELECT COUNT(*) FROM foods"),
                db_path.c_str(), std::filesystem::file_size(db_path) / 1e6);
    std::printf("generation: recipes %.1f s, workouts %.1f s\n\n",
                std::chrono::duration<double>(t1 - t0).count(),
                std::chrono::duration<double>(t2 - t1).count());
  }

  Database db(db_path, 4);
  AuthSettings as;
  as.jwt_secret = "bench-secret-0123456789abcdef0123456789";
  AuthService auth(db, clock, as, log);
  AccountService accounts(db, clock, log);
  CatalogService catalog(db, clock, log);
  TimeZones zones(log);
  HealthService health(db, clock, zones, log);
  DashboardService dashboard(db, clock, zones, log);
  MealPlanService meal_plans(db, accounts, clock, log);
  WorkoutPlanService workout_plans(db, accounts, clock, log, recent_training_from_log(db));
  Api api(Services{auth, accounts, catalog, health, dashboard, meal_plans, workout_plans, db, clock, log,
                   [] { return true; }});
  catalog.warm_up();  // as `serve` does at start: the recipe index is in memory before the first list
  auto all = mixes(count(db, "SELECT MAX(id) FROM recipes"), count(db, "SELECT MAX(id) FROM workouts"));

  // In process.
  std::vector<std::vector<double>> inproc(all.size());
  for (std::size_t m = 0; m < all.size(); ++m) {
    for (int i = 0; i < runs; ++i) {
      const std::string &full = all[m].paths[i % all[m].paths.size()];
      HttpRequest req = request_for(full);
      HttpResponse res;
      auto t0 = Clock_::now();
      api.handle(req, res);
      inproc[m].push_back(std::chrono::duration<double, std::milli>(Clock_::now() - t0).count());
      if (res.status != 200) {
        std::fprintf(stderr, "%s -> %d %s\n", full.c_str(), res.status, res.body.c_str());
        return 1;
      }
    }
  }

  // In process again with the response cache, every answer already in it:
  // what a hit costs next to the query it saves.
  ResponseCache response_cache(LruLimits{1000000, 1u << 30, 3600}, clock);
  Api cached_api(Services{auth, accounts, catalog, health, dashboard, meal_plans, workout_plans, db, clock,
                          log, [] { return true; }, nullptr, &response_cache});
  std::vector<std::vector<double>> cached(all.size());
  for (int pass = 0; pass < 2; ++pass)  // the first pass fills the cache
    for (std::size_t m = 0; m < all.size(); ++m)
      for (int i = 0; i < (pass == 0 ? static_cast<int>(all[m].paths.size()) : runs); ++i) {
        HttpRequest req = request_for(all[m].paths[i % all[m].paths.size()]);
        HttpResponse res;
        auto t0 = Clock_::now();
        cached_api.handle(req, res);
        if (pass == 1)
          cached[m].push_back(std::chrono::duration<double, std::milli>(Clock_::now() - t0).count());
      }
  auto cs = response_cache.stats();

  std::printf("in process (ms), uncached | cached (every answer a hit):\n");
  for (std::size_t m = 0; m < all.size(); ++m)
    std::printf("  %-34s p50 %7.2f  p95 %7.2f  p99 %7.2f | p50 %6.3f  p95 %6.3f  p99 %6.3f\n",
                all[m].name.c_str(), pct(inproc[m], 0.5), pct(inproc[m], 0.95), pct(inproc[m], 0.99),
                pct(cached[m], 0.5), pct(cached[m], 0.95), pct(cached[m], 0.99));
  std::printf("response cache: %llu hits, %llu misses, %zu entries, %.1f MB\n",
              static_cast<unsigned long long>(cs.hits), static_cast<unsigned long long>(cs.misses),
              cs.entries, cs.bytes / 1e6);
  std::fflush(stdout);

  // End to end over HTTPS against the real binary on the same database.
  std::string bin = TRAE_BINARY;
  std::string log_path = dir + "/server.log";
  std::filesystem::remove(log_path);
  pid_t pid = fork();
  if (pid == 0) {
    setenv("DATA_DIR", dir.c_str(), 1);
    setenv("DATABASE_URL", db_path.c_str(), 1);
    setenv("HTTPS_PORT", "0", 1);
    setenv("HTTP_PORT", "off", 1);
    setenv("BIND_ADDRESS", "127.0.0.1", 1);
    // The HTTPS column times the queries, not the response cache (the
    // in-process table has the cached figures).
    setenv("CACHE_MAX_ENTRIES", "0", 1);
    // One client asks thousands of times: the per-client limit would stop it.
    setenv("API_RATE_LIMIT", "0", 1);
    FILE *f = freopen(log_path.c_str(), "w", stderr);
    (void)f;
    execl(bin.c_str(), bin.c_str(), "serve", nullptr);
    _exit(127);
  }
  int port = 0;
  for (int i = 0; i < 1200 && !port; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::ifstream in(log_path);
    std::string line;
    while (std::getline(in, line)) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_object() && j.value("msg", "") == "listening") port = j["https_port"];
    }
  }
  if (!port) {
    std::fprintf(stderr, "server did not start\n");
    kill(pid, SIGKILL);
    return 1;
  }
  httplib::SSLClient cli("127.0.0.1", port);
  cli.enable_server_certificate_verification(false);
  cli.set_keep_alive(true);
  std::vector<std::vector<double>> e2e(all.size());
  for (std::size_t m = 0; m < all.size(); ++m) {
    for (int i = 0; i < runs; ++i) {
      const std::string &path = all[m].paths[i % all[m].paths.size()];
      auto t0 = Clock_::now();
      auto r = cli.Get(path);
      e2e[m].push_back(std::chrono::duration<double, std::milli>(Clock_::now() - t0).count());
      if (!r || r->status != 200) {
        std::fprintf(stderr, "%s failed over HTTPS\n", path.c_str());
        kill(pid, SIGTERM);
        return 1;
      }
    }
  }
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);

  std::printf("%-34s %8s %8s %8s | %8s %8s %8s | %6s\n", "mix (ms)", "p50", "p95", "p99", "https50",
              "https95", "https99", "ratio");
  bool ok = true;
  for (std::size_t m = 0; m < all.size(); ++m) {
    double p95 = pct(inproc[m], 0.95), p99 = pct(inproc[m], 0.99), h95 = pct(e2e[m], 0.95);
    std::printf("%-34s %8.2f %8.2f %8.2f | %8.2f %8.2f %8.2f | %5.1fx\n", all[m].name.c_str(),
                pct(inproc[m], 0.5), p95, p99, pct(e2e[m], 0.5), h95, pct(e2e[m], 0.99),
                h95 / std::max(p95, 0.001));
    ok = ok && p95 < 10 && p99 < 25 && h95 < 20;
  }
  std::printf("\ntargets (p95 < 10 ms and p99 < 25 ms in process, p95 < 20 ms over HTTPS): %s\n",
              ok ? "met" : "MISSED");
  std::fclose(devnull);
  return 0;
}
