// SQLite access with one discipline: a single writer connection (writes are
// serialized and run in BEGIN IMMEDIATE transactions) and a bounded pool of
// reader connections. Every connection runs in WAL mode with
// synchronous=NORMAL, busy_timeout and foreign keys on, and keeps its prepared
// statements cached by SQL text.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace trae {

// One prepared statement borrowed from a connection's cache. It is reset and
// its bindings cleared when the borrow ends, so no statement keeps a read
// transaction open by accident.
class Stmt {
 public:
  explicit Stmt(SQLite::Statement &s) : s_(&s) {}
  Stmt(const Stmt &) = delete;
  Stmt &operator=(const Stmt &) = delete;
  ~Stmt() {
    try {
      s_->reset();
      s_->clearBindings();
    } catch (...) {
    }
  }
  SQLite::Statement *operator->() { return s_; }
  SQLite::Statement &operator*() { return *s_; }

 private:
  SQLite::Statement *s_;
};

// Whether a row (by rowid) passes, for trae_keep() (storage/row_filter.hpp).
using RowPredicate = std::function<bool(long long rowid)>;

class Connection {
 public:
  Connection(const std::string &path, bool reader);
  Stmt prepare(const std::string &sql);
  SQLite::Database &db() { return db_; }
  void exec(const std::string &sql) { db_.exec(sql); }
  // The SQL of every statement this connection has prepared (for query-plan checks).
  std::vector<std::string> cached_sql() const;
  // What trae_keep() asks while a RowFilterScope is open.
  const RowPredicate *&row_predicate() { return row_predicate_; }

 private:
  SQLite::Database db_;
  const RowPredicate *row_predicate_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> cache_;
};

struct DatabaseStats {
  std::uint64_t reads = 0, writes = 0;
  double read_seconds = 0, write_seconds = 0, write_wait_seconds = 0;
};

class Database {
 public:
  // Opens (creating if needed) the file. Throws trae::Error(unavailable) with
  // a clear message if the file is not a database or cannot be opened.
  Database(const std::string &path, int readers);
  ~Database();

  const std::string &path() const { return path_; }

  // Runs `fn` inside BEGIN IMMEDIATE ... COMMIT on the writer; rolls back if it throws.
  void write(const std::function<void(Connection &)> &fn);
  // Runs `fn` on a pooled reader inside one read transaction (a consistent snapshot).
  void read(const std::function<void(Connection &)> &fn);
  // Runs `fn` on the writer outside any transaction (migrations, maintenance, backups).
  void with_writer(const std::function<void(Connection &)> &fn);

  // Whether a write could start now: takes the writer within `timeout_ms`
  // and opens and rolls back an IMMEDIATE transaction. Used by /ready.
  bool probe_write(int timeout_ms);

  // Every distinct statement prepared so far on any idle connection.
  std::vector<std::string> prepared_sql();

  DatabaseStats stats() const;
  // Told the lock wait and transaction time of every committed write (for
  // metrics histograms). Set it before the database is shared by threads.
  void set_write_observer(std::function<void(double wait_s, double txn_s)> f) {
    write_observer_ = std::move(f);
  }
  // Size of the -wal file in bytes (0 if absent).
  long long wal_bytes() const;

 private:
  std::unique_ptr<Connection> acquire_reader();
  void release_reader(std::unique_ptr<Connection> c);

  std::string path_;
  std::timed_mutex write_mu_;
  std::unique_ptr<Connection> writer_;
  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> readers_;
  mutable std::mutex stats_mu_;
  DatabaseStats stats_;
  std::function<void(double, double)> write_observer_;
};

// Turns SQLite failures into the application's typed error: a full disk is
// storage_full (507), locked/corrupt/read-only is unavailable (503), a
// constraint violation is conflict (409); anything else is internal.
[[noreturn]] void rethrow_storage_error(const SQLite::Exception &e);

}  // namespace trae
