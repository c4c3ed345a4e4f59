// Structured logs: one JSON object per line, written whole under a lock so
// lines from different threads never interleave.
#pragma once
#include <cstdio>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

namespace trae {

enum class LogLevel { debug = 0, info = 1, warn = 2, error = 3 };

class Logger {
 public:
  explicit Logger(std::FILE *sink = stderr, LogLevel min = LogLevel::info) : sink_(sink), min_(min) {}

  void set_level(LogLevel l) { min_ = l; }
  bool enabled(LogLevel l) const { return l >= min_; }

  void log(LogLevel level, const std::string &msg, nlohmann::json fields = nlohmann::json::object());
  void debug(const std::string &m, nlohmann::json f = nlohmann::json::object()) {
    log(LogLevel::debug, m, std::move(f));
  }
  void info(const std::string &m, nlohmann::json f = nlohmann::json::object()) {
    log(LogLevel::info, m, std::move(f));
  }
  void warn(const std::string &m, nlohmann::json f = nlohmann::json::object()) {
    log(LogLevel::warn, m, std::move(f));
  }
  void error(const std::string &m, nlohmann::json f = nlohmann::json::object()) {
    log(LogLevel::error, m, std::move(f));
  }

 private:
  std::FILE *sink_;
  LogLevel min_;
  std::mutex mu_;
};

bool parse_log_level(const std::string &s, LogLevel &out);
// RFC 3339 UTC time with milliseconds, e.g. 2026-11-26T04:37:47.123Z.
std::string iso_time_now();

}  // namespace trae
