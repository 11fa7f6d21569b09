// engine: typed values — calendar dates ("2026-11-20") and RFC 3339 timestamps, ordered.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tekigo::engine {

// True for Gregorian leap years (divisible by 4, except centuries not divisible by 400).
bool is_leap_year(int year);
// Days in `month` (1..12) of `year`; 0 for a month outside 1..12.
int days_in_month(int year, int month);

// A calendar date in the proleptic Gregorian calendar. A plain value: safe to copy and share
// between threads. Ordered chronologically (field-wise, year first).
struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  // Strict ISO 8601 calendar date "YYYY-MM-DD": exactly 4+2+2 digits (years 0000..9999),
  // month 01..12, day valid for that month including 29 February in leap years only.
  // No surrounding whitespace. Never throws; nullopt on malformed input.
  static std::optional<Date> parse(std::string_view text);
  // True when the fields form a real date (any year, month 1..12, day in range).
  bool valid() const;
  // "YYYY-MM-DD" (year zero-padded to 4 digits). Only meaningful for valid dates in
  // years 0..9999, which is all that parse produces.
  std::string to_string() const;

  // Days since 1970-01-01 (negative before). Requires a valid date.
  std::int64_t days_since_epoch() const;
  // Inverse of days_since_epoch.
  static Date from_days_since_epoch(std::int64_t days);

  auto operator<=>(const Date&) const = default;
};

// An instant, parsed from RFC 3339 date-time text such as "2026-11-20T10:00:00+09:00",
// "2026-11-20T01:00:00Z" or "2026-11-20T01:00:00.250Z". A plain value: safe to copy and share
// between threads. Compared by instant only: the same moment written with different
// offsets compares equal (text is not compared).
struct Timestamp {
  std::int64_t seconds = 0;       // since 1970-01-01T00:00:00Z, ignoring leap seconds
  std::uint32_t nanoseconds = 0;  // 0..999'999'999, fraction of the second
  int utc_offset_minutes = 0;     // as written; "Z" and "-00:00" give 0
  std::string text;               // as written

  // RFC 3339 section 5.6 date-time: full-date, 'T' (or 't' or one space), hh:mm:ss,
  // optional '.' and 1+ fraction digits (digits past nanoseconds are truncated), then 'Z'/'z'
  // or ±hh:mm (hours 00..23, minutes 00..59). The offset is required. Seconds may be 60
  // (leap second), which is counted as the first second of the next minute.
  // No surrounding whitespace. Never throws; nullopt on malformed input.
  static std::optional<Timestamp> parse(std::string_view text);

  // The calendar date of this instant in UTC.
  Date utc_date() const;
  // The calendar date of this instant at the written offset (the date as written, except
  // that a leap second 23:59:60 falls on the next day).
  Date local_date() const;
  // Normal form in UTC: "YYYY-MM-DDThh:mm:ssZ", with ".fffffffff" (trailing zeros dropped)
  // when there is a fraction.
  std::string to_utc_string() const;

  friend bool operator==(const Timestamp& a, const Timestamp& b) {
    return a.seconds == b.seconds && a.nanoseconds == b.nanoseconds;
  }
  friend std::strong_ordering operator<=>(const Timestamp& a, const Timestamp& b) {
    if (const auto c = a.seconds <=> b.seconds; c != 0) return c;
    return a.nanoseconds <=> b.nanoseconds;
  }
};

}  // namespace tekigo::engine
