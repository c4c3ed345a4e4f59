#include "core/tzif.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/calendar.hpp"

namespace trae {
namespace {

struct Reader {
  std::string_view b;
  std::size_t pos = 0;
  void need(std::size_t n) const {
    if (pos + n > b.size()) throw std::invalid_argument("TZif data is truncated");
  }
  std::int64_t be(int n) {
    need(static_cast<std::size_t>(n));
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i) v = (v << 8) | static_cast<unsigned char>(b[pos++]);
    if (n == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
    return static_cast<std::int64_t>(v);
  }
  void skip(std::size_t n) {
    need(n);
    pos += n;
  }
};

struct Header {
  char version = 0;
  std::int64_t isut = 0, isstd = 0, leap = 0, time = 0, type = 0, chars = 0;
};

Header read_header(Reader &r) {
  r.need(44);
  if (r.b.substr(r.pos, 4) != "TZif") throw std::invalid_argument("not TZif data");
  Header h;
  h.version = r.b[r.pos + 4];
  r.skip(20);
  h.isut = r.be(4);
  h.isstd = r.be(4);
  h.leap = r.be(4);
  h.time = r.be(4);
  h.type = r.be(4);
  h.chars = r.be(4);
  if (h.type < 1 || h.type > 256 || h.time < 0 || h.time > 100000 || h.chars < 0 || h.leap < 0 ||
      h.isut < 0 || h.isstd < 0)
    throw std::invalid_argument("TZif header has impossible counts");
  return h;
}

// Parses [+-]hh[:mm[:ss]]; returns seconds.
std::optional<int> parse_hms(std::string_view s, std::size_t &i, int max_hours) {
  int sign = 1;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) sign = s[i++] == '-' ? -1 : 1;
  int parts[3] = {0, 0, 0};
  for (int p = 0; p < 3; ++p) {
    if (p > 0) {
      if (i >= s.size() || s[i] != ':') break;
      ++i;
    }
    std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 3)
      parts[p] = parts[p] * 10 + (s[i++] - '0');
    if (i == start) return std::nullopt;
  }
  if (parts[0] > max_hours || parts[1] > 59 || parts[2] > 59) return std::nullopt;
  return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]);
}

bool skip_name(std::string_view s, std::size_t &i) {
  if (i < s.size() && s[i] == '<') {
    auto close = s.find('>', i);
    if (close == std::string_view::npos) return false;
    i = close + 1;
    return true;
  }
  std::size_t start = i;
  while (i < s.size() && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'))) ++i;
  return i - start >= 3;
}

std::optional<int> number(std::string_view s, std::size_t &i) {
  std::size_t start = i;
  int v = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 4) v = v * 10 + (s[i++] - '0');
  if (i == start) return std::nullopt;
  return v;
}

std::optional<PosixRule::When> parse_when(std::string_view s, std::size_t &i) {
  PosixRule::When w;
  if (i < s.size() && s[i] == 'M') {
    ++i;
    auto m = number(s, i);
    if (!m || i >= s.size() || s[i++] != '.') return std::nullopt;
    auto wk = number(s, i);
    if (!wk || i >= s.size() || s[i++] != '.') return std::nullopt;
    auto d = number(s, i);
    if (!d || *m < 1 || *m > 12 || *wk < 1 || *wk > 5 || *d > 6) return std::nullopt;
    w.kind = 'M', w.month = *m, w.week = *wk, w.day = *d;
  } else {
    w.kind = 'D';
    if (i < s.size() && s[i] == 'J') w.kind = 'J', ++i;
    auto d = number(s, i);
    if (!d || *d > 365 || (w.kind == 'J' && *d < 1)) return std::nullopt;
    w.day = *d;
  }
  if (i < s.size() && s[i] == '/') {
    ++i;
    auto t = parse_hms(s, i, 167);
    if (!t) return std::nullopt;
    w.time = *t;
  }
  return w;
}

// Local (wall-clock, in the offset in force before the change) seconds of a rule's date in a year.
long long when_local(const PosixRule::When &w, int year) {
  long long day;
  if (w.kind == 'M') {
    long long first = days_from_civil(year, w.month, 1);
    int first_sunday_based = static_cast<int>((weekday(first) + 1) % 7);  // Sunday = 0
    day = first + (w.day - first_sunday_based + 7) % 7 + (w.week - 1) * 7;
    long long next_month =
        w.month == 12 ? days_from_civil(year + 1, 1, 1) : days_from_civil(year, w.month + 1, 1);
    while (day >= next_month) day -= 7;
  } else if (w.kind == 'J') {
    // Day 1..365, February 29 never counted.
    bool is_leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    day = days_from_civil(year, 1, 1) + w.day - 1 + (is_leap && w.day >= 60 ? 1 : 0);
  } else {
    day = days_from_civil(year, 1, 1) + w.day;
  }
  return day * 86400 + w.time;
}

int year_of(long long unix) {
  std::string d = date_of_day(local_day_number(unix, 0));
  return std::stoi(d.substr(0, 4));
}

}  // namespace

std::optional<PosixRule> parse_posix_rule(std::string_view s) {
  PosixRule r;
  std::size_t i = 0;
  if (!skip_name(s, i)) return std::nullopt;
  auto std_off = parse_hms(s, i, 24);
  if (!std_off) return std::nullopt;
  r.std_offset = -*std_off;  // POSIX counts west of UTC as positive
  if (i == s.size()) return r;
  if (!skip_name(s, i)) return std::nullopt;
  r.dst_offset = r.std_offset + 3600;
  if (i < s.size() && s[i] != ',') {
    auto dst = parse_hms(s, i, 24);
    if (!dst) return std::nullopt;
    r.dst_offset = -*dst;
  }
  if (i >= s.size() || s[i++] != ',') return std::nullopt;
  auto start = parse_when(s, i);
  if (!start || i >= s.size() || s[i++] != ',') return std::nullopt;
  auto end = parse_when(s, i);
  if (!end || i != s.size()) return std::nullopt;
  r.start = *start;
  r.end = *end;
  return r;
}

int offset_at(const PosixRule &r, long long unix) {
  if (!r.dst_offset) return r.std_offset;
  int year = year_of(unix + r.std_offset);
  long long start = when_local(r.start, year) - r.std_offset;
  long long end = when_local(r.end, year) - *r.dst_offset;
  bool dst = start < end ? (unix >= start && unix < end) : (unix >= start || unix < end);
  return dst ? *r.dst_offset : r.std_offset;
}

TimeZone TimeZone::parse(std::string_view bytes) {
  Reader r{bytes};
  Header h = read_header(r);
  int time_size = 4;
  if (h.version >= '2') {
    // Skip the 32-bit block; the 64-bit block after the second header is complete.
    r.skip(static_cast<std::size_t>(h.time * 5 + h.type * 6 + h.chars + h.leap * 8 + h.isstd + h.isut));
    h = read_header(r);
    time_size = 8;
  }
  TimeZone z;
  z.transitions_.reserve(static_cast<std::size_t>(h.time));
  for (std::int64_t i = 0; i < h.time; ++i) z.transitions_.push_back(r.be(time_size));
  std::vector<int> index;
  for (std::int64_t i = 0; i < h.time; ++i) index.push_back(static_cast<int>(r.be(1)));
  std::vector<int> type_offsets;
  for (std::int64_t i = 0; i < h.type; ++i) {
    type_offsets.push_back(static_cast<int>(r.be(4)));
    r.skip(2);  // isdst, designation index
  }
  for (int ix : index) {
    if (ix >= static_cast<int>(type_offsets.size()))
      throw std::invalid_argument("TZif type index out of range");
    z.offsets_.push_back(type_offsets[static_cast<std::size_t>(ix)]);
  }
  if (!std::is_sorted(z.transitions_.begin(), z.transitions_.end()))
    throw std::invalid_argument("TZif transitions are not in order");
  z.initial_offset_ = type_offsets[0];
  r.skip(static_cast<std::size_t>(h.chars + h.leap * (time_size + 4) + h.isstd + h.isut));
  if (time_size == 8 && r.pos < bytes.size() && bytes[r.pos] == '\n') {
    auto end = bytes.find('\n', r.pos + 1);
    if (end != std::string_view::npos) z.footer_ = parse_posix_rule(bytes.substr(r.pos + 1, end - r.pos - 1));
  }
  return z;
}

int TimeZone::offset_at(long long unix) const {
  if (transitions_.empty()) return footer_ ? trae::offset_at(*footer_, unix) : initial_offset_;
  if (unix < transitions_.front()) return initial_offset_;
  if (unix >= transitions_.back() && footer_) return trae::offset_at(*footer_, unix);
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), unix);
  return offsets_[static_cast<std::size_t>(it - transitions_.begin() - 1)];
}

}  // namespace trae
