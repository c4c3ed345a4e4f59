// Command-line entry points. Each command returns the process exit code:
// 0 success, 1 failure at run time, 2 bad usage or configuration.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace trae {

struct Invocation {
  std::vector<std::string> args;  // after the command name
  std::map<std::string, std::string> env;
};

int run_cli(int argc, char **argv, char **envp);

int cmd_serve(const Invocation &inv);
int cmd_migrate(const Invocation &inv);
int cmd_import(const Invocation &inv);
int cmd_backup(const Invocation &inv);
int cmd_restore(const Invocation &inv);
int cmd_check(const Invocation &inv);
int cmd_seed(const Invocation &inv);

std::string main_help();
std::string serve_help();
std::string migrate_help();
std::string import_help();
std::string backup_help();
std::string restore_help();
std::string check_help();
std::string seed_help();
std::string settings_help();

}  // namespace trae
