// trae-health: wires the command line to the application. Nothing else.
#include "cli/cli.hpp"

int main(int argc, char **argv, char **envp) { return trae::run_cli(argc, argv, envp); }
