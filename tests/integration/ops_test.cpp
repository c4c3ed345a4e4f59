// Operations end to end with the real binary: online backup under write
// load and restore round trips, /metrics checked by promtool, and
// `trae-health check` against good and deliberately broken targets.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <sys/socket.h>

#include <atomic>
#include <mutex>
#include <regex>
#include <set>

#include "../support/server_process.hpp"

using testing::run_binary;
using testing::ServerProcess;

namespace {

std::set<long long> favorite_ids(const std::string &db_path) {
  SQLite::Database db(db_path, SQLite::OPEN_READONLY);
  SQLite::Statement q(db, "SELECT recipe_id FROM favorites");
  std::set<long long> out;
  while (q.executeStep()) out.insert(q.getColumn(0).getInt64());
  return out;
}

std::vector<long long> recipe_ids(testing::Api &api, int want) {
  std::vector<long long> ids;
  for (int page = 1; static_cast<int>(ids.size()) < want; ++page) {
    auto r = api.get("/api/v1/nutrition-data/recipes?limit=100&page=" + std::to_string(page));
    REQUIRE(r.status == 200);
    if (r.json["items"].empty()) break;
    for (const auto &it : r.json["items"]) ids.push_back(it["id"]);
  }
  return ids;
}

std::string metrics_body(const ServerProcess &s) {
  testing::Api api(s);
  auto r = api.get("/metrics");
  REQUIRE(r.status == 200);
  return r.body;
}

// The server backs up on start when no recent backup exists; wait for it.
double wait_for_backup(const ServerProcess &s) {
  for (int i = 0; i < 200; ++i) {
    std::smatch m;
    std::string body = metrics_body(s);
    if (std::regex_search(body, m,
                          std::regex("\ntrae_backup_last_success_timestamp_seconds ([0-9.e+]+)\n")) &&
        std::stod(m[1]) > 0)
      return std::stod(m[1]);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  FAIL("no backup reported in /metrics");
  return 0;
}

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

struct CheckRun {
  int exit_code;
  std::map<std::string, std::string> result;  // check -> PASS/WARN/FAIL
  nlohmann::json json;
};

CheckRun run_check(const std::vector<std::string> &args) {
  auto r = run_binary(args);
  CheckRun c{r.exit_code, {}, nlohmann::json::parse(r.out, nullptr, false)};
  if (c.json.is_object())
    for (const auto &row : c.json["rows"]) c.result[row["check"]] = row["result"];
  INFO(r.out);
  REQUIRE(c.json.is_object());
  return c;
}

}  // namespace

TEST_CASE("backup while writes run over HTTPS; restore brings back exactly what was acknowledged") {
  ServerProcess server(std::map<std::string, std::string>{{"BACKUP_INTERVAL", "0"}});
  const std::string dir = server.data_dir();
  testing::Api api(server);
  const std::string token = api.sign_up("hammer@example.com", "a-long-password", "H");
  REQUIRE(!token.empty());
  auto ids = recipe_ids(api, 300);
  REQUIRE(ids.size() >= 200);

  std::mutex mu;
  std::vector<long long> acked;
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    testing::Api w(server);
    for (long long id : ids) {
      if (stop) break;
      auto r =
          w.request("PUT", "/api/v1/nutrition-data/recipes/" + std::to_string(id) + "/favorite", "", token);
      if (r.status / 100 == 2) {
        std::lock_guard<std::mutex> l(mu);
        acked.push_back(id);
      }
    }
  });
  auto acked_count = [&] {
    std::lock_guard<std::mutex> l(mu);
    return acked.size();
  };
  while (acked_count() < 40) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::vector<long long> before;
  {
    std::lock_guard<std::mutex> l(mu);
    before = acked;
  }
  auto mid = run_binary({"backup", "--out", dir + "/mid.db"}, {{"DATA_DIR", dir}});
  std::size_t after_mid = acked_count();
  stop = true;
  writer.join();
  INFO(mid.out);
  REQUIRE(mid.exit_code == 0);
  CHECK(mid.out.find("integrity ok") != std::string::npos);
  CHECK(mid.out.find("pages (100%)") != std::string::npos);
  auto in_mid = favorite_ids(dir + "/mid.db");
  for (long long id : before) CHECK(in_mid.count(id) == 1);  // acknowledged before the backup began
  CHECK(in_mid.size() >= before.size());
  CHECK(in_mid.size() <= after_mid + 1);  // at most one write was in flight at the end

  // Writers stopped: a backup holds every acknowledged write, and nothing else.
  auto fin = run_binary({"backup", "--out", dir + "/final.db"}, {{"DATA_DIR", dir}});
  REQUIRE(fin.exit_code == 0);
  auto in_final = favorite_ids(dir + "/final.db");
  CHECK(in_final == std::set<long long>(acked.begin(), acked.end()));
  CHECK(in_final.size() == acked.size());

  // Restore refuses while the server runs, and refuses a damaged file.
  auto busy = run_binary({"restore", dir + "/mid.db"}, {{"DATA_DIR", dir}});
  CHECK(busy.exit_code == 1);
  CHECK(busy.out.find("stop it first") != std::string::npos);
  server.stop();
  std::filesystem::copy_file(dir + "/final.db", dir + "/bad.db");
  std::filesystem::copy_file(dir + "/final.db.sha256", dir + "/bad.db.sha256");
  {
    std::fstream f(dir + "/bad.db", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096 * 2 + 77);
    f.put('\x01');
  }
  auto bad = run_binary({"restore", dir + "/bad.db"}, {{"DATA_DIR", dir}});
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.find("SHA-256 mismatch") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir + "/trae.db.pre-restore"));

  // Round trips: the mid-load backup, then the final one, each served again.
  auto favorites_total = [&] {
    testing::Api a(server);
    auto r = a.get("/api/v1/favorites?limit=1", token);
    REQUIRE(r.status == 200);
    return r.json["total"].get<long long>();
  };
  REQUIRE(run_binary({"restore", dir + "/mid.db"}, {{"DATA_DIR", dir}}).exit_code == 0);
  CHECK(std::filesystem::exists(dir + "/trae.db.pre-restore"));
  server.restart();
  CHECK(favorites_total() == static_cast<long long>(in_mid.size()));
  server.stop();
  REQUIRE(run_binary({"restore", dir + "/final.db"}, {{"DATA_DIR", dir}}).exit_code == 0);
  server.restart();
  CHECK(favorites_total() == static_cast<long long>(acked.size()));
}

TEST_CASE("/metrics: promtool accepts it, routes are patterns, and every family the alerts use is there") {
  ServerProcess server;
  testing::Api api(server);
  CHECK(api.get("/health").status == 200);
  api.get("/api/v1/nutrition-data/recipes/1");
  CHECK(api.get("/api/v1/nutrition-data/recipes/999999999").status == 404);
  CHECK(api.get("/api/v1/no/such/thing").status == 404);
  CHECK(api.get("/no/such/page").status == 404);  // the web app's 404 page
  double backup_time = wait_for_backup(server);
  CHECK(backup_time > 1.7e9);
  auto backups = std::filesystem::directory_iterator(server.data_dir() + "/backups");
  int files = 0;
  for (const auto &e : backups) files += e.path().extension() == ".sha256";
  CHECK(files == 1);

  std::string body = metrics_body(server);
  CHECK(body.find("route=\"/api/v1/nutrition-data/recipes/{id}\",status=\"404\"") != std::string::npos);
  CHECK(body.find("recipes/999999999") == std::string::npos);
  CHECK(body.find("route=\"unmatched\",status=\"404\"") != std::string::npos);
  CHECK(body.find("route=\"static\",status=\"404\"") != std::string::npos);
  std::string file = server.data_dir() + "/metrics.txt";
  std::ofstream(file) << body;
  std::string cmd = "promtool check metrics < " + file + " 2>&1";
  FILE *p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::string out;
  char buf[512];
  while (std::fgets(buf, sizeof buf, p)) out += buf;
  int rc = pclose(p);
  INFO(out);
  CHECK(rc == 0);

  // Every metric the alert rules and the dashboard query is exported
  // (the cache family appears once a cache exists).
  std::string refs =
      testing::read_file(std::string(TRAE_SOURCE_DIR) + "/packaging/monitoring/alerts.yml") +
      testing::read_file(std::string(TRAE_SOURCE_DIR) + "/packaging/monitoring/grafana-dashboard.json");
  std::regex name_re("\\b((trae|process)_[a-z_]+)");
  std::set<std::string> names;
  for (auto it = std::sregex_iterator(refs.begin(), refs.end(), name_re); it != std::sregex_iterator(); ++it)
    names.insert(std::regex_replace((*it)[1].str(), std::regex("_bucket$"), ""));
  CHECK(names.size() >= 15);
  for (const auto &n : names) {
    if (n == "trae_cache_requests_total") continue;
    INFO(n);
    CHECK(body.find("\n# TYPE " + n + " ") != std::string::npos);
  }

  ServerProcess restricted({{"METRICS_ALLOW", "10.0.0.0/8"}, {"BACKUP_INTERVAL", "0"}});
  testing::Api r(restricted);
  CHECK(r.get("/metrics").status == 404);
}

TEST_CASE("trae-health check: every row passes on a good server") {
  // The checklist's limit, so that the rate-limit row sees its 429.
  ServerProcess server(std::map<std::string, std::string>{{"API_RATE_LIMIT", "100"}});
  wait_for_backup(server);
  const std::string url = "https://127.0.0.1:" + std::to_string(server.https_port());
  auto c = run_check({"check", url, "--ca", server.ca_path(), "--http-port",
                      std::to_string(server.http_port()), "--json", "--rate-limit", "100"});
  CHECK(c.result.size() == 13);
  for (const auto &[check, result] : c.result) {
    INFO(check);
    CHECK(result == "PASS");
  }
  CHECK(c.exit_code == 0);

  // The throwaway account was created, and is gone.
  CHECK(metrics_body(server).find("event=\"registration\"} 1") != std::string::npos);
  {
    SQLite::Database db(server.data_dir() + "/trae.db", SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("SELECT count(*) FROM users WHERE email LIKE '%@example.invalid'").getInt() == 0);
  }

  // The table form, and --insecure turning the certificate row into WARN.
  // (The first run spent this address's request budget, so API rows now
  // fail with 429; /health is exempt from the limit.)
  auto table = run_binary({"check", url, "--insecure", "--http-port", std::to_string(server.http_port())});
  CHECK(table.exit_code == 1);
  CHECK(std::regex_search(table.out, std::regex("recipes return data +FAIL +.*429")));
  CHECK(std::regex_search(table.out, std::regex("TLS certificate +WARN +")));
  CHECK(std::regex_search(table.out, std::regex("health +PASS +GET /health: HTTP 200")));
  CHECK(table.out.find("passed,") != std::string::npos);

  // Without --ca the self-signed certificate does not verify.
  auto untrusted = run_check({"check", url, "--json", "--http-port", std::to_string(server.http_port())});
  CHECK(untrusted.result["TLS certificate"] == "FAIL");
  CHECK(untrusted.result["health"] == "FAIL");

  CHECK(run_binary({"check"}).exit_code == 2);
  CHECK(run_binary({"check", "http://example.com"}).exit_code == 2);
}

TEST_CASE("trae-health check: no HTTP listener and unreadable metrics are FAIL rows") {
  ServerProcess server({{"HTTP_PORT", "off"}, {"METRICS_ALLOW", "10.9.9.9"}});
  const std::string url = "https://127.0.0.1:" + std::to_string(server.https_port());
  auto c = run_check(
      {"check", url, "--ca", server.ca_path(), "--http-port", std::to_string(free_port()), "--json"});
  CHECK(c.exit_code == 1);
  CHECK(c.result["HTTP redirects to HTTPS"] == "FAIL");
  CHECK(c.result["last backup < 26 h"] == "FAIL");
  CHECK(c.result["health"] == "PASS");
  CHECK(c.result["TLS certificate"] == "PASS");
}

TEST_CASE("trae-health check: nginx serving plain HTTP fails the TLS rows") {
  if (std::system("command -v nginx >/dev/null 2>&1") != 0) {
    FAIL("nginx is not installed (make test installs nginx-light)");
    return;
  }
  auto dir = testing::make_temp_dir("nginx");
  int port = free_port();
  std::ofstream(dir + "/nginx.conf") << "daemon off; pid " << dir << "/nginx.pid; error_log " << dir
                                     << "/error.log; events {} http { access_log off; client_body_temp_path "
                                     << dir << "; server { listen 127.0.0.1:" << port
                                     << "; location / { return 200 'plain http\\n'; } } }\n";
  pid_t pid = fork();
  if (pid == 0) {
    execlp("nginx", "nginx", "-p", dir.c_str(), "-c", (dir + "/nginx.conf").c_str(), nullptr);
    _exit(127);
  }
  bool up = false;
  for (int i = 0; i < 100 && !up; ++i) {
    httplib::Client probe("127.0.0.1", port);
    up = static_cast<bool>(probe.Get("/"));
    if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(up);
  auto c = run_check({"check", "https://127.0.0.1:" + std::to_string(port), "--insecure", "--json",
                      "--http-port", std::to_string(port)});
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
  std::filesystem::remove_all(dir);
  CHECK(c.exit_code == 1);
  CHECK(c.result["health"] == "FAIL");
  CHECK(c.result["TLS certificate"] == "FAIL");
  CHECK(c.result["HTTP redirects to HTTPS"] == "FAIL");  // 200, not a redirect
  CHECK(c.result["security headers"] == "FAIL");
}

TEST_CASE("trae-health check: a certificate that expires within 14 days is a FAIL row") {
  auto dir = testing::make_temp_dir("shortcert");
  std::string cmd =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 5 -subj /CN=localhost "
      "-addext subjectAltName=IP:127.0.0.1 -keyout " +
      dir + "/key.pem -out " + dir + "/cert.pem >/dev/null 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  {
    ServerProcess server({{"TLS_CERT", dir + "/cert.pem"}, {"TLS_KEY", dir + "/key.pem"}});
    wait_for_backup(server);
    const std::string url = "https://127.0.0.1:" + std::to_string(server.https_port());
    auto c = run_check({"check", url, "--ca", dir + "/cert.pem", "--json", "--http-port",
                        std::to_string(server.http_port())});
    CHECK(c.result["TLS certificate"] == "FAIL");
    CHECK(c.result["health"] == "PASS");
    for (const auto &row : c.json["rows"])
      if (row["check"] == "TLS certificate")
        // 4 or 5 whole days left, depending on the second the check runs in.
        CHECK(std::regex_search(row["detail"].get<std::string>(), std::regex("^expires in [45] days")));
    std::smatch m;
    std::string body = metrics_body(server);
    REQUIRE(
        std::regex_search(body, m, std::regex("\ntrae_tls_certificate_expiry_timestamp_seconds ([0-9]+)\n")));
    auto now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    CHECK(std::stoll(m[1]) - now > 4 * 86400);
    CHECK(std::stoll(m[1]) - now <= 5 * 86400);
  }
  std::filesystem::remove_all(dir);
}
