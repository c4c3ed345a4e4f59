// trae-health backup [--out FILE] and trae-health restore FILE.
#include "storage/backup.hpp"

#include <filesystem>
#include <iostream>

#include "app/backups.hpp"
#include "cli/cli.hpp"
#include "cli/progress_line.hpp"
#include "cli/setup.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "storage/migrations.hpp"

namespace trae {
namespace {

// Splits "--out FILE" / "--out=FILE" from the settings flags.
std::string take_option(std::vector<std::string> &args, const std::string &flag) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == flag) {
      if (i + 1 >= args.size()) throw Fatal(2, flag + ": needs a value");
      std::string v = args[i + 1];
      args.erase(args.begin() + static_cast<long>(i), args.begin() + static_cast<long>(i) + 2);
      return v;
    }
    if (args[i].rfind(flag + "=", 0) == 0) {
      std::string v = args[i].substr(flag.size() + 1);
      args.erase(args.begin() + static_cast<long>(i));
      return v;
    }
  }
  return "";
}

}  // namespace

int cmd_backup(const Invocation &inv) {
  std::vector<std::string> args = inv.args;
  std::string out = take_option(args, "--out");
  Config cfg = configure(inv.env, args);
  if (!std::filesystem::exists(cfg.database_path))
    throw Fatal(1, "DATABASE_URL: no database at " + cfg.database_path);
  SystemClock clock;
  if (out.empty()) {
    std::filesystem::create_directories(cfg.data_dir + "/backups");
    out = backup_path_for(cfg.data_dir + "/backups", clock.now());
  }
  ProgressLine progress("backing up");
  try {
    auto r = backup_database(cfg.database_path, out,
                             [&progress](long long d, long long t) { progress.show(d, t, "pages"); });
    std::cout << r.path << "\n";
    std::cerr << "backup " << r.path << ": " << r.bytes << " bytes in " << r.seconds
              << " s, integrity ok, sha256 " << r.sha256 << " (in " << r.path << ".sha256)\n";
  } catch (const Error &e) {
    throw Fatal(1, "backup: " + e.message());
  }
  return 0;
}

int cmd_restore(const Invocation &inv) {
  if (inv.args.empty() || inv.args[0].rfind("--", 0) == 0)
    throw Fatal(2, "usage: trae-health restore FILE [SETTINGS] (see --help)");
  const std::string file = inv.args[0];
  Config cfg = configure(inv.env, std::vector<std::string>(inv.args.begin() + 1, inv.args.end()));
  ensure_data_dir(cfg);
  DatabaseLock lock(cfg.database_path);
  if (!lock.try_lock())
    throw Fatal(1, "restore: a trae-health server is using " + cfg.database_path +
                       "; stop it first (systemctl stop trae-health), then restore and start it again");
  try {
    std::cerr << "verifying " << file << " (checksum, integrity_check, schema version)...\n";
    // The copy is made while the file is verified; nothing is swapped unless it passes.
    restore_database(file, cfg.database_path, [&] {
      auto check = verify_backup(file, latest_schema_version());
      std::cerr << "ok: sha256 " << check.sha256 << ", schema version " << check.schema_version << "\n";
    });
  } catch (const Error &e) {
    throw Fatal(1, "restore: " + e.message());
  }
  std::cerr << "restored " << file << " to " << cfg.database_path << "; the previous database is "
            << cfg.database_path << ".pre-restore\n";
  return 0;
}

}  // namespace trae
