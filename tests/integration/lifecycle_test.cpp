// Start-up, configuration, signals, TLS policy and storage upgrades of the real binary.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <future>

#include "../support/server_process.hpp"
#include "../support/tls_probe.hpp"
#include "http/tls.hpp"
#include "security/password.hpp"
#include "storage/migrations.hpp"

using testing::Api;
using testing::run_binary;
using testing::ServerProcess;

TEST_CASE("configuration errors stop start-up with one clear line and exit 2") {
  auto dir = testing::make_temp_dir("cfg");
  auto r = run_binary({"serve"}, {{"DEPLOY_ENV", "production"}, {"DATA_DIR", dir}, {"JWT_SECRET", ""}});
  CHECK(r.exit_code == 2);
  CHECK(r.out == "trae-health: JWT_SECRET: required when DEPLOY_ENV=production (at least 32 bytes)\n");
  r = run_binary({"serve"}, {{"DEPLOY_ENV", "production"}, {"DATA_DIR", dir}, {"JWT_SECRET", "too-short"}});
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("JWT_SECRET: must be at least 32 bytes") != std::string::npos);
  r = run_binary({"serve"}, {{"HTTPS_PORT", "eighty"}, {"DATA_DIR", dir}});
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("HTTPS_PORT:") == std::string("trae-health: ").size());
  r = run_binary({"serve", "--database-url", "postgresql://db/trae"}, {{"DATA_DIR", dir}});
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("DATABASE_URL") != std::string::npos);
  r = run_binary({"serve", "--bogus"}, {{"DATA_DIR", dir}});
  CHECK(r.exit_code == 2);
  r = run_binary({"frobnicate"});
  CHECK(r.exit_code == 2);
  r = run_binary({});
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("SYNOPSIS") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("help and version") {
  auto r = run_binary({"--help"});
  CHECK(r.exit_code == 0);
  for (const char *s : {"DEPLOY_ENV", "DATABASE_URL", "JWT_SECRET", "API_RATE_LIMIT", "CORS_ORIGINS",
                        "REDIS_URL", "HTTPS_PORT", "HTTP_PORT", "TLS_CERT", "TLS_KEY", "DATA_DIR"})
    CHECK(r.out.find(s) != std::string::npos);
  r = run_binary({"serve", "--help"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("trae-health serve - run the HTTPS server") != std::string::npos);
  r = run_binary({"migrate", "--help"});
  CHECK(r.exit_code == 0);
  r = run_binary({"version"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("trae-health ", 0) == 0);
}

TEST_CASE("REDIS_URL is accepted and ignored with one warning") {
  ServerProcess server(std::map<std::string, std::string>{{"REDIS_URL", "redis://127.0.0.1:6379/0"}});
  auto log = server.log();
  auto first = log.find("REDIS_URL is ignored");
  CHECK(first != std::string::npos);
  CHECK(log.find("REDIS_URL is ignored", first + 1) == std::string::npos);
}

TEST_CASE("TLS: 1.2 and 1.3 with modern ciphers only") {
  ServerProcess server;
  auto t13 = testing::tls_handshake(server.https_port(), TLS1_3_VERSION, TLS1_3_VERSION);
  CHECK(t13.ok);
  CHECK(t13.version == "TLSv1.3");
  auto t12 = testing::tls_handshake(server.https_port(), TLS1_2_VERSION, TLS1_2_VERSION);
  CHECK(t12.ok);
  CHECK_FALSE(testing::tls_handshake(server.https_port(), TLS1_VERSION, TLS1_1_VERSION).ok);
  // TLS 1.2 without forward secrecy or with CBC is refused.
  CHECK_FALSE(
      testing::tls_handshake(server.https_port(), TLS1_2_VERSION, TLS1_2_VERSION, "AES128-GCM-SHA256").ok);
  CHECK_FALSE(
      testing::tls_handshake(server.https_port(), TLS1_2_VERSION, TLS1_2_VERSION, "ECDHE-ECDSA-AES128-SHA")
          .ok);
  CHECK(testing::tls_handshake(server.https_port(), TLS1_2_VERSION, TLS1_2_VERSION,
                               "ECDHE-ECDSA-CHACHA20-POLY1305")
            .ok);
  // The self-signed certificate's fingerprint is logged at first run.
  CHECK(server.log().find(t13.fingerprint) != std::string::npos);
}

TEST_CASE("SIGHUP reloads the certificate without downtime; bad files are refused") {
  auto dir = testing::make_temp_dir("tls");
  std::string cert = dir + "/cert.pem", key = dir + "/key.pem";
  trae::write_self_signed(cert, key);
  ServerProcess server({{"TLS_CERT", cert}, {"TLS_KEY", key}});
  auto before = testing::tls_handshake(server.https_port(), TLS1_2_VERSION, TLS1_3_VERSION);
  REQUIRE(before.ok);
  Api api(server);  // a keep-alive connection opened before the reload
  CHECK(api.get("/health").status == 200);

  trae::write_self_signed(dir + "/new-cert.pem", dir + "/new-key.pem");
  std::filesystem::rename(dir + "/new-cert.pem", cert);
  std::filesystem::rename(dir + "/new-key.pem", key);
  server.signal(SIGHUP);
  std::string after;
  for (int i = 0; i < 100 && (after.empty() || after == before.fingerprint); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    after = testing::tls_handshake(server.https_port(), TLS1_2_VERSION, TLS1_3_VERSION).fingerprint;
  }
  CHECK(after != before.fingerprint);
  CHECK(server.log().find("TLS certificate reloaded") != std::string::npos);
  CHECK(api.get("/health").status == 200);  // the old connection kept working

  // A key that does not match: refused, the current certificate stays.
  trae::write_self_signed(dir + "/other-cert.pem", dir + "/other-key.pem");
  std::filesystem::rename(dir + "/other-key.pem", key);
  server.signal(SIGHUP);
  for (int i = 0; i < 100 && server.log().find("reload failed") == std::string::npos; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(server.log().find("does not match") != std::string::npos);
  CHECK(testing::tls_handshake(server.https_port(), TLS1_2_VERSION, TLS1_3_VERSION).fingerprint == after);
  server.stop();
  std::filesystem::remove_all(dir);
}

TEST_CASE("SIGTERM lets in-flight requests finish and exits 0 within 10 s") {
  ServerProcess server;
  Api idle(server);  // an idle keep-alive connection must not hold up the exit
  CHECK(idle.get("/health").status == 200);
  // Registration runs argon2, so it is in flight when the signal lands.
  auto client = server.client();
  auto inflight = std::async(std::launch::async, [&] {
    return client->Post("/api/v1/auth/register",
                        R"({"email":"drain@example.com","password":"correct-horse-battery","name":"D"})",
                        "application/json");
  });
  // Signal once the registration is being served: the in-flight gauge then
  // counts it and this probe's own request. A fixed sleep was a guess, and
  // under ASan the client's TLS handshake alone outlasted it, so the signal
  // landed before the request and the test failed (once with SIGPIPE).
  Api probe(server);
  auto in_flight = [&probe] {
    const std::string m = probe.get("/metrics").body;
    const std::string name = "\ntrae_http_requests_in_flight ";
    const auto at = m.find(name);
    return at == std::string::npos ? 0.0 : std::stod(m.substr(at + name.size()));
  };
  for (int i = 0; i < 400 && in_flight() < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  auto t0 = std::chrono::steady_clock::now();
  int code = server.stop(SIGTERM, 15);
  auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  auto res = inflight.get();
  REQUIRE(res);
  CHECK(res->status == 202);
  CHECK(code == 0);
  CHECK(secs < 10.0);
  CHECK(server.log().find("\"msg\":\"stopped\"") != std::string::npos);
}

TEST_CASE("a corrupt database file gets a clear error, not a crash") {
  auto dir = testing::make_temp_dir("corrupt");
  {
    std::ofstream f(dir + "/trae.db");
    f << std::string(4096, 'Z');
  }
  auto r = run_binary({"serve"}, {{"DATA_DIR", dir}, {"HTTPS_PORT", "0"}, {"HTTP_PORT", "off"}});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("not a valid SQLite database") != std::string::npos);
  r = run_binary({"migrate"}, {{"DATA_DIR", dir}});
  CHECK(r.exit_code == 1);
  // A database path in a directory that cannot be created.
  r = run_binary({"migrate"}, {{"DATA_DIR", dir}, {"DATABASE_URL", "sqlite:///proc/trae/nope.db"}});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("DATABASE_URL") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a database left by an older version is upgraded in place") {
  auto dir = testing::make_temp_dir("upgrade");
  // What version 1 of the schema left behind: accounts only, one user.
  auto r = run_binary({"migrate", "--to", "1"}, {{"DATA_DIR", dir}});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("schema version 0 -> 1") != std::string::npos);
  {
    SQLite::Database db(dir + "/trae.db", SQLite::OPEN_READWRITE);
    CHECK(db.execAndGet("PRAGMA user_version").getInt() == 1);
    CHECK_FALSE(db.tableExists("profiles"));
    SQLite::Statement ins(db,
                          "INSERT INTO users(email, name, password_hash, created_at, updated_at) "
                          "VALUES ('old@example.com', 'Old Timer', ?, 1700000000, 1700000000)");
    ins.bind(1, trae::hash_password("correct-horse-battery", {1024, 1, 1}));
    ins.exec();
  }
  ServerProcess server({{"DATA_DIR", dir}});
  CHECK(server.log().find("0002_profiles.sql") != std::string::npos);
  Api api(server);
  auto login =
      api.post("/api/v1/auth/login", {{"email", "old@example.com"}, {"password", "correct-horse-battery"}});
  REQUIRE(login.status == 200);
  CHECK(login.json["user"]["name"] == "Old Timer");
  CHECK(api.put("/api/v1/profile", {{"goal", "maintain"}}, login.json["access_token"]).status == 200);
  server.stop();
  {
    SQLite::Database db(dir + "/trae.db");
    CHECK(db.execAndGet("PRAGMA user_version").getInt() == trae::latest_schema_version());
    CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
  }
  // Free pages (as a table rebuild leaves them): migrate points at --vacuum,
  // and --vacuum gives them back.
  long long pages_before = 0;
  {
    SQLite::Database db(dir + "/trae.db", SQLite::OPEN_READWRITE);
    db.exec("CREATE TABLE scratch(x BLOB)");
    db.exec(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
        "INSERT INTO scratch SELECT randomblob(3000) FROM n");
    db.exec("DROP TABLE scratch");
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    pages_before = db.execAndGet("PRAGMA page_count").getInt64();
    REQUIRE(db.execAndGet("PRAGMA freelist_count").getInt64() * 5 > pages_before);
  }
  r = run_binary({"migrate"}, {{"DATA_DIR", dir}});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("migrate --vacuum") != std::string::npos);
  r = run_binary({"migrate", "--vacuum"}, {{"DATA_DIR", dir}});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("vacuumed:") != std::string::npos);
  {
    SQLite::Database db(dir + "/trae.db");
    CHECK(db.execAndGet("PRAGMA freelist_count").getInt64() == 0);
    CHECK(db.execAndGet("PRAGMA page_count").getInt64() * 2 < pages_before);
    CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
  }
  // A database from a newer binary is refused rather than damaged.
  {
    SQLite::Database db(dir + "/trae.db", SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = 99");
  }
  r = run_binary({"migrate"}, {{"DATA_DIR", dir}});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("newer than this binary") != std::string::npos);
  r = run_binary({"migrate", "--to", "x"}, {{"DATA_DIR", dir}});
  CHECK(r.exit_code == 2);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a taken port is reported by name") {
  ServerProcess first;
  auto dir = testing::make_temp_dir("port");
  auto r = run_binary({"serve"}, {{"DATA_DIR", dir},
                                  {"BIND_ADDRESS", "127.0.0.1"},
                                  {"HTTPS_PORT", std::to_string(first.https_port())},
                                  {"HTTP_PORT", "off"}});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("HTTPS_PORT: cannot listen") != std::string::npos);
  std::filesystem::remove_all(dir);
}
