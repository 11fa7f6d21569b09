// tests/engine: Version — dotted and Windows release parsing, total order, line matching.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "engine/values/version.hpp"

using tekigo::engine::Version;
using tekigo::engine::VersionScheme;

namespace {

Version dotted(std::string_view text) {
  const auto v = Version::parse(text, VersionScheme::dotted);
  REQUIRE(v.has_value());
  return *v;
}

Version strict(std::string_view text) {
  const auto v = Version::parse_dotted_strict(text);
  REQUIRE(v.has_value());
  return *v;
}

Version windows(std::string_view text) {
  const auto v = Version::parse(text, VersionScheme::windows_release);
  REQUIRE(v.has_value());
  return *v;
}

std::vector<std::uint64_t> parts_of(const Version& v) {
  return {v.parts().begin(), v.parts().end()};
}

using Parts = std::vector<std::uint64_t>;

}  // namespace

TEST_CASE("Version: dotted parse keeps text and compares components numerically",
          "[values][version]") {
  struct Case {
    std::string text;
    Parts parts;
  };
  const std::vector<Case> cases{
      {"4.9.05042", {4, 9, 5042}},
      {"4.10.05095", {4, 10, 5095}},
      {"10.13.6", {10, 13, 6}},
      {"1", {1}},
      {"0", {0}},
      {"007", {7}},
      {"6.2.0.1234", {6, 2, 0, 1234}},
      {"1.2.3.4.5.6.7.8", {1, 2, 3, 4, 5, 6, 7, 8}},
      {"18446744073709551615", {18446744073709551615ULL}},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    for (const auto& v : {dotted(c.text), strict(c.text)}) {
      CHECK(v.scheme() == VersionScheme::dotted);
      CHECK(parts_of(v) == c.parts);
      CHECK(v.text() == c.text);
      CHECK_FALSE(v.wildcard());
    }
  }
}

TEST_CASE("Version: lenient dotted parse takes the leading numeric prefix", "[values][version]") {
  struct Case {
    std::string text;
    Parts parts;
    std::string kept_text;
    bool wildcard;
  };
  const std::vector<Case> cases{
      {"12.10.11.2 beta", {12, 10, 11, 2}, "12.10.11.2 beta", false},
      {"v1.2", {1, 2}, "v1.2", false},
      {"V3", {3}, "V3", false},
      {"  7.0.1  ", {7, 0, 1}, "7.0.1", false},
      {"1.2-rc1", {1, 2}, "1.2-rc1", false},
      {"1.2.", {1, 2}, "1.2.", false},
      {"1..2", {1}, "1..2", false},
      {"2023.1.2_3", {2023, 1, 2}, "2023.1.2_3", false},
      {"5.1.2.42 (64-bit)", {5, 1, 2, 42}, "5.1.2.42 (64-bit)", false},
      {"118.0.5993.89", {118, 0, 5993, 89}, "118.0.5993.89", false},
      {"3.0b4", {3, 0}, "3.0b4", false},
      {"10.0.19045.3693 Build", {10, 0, 19045, 3693}, "10.0.19045.3693 Build", false},
      {"6.x", {6}, "6.x", true},
      {"6.X", {6}, "6.X", true},
      {"6.*", {6}, "6.*", true},
      {"4.10.x", {4, 10}, "4.10.x", true},
      {" 6.x ", {6}, "6.x", true},
      {"6.x beta", {6}, "6.x beta", false},
      {"1.2.xyz", {1, 2}, "1.2.xyz", false},
      {"6.x.1", {6}, "6.x.1", false},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const Version v = dotted(c.text);
    CHECK(parts_of(v) == c.parts);
    CHECK(v.text() == c.kept_text);
    CHECK(v.wildcard() == c.wildcard);
  }
}

TEST_CASE("Version: lenient dotted parse rejects text without a leading number",
          "[values][version]") {
  const std::vector<std::string> bad{
      "",
      " ",
      "beta",
      "v",
      "vv1",
      "v.1",
      "x",
      "*",
      ".1",
      "-1",
      "+1",
      "Version 1.2",
      "unknown",
      "18446744073709551616",    // overflows 64 bits
      "1.99999999999999999999",  // overflows 64 bits
      std::string("\0"
                  "1",
                  2),
  };
  for (const auto& text : bad) {
    INFO('"' << text << '"');
    CHECK_FALSE(Version::parse(text, VersionScheme::dotted).has_value());
  }
}

TEST_CASE("Version: strict dotted parse accepts only whole dotted-numeric text",
          "[values][version]") {
  struct Case {
    std::string text;
    Parts parts;
    bool wildcard;
  };
  const std::vector<Case> good{
      {"6", {6}, false},
      {"6.x", {6}, true},
      {"6.X", {6}, true},
      {"6.*", {6}, true},
      {"6.2", {6, 2}, false},
      {"4.10.x", {4, 10}, true},
      {"10.13.6", {10, 13, 6}, false},
  };
  for (const auto& c : good) {
    INFO(c.text);
    const Version v = strict(c.text);
    CHECK(parts_of(v) == c.parts);
    CHECK(v.wildcard() == c.wildcard);
    CHECK(v.text() == c.text);
  }

  const std::vector<std::string> bad{
      "",
      "v1.2",
      " 1.2",
      "1.2 ",
      "1.2 beta",
      "1..2",
      ".1",
      "1.",
      "x",
      "*",
      ".x",
      "6.x.1",
      "6.x.x",
      "6x",
      "6.xx",
      "6.x ",
      "1.2-rc1",
      "1,2",
      "+1",
      "-1",
      "1.2.",
      "1.-2",
      "1.2a",
      "a.b",
      "1.2.3.",
      "6.y",
      "6..x",
      "6.?",
      "1.0x10",
      "\t1",
      "18446744073709551616",
  };
  for (const auto& text : bad) {
    INFO('"' << text << '"');
    CHECK_FALSE(Version::parse_dotted_strict(text).has_value());
  }
}

TEST_CASE("Version: dotted ordering is numeric per component", "[values][version]") {
  // Strictly ascending.
  const std::vector<std::string> ascending{
      "0",          "0.0.1",      "0.9",        "1",
      "1.0.1",      "1.2",        "1.9.9",      "1.10",
      "2",          "4.1",        "4.1.10",     "4.9",
      "4.9.05042",  "4.9.5043",   "4.10",       "4.10.1",
      "4.10.05095", "5.1.2.42",   "6.2",        "6.2.0.1234",
      "6.2.1",      "6.20",       "10.13",      "10.13.6",
      "10.14",      "12.10.11.2", "118.0.5993", "18446744073709551615",
  };
  std::vector<Version> versions;
  for (const auto& t : ascending) versions.push_back(dotted(t));
  for (std::size_t i = 0; i < versions.size(); ++i) {
    for (std::size_t j = 0; j < versions.size(); ++j) {
      INFO(ascending[i] << " vs " << ascending[j]);
      const auto expected = i <=> j;
      CHECK((versions[i] <=> versions[j]) == expected);
      CHECK((versions[i] == versions[j]) == (i == j));
    }
  }

  // Sorting a shuffled copy restores the order.
  std::vector<Version> shuffled = versions;
  std::mt19937 rng(20240229);
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  std::sort(shuffled.begin(), shuffled.end());
  for (std::size_t i = 0; i < shuffled.size(); ++i) CHECK(shuffled[i].text() == ascending[i]);

  // Named cases from the policies.
  CHECK(dotted("4.10.05095") > dotted("4.9.05042"));
  CHECK(dotted("5.1.2.42") > dotted("4.10.x"));
  CHECK(dotted("6.20") > dotted("6.2"));
  CHECK(dotted("6.20") > dotted("6.3"));
  CHECK(dotted("10.13") < dotted("10.13.6"));
  CHECK(dotted("10.13.6") >= dotted("10.13"));
  CHECK(dotted("10.13") <= dotted("10.13.0"));
}

TEST_CASE("Version: missing components count as zero for equality", "[values][version]") {
  const std::vector<std::pair<std::string, std::string>> equal{
      {"1.0", "1"},
      {"1.0.0.0", "1"},
      {"10.13", "10.13.0"},
      {"4.9.05042", "4.9.5042"},
      {"007", "7"},
      {"6.x", "6"},
      {"6.x", "6.0.0"},
      {"v1.2", "1.2.0"},
      {"12.10.11.2 beta", "12.10.11.2"},
  };
  for (const auto& [a, b] : equal) {
    INFO(a << " == " << b);
    CHECK(dotted(a) == dotted(b));
    CHECK(dotted(b) == dotted(a));
    CHECK((dotted(a) <=> dotted(b)) == std::strong_ordering::equal);
    CHECK_FALSE(dotted(a) < dotted(b));
    CHECK_FALSE(dotted(a) != dotted(b));
  }
  CHECK(dotted("1.0.0.1") != dotted("1"));
  CHECK(dotted("0.0.0") == dotted("0"));
}

TEST_CASE("Version: in_line matches version lines component-wise", "[values][version]") {
  struct Case {
    std::string version;
    std::string line;
    bool expected;
  };
  const std::vector<Case> cases{
      {"10.13.6", "10.13", true},
      {"10.13", "10.13", true},
      {"10.13.0", "10.13", true},
      {"10.13.6.1", "10.13", true},
      {"10.14", "10.13", false},
      {"10.1", "10.13", false},
      {"10.130", "10.13", false},
      {"10.13", "10.13.6", false},
      {"6.2.0.1234", "6.2", true},
      {"6.20", "6.2", false},
      {"6.2", "6.20", false},
      {"6.2", "6.x", true},
      {"6.20", "6.x", true},
      {"4.10.1", "4.1", false},
      {"4.1.10", "4.1", true},
      {"4.10.05095", "4.10.x", true},
      {"4.10", "4.10.x", true},
      {"4.9.05042", "4.10.x", false},
      {"5.1.2.42", "4.10.x", false},
      {"4.9.05042", "4.9", true},
      {"6.0", "6.x", true},
      {"6.9.9", "6.x", true},
      {"6", "6.x", true},
      {"7.0", "6.x", false},
      {"60", "6.x", false},
      {"5.99", "6.x", false},
      {"6", "6", true},
      {"6.1", "6", true},
      {"6.1", "6.0", false},
      {"6", "6.0", true},
      {"6.0.0", "6.0.0.0", true},
      {"6.0.1", "6.0.0.0", false},
      {"12.10.11.2 beta", "12.10", true},
  };
  for (const auto& c : cases) {
    INFO(c.version << " in line " << c.line);
    CHECK(dotted(c.version).in_line(strict(c.line)) == c.expected);
  }
}

namespace {
const std::vector<std::string> kWindowsReleases{
    "1507", "1511", "1607", "1703", "1709", "1803", "1809", "1903", "1909",
    "2004", "20H2", "21H1", "21H2", "22H2", "23H2", "24H2", "25H2",
};
}  // namespace

TEST_CASE("Version: Windows release ids order by time", "[values][version]") {
  std::vector<Version> versions;
  for (const auto& t : kWindowsReleases) versions.push_back(windows(t));
  for (std::size_t i = 0; i < versions.size(); ++i) {
    CHECK(versions[i].scheme() == VersionScheme::windows_release);
    CHECK(versions[i].text() == kWindowsReleases[i]);
    CHECK_FALSE(versions[i].wildcard());
    for (std::size_t j = 0; j < versions.size(); ++j) {
      INFO(kWindowsReleases[i] << " vs " << kWindowsReleases[j]);
      CHECK((versions[i] <=> versions[j]) == (i <=> j));
      CHECK((versions[i] == versions[j]) == (i == j));
    }
  }

  std::vector<Version> shuffled = versions;
  std::mt19937 rng(1507);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    std::sort(shuffled.begin(), shuffled.end());
    for (std::size_t i = 0; i < shuffled.size(); ++i)
      CHECK(shuffled[i].text() == kWindowsReleases[i]);
  }

  CHECK(windows("2004") < windows("20H2"));
  CHECK(windows("20H2") < windows("21H1"));
  CHECK(windows("21H1") < windows("21H2"));
  CHECK(windows("1909") < windows("2004"));
  // H1 orders as May and H2 as October of the same year.
  CHECK(windows("22H2") == windows("2210"));
  CHECK(windows("20H1") == windows("2005"));
  CHECK(windows("22H1") > windows("2204"));
  CHECK(windows("22H1") < windows("2206"));
  CHECK(windows("22H2") > windows("2209"));
  CHECK(windows("22H2") < windows("2211"));
}

TEST_CASE("Version: Windows release parts are year and month", "[values][version]") {
  struct Case {
    std::string text;
    Parts parts;
  };
  const std::vector<Case> cases{
      {"1507", {2015, 7}}, {"1511", {2015, 11}}, {"2004", {2020, 4}},  {"20H2", {2020, 10}},
      {"21H1", {2021, 5}}, {"21h1", {2021, 5}},  {"22h2", {2022, 10}}, {"25H2", {2025, 10}},
      {"1501", {2015, 1}}, {"1512", {2015, 12}}, {"30H1", {2030, 5}},  {"9912", {2099, 12}},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const Version v = windows(c.text);
    CHECK(parts_of(v) == c.parts);
    CHECK(v.text() == c.text);
  }
  CHECK(windows("21h2") == windows("21H2"));
}

TEST_CASE("Version: malformed Windows release ids are rejected", "[values][version]") {
  const std::vector<std::string> bad{
      "",      "1",     "150",   "15071", "1407", "0001",  "1500",       "1513",
      "1599",  "20H3",  "20H0",  "20H",   "H2",   "2H20",  "20-H2",      " 22H2",
      "22H2 ", "202H2", "22h22", "22H2x", "abcd", "v22H2", "10.0.19045", "2200",
      "22H",   "2213",  "22X2",  "22 2",  "14H2", "-1H2",  "22H2\n",     "1e10",
  };
  for (const auto& text : bad) {
    INFO('"' << text << '"');
    CHECK_FALSE(Version::parse(text, VersionScheme::windows_release).has_value());
  }
}

TEST_CASE("Version: Windows release line matching", "[values][version]") {
  CHECK(windows("22H2").in_line(windows("22H2")));
  CHECK(windows("22h2").in_line(windows("22H2")));
  CHECK(windows("2210").in_line(windows("22H2")));
  CHECK_FALSE(windows("22H1").in_line(windows("22H2")));
  CHECK_FALSE(windows("23H2").in_line(windows("22H2")));
}

TEST_CASE("Version: different schemes order by scheme and never match", "[values][version]") {
  const Version d = dotted("2004");
  const Version w = windows("2004");
  CHECK(d != w);
  CHECK(d < w);  // dotted orders before windows_release, whatever the numbers
  CHECK(dotted("99999") < windows("1507"));
  CHECK((w <=> d) == std::strong_ordering::greater);
  CHECK_FALSE(d.in_line(w));
  CHECK_FALSE(w.in_line(d));
  CHECK_FALSE(dotted("2020.10").in_line(windows("20H2")));
}

TEST_CASE("Version: schemes convert to and from text", "[values][version]") {
  using tekigo::engine::parse_version_scheme;
  for (const auto scheme : {VersionScheme::dotted, VersionScheme::windows_release}) {
    CHECK(parse_version_scheme(tekigo::engine::to_string(scheme)) == scheme);
  }
  CHECK(tekigo::engine::to_string(VersionScheme::dotted) == "dotted");
  CHECK(tekigo::engine::to_string(VersionScheme::windows_release) == "windows_release");
  CHECK_FALSE(parse_version_scheme("").has_value());
  CHECK_FALSE(parse_version_scheme("Dotted").has_value());
  CHECK_FALSE(parse_version_scheme("windows").has_value());
}

TEST_CASE("Version: order is consistent with equality over a mixed set", "[values][version]") {
  std::vector<Version> all;
  for (const char* t : {"1", "1.0", "1.0.0", "1.0.1", "6.x", "6", "6.2", "6.20", "4.9.05042",
                        "4.9.5042", "10.13", "10.13.6", "v10.13.6"}) {
    all.push_back(dotted(t));
  }
  for (const auto& t : kWindowsReleases) all.push_back(windows(t));
  for (const auto& a : all) {
    for (const auto& b : all) {
      INFO(a.text() << " vs " << b.text());
      const auto ab = a <=> b;
      const auto ba = b <=> a;
      CHECK((ab == 0) == (a == b));
      CHECK((ab < 0) == (ba > 0));
      CHECK((ab == 0) == (ba == 0));
      // Equal versions are interchangeable for line matching.
      if (a == b) {
        for (const auto& line : all) CHECK(a.in_line(line) == b.in_line(line));
      }
    }
  }
}
