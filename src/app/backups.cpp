#include "app/backups.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>

#include "storage/backup.hpp"

namespace trae {
namespace {

namespace fs = std::filesystem;

bool is_backup_name(const std::string &name) {
  return name.size() == std::string("trae-20261126T074500Z.db").size() && name.rfind("trae-", 0) == 0 &&
         name.compare(name.size() - 4, 4, "Z.db") == 0 && name[13] == 'T';
}

}  // namespace

std::string backup_path_for(const std::string &dir, long long now) {
  std::time_t t = static_cast<std::time_t>(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "trae-%Y%m%dT%H%M%SZ.db", &tm);
  return (fs::path(dir) / buf).string();
}

std::vector<std::string> list_backups(const std::string &dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (is_backup_name(name) && fs::exists(it->path().string() + ".sha256"))
      out.push_back(it->path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

long long newest_backup_time(const std::string &dir) {
  long long newest = 0;
  for (const auto &p : list_backups(dir)) {
    struct stat st {};
    if (stat(p.c_str(), &st) == 0) newest = std::max<long long>(newest, st.st_mtime);
  }
  return newest;
}

int prune_backups(const std::string &dir, int keep) {
  auto all = list_backups(dir);
  int removed = 0;
  for (std::size_t i = 0; i + static_cast<std::size_t>(keep) < all.size(); ++i) {
    std::error_code ec;
    fs::remove(all[i] + ".sha256", ec);
    if (fs::remove(all[i], ec)) ++removed;
  }
  return removed;
}

long long run_scheduled_backup(const BackupSchedule &s, const Clock &clock, Logger &log) {
  const long long interval = s.interval_hours * 3600LL;
  long long age = clock.now() - newest_backup_time(s.dir);
  if (age < interval) return interval - age;
  try {
    fs::create_directories(s.dir);
    auto r = backup_database(s.db_path, backup_path_for(s.dir, clock.now()));
    int pruned = prune_backups(s.dir, s.retention);
    log.info("backup done", {{"file", r.path},
                             {"bytes", r.bytes},
                             {"sha256", r.sha256},
                             {"seconds", r.seconds},
                             {"pruned", pruned}});
    return interval;
  } catch (const std::exception &e) {
    log.error("backup failed", {{"detail", e.what()}, {"retry_in_s", 3600}});
    return 3600;
  }
}

}  // namespace trae
