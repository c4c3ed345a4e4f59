// bench/backup: times an online backup (SQLite backup API from one read
// transaction, integrity_check, SHA-256) and a restore (checksum,
// integrity_check, copy, atomic rename) of a large database, by default the
// 300,000-recipe catalog that catalog_bench builds. The goal is under 60 s
// for each (the checklist allows 30 minutes to restore).
//
// usage: backup_bench [--db PATH] [--work DIR]
#include <chrono>
#include <filesystem>
#include <iostream>

#include "storage/backup.hpp"
#include "storage/migrations.hpp"

namespace fs = std::filesystem;

int main(int argc, char **argv) {
  std::string db = (fs::temp_directory_path() / "trae-bench-catalog" / "trae.db").string();
  std::string work = (fs::temp_directory_path() / "trae-bench-backup").string();
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--db") db = argv[i + 1];
    if (a == "--work") work = argv[i + 1];
  }
  if (!fs::exists(db)) {
    std::cerr << "backup_bench: no database at " << db << "; run catalog_bench first (it builds one)\n";
    return 0;
  }
  fs::remove_all(work);
  fs::create_directories(work);
  auto t0 = std::chrono::steady_clock::now();
  auto since = [](auto t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  };
  const std::string out = work + "/backup.db";
  auto r = trae::backup_database(db, out, [](long long done, long long total) {
    if (done == total || done % (4096 * 16) == 0)
      std::cerr << "\rbacking up " << done << "/" << total << " pages" << (done == total ? "\n" : "")
                << std::flush;
  });
  double backup_s = since(t0);
  // Verification alone, then the restore as `trae-health restore` runs it:
  // the copy made while the file is verified again.
  t0 = std::chrono::steady_clock::now();
  auto check = trae::verify_backup(out, trae::latest_schema_version());
  double verify_s = since(t0);
  t0 = std::chrono::steady_clock::now();
  trae::restore_database(out, work + "/restored.db",
                         [&] { trae::verify_backup(out, trae::latest_schema_version()); });
  double restore_s = since(t0);
  std::cout << "database: " << db << " (" << fs::file_size(db) / 1000000 << " MB)\n"
            << "backup:  " << backup_s << " s (copy " << r.bytes / 1000000
            << " MB + integrity_check + sha256)\n"
            << "verify:  " << verify_s << " s (sha256 and integrity_check side by side), schema "
            << check.schema_version << "\n"
            << "restore: " << restore_s << " s (verify while copying, then the atomic rename)\n"
            << "target: under 60 s each: " << (backup_s < 60 && restore_s < 60 ? "met" : "NOT met") << "\n";
  fs::remove_all(work);
  return 0;
}
