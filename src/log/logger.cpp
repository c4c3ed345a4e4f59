#include "log/logger.hpp"

#include <chrono>
#include <ctime>

namespace trae {

std::string iso_time_now() {
  using namespace std::chrono;
  auto now = system_clock::now();
  auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::time_t t = system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char frac[8];
  std::snprintf(frac, sizeof frac, ".%03dZ", static_cast<int>(ms % 1000));
  return std::string(buf) + frac;
}

void Logger::log(LogLevel level, const std::string &msg, nlohmann::json fields) {
  if (!enabled(level)) return;
  static const char *names[] = {"debug", "info", "warn", "error"};
  nlohmann::json line = nlohmann::json::object();
  line["ts"] = iso_time_now();
  line["level"] = names[static_cast<int>(level)];
  line["msg"] = msg;
  if (fields.is_object())
    for (auto &[k, v] : fields.items()) line[k] = std::move(v);
  // Replace invalid UTF-8 rather than throw: logs must never take the app down.
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  text += '\n';
  std::lock_guard<std::mutex> lock(mu_);
  std::fwrite(text.data(), 1, text.size(), sink_);
  std::fflush(sink_);
}

bool parse_log_level(const std::string &s, LogLevel &out) {
  if (s == "debug")
    out = LogLevel::debug;
  else if (s == "info")
    out = LogLevel::info;
  else if (s == "warn")
    out = LogLevel::warn;
  else if (s == "error")
    out = LogLevel::error;
  else
    return false;
  return true;
}

}  // namespace trae
