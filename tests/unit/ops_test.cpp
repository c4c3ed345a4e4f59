// Operations pieces without the network: metrics exposition, the /metrics
// route and its allow-list, address blocks, backup settings, backups,
// verification, restore and retention.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "../support/app_fixture.hpp"
#include "app/backups.hpp"
#include "config/address_block.hpp"
#include "config/config.hpp"
#include "core/error.hpp"
#include "http/metrics.hpp"
#include "storage/backup.hpp"

namespace {

// Read-only: opening a backup read-write would switch it to WAL and change its checksum.
long long count_rows(const std::string &path, const std::string &table) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet("SELECT count(*) FROM " + table).getInt64();
}

void add_users(trae::Database &db, int from, int to) {
  for (int i = from; i < to; ++i)
    db.write([&](trae::Connection &c) {
      auto st = c.prepare(
          "INSERT INTO users(email, password_hash, name, created_at, updated_at) VALUES (?, 'x', 'n', 0, 0)");
      std::string email = "u";
      email.append(std::to_string(i)).append("@example.com");  // append: GCC 12 -Wrestrict misfires on +
      st->bind(1, email);
      st->exec();
    });
}

// The line of a metrics exposition that starts with `prefix`, or "".
std::string line_with(const std::string &exposition, const std::string &prefix) {
  std::string text = "\n", needle = "\n";
  text.append(exposition);
  needle.append(prefix);  // append: GCC 12 -Wrestrict misfires on "\n" + string
  auto at = text.find(needle);
  if (at == std::string::npos) return "";
  auto end = text.find('\n', at + 1);
  return text.substr(at + 1, end - at - 1);
}

}  // namespace

TEST_CASE("metrics: requests by route pattern and status, with cumulative histogram buckets") {
  trae::Metrics m;
  m.observe_request("GET", "/api/v1/foods/{id}", 200, 0.003);
  m.observe_request("GET", "/api/v1/foods/{id}", 200, 0.3);
  m.observe_request("GET", "/api/v1/foods/{id}", 404, 0.004);
  m.observe_request("POST", "/api/v1/auth/login", 500, 0.02);
  std::string out = m.render();
  CHECK(line_with(out,
                  "trae_http_requests_total{method=\"GET\",route=\"/api/v1/foods/{id}\",status=\"200\"}") ==
        "trae_http_requests_total{method=\"GET\",route=\"/api/v1/foods/{id}\",status=\"200\"} 2");
  CHECK(line_with(out,
                  "trae_http_request_errors_total{method=\"GET\",route=\"/api/v1/foods/{id}\",class=\"4xx\"}")
            .ends_with(" 1"));
  CHECK(line_with(
            out, "trae_http_request_errors_total{method=\"POST\",route=\"/api/v1/auth/login\",class=\"5xx\"}")
            .ends_with(" 1"));
  CHECK(out.find("route=\"/api/v1/foods/{id}\",class=\"5xx\"") == std::string::npos);
  const std::string b =
      "trae_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/foods/{id}\",le=";
  CHECK(line_with(out, b + "\"0.005\"}").ends_with(" 2"));
  CHECK(line_with(out, b + "\"0.2\"}").ends_with(" 2"));
  CHECK(line_with(out, b + "\"0.5\"}").ends_with(" 3"));
  CHECK(line_with(out, b + "\"+Inf\"}").ends_with(" 3"));
  CHECK(line_with(out, "trae_http_request_duration_seconds_count{method=\"GET\"").ends_with(" 3"));
  // Families fed by sources are left out until the sources are wired.
  CHECK(out.find("trae_http_queue_depth") == std::string::npos);
  CHECK(out.find("trae_cache_requests_total") == std::string::npos);
  m.count_cache("recipes", true);
  m.count_cache("recipes", false);
  m.count_cache("recipes", true);
  m.pool = [] { return trae::PoolGauges{10, 4, 2}; };
  m.last_backup = [] { return 1795669693LL; };
  out = m.render();
  CHECK(line_with(out, "trae_cache_requests_total{cache=\"recipes\",result=\"hit\"}").ends_with(" 2"));
  CHECK(line_with(out, "trae_http_queue_depth ") == "trae_http_queue_depth 2");
  CHECK(line_with(out, "trae_http_open_connections ") == "trae_http_open_connections 4");
  CHECK(line_with(out, "trae_backup_last_success_timestamp_seconds ") ==
        "trae_backup_last_success_timestamp_seconds 1795669693");
}

TEST_CASE("metrics: daily active users count distinct users per UTC day") {
  trae::Metrics m;
  const long long day = 1795651200;  // 2026-11-26T00:00:00Z
  m.saw_user(1, day + 10);
  m.saw_user(2, day + 20);
  m.saw_user(1, day + 30);
  CHECK(line_with(m.render(), "trae_daily_active_users ") == "trae_daily_active_users 2");
  m.saw_user(3, day + 86400 + 5);
  CHECK(line_with(m.render(), "trae_daily_active_users ") == "trae_daily_active_users 1");
}

TEST_CASE("metrics: label values are escaped") {
  trae::Metrics m;
  m.observe_request("GET", "a\"b\\c", 200, 0.001);
  CHECK(m.render().find("route=\"a\\\"b\\\\c\"") != std::string::npos);
}

TEST_CASE("GET /metrics: route patterns, business events, DAU and the allow-list") {
  testing::AppFixture f;
  trae::Metrics metrics;
  metrics.allow = {"127.0.0.1", "10.1.0.0/16"};
  trae::Services services = f.services();
  services.metrics = &metrics;
  trae::Api api(services);
  auto call = [&](const std::string &method, const std::string &path, const std::string &body,
                  const std::string &ip, const std::string &token = {}) {
    trae::HttpRequest req;
    req.method = method;
    req.path = path;
    req.body = body;
    req.remote_ip = ip;
    if (!body.empty()) req.headers.emplace_back("content-type", "application/json");
    if (!token.empty()) req.headers.emplace_back("authorization", "Bearer " + token);
    trae::HttpResponse res;
    api.handle(req, res);
    return res;
  };
  auto reg = call("POST", "/api/v1/auth/register",
                  R"({"email":"m@example.com","password":"a-long-password","name":"M"})", "10.0.0.1");
  REQUIRE(reg.status == 202);
  CHECK(reg.route == "/api/v1/auth/register");
  auto login = call("POST", "/api/v1/auth/login", R"({"email":"m@example.com","password":"a-long-password"})",
                    "10.0.0.1");
  REQUIRE(login.status == 200);
  std::string token = nlohmann::json::parse(login.body)["access_token"];
  CHECK(call("GET", "/api/v1/nutrition-data/recipes/999999", "", "10.0.0.1").route ==
        "/api/v1/nutrition-data/recipes/{id}");
  CHECK(call("GET", "/no/such/path", "", "10.0.0.1").route == "unmatched");
  CHECK(call("GET", "/api/v1/auth/me", "", "10.0.0.1", token).status == 200);

  auto ok = call("GET", "/metrics", "", "127.0.0.1");
  REQUIRE(ok.status == 200);
  CHECK(ok.content_type.rfind("text/plain; version=0.0.4", 0) == 0);
  std::string out = ok.body;
  CHECK(line_with(out, "trae_business_events_total{event=\"registration\"}") ==
        "trae_business_events_total{event=\"registration\"} 1");
  CHECK(line_with(out, "trae_business_events_total{event=\"sign_in\"}").ends_with(" 1"));
  CHECK(line_with(out, "trae_daily_active_users ") == "trae_daily_active_users 1");
  CHECK(call("GET", "/metrics", "", "10.1.200.3").status == 200);
  auto refused = call("GET", "/metrics", "", "10.0.0.1");
  CHECK(refused.status == 404);
  CHECK(refused.body.find("no such endpoint") != std::string::npos);
  // Without a Metrics object (as in AppFixture) the route answers 404.
  CHECK(f.get("/metrics").status == 404);
}

TEST_CASE("address blocks: exact addresses, CIDR, IPv6 and IPv4-mapped clients") {
  CHECK(trae::address_in_block("10.2.3.4", "10.0.0.0/8"));
  CHECK_FALSE(trae::address_in_block("11.2.3.4", "10.0.0.0/8"));
  CHECK(trae::address_in_block("127.0.0.1", "127.0.0.1"));
  CHECK(trae::address_in_block("::ffff:10.0.0.7", "10.0.0.0/24"));
  CHECK(trae::address_in_block("::1", "::1"));
  CHECK(trae::address_in_block("fd00::5", "fd00::/8"));
  CHECK_FALSE(trae::address_in_block("fe80::1", "fd00::/8"));
  CHECK_FALSE(trae::address_in_block("not-an-ip", "0.0.0.0/0"));
  CHECK(trae::valid_address_block("192.168.0.0/16"));
  CHECK_FALSE(trae::valid_address_block("192.168.0.0/33"));
  CHECK_FALSE(trae::valid_address_block("example.com"));
  CHECK(trae::address_allowed("1.2.3.4", {}));
  CHECK(trae::address_allowed("1.2.3.4", {"all"}));
  CHECK_FALSE(trae::address_allowed("1.2.3.4", {"127.0.0.1"}));
}

TEST_CASE("backup settings: defaults, values and errors naming the variable") {
  auto c = trae::load_config({}, {});
  CHECK(c.backup_retention == 7);
  CHECK(c.backup_interval_hours == 24);
  CHECK(c.metrics_allow.empty());
  c = trae::load_config({{"BACKUP_RETENTION", "3"}, {"METRICS_ALLOW", "127.0.0.1, 10.0.0.0/8"}},
                        {"--backup-interval", "0"});
  CHECK(c.backup_retention == 3);
  CHECK(c.backup_interval_hours == 0);
  CHECK(c.metrics_allow == std::vector<std::string>{"127.0.0.1", "10.0.0.0/8"});
  CHECK_THROWS_WITH_AS(trae::load_config({{"BACKUP_RETENTION", "0"}}, {}),
                       doctest::Contains("BACKUP_RETENTION"), trae::ConfigError);
  CHECK_THROWS_WITH_AS(trae::load_config({{"METRICS_ALLOW", "everyone"}}, {}),
                       doctest::Contains("METRICS_ALLOW"), trae::ConfigError);
}

TEST_CASE("backup: a consistent, verified copy while another connection keeps writing") {
  testing::TempDb tdb;
  add_users(*tdb.db, 0, 200);
  std::atomic<bool> stop{false};
  std::atomic<int> written{200};
  std::thread writer([&] {
    while (!stop) {
      add_users(*tdb.db, written, written + 1);
      written++;
    }
  });
  const std::string out = tdb.dir + "/copy.db";
  int before = written;
  long long last_total = 0;
  auto r = trae::backup_database(tdb.path, out, [&](long long, long long total) { last_total = total; });
  int after = written;
  stop = true;
  writer.join();
  CHECK(last_total > 0);
  CHECK(r.bytes == static_cast<long long>(std::filesystem::file_size(out)));
  CHECK(r.sha256 == trae::sha256_file(out));
  std::ifstream sum(out + ".sha256");
  std::string hex, name;
  sum >> hex >> name;
  CHECK(hex == r.sha256);
  CHECK(name == "copy.db");
  CHECK_FALSE(std::filesystem::exists(out + ".partial"));
  long long n = count_rows(out, "users");
  CHECK(n >= before);
  CHECK(n <= after);
  auto check = trae::verify_backup(out, trae::latest_schema_version());
  CHECK(check.schema_version == trae::latest_schema_version());
}

TEST_CASE("backup verification refuses corrupt, unchecked and too-new files") {
  testing::TempDb tdb;
  add_users(*tdb.db, 0, 500);
  const std::string out = tdb.dir + "/b.db";
  trae::backup_database(tdb.path, out);
  SUBCASE("a changed byte fails the checksum") {
    std::fstream f(out, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(8192 + 100);
    f.put('\x5a');
    f.close();
    CHECK_THROWS_WITH(trae::verify_backup(out, 99), doctest::Contains("SHA-256 mismatch"));
  }
  SUBCASE("damage with a matching checksum fails integrity_check") {
    {
      std::fstream f(out, std::ios::in | std::ios::out | std::ios::binary);
      auto size = std::filesystem::file_size(out);
      for (std::uintmax_t off = 4096 * 3; off + 64 < size; off += 4096) {
        f.seekp(static_cast<std::streamoff>(off + 10));
        f.write("\xff\xff\xff\xff\xff\xff\xff\xff", 8);
      }
    }
    std::ofstream(out + ".sha256") << trae::sha256_file(out) << "  b.db\n";
    CHECK_THROWS_WITH(trae::verify_backup(out, 99), doctest::Contains("refusing"));
  }
  SUBCASE("no checksum file") {
    std::filesystem::remove(out + ".sha256");
    CHECK_THROWS_WITH(trae::verify_backup(out, 99), doctest::Contains("checksum file"));
  }
  SUBCASE("a schema newer than the binary") {
    CHECK_THROWS_WITH(trae::verify_backup(out, trae::latest_schema_version() - 1),
                      doctest::Contains("newer"));
  }
}

TEST_CASE("restore swaps the backup in and keeps the previous database") {
  testing::TempDb src;
  add_users(*src.db, 0, 10);
  const std::string backup = src.dir + "/b.db";
  trae::backup_database(src.path, backup);
  testing::TempDb target;
  add_users(*target.db, 0, 3);
  target.db.reset();  // the server is stopped
  trae::verify_backup(backup, trae::latest_schema_version());
  trae::restore_database(backup, target.path);
  CHECK(count_rows(target.path, "users") == 10);
  CHECK(count_rows(target.path + ".pre-restore", "users") == 3);
  CHECK_FALSE(std::filesystem::exists(target.path + ".restoring"));
}

TEST_CASE("database lock: a second holder is refused until the first lets go") {
  testing::TempDb tdb;
  auto first = std::make_unique<trae::DatabaseLock>(tdb.path);
  REQUIRE(first->try_lock());
  trae::DatabaseLock second(tdb.path);
  CHECK_FALSE(second.try_lock());
  first.reset();
  CHECK(second.try_lock());
}

TEST_CASE("backup directory: names sort by time, retention keeps the newest") {
  testing::TempDb tdb;
  const std::string dir = tdb.dir + "/backups";
  std::filesystem::create_directories(dir);
  CHECK(trae::backup_path_for(dir, 1795669693) == dir + "/trae-20261126T050813Z.db");
  CHECK(trae::newest_backup_time(dir) == 0);
  for (long long t : {1795000000LL, 1795100000LL, 1795200000LL, 1795300000LL}) {
    std::string p = trae::backup_path_for(dir, t);
    std::ofstream(p) << "x";
    std::ofstream(p + ".sha256") << "y";
  }
  std::ofstream(dir + "/trae-20261126T000000Z.db") << "no checksum: not a backup";
  std::ofstream(dir + "/pre-upgrade-1.0.0-20261126T000000Z.db") << "kept by deploy.sh, not pruned";
  CHECK(trae::list_backups(dir).size() == 4);
  CHECK(trae::newest_backup_time(dir) > 0);
  CHECK(trae::prune_backups(dir, 2) == 2);
  auto left = trae::list_backups(dir);
  REQUIRE(left.size() == 2);
  CHECK(left[0] == trae::backup_path_for(dir, 1795200000));
  CHECK(left[1] == trae::backup_path_for(dir, 1795300000));
  CHECK(std::filesystem::exists(dir + "/pre-upgrade-1.0.0-20261126T000000Z.db"));
  CHECK_FALSE(std::filesystem::exists(trae::backup_path_for(dir, 1795000000) + ".sha256"));
}
