#include "storage/backup.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <vector>

#include "core/error.hpp"

namespace trae {
namespace {

namespace fs = std::filesystem;

constexpr int kPagesPerStep = 4096;  // 16 MiB at 4 KiB pages between progress reports

[[noreturn]] void fail(const std::string &msg) { throw Error(ErrorCode::unavailable, msg); }

struct Handle {
  sqlite3 *db = nullptr;
  ~Handle() { sqlite3_close_v2(db); }
};

void open_handle(Handle &h, const std::string &path, int flags, const std::string &what) {
  if (sqlite3_open_v2(path.c_str(), &h.db, flags, nullptr) != SQLITE_OK)
    fail("cannot open " + what + " " + path + ": " + (h.db ? sqlite3_errmsg(h.db) : "out of memory"));
  sqlite3_busy_timeout(h.db, 5000);
}

bool exec(sqlite3 *db, const std::string &sql, std::string *err = nullptr) {
  char *msg = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &msg);
  if (rc != SQLITE_OK && err) *err = msg ? msg : sqlite3_errstr(rc);
  sqlite3_free(msg);
  return rc == SQLITE_OK;
}

// The first column of every row of `sql`, joined by newlines.
std::string query_text(sqlite3 *db, const std::string &sql, bool *ok) {
  sqlite3_stmt *st = nullptr;
  std::string out;
  *ok = sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK;
  int rc = SQLITE_DONE;
  while (*ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    const unsigned char *t = sqlite3_column_text(st, 0);
    if (!out.empty()) out += "\n";
    out += t ? reinterpret_cast<const char *>(t) : "";
  }
  if (rc != SQLITE_DONE) *ok = false;
  if (!*ok && out.empty()) out = sqlite3_errmsg(db);
  sqlite3_finalize(st);
  return out;
}

// "ok" or SQLite's description of the damage (or of why it could not look).
std::string integrity(sqlite3 *db) {
  // The check reads every page several times: map the file instead of
  // copying pages through a small cache (a read-only use, so mmap is safe).
  exec(db, "PRAGMA mmap_size=4294967296");
  exec(db, "PRAGMA cache_size=-65536");
  bool ok = false;
  std::string r = query_text(db, "PRAGMA integrity_check", &ok);
  return ok ? r : "cannot be read: " + r;
}

void fsync_path(const std::string &path) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

std::string dir_of(const std::string &path) {
  auto p = fs::path(path).parent_path();
  return p.empty() ? "." : p.string();
}

}  // namespace

std::string sha256_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot read " + path);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  std::vector<char> buf(1 << 20);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    if (in.gcount() > 0) EVP_DigestUpdate(ctx.get(), buf.data(), static_cast<std::size_t>(in.gcount()));
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_DigestFinal_ex(ctx.get(), md, &n);
  static const char *digits = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < n; ++i) {
    out += digits[md[i] >> 4];
    out += digits[md[i] & 15];
  }
  return out;
}

BackupResult backup_database(const std::string &db_path, const std::string &out_path,
                             const BackupProgress &progress) {
  auto t0 = std::chrono::steady_clock::now();
  if (!fs::exists(db_path)) fail("no database at " + db_path);
  const std::string tmp = out_path + ".partial";
  fs::remove(tmp);
  std::string digest;
  {
    Handle src, dst;
    open_handle(src, db_path, SQLITE_OPEN_READONLY, "database");
    open_handle(dst, tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "backup file");
    // A fresh scratch file, thrown away if anything fails: no journal and no
    // syncs while the pages go in (the finished file is synced before it is
    // renamed into place).
    exec(dst.db, "PRAGMA journal_mode=OFF");
    exec(dst.db, "PRAGMA synchronous=OFF");
    // One read transaction for the whole copy pins one WAL snapshot.
    std::string err;
    bool ok = exec(src.db, "BEGIN", &err);
    if (ok) query_text(src.db, "SELECT count(*) FROM sqlite_schema", &ok);
    if (!ok) fail("cannot read " + db_path + ": " + (err.empty() ? sqlite3_errmsg(src.db) : err));
    sqlite3_backup *b = sqlite3_backup_init(dst.db, "main", src.db, "main");
    if (!b) fail("cannot start the backup: " + std::string(sqlite3_errmsg(dst.db)));
    int rc = SQLITE_OK;
    while ((rc = sqlite3_backup_step(b, kPagesPerStep)) == SQLITE_OK || rc == SQLITE_BUSY ||
           rc == SQLITE_LOCKED) {
      int total = sqlite3_backup_pagecount(b);
      if (progress) progress(total - sqlite3_backup_remaining(b), total);
      if (rc != SQLITE_OK) sqlite3_sleep(50);
    }
    int total = sqlite3_backup_pagecount(b);
    sqlite3_backup_finish(b);
    exec(src.db, "COMMIT");
    if (rc != SQLITE_DONE) {
      std::string msg = sqlite3_errstr(rc);
      fs::remove(tmp);
      fail("backup failed: " + msg);
    }
    if (progress) progress(total, total);
    // A backup is one self-contained file, not a WAL database.
    exec(dst.db, "PRAGMA journal_mode=DELETE");
    // The file is final now: hash it on a second core while integrity_check
    // reads it (about 15 s and 40 s on the 6.4 GB seeded dataset).
    auto hashed = std::async(std::launch::async, [&tmp] { return sha256_file(tmp); });
    std::string check = integrity(dst.db);
    digest = hashed.get();
    if (check != "ok") {
      fs::remove(tmp);
      fail("the copy failed PRAGMA integrity_check: " + check);
    }
  }
  fsync_path(tmp);
  BackupResult r;
  r.path = out_path;
  r.sha256 = digest;
  r.bytes = static_cast<long long>(fs::file_size(tmp));
  {
    std::ofstream sum(out_path + ".sha256", std::ios::trunc);
    sum << r.sha256 << "  " << fs::path(out_path).filename().string() << "\n";
    if (!sum) fail("cannot write " + out_path + ".sha256");
  }
  std::error_code ec;
  fs::rename(tmp, out_path, ec);
  if (ec) fail("cannot move the backup into place at " + out_path + ": " + ec.message());
  fsync_path(dir_of(out_path));
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

BackupCheck verify_backup(const std::string &file, int max_schema_version) {
  auto bad = [&](const std::string &why) -> Error {
    return Error(ErrorCode::invalid, "refusing " + file + ": " + why);
  };
  if (!fs::is_regular_file(file)) throw bad("no such file");
  std::ifstream sum(file + ".sha256");
  std::string expected;
  if (!(sum >> expected) || expected.size() != 64)
    throw bad("its checksum file " + file + ".sha256 is missing or unreadable");
  BackupCheck c;
  // The checksum and integrity_check each read the whole file: run them on
  // two cores. The checksum's verdict is given first either way.
  auto hashed = std::async(std::launch::async, [&file] { return sha256_file(file); });
  Handle h;
  const bool opened = sqlite3_open_v2(file.c_str(), &h.db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK;
  const std::string check = opened ? integrity(h.db) : std::string();
  c.sha256 = hashed.get();
  if (c.sha256 != expected) throw bad("SHA-256 mismatch (file " + c.sha256 + ", expected " + expected + ")");
  if (!opened) throw bad("not an SQLite database");
  if (check != "ok") throw bad("PRAGMA integrity_check: " + check.substr(0, 300));
  bool ok = false;
  std::string v = query_text(h.db, "PRAGMA user_version", &ok);
  c.schema_version = ok ? std::atoi(v.c_str()) : -1;
  if (!ok || c.schema_version < 0) throw bad("cannot read its schema version");
  if (c.schema_version > max_schema_version)
    throw bad("its schema version " + std::to_string(c.schema_version) + " is newer than this binary's (" +
              std::to_string(max_schema_version) + "); restore it with a newer trae-health");
  return c;
}

void restore_database(const std::string &file, const std::string &db_path,
                      const std::function<void()> &check) {
  const std::string staged = db_path + ".restoring";
  std::error_code ec;
  // The copy is mostly I/O and the check mostly CPU: overlap them. Nothing
  // touches the live database until both are done and the check has passed.
  auto checked = std::async(std::launch::async, [&check] {
    if (check) check();
  });
  fs::copy_file(file, staged, fs::copy_options::overwrite_existing, ec);
  try {
    checked.get();
  } catch (...) {
    fs::remove(staged);
    throw;
  }
  if (ec) {
    fs::remove(staged);
    fail("cannot copy " + file + " next to the database: " + ec.message());
  }
  fsync_path(staged);
  if (fs::exists(db_path)) {
    {
      // Fold the WAL into the main file so the kept copy is whole.
      Handle cur;
      open_handle(cur, db_path, SQLITE_OPEN_READWRITE, "database");
      std::string err;
      if (!exec(cur.db, "PRAGMA wal_checkpoint(TRUNCATE)", &err)) {
        fs::remove(staged);
        fail("cannot checkpoint the current database: " + err);
      }
    }
    const std::string kept = db_path + ".pre-restore";
    fs::remove(kept);
    fs::create_hard_link(db_path, kept, ec);
    if (ec) fs::copy_file(db_path, kept, fs::copy_options::overwrite_existing, ec);
    if (ec) {
      fs::remove(staged);
      fail("cannot keep the current database as " + kept + ": " + ec.message());
    }
  }
  // The old WAL and shared-memory index belong to the old file: a WAL left
  // beside the restored file would be replayed into it.
  fs::remove(db_path + "-wal");
  fs::remove(db_path + "-shm");
  fs::rename(staged, db_path, ec);
  if (ec) fail("cannot move the restored database into place: " + ec.message());
  fsync_path(dir_of(db_path));
}

DatabaseLock::DatabaseLock(const std::string &db_path) {
  fd_ = ::open((db_path + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
}

DatabaseLock::~DatabaseLock() {
  if (fd_ >= 0) ::close(fd_);
}

bool DatabaseLock::try_lock() {
  return fd_ < 0 || flock(fd_, LOCK_EX | LOCK_NB) == 0 || errno != EWOULDBLOCK;
}

}  // namespace trae
