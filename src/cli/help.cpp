#include <sstream>

#include "app/seed.hpp"
#include "cli/cli.hpp"
#include "config/config.hpp"
#include "storage/migrations.hpp"

namespace trae {
namespace {

// Wraps text at 72 columns with the given indent.
std::string wrap(const std::string &text, int indent) {
  std::istringstream words(text);
  std::string word, line, out;
  const std::string pad(indent, ' ');
  while (words >> word) {
    if (!line.empty() && line.size() + 1 + word.size() > 72u - indent) {
      out += pad + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) out += pad + line + "\n";
  return out;
}

}  // namespace

std::string settings_help() {
  std::string out =
      "SETTINGS\n"
      "  Each setting is an environment variable and a flag; the flag wins.\n\n";
  for (const auto &d : setting_docs()) {
    out += "  " + std::string(d.env) + ", " + d.flag + " " + d.value + "\n";
    out += wrap(d.help, 6) + "\n";
  }
  return out;
}

std::string main_help() {
  return std::string(
             "NAME\n"
             "  trae-health - health, nutrition and fitness server in one binary\n\n"
             "SYNOPSIS\n"
             "  trae-health serve [SETTINGS]\n"
             "  trae-health migrate [--to N] [--vacuum] [SETTINGS]\n"
             "  trae-health import usda DIR [SETTINGS]\n"
             "  trae-health import exercises FILE [SETTINGS]\n"
             "  trae-health backup [--out FILE] [SETTINGS]\n"
             "  trae-health restore FILE [SETTINGS]\n"
             "  trae-health check URL [--ca FILE] [--insecure] [--json] [--http-port N]\n"
             "  trae-health seed [--users N] [--recipes N] [--workouts N] [--meal-plans N]\n"
             "                   [--health-days N] [--seed N] [--today DATE] [SETTINGS]\n"
             "  trae-health version\n"
             "  trae-health COMMAND --help\n\n"
             "DESCRIPTION\n") +
         wrap(
             "trae-health serves the JSON API under /api/v1/ over HTTPS from an embedded SQLite "
             "database in WAL mode. Plain HTTP only redirects to HTTPS and answers ACME "
             "challenges, so certbot's webroot mode works. It needs no database server, cache "
             "or reverse proxy.",
             2) +
         "\nCOMMANDS\n"
         "  serve      Apply pending migrations and serve HTTPS and HTTP.\n"
         "  migrate    Apply pending schema migrations and exit.\n"
         "  import     Import the USDA SR food tables or free-exercise-db exercises.\n"
         "  backup     Copy the database online, verified, with a SHA-256 file.\n"
         "  restore    Verify a backup and swap it in (server stopped).\n"
         "  check      Verify a running deployment: the post-deployment checklist.\n"
         "  seed       Fill an empty database with the scale dataset for load tests.\n"
         "  version    Print the version and the schema version it expects.\n\n" +
         settings_help() + "SIGNALS\n" +
         wrap(
             "SIGHUP reloads TLS_CERT and TLS_KEY with no downtime (a bad pair is refused and "
             "logged; the old certificate stays). SIGTERM and SIGINT stop accepting, let "
             "requests in flight finish, and exit 0. GET /metrics serves Prometheus metrics "
             "(see METRICS_ALLOW).",
             2) +
         "\nEXIT STATUS\n"
         "  0  success\n"
         "  1  failure at run time (database unusable, port taken, ...)\n"
         "  2  bad usage or configuration; the message names the setting\n\n"
         "FILES\n"
         "  DATA_DIR/trae.db        the database (with -wal and -shm beside it)\n"
         "  DATA_DIR/tls/*.pem      the self-signed certificate, when TLS_CERT is unset\n"
         "  DATA_DIR/jwt.secret     the generated signing key, outside production\n"
         "  DATA_DIR/backups/       trae-YYYYMMDDTHHMMSSZ.db backups with .sha256 files\n"
         "  DATABASE_URL.lock       held by a serving process (restore checks it)\n\n"
         "EXAMPLES\n"
         "  DEPLOY_ENV=production JWT_SECRET=$(openssl rand -hex 32) \\\n"
         "    DATABASE_URL=sqlite:///var/lib/trae-health/trae.db trae-health serve\n"
         "  trae-health serve --https-port 9443 --http-port off --data-dir /tmp/trae\n";
}

std::string serve_help() {
  return std::string(
             "NAME\n"
             "  trae-health serve - run the HTTPS server\n\n"
             "SYNOPSIS\n"
             "  trae-health serve [SETTINGS]\n\n"
             "DESCRIPTION\n") +
         wrap(
             "Opens the database (creating it if needed), applies pending migrations, then "
             "listens on HTTPS_PORT and HTTP_PORT. Logs are JSON lines on standard error, one "
             "per request with its X-Request-Id. GET /health answers while the process runs; "
             "GET /ready answers 503 while the database cannot take writes.",
             2) +
         "\n" + settings_help();
}

std::string import_help() {
  return "NAME\n"
         "  trae-health import - load public datasets into the catalog\n\n"
         "SYNOPSIS\n"
         "  trae-health import usda DIR [SETTINGS]\n"
         "  trae-health import exercises FILE [SETTINGS]\n\n"
         "DESCRIPTION\n" +
         wrap(
             "usda reads the USDA National Nutrient Database for Standard Reference (release 26 "
             "layout) from DIR: FD_GROUP.txt, FOOD_DES.txt, ABBREV.txt and WEIGHT.txt. exercises "
             "reads free-exercise-db's exercises.json. Both are idempotent: a rerun updates the rows "
             "it imported before and duplicates nothing. Each runs in one transaction, so it lands "
             "whole or not at all. A malformed line is reported as FILE:LINE and skipped. Progress "
             "goes to standard error. An empty nutrient field stays unknown; it never becomes 0.",
             2) +
         "\nEXIT STATUS\n"
         "  0  imported (possibly with skipped lines, which are listed)\n"
         "  1  nothing could be imported\n"
         "  2  bad usage\n\n" +
         settings_help();
}

std::string migrate_help() {
  return "NAME\n"
         "  trae-health migrate - bring the database schema up to date\n\n"
         "SYNOPSIS\n"
         "  trae-health migrate [--to N] [--vacuum] [SETTINGS]\n\n"
         "DESCRIPTION\n" +
         wrap(
             "Applies the migrations compiled into this binary, in order, each in its own "
             "transaction, and records the version in PRAGMA user_version. --to N stops at "
             "version N. A database newer than the binary is refused. --vacuum then rewrites the file "
             "without its free pages (VACUUM): run it with the service stopped, with free disk as "
             "large as the database; it is worth it when the command reports that more than a fifth "
             "of the pages are free, as after migration 0009 on a large database. This binary "
             "knows schema version " +
                 std::to_string(latest_schema_version()) + ".",
             2) +
         "\n" + settings_help();
}

std::string backup_help() {
  return "NAME\n"
         "  trae-health backup - online, verified copy of the database\n\n"
         "SYNOPSIS\n"
         "  trae-health backup [--out FILE] [SETTINGS]\n\n"
         "DESCRIPTION\n" +
         wrap(
             "Copies the database with SQLite's backup API from one read transaction, so the copy is "
             "consistent while a server keeps serving and writing. The copy is checked with PRAGMA "
             "integrity_check, gets FILE.sha256 (sha256sum format) and only then takes its name. "
             "Default FILE: DATA_DIR/backups/trae-YYYYMMDDTHHMMSSZ.db. Progress goes to standard "
             "error; the path of the backup to standard output. The server also takes its own backups "
             "there every BACKUP_INTERVAL hours and keeps BACKUP_RETENTION of them.",
             2) +
         "\nEXIT STATUS\n"
         "  0  backup written and verified\n"
         "  1  no database, a read or write error, or the copy failed its check\n"
         "  2  bad usage\n\n" +
         settings_help();
}

std::string restore_help() {
  return "NAME\n"
         "  trae-health restore - replace the database with a verified backup\n\n"
         "SYNOPSIS\n"
         "  trae-health restore FILE [SETTINGS]\n\n"
         "DESCRIPTION\n" +
         wrap(
             "Refuses FILE unless FILE.sha256 matches, PRAGMA integrity_check says ok and its schema "
             "is not newer than this binary (an older schema is migrated by the next start). The "
             "server must be stopped: restore refuses while a server holds DATABASE_URL.lock. The "
             "copy is made next to the database while FILE is verified; only if it passes is the "
             "current database checkpointed and kept as DATABASE_URL.pre-restore, and the copy "
             "renamed over it in one atomic step (64 s for a 6.4 GB database). Typical use: systemctl stop "
             "trae-health; "
             "trae-health restore FILE; systemctl start trae-health.",
             2) +
         "\nEXIT STATUS\n"
         "  0  restored\n"
         "  1  refused (bad file, server running) or failed; the database is unchanged\n"
         "  2  bad usage\n\n" +
         settings_help();
}

std::string check_help() {
  return "NAME\n"
         "  trae-health check - post-deployment verification of a running server\n\n"
         "SYNOPSIS\n"
         "  trae-health check URL [--ca FILE] [--insecure] [--json] [--http-port N]\n"
         "                    [--rate-limit N]\n\n"
         "DESCRIPTION\n" +
         wrap(
             "Runs the checklist's post-deployment checks against URL (https://host[:port]) and "
             "prints one PASS, WARN or FAIL row per check: health and ready answer 200; recipes and "
             "workouts return data; meal-plan generation works for a throwaway account that is "
             "created and then deleted; security headers are present; plain HTTP redirects to "
             "HTTPS (port from --http-port, else 80 for 443 and 8080 for 8443); rate limiting "
             "answers 429 with Retry-After within --rate-limit N + 1 requests (default 100, the "
             "server's API_RATE_LIMIT; run last, it spends the budget); invalid input gets "
             "4xx; the certificate verifies and is valid for 14 more days; the newest backup is "
             "under 26 hours old (from /metrics); and response times are within their budgets. "
             "--ca FILE trusts a private CA or a self-signed certificate; --insecure skips "
             "verification and reports that row as WARN. --json prints the rows as JSON.",
             2) +
         "\nEXIT STATUS\n"
         "  0  no check failed (warnings allowed)\n"
         "  1  at least one check failed\n"
         "  2  bad usage\n";
}

std::string seed_help() {
  return "NAME\n"
         "  trae-health seed - fill an empty database with the scale dataset\n\n"
         "SYNOPSIS\n"
         "  trae-health seed [--users N] [--recipes N] [--workouts N] [--meal-plans N]\n"
         "                   [--health-days N] [--seed N] [--today YYYY-MM-DD] [SETTINGS]\n\n"
         "DESCRIPTION\n" +
         wrap(
             "Writes the dataset the load tests run against into the database of DATA_DIR (or "
             "DATABASE_URL), after applying migrations and loading the starter catalog. Users get "
             "plausible profiles (sex, age, height, weight, activity, goal, diet, allergies, "
             "equipment) in five time zones. Recipes are variations of the starter recipes with their "
             "nutrition computed from real foods; workouts are built from real exercises. Every user "
             "gets --health-days days of health logs ending on --today: weight with a trend that "
             "follows the goal plus noise, water, meals, steps, sleep, workouts, heart rate and "
             "measurements. Meal plans are made by the meal planner for a pool of at most " +
                 std::to_string(kMealPlanPool) +
                 " users, then copied, with their own dates, to other users with the same diet and "
                 "allergies; seven in eight are one day long, the others two, which keeps a million plans to "
                 "about 4 GB. Writes go in large transactions; progress goes to standard error and the "
                 "row counts and file size to standard output.",
             2) +
         "\n" +
         wrap(
             "Every seeded user is userNNNNN@seed.trae.example (user00001 to the --users count, five "
             "digits) and signs in with the password '" +
                 std::string(kSeedPassword) +
                 "'. Never seed a production database: anyone who reads this page can sign in.",
             2) +
         "\n" +
         wrap(
             "The same --seed and --today on an empty database give the same rows. seed refuses a "
             "database that already holds users or generated recipes or workouts; point DATA_DIR at a "
             "new directory instead (there is no --force: mixing two datasets would break that rule).",
             2) +
         "\nOPTIONS\n"
         "  --users N          users with profiles (default 10000)\n"
         "  --recipes N        generated recipes, besides the starter set (default 300000)\n"
         "  --workouts N       generated workouts, besides the starter set (default 500000)\n"
         "  --meal-plans N     saved meal plans over all users (default 1000000)\n"
         "  --health-days N    days of health logs per user (default 90)\n"
         "  --seed N           random seed (default 1)\n"
         "  --today DATE       last day of the logs (default: today, UTC)\n\n"
         "EXIT STATUS\n"
         "  0  seeded\n"
         "  1  the database is not empty, or a write failed\n"
         "  2  bad usage\n\n"
         "EXAMPLES\n"
         "  DATA_DIR=/tmp/trae-seed trae-health seed\n"
         "  trae-health seed --users 20 --recipes 200 --workouts 200 --meal-plans 50 \\\n"
         "    --health-days 7 --data-dir /tmp/trae-tiny\n\n" +
         settings_help();
}

}  // namespace trae
