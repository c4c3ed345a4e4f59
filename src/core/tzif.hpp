// Time zones from TZif data (RFC 8536, the files under /usr/share/zoneinfo).
// GCC 12's standard library has no time zone database, so this is a small
// parser: bytes in, UTC offset at an instant out. Pure; reading the file is
// the caller's job (app/time_zones.hpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trae {

// A POSIX TZ rule such as "CET-1CEST,M3.5.0,M10.5.0/3", the footer of a TZif
// file, which gives the offsets after its last transition.
struct PosixRule {
  int std_offset = 0;  // seconds east of UTC
  std::optional<int> dst_offset;
  struct When {
    char kind = 'M';  // 'M' month.week.day, 'J' Julian day 1..365 without Feb 29, 'D' zero-based day
    int month = 0, week = 0, day = 0;
    int time = 7200;  // seconds after local midnight
  };
  When start, end;
};
// nullopt when the text is not a rule this parser understands.
std::optional<PosixRule> parse_posix_rule(std::string_view text);
int offset_at(const PosixRule &r, long long unix);

class TimeZone {
 public:
  // The zone that is always UTC.
  TimeZone() = default;
  // Throws std::invalid_argument if the bytes are not TZif data.
  static TimeZone parse(std::string_view bytes);
  // Seconds east of UTC in effect at a Unix time.
  int offset_at(long long unix) const;

 private:
  std::vector<std::int64_t> transitions_;  // ascending
  std::vector<int> offsets_;               // offset from each transition on
  int initial_offset_ = 0;                 // before the first transition
  std::optional<PosixRule> footer_;
};

}  // namespace trae
