// engine: typed values — software versions in several schemes, ordered for comparison.
// Parsed from collected facts (lenient) and from policy literals (strict).
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tekigo::engine {

// How a version text is read and ordered.
enum class VersionScheme {
  // Numeric components separated by '.': "4.9.05042", "10.13.6", "6.x".
  dotted,
  // Windows 10/11 release ids, ordered by time: "1507" … "2004", "20H2", "21H1", … "25H2".
  windows_release,
};

// "dotted" / "windows_release".
std::string_view to_string(VersionScheme scheme);
// Inverse of to_string(VersionScheme); nullopt for any other text.
std::optional<VersionScheme> parse_version_scheme(std::string_view text);

// A version number. Immutable once parsed: safe to copy and share between threads.
// Parse functions never throw; they return nullopt on malformed input.
//
// dotted scheme
//   parse(text, dotted) is lenient, for installed-software versions as reported by systems:
//   leading whitespace and one leading 'v'/'V' are skipped, then the longest leading
//   dotted-numeric prefix is taken ("12.10.11.2 beta" → 12.10.11.2, "1.2-rc1" → 1.2).
//   A trailing ".x" / ".X" / ".*" component marks a wildcard ("6.x"), recognised only when
//   it ends the text. Leading zeros are kept in text() but compared numerically
//   ("4.9.05042" → {4, 9, 5042}). nullopt when there is no numeric component at the start,
//   or when a component does not fit in 64 bits.
//   parse_dotted_strict(text) is for policy literals: the whole text must be
//   digits('.'digits)* with an optional trailing ".x"/".X"/".*"; no whitespace, no 'v'.
//
// windows_release scheme
//   Exactly "YYMM" (YY >= 15, MM 01..12) or "YYH1"/"YYH2" ('h' in either case), nothing else.
//   parts() is {2000 + YY, month}; H1 orders as month 05 and H2 as month 10, so
//   "2004" < "20H2" < "21H1" < "21H2". (Note that "2005" therefore equals "20H1".)
//   Windows reports ReleaseId "2009" for 20H2 and later; collectors should prefer
//   DisplayVersion, which carries the "YYHn" form.
class Version {
 public:
  static std::optional<Version> parse(std::string_view text, VersionScheme scheme);
  static std::optional<Version> parse_dotted_strict(std::string_view text);

  VersionScheme scheme() const { return scheme_; }
  // Numeric components; for windows_release {year (e.g. 2020), month}. Never empty.
  std::span<const std::uint64_t> parts() const { return parts_; }
  // The text as written, including any suffix that the lenient parse ignored (the lenient
  // parse removes surrounding whitespace; strict forms reject it).
  const std::string& text() const { return text_; }
  // Written with a trailing ".x"/".*" wildcard component (dotted only). The wildcard is
  // not a part: "6.x" has parts {6} and compares equal to "6".
  bool wildcard() const { return wildcard_; }

  // Total order. Versions of different schemes order by scheme first (dotted before
  // windows_release); that order is arbitrary and callers should not rely on it.
  // Within a scheme: numeric per component, missing components count as 0, so
  // 10.13 == 10.13.0 < 10.13.6. text() and wildcard() do not take part.
  friend std::strong_ordering operator<=>(const Version& a, const Version& b);
  // Consistent with <=> (1.0 == 1).
  friend bool operator==(const Version& a, const Version& b);

  // Version-line match: true when this version has the same scheme as `line` and its
  // components (missing ones counting as 0) start with all of line's components:
  // 10.13.6 and 10.13 are in line 10.13; 6.2.0.1234 is in line 6.2; 6.20 is NOT in line 6.2;
  // 4.10.1 is not in line 4.1; every 6.* is in line "6.x" (same as line "6").
  // Note that line "6.0" is narrower than line "6": 6.1 is in line 6 but not in 6.0.
  bool in_line(const Version& line) const;

 private:
  Version(VersionScheme scheme, std::vector<std::uint64_t> parts, std::string text, bool wildcard)
      : scheme_(scheme), parts_(std::move(parts)), text_(std::move(text)), wildcard_(wildcard) {}

  VersionScheme scheme_;
  std::vector<std::uint64_t> parts_;
  std::string text_;
  bool wildcard_ = false;
};

}  // namespace tekigo::engine
