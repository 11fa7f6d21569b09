// tests/engine: Date and Timestamp — strict ISO 8601 / RFC 3339 parsing, leap years, UTC.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/values/date.hpp"

using tekigo::engine::Date;
using tekigo::engine::days_in_month;
using tekigo::engine::is_leap_year;
using tekigo::engine::Timestamp;

namespace {

Date date(std::string_view text) {
  const auto d = Date::parse(text);
  REQUIRE(d.has_value());
  return *d;
}

Timestamp timestamp(std::string_view text) {
  const auto t = Timestamp::parse(text);
  REQUIRE(t.has_value());
  return *t;
}

}  // namespace

TEST_CASE("Date: leap years follow the Gregorian rule", "[values][date]") {
  const std::vector<std::pair<int, bool>> years{
      {1600, true},  {1700, false}, {1800, false}, {1900, false}, {1996, true},
      {1999, false}, {2000, true},  {2004, true},  {2023, false}, {2024, true},
      {2100, false}, {2400, true},  {0, true},     {4, true},     {1, false},
  };
  for (const auto& [year, leap] : years) {
    INFO(year);
    CHECK(is_leap_year(year) == leap);
    CHECK(days_in_month(year, 2) == (leap ? 29 : 28));
  }
  const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int m = 1; m <= 12; ++m) CHECK(days_in_month(2023, m) == days[m - 1]);
  CHECK(days_in_month(2023, 0) == 0);
  CHECK(days_in_month(2023, 13) == 0);
}

TEST_CASE("Date: parses valid ISO 8601 calendar dates", "[values][date]") {
  struct Case {
    std::string text;
    int year, month, day;
  };
  const std::vector<Case> cases{
      {"2026-11-20", 2026, 11, 20}, {"2024-02-29", 2024, 2, 29}, {"2000-02-29", 2000, 2, 29},
      {"1970-01-01", 1970, 1, 1},   {"0000-01-01", 0, 1, 1},     {"9999-12-31", 9999, 12, 31},
      {"2023-12-31", 2023, 12, 31}, {"2023-04-30", 2023, 4, 30}, {"2023-01-31", 2023, 1, 31},
      {"1600-02-29", 1600, 2, 29},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const Date d = date(c.text);
    CHECK(d.year == c.year);
    CHECK(d.month == c.month);
    CHECK(d.day == c.day);
    CHECK(d.valid());
    CHECK(d.to_string() == c.text);
  }
  CHECK(Date{5, 3, 7}.to_string() == "0005-03-07");
}

TEST_CASE("Date: rejects malformed and impossible dates", "[values][date]") {
  const std::vector<std::string> bad{
      "2023-02-29",
      "1900-02-29",
      "2100-02-29",
      "2023-02-30",
      "2024-02-30",
      "2023-04-31",
      "2023-06-31",
      "2023-09-31",
      "2023-11-31",
      "2023-13-01",
      "2023-00-10",
      "2023-01-00",
      "2023-01-32",
      "2023-1-01",
      "2023-01-1",
      "23-01-01",
      "20230101",
      "2023/01/01",
      "2023.01.01",
      "2023-01-01 ",
      " 2023-01-01",
      "2023-01-01T00:00:00Z",
      "",
      "+2023-01-01",
      "-2023-01-01",
      "2023-0a-01",
      "12023-01-01",
      "2023-001-01",
      "2023-01-01\n",
      "2023_01_01",
      "01-01-2023",
      "2023-W01-1",
      "2023-001",
      "yyyy-mm-dd",
  };
  for (const auto& text : bad) {
    INFO('"' << text << '"');
    CHECK_FALSE(Date::parse(text).has_value());
  }
}

TEST_CASE("Date: ordered chronologically", "[values][date]") {
  const std::vector<std::string> ascending{
      "0000-01-01", "1899-12-31", "1970-01-01", "2023-12-31", "2024-01-01",
      "2024-01-31", "2024-02-01", "2024-02-29", "2024-03-01", "2024-10-01",
      "2024-10-02", "2024-11-01", "2026-11-20", "9999-12-31",
  };
  for (std::size_t i = 0; i < ascending.size(); ++i) {
    for (std::size_t j = 0; j < ascending.size(); ++j) {
      INFO(ascending[i] << " vs " << ascending[j]);
      CHECK((date(ascending[i]) <=> date(ascending[j])) == (i <=> j));
      CHECK((date(ascending[i]).days_since_epoch() <=> date(ascending[j]).days_since_epoch()) ==
            (i <=> j));
    }
  }
}

TEST_CASE("Date: day arithmetic against known values and round trips", "[values][date]") {
  CHECK(date("1970-01-01").days_since_epoch() == 0);
  CHECK(date("1970-01-02").days_since_epoch() == 1);
  CHECK(date("1969-12-31").days_since_epoch() == -1);
  CHECK(date("2000-03-01").days_since_epoch() == 11017);
  CHECK(date("2026-11-20").days_since_epoch() == 20777);
  CHECK(date("1600-01-01").days_since_epoch() == -135140);
  CHECK(Date::from_days_since_epoch(20777) == date("2026-11-20"));
  CHECK(Date::from_days_since_epoch(-1) == date("1969-12-31"));

  // Walk every day from 1600-01-01 to 2400-12-31: consecutive day numbers, exact inverse.
  std::int64_t expected = date("1600-01-01").days_since_epoch();
  int mismatches = 0;
  for (int y = 1600; y <= 2400; ++y) {
    for (int m = 1; m <= 12; ++m) {
      for (int d = 1; d <= days_in_month(y, m); ++d) {
        const Date day{y, m, d};
        if (day.days_since_epoch() != expected) ++mismatches;
        if (Date::from_days_since_epoch(expected) != day) ++mismatches;
        if (Date::parse(day.to_string()) != day) ++mismatches;
        ++expected;
      }
    }
  }
  CHECK(mismatches == 0);
  CHECK(expected == date("2401-01-01").days_since_epoch());
}

TEST_CASE("Timestamp: parses RFC 3339 and compares instants", "[values][date]") {
  const Timestamp tokyo = timestamp("2026-11-20T10:00:00+09:00");
  const Timestamp utc = timestamp("2026-11-20T01:00:00Z");
  CHECK(tokyo.seconds == 1795136400);
  CHECK(utc.seconds == 1795136400);
  CHECK(tokyo == utc);
  CHECK(tokyo.text == "2026-11-20T10:00:00+09:00");
  CHECK(tokyo.utc_offset_minutes == 540);
  CHECK(utc.utc_offset_minutes == 0);
  CHECK(tokyo.utc_date() == date("2026-11-20"));
  CHECK(tokyo.to_utc_string() == "2026-11-20T01:00:00Z");

  // Same instant, other spellings.
  for (const char* text :
       {"2026-11-20t01:00:00z", "2026-11-20 01:00:00Z", "2026-11-20T01:00:00+00:00",
        "2026-11-20T01:00:00-00:00", "2026-11-19T20:00:00-05:00", "2026-11-20T06:30:00+05:30",
        "2026-11-20T01:00:00.000Z"}) {
    INFO(text);
    CHECK(timestamp(text) == utc);
  }

  CHECK(timestamp("2026-11-20T01:00:00.5Z") > utc);
  CHECK(timestamp("2026-11-20T01:00:00.5Z").nanoseconds == 500000000);
  CHECK(timestamp("2026-11-20T01:00:00.123456789123Z").nanoseconds == 123456789);
  CHECK(timestamp("2026-11-20T01:00:00.000000001Z").nanoseconds == 1);
  CHECK(timestamp("2026-11-20T01:00:00.25Z").to_utc_string() == "2026-11-20T01:00:00.25Z");
  CHECK(timestamp("2026-11-20T01:00:01Z") > timestamp("2026-11-20T01:00:00.999Z"));
  CHECK(timestamp("2026-11-20T10:00:00+09:00") < timestamp("2026-11-20T10:00:00+08:00"));

  // Leap second: counted as the next minute's first second.
  CHECK(timestamp("2016-12-31T23:59:60Z").seconds == 1483228800);
  CHECK(timestamp("2016-12-31T23:59:60Z") == timestamp("2017-01-01T00:00:00Z"));

  // Before the epoch.
  CHECK(timestamp("1969-12-31T23:59:59Z").seconds == -1);
  CHECK(timestamp("1969-12-31T23:59:59Z").utc_date() == date("1969-12-31"));
  CHECK(timestamp("1969-12-31T23:59:59Z").to_utc_string() == "1969-12-31T23:59:59Z");
  CHECK(timestamp("1970-01-01T00:00:00Z").seconds == 0);
}

TEST_CASE("Timestamp: UTC and local dates differ across midnight", "[values][date]") {
  const Timestamp morning_tokyo = timestamp("2026-11-20T08:00:00+09:00");
  CHECK(morning_tokyo.utc_date() == date("2026-11-19"));
  CHECK(morning_tokyo.local_date() == date("2026-11-20"));
  const Timestamp evening_ny = timestamp("2026-11-20T20:00:00-05:00");
  CHECK(evening_ny.utc_date() == date("2026-11-21"));
  CHECK(evening_ny.local_date() == date("2026-11-20"));
  CHECK(evening_ny.to_utc_string() == "2026-11-21T01:00:00Z");
  const Timestamp new_year = timestamp("2024-12-31T23:30:00-01:00");
  CHECK(new_year.utc_date() == date("2025-01-01"));
  CHECK(timestamp("2024-02-29T23:59:59Z").utc_date() == date("2024-02-29"));
}

TEST_CASE("Timestamp: rejects malformed text", "[values][date]") {
  const std::vector<std::string> bad{
      "",
      "2026-11-20",
      "2026-11-20T10:00:00",
      "2026-11-20T24:00:00Z",
      "2026-11-20T10:60:00Z",
      "2026-11-20T10:00:61Z",
      "2026-11-20T10:00Z",
      "2026-11-20T10:00:00+0900",
      "2026-11-20T10:00:00+09",
      "2026-11-20T10:00:00+9:00",
      "2026-11-20T10:00:00+24:00",
      "2026-11-20T10:00:00+09:60",
      "2026-11-20T10:00:00.Z",
      "2026-11-20T10:00:00ZZ",
      "2026-11-20T10:00:00Z ",
      " 2026-11-20T10:00:00Z",
      "2026-02-30T10:00:00Z",
      "2023-02-29T10:00:00Z",
      "2026-11-20X10:00:00Z",
      "2026-11-20T1:00:00Z",
      "2026-11-20T10:00:00 Z",
      "2026-11-20T10:00:00+09:00:00",
      "2026-11-20  10:00:00Z",
      "2026-11-20T10-00-00Z",
      "2026-11-20T10:00:00,5Z",
      "2026-11-20T10:00:00UTC",
      "2026-11-20T10:00:00GMT+9",
      "2026-11-20T10:00:00+09:00Z",
      "20261120T100000Z",
      "2026-11-20T10:00:00.+09:00",
      "2026-11-20T10:00:00-",
      "2026-11-20T10:00:00+",
  };
  for (const auto& text : bad) {
    INFO('"' << text << '"');
    CHECK_FALSE(Timestamp::parse(text).has_value());
  }
}
