#include "app/time_zones.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/profile.hpp"

namespace trae {

const TimeZone &TimeZones::get(const std::string &name) {
  if (name == "UTC" || name == "Etc/UTC") return utc_;
  std::lock_guard lock(mu_);
  auto it = cache_.find(name);
  if (it != cache_.end()) return *it->second;
  auto zone = std::make_unique<TimeZone>();
  // The name check keeps the path inside the zoneinfo directory.
  if (is_timezone_name(name)) {
    std::ifstream in(dir_ + "/" + name, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    try {
      if (!in) throw std::invalid_argument("file not found");
      *zone = TimeZone::parse(bytes.str());
    } catch (const std::exception &e) {
      log_.warn("time zone unavailable, using UTC", {{"zone", name}, {"dir", dir_}, {"reason", e.what()}});
    }
  } else {
    log_.warn("time zone name invalid, using UTC", {{"zone", name}});
  }
  return *cache_.emplace(name, std::move(zone)).first->second;
}

}  // namespace trae
