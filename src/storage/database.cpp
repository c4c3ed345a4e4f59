#include "storage/database.hpp"

#include <sqlite3.h>
#include <sys/stat.h>

#include <chrono>
#include <set>

#include "core/error.hpp"
#include "storage/document_codec.hpp"
#include "storage/row_filter.hpp"

namespace trae {
namespace {

constexpr int kBusyTimeoutMs = 5000;

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

SQLite::Database open_db(const std::string &path) {
  try {
    return SQLite::Database(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX,
                            kBusyTimeoutMs);
  } catch (const SQLite::Exception &e) {
    throw Error(ErrorCode::unavailable, "cannot open database " + path + ": " + e.what());
  }
}

}  // namespace

void rethrow_storage_error(const SQLite::Exception &e) {
  int code = e.getErrorCode() & 0xFF;
  switch (code) {
    case SQLITE_FULL: throw Error(ErrorCode::storage_full, "the database disk is full");
    case SQLITE_BUSY:
    case SQLITE_LOCKED: throw Error(ErrorCode::unavailable, "the database is busy; try again");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      throw Error(ErrorCode::unavailable, std::string("the database file is damaged: ") + e.what());
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_PERM:
      throw Error(ErrorCode::unavailable, std::string("the database cannot be written: ") + e.what());
    case SQLITE_CONSTRAINT: throw Error(ErrorCode::conflict, "the change conflicts with existing data");
    default: throw Error(ErrorCode::internal, std::string("database error: ") + e.what());
  }
}

Connection::Connection(const std::string &path, bool reader) : db_(open_db(path)) {
  try {
    // Fails fast with SQLITE_NOTADB on a file that is not a database.
    db_.exec("PRAGMA journal_mode=WAL");
    db_.exec("PRAGMA synchronous=NORMAL");
    db_.exec("PRAGMA foreign_keys=ON");
    db_.exec("PRAGMA temp_store=MEMORY");
    db_.exec("PRAGMA cache_size=-16000");  // 16 MB page cache per connection
    if (reader) db_.exec("PRAGMA query_only=ON");
    register_row_filter(db_.getHandle(), &row_predicate_);
    document_codec::register_sql_function(db_.getHandle());
  } catch (const SQLite::Exception &e) {
    int code = e.getErrorCode() & 0xFF;
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
      throw Error(ErrorCode::unavailable,
                  "the file " + path + " is not a valid SQLite database (" + e.what() + ")");
    throw Error(ErrorCode::unavailable, "cannot use database " + path + ": " + e.what());
  }
}

Stmt Connection::prepare(const std::string &sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) it = cache_.emplace(sql, std::make_unique<SQLite::Statement>(db_, sql)).first;
  return Stmt(*it->second);
}

std::vector<std::string> Connection::cached_sql() const {
  std::vector<std::string> out;
  for (const auto &kv : cache_) out.push_back(kv.first);
  return out;
}

std::vector<std::string> Database::prepared_sql() {
  std::set<std::string> all;
  {
    std::lock_guard<std::timed_mutex> lock(write_mu_);
    for (auto &s : writer_->cached_sql()) all.insert(s);
  }
  std::lock_guard<std::mutex> lock(pool_mu_);
  for (auto &r : readers_)
    for (auto &s : r->cached_sql()) all.insert(s);
  return {all.begin(), all.end()};
}

Database::Database(const std::string &path, int readers) : path_(path) {
  writer_ = std::make_unique<Connection>(path, false);
  for (int i = 0; i < readers; ++i) readers_.push_back(std::make_unique<Connection>(path, true));
}

Database::~Database() = default;

void Database::write(const std::function<void(Connection &)> &fn) {
  auto t0 = std::chrono::steady_clock::now();
  std::lock_guard<std::timed_mutex> lock(write_mu_);
  double waited = seconds_since(t0);
  auto t1 = std::chrono::steady_clock::now();
  try {
    writer_->exec("BEGIN IMMEDIATE");
  } catch (const SQLite::Exception &e) {
    rethrow_storage_error(e);
  }
  try {
    fn(*writer_);
    writer_->exec("COMMIT");
  } catch (...) {
    try {
      if (!writer_->db().getHandle() || !sqlite3_get_autocommit(writer_->db().getHandle()))
        writer_->exec("ROLLBACK");
    } catch (...) {
    }
    try {
      throw;
    } catch (const SQLite::Exception &e) {
      rethrow_storage_error(e);
    }
  }
  double took = seconds_since(t1);
  if (write_observer_) write_observer_(waited, took);
  std::lock_guard<std::mutex> s(stats_mu_);
  stats_.writes++;
  stats_.write_wait_seconds += waited;
  stats_.write_seconds += took;
}

std::unique_ptr<Connection> Database::acquire_reader() {
  std::unique_lock<std::mutex> lock(pool_mu_);
  pool_cv_.wait(lock, [&] { return !readers_.empty(); });
  auto c = std::move(readers_.back());
  readers_.pop_back();
  return c;
}

void Database::release_reader(std::unique_ptr<Connection> c) {
  {
    std::lock_guard<std::mutex> lock(pool_mu_);
    readers_.push_back(std::move(c));
  }
  pool_cv_.notify_one();
}

void Database::read(const std::function<void(Connection &)> &fn) {
  auto conn = acquire_reader();
  auto t0 = std::chrono::steady_clock::now();
  struct Release {
    Database *db;
    std::unique_ptr<Connection> *c;
    ~Release() { db->release_reader(std::move(*c)); }
  } release{this, &conn};
  try {
    conn->exec("BEGIN");
    try {
      fn(*conn);
    } catch (...) {
      conn->exec("COMMIT");
      throw;
    }
    conn->exec("COMMIT");
  } catch (const SQLite::Exception &e) {
    rethrow_storage_error(e);
  }
  std::lock_guard<std::mutex> s(stats_mu_);
  stats_.reads++;
  stats_.read_seconds += seconds_since(t0);
}

void Database::with_writer(const std::function<void(Connection &)> &fn) {
  std::lock_guard<std::timed_mutex> lock(write_mu_);
  try {
    fn(*writer_);
  } catch (const SQLite::Exception &e) {
    rethrow_storage_error(e);
  }
}

bool Database::probe_write(int timeout_ms) {
  std::unique_lock<std::timed_mutex> lock(write_mu_, std::defer_lock);
  if (!lock.try_lock_for(std::chrono::milliseconds(timeout_ms))) return false;
  sqlite3 *h = writer_->db().getHandle();
  sqlite3_busy_timeout(h, timeout_ms);
  bool ok = sqlite3_exec(h, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
  if (ok) sqlite3_exec(h, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_busy_timeout(h, kBusyTimeoutMs);
  return ok;
}

DatabaseStats Database::stats() const {
  std::lock_guard<std::mutex> s(stats_mu_);
  return stats_;
}

long long Database::wal_bytes() const {
  struct stat st {};
  if (stat((path_ + "-wal").c_str(), &st) != 0) return 0;
  return static_cast<long long>(st.st_size);
}

}  // namespace trae
