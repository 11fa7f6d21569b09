// engine: typed values — calendar dates and RFC 3339 timestamps: strict parsing, day
// arithmetic (Howard Hinnant's civil-date algorithms), UTC conversion.
#include "engine/values/date.hpp"

namespace tekigo::engine {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads exactly `count` digits at s[pos...]; nullopt when any is not a digit or missing.
std::optional<int> digits_at(std::string_view s, std::size_t pos, std::size_t count) {
  if (pos + count > s.size()) return std::nullopt;
  int v = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (!is_digit(s[i])) return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

std::string pad(std::int64_t value, std::size_t width) {
  std::string s = std::to_string(value);
  if (s.size() < width) s.insert(0, width - s.size(), '0');
  return s;
}

constexpr std::int64_t kSecondsPerDay = 86400;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// Parses "YYYY-MM-DD" at the start of s (exactly 10 characters consumed).
std::optional<Date> parse_date_prefix(std::string_view s) {
  const auto y = digits_at(s, 0, 4);
  const auto m = digits_at(s, 5, 2);
  const auto d = digits_at(s, 8, 2);
  if (!y || !m || !d || s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  const Date date{*y, *m, *d};
  if (!date.valid()) return std::nullopt;
  return date;
}

}  // namespace

bool is_leap_year(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

bool Date::valid() const {
  return day >= 1 && day <= days_in_month(year, month);
}

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  return parse_date_prefix(text);
}

std::string Date::to_string() const {
  return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2);
}

std::int64_t Date::days_since_epoch() const {
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t yoe = y - era * 400;                          // [0, 399]
  const std::int64_t mp = (month + 9) % 12;                        // March = 0
  const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;           // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  // [0, 146096]
  return era * 146097 + doe - 719468;
}

Date Date::from_days_since_epoch(std::int64_t days) {
  const std::int64_t z = days + 719468;
  const std::int64_t era = floor_div(z, 146097);
  const std::int64_t doe = z - era * 146097;                                       // [0, 146096]
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const std::int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;                             // [1, 31]
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;                                // [1, 12]
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return Date{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

std::optional<Timestamp> Timestamp::parse(std::string_view text) {
  // full-date "T" hh:mm:ss [.frac] offset; the shortest valid form is 20 characters.
  if (text.size() < 20) return std::nullopt;
  const auto date = parse_date_prefix(text);
  if (!date) return std::nullopt;
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
  const auto hour = digits_at(text, 11, 2);
  const auto minute = digits_at(text, 14, 2);
  const auto second = digits_at(text, 17, 2);
  if (!hour || !minute || !second || text[13] != ':' || text[16] != ':') return std::nullopt;
  if (*hour > 23 || *minute > 59 || *second > 60) return std::nullopt;

  std::size_t i = 19;
  std::uint32_t nanos = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    std::size_t count = 0;
    while (i < text.size() && is_digit(text[i])) {
      if (count < 9) nanos = nanos * 10 + static_cast<std::uint32_t>(text[i] - '0');
      ++count;
      ++i;
    }
    if (count == 0) return std::nullopt;
    for (std::size_t k = count; k < 9; ++k) nanos *= 10;
  }

  int offset = 0;
  if (i < text.size() && (text[i] == 'Z' || text[i] == 'z')) {
    ++i;
  } else if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    const bool negative = text[i] == '-';
    const auto oh = digits_at(text, i + 1, 2);
    const auto om = digits_at(text, i + 4, 2);
    if (!oh || !om || text[i + 3] != ':' || *oh > 23 || *om > 59) return std::nullopt;
    offset = (*oh * 60 + *om) * (negative ? -1 : 1);
    i += 6;
  } else {
    return std::nullopt;  // offset missing or garbage
  }
  if (i != text.size()) return std::nullopt;

  Timestamp ts;
  ts.seconds = date->days_since_epoch() * kSecondsPerDay + *hour * 3600 + *minute * 60 + *second -
               static_cast<std::int64_t>(offset) * 60;
  ts.nanoseconds = nanos;
  ts.utc_offset_minutes = offset;
  ts.text = std::string(text);
  return ts;
}

Date Timestamp::utc_date() const {
  return Date::from_days_since_epoch(floor_div(seconds, kSecondsPerDay));
}

Date Timestamp::local_date() const {
  const std::int64_t local = seconds + static_cast<std::int64_t>(utc_offset_minutes) * 60;
  return Date::from_days_since_epoch(floor_div(local, kSecondsPerDay));
}

std::string Timestamp::to_utc_string() const {
  const std::int64_t day = floor_div(seconds, kSecondsPerDay);
  const std::int64_t in_day = seconds - day * kSecondsPerDay;
  std::string out = Date::from_days_since_epoch(day).to_string() + "T" + pad(in_day / 3600, 2) +
                    ":" + pad(in_day / 60 % 60, 2) + ":" + pad(in_day % 60, 2);
  if (nanoseconds != 0) {
    std::string frac = pad(nanoseconds, 9);
    while (frac.back() == '0') frac.pop_back();
    out += "." + frac;
  }
  return out + "Z";
}

}  // namespace tekigo::engine
