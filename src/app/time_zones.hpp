// The IANA time zones of users, read from TZif files under a zoneinfo
// directory (/usr/share/zoneinfo) and cached. A zone whose file is missing
// (a minimal container may have no zoneinfo) is UTC, with one warning in the log.
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "core/tzif.hpp"
#include "log/logger.hpp"

namespace trae {

class TimeZones {
 public:
  explicit TimeZones(Logger &log, std::string dir = "/usr/share/zoneinfo")
      : log_(log), dir_(std::move(dir)) {}
  // The zone of an IANA name; never throws. The reference stays valid for the life of this object.
  const TimeZone &get(const std::string &name);

 private:
  Logger &log_;
  std::string dir_;
  std::mutex mu_;
  std::map<std::string, std::unique_ptr<TimeZone>> cache_;
  TimeZone utc_;
};

}  // namespace trae
