// Online backups and verified restores of the SQLite database.
//
// A backup copies the database through SQLite's backup API from its own
// read-only connection that holds one read transaction for the whole copy: in
// WAL mode that pins one snapshot, so the copy is consistent while the server
// keeps writing. The copy is written beside its target, checked with
// PRAGMA integrity_check, given a SHA-256 file in sha256sum's format, and only
// then renamed into place, so a file named like a backup is a good one.
#pragma once
#include <functional>
#include <string>

namespace trae {

// Pages copied so far and the total, for progress output.
using BackupProgress = std::function<void(long long done_pages, long long total_pages)>;

struct BackupResult {
  std::string path;
  std::string sha256;
  long long bytes = 0;
  double seconds = 0;
};

// Copies the database at `db_path` to `out_path` (and writes out_path.sha256).
// Throws trae::Error(unavailable) naming the problem if the source cannot be
// read, the copy fails its integrity check, or the target cannot be written.
BackupResult backup_database(const std::string &db_path, const std::string &out_path,
                             const BackupProgress &progress = nullptr);

struct BackupCheck {
  std::string sha256;
  int schema_version = 0;
};

// Verifies a backup file: its .sha256 file must exist and match, PRAGMA
// integrity_check must say ok, and its schema must not be newer than
// `max_schema_version`. Throws trae::Error(invalid) saying what is wrong.
BackupCheck verify_backup(const std::string &file, int max_schema_version);

// Replaces the database at `db_path` with the verified backup `file`: the
// current database (checkpointed first) is kept as db_path.pre-restore, then
// a copy of the backup is renamed over db_path in one atomic step. The caller
// must make sure no process has the database open (see DatabaseLock).
// `check` (typically verify_backup) runs while the copy is made; if it
// throws, the copy is removed, the database is left alone and the error
// propagates.
void restore_database(const std::string &file, const std::string &db_path,
                      const std::function<void()> &check = {});

// SHA-256 of a file as lowercase hex.
std::string sha256_file(const std::string &path);

// An advisory lock (flock on db_path.lock) that a serving process holds for
// its whole life, so restore can tell that a server is running and refuse.
class DatabaseLock {
 public:
  explicit DatabaseLock(const std::string &db_path);
  ~DatabaseLock();
  DatabaseLock(const DatabaseLock &) = delete;
  DatabaseLock &operator=(const DatabaseLock &) = delete;
  // False only if another process holds it. A lock file that cannot be
  // created (read-only directory) does not block: opening the database
  // then fails with its own clear message.
  bool try_lock();

 private:
  int fd_ = -1;
};

}  // namespace trae
