#include "core/calendar.hpp"

#include <cstdio>

namespace trae {
namespace {

constexpr long long kDay = 86400;

long long floor_div(long long a, long long b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool digits(const std::string &s, std::size_t pos, std::size_t n, int &out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

bool valid_date(int y, int m, int d) {
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

}  // namespace

long long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long long era = floor_div(y, 400);
  const long long yoe = y - era * 400;
  const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string date_of_day(long long z) {
  z += 719468;
  const long long era = floor_div(z, 146097);
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const long long y = yoe + era * 400 + (m <= 2);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d", y, m, d);
  return buf;
}

std::optional<long long> day_number(const std::string &s) {
  int y, m, d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 0, 4, y) || !digits(s, 5, 2, m) ||
      !digits(s, 8, 2, d) || !valid_date(y, m, d))
    return std::nullopt;
  return days_from_civil(y, m, d);
}

int weekday(long long day_number) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  return static_cast<int>(((day_number % 7) + 7 + 3) % 7);
}

std::optional<Instant> parse_instant(const std::string &s) {
  if (s.size() < 17 || s.size() > 40) return std::nullopt;
  auto day = day_number(s.substr(0, 10));
  if (!day || (s[10] != 'T' && s[10] != 't' && s[10] != ' ')) return std::nullopt;
  int hh, mm, ss = 0;
  if (!digits(s, 11, 2, hh) || s[13] != ':' || !digits(s, 14, 2, mm)) return std::nullopt;
  std::size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!digits(s, pos + 1, 2, ss)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      std::size_t start = ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == start || pos - start > 9) return std::nullopt;  // fractions are dropped
    }
  }
  if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  if (pos >= s.size()) return std::nullopt;  // no zone: refused
  int offset = 0;
  if ((s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) {
    offset = 0;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh, om;
    std::size_t rest = s.size() - pos - 1;
    if (rest == 5 && s[pos + 3] == ':') {
      if (!digits(s, pos + 1, 2, oh) || !digits(s, pos + 4, 2, om)) return std::nullopt;
    } else if (rest == 4) {
      if (!digits(s, pos + 1, 2, oh) || !digits(s, pos + 3, 2, om)) return std::nullopt;
    } else {
      return std::nullopt;
    }
    if (oh > 18 || om > 59) return std::nullopt;
    offset = (oh * 3600 + om * 60) * (s[pos] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  long long local = *day * kDay + hh * 3600 + mm * 60 + ss;
  return Instant{local - offset, offset};
}

std::string format_instant(long long unix, int offset_s) {
  long long local = unix + offset_s;
  long long day = floor_div(local, kDay);
  int secs = static_cast<int>(local - day * kDay);
  char time[64];
  std::snprintf(time, sizeof time, "T%02d:%02d:%02d", secs / 3600, secs / 60 % 60, secs % 60);
  std::string out = date_of_day(day);
  out.append(time);
  if (offset_s == 0) return out.append("Z");
  int a = offset_s < 0 ? -offset_s : offset_s;
  char zone[64];
  std::snprintf(zone, sizeof zone, "%c%02d:%02d", offset_s < 0 ? '-' : '+', a / 3600, a / 60 % 60);
  return out.append(zone);
}

long long local_day_number(long long unix, int offset_s) { return floor_div(unix + offset_s, kDay); }

std::string local_date(long long unix, int offset_s) { return date_of_day(local_day_number(unix, offset_s)); }

}  // namespace trae
