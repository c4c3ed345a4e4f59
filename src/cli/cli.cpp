#include "cli/cli.hpp"

#include <iostream>

#include "cli/setup.hpp"
#include "config/config.hpp"
#include "storage/migrations.hpp"

namespace trae {

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
    if (cmd == "serve") {
      if (help) return std::cout << serve_help(), 0;
      return cmd_serve(inv);
    }
    if (cmd == "migrate") {
      if (help) return std::cout << migrate_help(), 0;
      return cmd_migrate(inv);
    }
    if (cmd == "import") {
      if (help) return std::cout << import_help(), 0;
      return cmd_import(inv);
    }
    std::cerr << "trae-health: unknown command '" << cmd << "' (see trae-health --help)\n";
    return 2;
  } catch (const Fatal &f) {
    std::cerr << "trae-health: " << f.what() << "\n";
    return f.exit_code;
  }
}

}  // namespace trae
