// The backup directory (DATA_DIR/backups) and the server's own schedule.
//
// Backups are named trae-YYYYMMDDTHHMMSSZ.db, each with a .sha256 beside it;
// the name sorts by time. Only a file with its checksum counts as a backup
// (backup_database writes the checksum before moving the file into place).
#pragma once
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "log/logger.hpp"

namespace trae {

// "DIR/trae-20261126T074500Z.db" for Unix time `now`.
std::string backup_path_for(const std::string &dir, long long now);
// Backups in `dir`, oldest first.
std::vector<std::string> list_backups(const std::string &dir);
// Modification time of the newest backup in `dir` (Unix time), 0 if none.
long long newest_backup_time(const std::string &dir);
// Deletes all but the newest `keep` backups (and their checksums); returns how many went.
int prune_backups(const std::string &dir, int keep);

struct BackupSchedule {
  std::string db_path;
  std::string dir;
  int interval_hours = 24;  // > 0
  int retention = 7;
};

// Takes an online backup if the newest one is older than the interval, then
// prunes to the retention count; returns the seconds until the next is due.
// Failures are logged and retried an hour later. Run by a PeriodicTask from
// start, so a server that has no recent backup takes one at once.
long long run_scheduled_backup(const BackupSchedule &s, const Clock &clock, Logger &log);

}  // namespace trae
