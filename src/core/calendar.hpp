// Calendar arithmetic and ISO-8601 text for instants and local days.
// A "day number" counts days since 1970-01-01; a local day is a
// "YYYY-MM-DD" string in some UTC offset. Pure functions.
#pragma once
#include <optional>
#include <string>

namespace trae {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
long long days_from_civil(int y, int m, int d);
// "YYYY-MM-DD" of a day number.
std::string date_of_day(long long day_number);
// Day number of a strict "YYYY-MM-DD"; nullopt if it is not a real date.
std::optional<long long> day_number(const std::string &date);
// Monday = 0 ... Sunday = 6.
int weekday(long long day_number);

// An instant as written: Unix seconds plus the UTC offset it was written in.
struct Instant {
  long long unix = 0;
  int offset_s = 0;
};
// Parses "YYYY-MM-DDTHH:MM[:SS[.fraction]]" followed by "Z" or "+HH:MM"/"-HH:MM"
// (or "+HHMM"). The zone is required: nullopt without it, or for an invalid time.
std::optional<Instant> parse_instant(const std::string &text);
// "YYYY-MM-DDTHH:MM:SS+HH:MM" (or "Z" for offset 0).
std::string format_instant(long long unix, int offset_s);
// The local date of an instant at a UTC offset.
std::string local_date(long long unix, int offset_s);
long long local_day_number(long long unix, int offset_s);

}  // namespace trae
