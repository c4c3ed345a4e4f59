#include "cli/cli.hpp"

#include <iostream>

#include "cli/setup.hpp"
#include "config/config.hpp"
#include "storage/migrations.hpp"

namespace trae {
namespace {

struct Command {
  const char *name;
  std::string (*help)();
  int (*run)(const Invocation &);
};

const Command commands[] = {
    {"serve", serve_help, cmd_serve},       {"migrate", migrate_help, cmd_migrate},
    {"import", import_help, cmd_import},    {"backup", backup_help, cmd_backup},
    {"restore", restore_help, cmd_restore}, {"check", check_help, cmd_check},
    {"seed", seed_help, cmd_seed},
};

}  // namespace

int run_cli(int argc, char **argv, char **envp) {
  std::vector<std::string> args(argv + 1, argv + argc);
  Invocation inv;
  inv.env = environment_map(envp);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << main_help();
    return args.empty() ? 2 : 0;
  }
  std::string cmd = args[0];
  inv.args.assign(args.begin() + 1, args.end());
  bool help = false;
  for (const auto &a : inv.args)
    if (a == "--help" || a == "-h") help = true;
  try {
    if (cmd == "version" || cmd == "--version") {
      std::cout << "trae-health " << TRAE_VERSION << " (schema " << latest_schema_version() << ")\n";
      return 0;
    }
    for (const auto &c : commands) {
      if (cmd != c.name) continue;
      if (help) return std::cout << c.help(), 0;
      return c.run(inv);
    }
    std::cerr << "trae-health: unknown command '" << cmd << "' (see trae-health --help)\n";
    return 2;
  } catch (const Fatal &f) {
    std::cerr << "trae-health: " << f.what() << "\n";
    return f.exit_code;
  }
}

}  // namespace trae
