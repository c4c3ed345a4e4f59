#include "core/search.hpp"

#include <cctype>
#include <cmath>
#include <cstdint>
#include <sstream>

#include "core/error.hpp"

namespace trae {
namespace {

bool word_char(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// Cursors are hex-encoded "sort|value|id|offset|filters" strings: opaque to
// clients, trivially checked here, and free of characters URLs must escape.
std::string to_hex(const std::string &s) {
  static const char *d = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out += d[c >> 4];
    out += d[c & 15];
  }
  return out;
}

bool from_hex(const std::string &s, std::string &out) {
  if (s.size() % 2 || s.size() > 1024) return false;
  out.clear();
  for (std::size_t i = 0; i < s.size(); i += 2) {
    auto v = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1; };
    int hi = v(s[i]), lo = v(s[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out += static_cast<char>(hi * 16 + lo);
  }
  return true;
}

}  // namespace

std::string fts_query(const std::string &text) {
  std::vector<std::string> words;
  std::string cur;
  for (unsigned char c : text) {
    if (word_char(c)) {
      cur += static_cast<char>(std::tolower(c));
    } else if (!cur.empty()) {
      words.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(cur);
  std::string q;
  int n = 0;
  for (auto &w : words) {
    if (n == 8) break;
    if (w.size() > 32) w.resize(32);
    if (!q.empty()) q += ' ';
    q += '"' + w + "\"*";
    ++n;
  }
  return q;
}

std::string encode_cursor(const Cursor &c) {
  std::ostringstream os;
  os.precision(17);
  os << c.sort << '|' << c.value << '|' << c.id << '|' << c.offset << '|' << c.filters;
  return to_hex(os.str());
}

std::optional<Cursor> decode_cursor(const std::string &text) {
  std::string raw;
  if (!from_hex(text, raw)) return std::nullopt;
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (int i = 0; i < 4; ++i) {
    auto bar = raw.find('|', start);
    if (bar == std::string::npos) return std::nullopt;
    parts.push_back(raw.substr(start, bar - start));
    start = bar + 1;
  }
  parts.push_back(raw.substr(start));
  Cursor c;
  try {
    std::size_t used = 0;
    c.sort = parts[0];
    c.value = std::stod(parts[1], &used);
    // Sort keys are finite; a forged nan or inf would have no place in an order.
    if (used != parts[1].size() || !std::isfinite(c.value)) return std::nullopt;
    c.id = std::stoll(parts[2], &used);
    if (used != parts[2].size()) return std::nullopt;
    c.offset = std::stoll(parts[3], &used);
    // No catalog has a billion matches; the bound keeps offset + limit from overflowing.
    if (used != parts[3].size() || c.offset < 0 || c.offset > 1000000000LL) return std::nullopt;
  } catch (const std::exception &) {
    return std::nullopt;
  }
  c.filters = parts[4];
  return c;
}

std::string query_fingerprint(const std::string &filters) {
  // FNV-1a: enough to tell a cursor from another query's.
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char ch : filters) {
    h ^= ch;
    h *= 1099511628211ULL;
  }
  return std::to_string(h % 1000000007ULL);
}

Cursor checked_cursor(const Paging &p, const std::string &sort, const std::string &filters) {
  auto cur = decode_cursor(*p.cursor);
  if (!cur || cur->sort != sort || cur->filters != filters)
    throw invalid("cursor", "cursor does not belong to this query; start again without it");
  return *cur;
}

}  // namespace trae
