// The pure parts of health tracking: calendar text, TZif and POSIX zone
// rules, and the dashboard arithmetic.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/health.hpp"
#include "core/tzif.hpp"

using namespace trae;

namespace {

void be32(std::string &out, std::uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<char>((v >> s) & 0xff));
}

// A version 1 TZif file: +01:00 until 2000-01-01T00:00Z, +02:00 from then on.
std::string tiny_tzif() {
  std::string b = "TZif";
  b.push_back('\0');
  b.append(15, '\0');
  for (std::uint32_t n : {0u, 0u, 0u, 1u, 2u, 4u}) be32(b, n);  // isut, isstd, leap, time, type, chars
  be32(b, 946684800u);
  b.push_back('\1');
  for (std::int32_t off : {3600, 7200}) {
    be32(b, static_cast<std::uint32_t>(off));
    b.push_back('\0');
    b.push_back('\0');
  }
  b.append("ABC", 4);
  return b;
}

long long unix_of(const std::string &iso) {
  auto i = parse_instant(iso);
  REQUIRE(i);
  return i->unix;
}

std::vector<DayValue> week(std::initializer_list<std::pair<long long, double>> pts) {
  std::vector<DayValue> out;
  for (auto [d, v] : pts) out.push_back({d, v});
  return out;
}

}  // namespace

TEST_CASE("ISO-8601 instants need a zone; dates and day numbers round-trip") {
  auto a = parse_instant("2026-11-26T08:30:00+01:00");
  REQUIRE(a);
  CHECK(a->unix == 1795678200);  // 07:30Z
  CHECK(format_instant(a->unix, 0) == "2026-11-26T07:30:00Z");
  CHECK(format_instant(a->unix, 3600) == "2026-11-26T08:30:00+01:00");
  CHECK(format_instant(a->unix, -34200) == "2026-11-25T22:00:00-09:30");
  CHECK(parse_instant("2026-11-26T07:30Z")->unix == a->unix);
  CHECK(parse_instant("2026-11-26T07:30:00.250Z")->unix == a->unix);
  CHECK(parse_instant("2026-11-26T02:30:00-0500")->unix == a->unix);
  CHECK_FALSE(parse_instant("2026-11-26T08:30:00"));  // no zone
  CHECK_FALSE(parse_instant("2026-02-30T08:30:00Z"));
  CHECK_FALSE(parse_instant("2026-11-26T24:00:00Z"));
  CHECK_FALSE(parse_instant("2026-11-26T08:30:00+25:00"));
  CHECK_FALSE(parse_instant("yesterday"));
  CHECK(local_date(a->unix, 0) == "2026-11-26");
  CHECK(local_date(unix_of("2026-11-26T23:30:00Z"), 3600) == "2026-11-27");
  CHECK(local_date(unix_of("2026-11-26T01:00:00Z"), -5 * 3600) == "2026-11-25");
  CHECK(*day_number("1970-01-01") == 0);
  CHECK(date_of_day(*day_number("2024-02-29")) == "2024-02-29");
  CHECK(date_of_day(-1) == "1969-12-31");
  CHECK_FALSE(day_number("2026-13-01"));
  CHECK(weekday(*day_number("2026-11-23")) == 0);  // a Monday
  CHECK(weekday(*day_number("2026-11-29")) == 6);
  CHECK(week_start(*day_number("2026-11-26")) == *day_number("2026-11-23"));
  CHECK(week_start(*day_number("2026-11-23")) == *day_number("2026-11-23"));
}

TEST_CASE("TZif: transitions from bytes, and refusal of what is not TZif") {
  auto z = TimeZone::parse(tiny_tzif());
  CHECK(z.offset_at(946684799) == 3600);
  CHECK(z.offset_at(946684800) == 7200);
  CHECK(z.offset_at(2000000000) == 7200);
  CHECK(z.offset_at(-2000000000) == 3600);
  CHECK_THROWS_AS(TimeZone::parse("not a zone"), std::invalid_argument);
  CHECK_THROWS_AS(TimeZone::parse(tiny_tzif().substr(0, 50)), std::invalid_argument);
  CHECK(TimeZone().offset_at(123) == 0);
}

TEST_CASE("POSIX footer rules: northern and southern summer time") {
  auto berlin = parse_posix_rule("CET-1CEST,M3.5.0,M10.5.0/3");
  REQUIRE(berlin);
  CHECK(offset_at(*berlin, unix_of("2040-01-15T12:00:00Z")) == 3600);
  CHECK(offset_at(*berlin, unix_of("2040-07-15T12:00:00Z")) == 7200);
  // 2040-03-25 is the last Sunday of March: 02:00 CET is 01:00Z.
  CHECK(offset_at(*berlin, unix_of("2040-03-25T00:59:59Z")) == 3600);
  CHECK(offset_at(*berlin, unix_of("2040-03-25T01:00:00Z")) == 7200);
  auto sydney = parse_posix_rule("AEST-10AEDT,M10.1.0,M4.1.0/3");
  REQUIRE(sydney);
  CHECK(offset_at(*sydney, unix_of("2040-01-15T12:00:00Z")) == 11 * 3600);
  CHECK(offset_at(*sydney, unix_of("2040-07-15T12:00:00Z")) == 10 * 3600);
  auto fixed = parse_posix_rule("<+0530>-5:30");
  REQUIRE(fixed);
  CHECK(offset_at(*fixed, 0) == 19800);
  auto ny = parse_posix_rule("EST5EDT,M3.2.0,M11.1.0");
  REQUIRE(ny);
  CHECK(offset_at(*ny, unix_of("2040-07-04T12:00:00Z")) == -4 * 3600);
  // Julian days without (J) and with (plain n, zero-based) February 29.
  auto julian = parse_posix_rule("XST-1XDT,J60/1,J300");
  REQUIRE(julian);
  CHECK(offset_at(*julian, unix_of("2040-02-29T12:00:00Z")) == 3600);  // J60 is March 1st
  CHECK(offset_at(*julian, unix_of("2040-03-01T12:00:00Z")) == 7200);
  auto zero_based = parse_posix_rule("XST-1XDT-3,59,299");
  REQUIRE(zero_based);
  CHECK(offset_at(*zero_based, unix_of("2040-02-28T12:00:00Z")) == 3600);
  CHECK(offset_at(*zero_based, unix_of("2040-02-29T12:00:00Z")) == 3 * 3600);  // day 59 of a leap year
  CHECK(offset_at(*parse_posix_rule("<-03>3"), 0) == -3 * 3600);
  CHECK_FALSE(parse_posix_rule("CET-1CEST,M3.5.0"));
  CHECK_FALSE(parse_posix_rule("CET-1CEST,M13.5.0,M10.5.0"));
  CHECK_FALSE(parse_posix_rule(""));
}

TEST_CASE("the system zoneinfo parses (when the machine has it)") {
  std::ifstream in("/usr/share/zoneinfo/Europe/Berlin", std::ios::binary);
  if (!in) return;  // a minimal container; the parser itself is covered above
  std::stringstream ss;
  ss << in.rdbuf();
  auto z = TimeZone::parse(ss.str());
  CHECK(z.offset_at(unix_of("2026-11-26T12:00:00Z")) == 3600);
  CHECK(z.offset_at(unix_of("2026-07-01T12:00:00Z")) == 7200);
  CHECK(z.offset_at(unix_of("2026-03-29T00:59:59Z")) == 3600);
  CHECK(z.offset_at(unix_of("2026-03-29T01:00:00Z")) == 7200);
  CHECK(z.offset_at(unix_of("2090-07-01T12:00:00Z")) == 7200);  // beyond the table: the footer rule
}

TEST_CASE("ranges refuse values outside human range, naming the field") {
  CHECK_NOTHROW(check_range("weight_kg", 20, kMinWeightKg, kMaxWeightKg, "kg"));
  try {
    check_range("weight_kg", 19.9, kMinWeightKg, kMaxWeightKg, "kg");
    FAIL("expected an error");
  } catch (const Error &e) {
    CHECK(e.field == "weight_kg");
    CHECK(e.message() == "weight_kg must be from 20 to 400 kg");
  }
  CHECK_THROWS_AS(check_range("bpm", 1.0 / 0.0, 25, 250, ""), Error);
  CHECK_NOTHROW(check_not_future("logged_at", 1000 + 86400, 1000));
  CHECK_THROWS_AS(check_not_future("logged_at", 1000 + 86401, 1000), Error);
}

TEST_CASE("kcal burned from MET values and weight") {
  CHECK(kcal_burned(5.0, 80, 60) == doctest::Approx(420));  // 5 x 3.5 x 80 / 200 x 60
  // A catalog workout of 30 minutes with 183.75 kcal for 70 kg has MET 5.
  CHECK(met_of_workout(183.75, 30) == doctest::Approx(5.0));
  std::vector<LoggedSet> sets{{8.0, 1}, {5.0, 3}};
  CHECK(met_of_sets(sets) == doctest::Approx(5.75));
  CHECK(met_of_sets({}) == doctest::Approx(default_met("strength")));
}

TEST_CASE("water goal: the user's own, else 35 ml per kg once a weight is known") {
  CHECK(water_goal_ml(2000, 2000, std::nullopt) == 2000);
  CHECK(water_goal_ml(2000, 2000, 80.0) == 2800);
  CHECK(water_goal_ml(2000, 2000, 64.6) == 2250);  // 2261 rounded to 50 ml
  CHECK(water_goal_ml(3100, 2000, 80.0) == 3100);
}

TEST_CASE("7-day moving average over calendar windows, and the weekly change") {
  auto pts = week({{0, 70}, {1, 71}, {2, 72}, {6, 70}, {7, 69}, {20, 68}});
  auto avg = moving_average(pts);
  REQUIRE(avg.size() == 6);
  CHECK(avg[0] == doctest::Approx(70));
  CHECK(avg[2] == doctest::Approx(71));
  CHECK(avg[3] == doctest::Approx(70.75));                      // days 0,1,2,6
  CHECK(avg[4] == doctest::Approx((71 + 72 + 70 + 69) / 4.0));  // day 0 left the window
  CHECK(avg[5] == doctest::Approx(68));                         // a gap shrinks the sample
  // Last point (day 20, avg 68) against the last point at least 7 days earlier (day 7).
  CHECK(*weekly_change(pts) == doctest::Approx(68 - avg[4]));
  CHECK_FALSE(weekly_change(week({{0, 70}, {3, 69}})));
  CHECK_FALSE(weekly_change(week({{0, 70}})));
}

TEST_CASE("streaks: current run ends today or yesterday; longest over all time") {
  std::vector<long long> days{1, 2, 3, 4, 5, 8, 9, 10};
  CHECK(streaks(days, 10).current == 3);
  CHECK(streaks(days, 10).longest == 5);
  CHECK(streaks(days, 11).current == 3);  // today not logged yet
  CHECK(streaks(days, 12).current == 0);
  CHECK(streaks({}, 5).current == 0);
  std::vector<long long> ahead{9, 10, 11};
  CHECK(streaks(ahead, 10).current == 2);  // tomorrow's entry does not count yet
  CHECK(streaks(ahead, 10).longest == 3);
}

TEST_CASE("muscle counts and daily series") {
  std::vector<Mask> sessions{muscle_bit("chest") | muscle_bit("triceps"), muscle_bit("chest"),
                             muscle_bit("quadriceps")};
  auto counts = count_muscles(sessions);
  REQUIRE(counts.size() == 3);
  CHECK(counts[0].muscle == "chest");
  CHECK(counts[0].count == 2);
  CHECK(counts[1].muscle == "quadriceps");
  auto s = daily_series(week({{3, 1.5}, {5, 2}, {9, 7}}), 3, 6);
  REQUIRE(s.size() == 4);
  CHECK(*s[0] == 1.5);
  CHECK_FALSE(s[1]);
  CHECK(*s[2] == 2);
  CHECK_FALSE(s[3]);
}
