#include <iostream>

#include "cli/cli.hpp"
#include "cli/setup.hpp"
#include "core/error.hpp"
#include "storage/migrations.hpp"

namespace trae {

int cmd_migrate(const Invocation &inv) {
  std::vector<std::string> args;
  int target = -1;
  bool vacuum = false;
  for (std::size_t i = 0; i < inv.args.size(); ++i) {
    const auto &a = inv.args[i];
    if (a == "--vacuum") {
      vacuum = true;
    } else if (a == "--to" || a.rfind("--to=", 0) == 0) {
      std::string v = a == "--to" ? (i + 1 < inv.args.size() ? inv.args[++i] : "") : a.substr(5);
      try {
        target = std::stoi(v);
      } catch (const std::exception &) {
        throw Fatal(2, "--to: expected a schema version number, got '" + v + "'");
      }
      if (target < 0 || target > latest_schema_version())
        throw Fatal(
            2, "--to: this binary knows schema versions 0 to " + std::to_string(latest_schema_version()));
    } else {
      args.push_back(a);
    }
  }
  Config cfg = configure(inv.env, args);
  ensure_data_dir(cfg);
  auto db = open_database(cfg);
  try {
    int before = 0;
    db->with_writer([&](Connection &c) { before = schema_version(c); });
    int n = migrate(*db, target, [](const Migration &m) {
      std::cerr << "trae-health: applied migration " << m.name << "\n";
    });
    int after = 0;
    db->with_writer([&](Connection &c) { after = schema_version(c); });
    std::cerr << "trae-health: schema version " << before << " -> " << after << " (" << n << " migration"
              << (n == 1 ? "" : "s") << " applied)\n";
    // A migration that rebuilds a table leaves the old pages on SQLite's
    // free list: reused by later writes, but still copied by every backup.
    long long pages = 0, free_pages = 0;
    auto pragma = [&](const char *sql) {
      long long v = 0;
      db->with_writer([&](Connection &c) { v = c.db().execAndGet(sql).getInt64(); });
      return v;
    };
    pages = pragma("PRAGMA page_count");
    free_pages = pragma("PRAGMA freelist_count");
    if (vacuum) {
      std::cerr << "trae-health: vacuuming (" << free_pages << " free of " << pages
                << " pages; this rewrites the whole file and needs as much free disk as it is large)\n";
      db->with_writer([&](Connection &c) { c.exec("VACUUM"); });
      std::cerr << "trae-health: vacuumed: " << pragma("PRAGMA page_count") << " pages (was " << pages
                << ")\n";
    } else if (pages > 0 && free_pages * 5 > pages) {
      std::cerr << "trae-health: " << free_pages << " of " << pages
                << " pages are free; with the service stopped, `trae-health migrate --vacuum` returns them "
                   "to the file system and shrinks backups\n";
    }
  } catch (const Error &e) {
    throw Fatal(1, "DATABASE_URL: " + e.message());
  }
  return 0;
}

}  // namespace trae
