#include <iostream>
#include <memory>

#include "app/importers.hpp"
#include "cli/cli.hpp"
#include "cli/progress_line.hpp"
#include "cli/setup.hpp"
#include "core/error.hpp"
#include "storage/migrations.hpp"

namespace trae {

int cmd_import(const Invocation &inv) {
  if (inv.args.size() < 2)
    throw Fatal(2, "usage: trae-health import usda DIR | trae-health import exercises FILE (see --help)");
  const std::string kind = inv.args[0], path = inv.args[1];
  if (kind != "usda" && kind != "exercises")
    throw Fatal(2, "import: unknown kind '" + kind + "' (usda or exercises)");
  Config cfg = configure(inv.env, std::vector<std::string>(inv.args.begin() + 2, inv.args.end()));
  ensure_data_dir(cfg);
  auto db = open_database(cfg);
  SystemClock clock;
  std::unique_ptr<ProgressLine> line;
  std::string line_what;
  Progress progress = [&](const std::string &what, long long done, long long total) {
    if (!line || what != line_what) line = std::make_unique<ProgressLine>("importing " + (line_what = what));
    line->show(done, total);
  };
  ImportReport report;
  try {
    migrate(*db);
    report = kind == "usda" ? import_usda(*db, path, clock, progress)
                            : import_exercises(*db, path, clock, progress);
  } catch (const Error &e) {
    throw Fatal(1, "import: " + e.message());
  }
  for (const auto &p : report.problems) std::cerr << "skipped " << p << "\n";
  std::cerr << "imported " << report.written << " of " << report.read << " records from " << path << " ("
            << report.problems.size() << " problem" << (report.problems.size() == 1 ? "" : "s") << ")\n";
  return report.written > 0 || report.read == 0 ? 0 : 1;
}

}  // namespace trae
