// Tests for the engine's own explanations (engine/eval/explanations.hpp): every phrase has
// both languages, the same arguments in each, and Japanese that is Japanese; phrase() and
// join() fill in LocalText arguments per language.
#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <string>

#include "engine/eval/explanations.hpp"

using namespace tekigo::engine;

namespace {

// The argument numbers a pattern uses: "{0} … {1}" gives {0, 1}.
std::set<int> arguments(std::string_view pattern) {
  std::set<int> out;
  static const std::regex arg(R"(\{(\d+)\})");
  std::string text(pattern);
  for (std::sregex_iterator it(text.begin(), text.end(), arg), end; it != end; ++it)
    out.insert(std::stoi((*it)[1].str()));
  return out;
}

bool has_non_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return true;
  return false;
}

}  // namespace

TEST_CASE("explanations: every phrase has an English and a Japanese text with the same arguments",
          "[eval][explanations]") {
  REQUIRE(all_phrases().size() > 40);
  for (Phrase p : all_phrases()) {
    const std::string_view en = phrase_pattern(p, Lang::en), ja = phrase_pattern(p, Lang::ja);
    INFO("phrase #" << static_cast<int>(p) << ": " << en << " / " << ja);
    CHECK_FALSE(en.empty());
    CHECK_FALSE(ja.empty());
    CHECK(arguments(en) == arguments(ja));
    // Japanese is written in Japanese (a phrase that is only its arguments and punctuation,
    // such as "{0}: {1}", is the same in both).
    if (en.find_first_of("abcdefghijklmnopqrstuvwxyz") != std::string_view::npos &&
        en.find_first_not_of(" {}0123456789:;,") != std::string_view::npos)
      CHECK(has_non_ascii(ja));
  }
}

TEST_CASE("explanations: phrase() fills each language with its own text of a LocalText argument",
          "[eval][explanations]") {
  const LocalText row = LocalText::both("Windows 10 (20H2)", "Windows 10（20H2）");
  const LocalText t = phrase(Phrase::row_titled, std::string("1"), row);
  CHECK(t.en == "row 1 (Windows 10 (20H2))");
  CHECK(t.ja == "第 1 項（Windows 10（20H2））");
  // An argument written in one language only is shown in that language in both.
  const LocalText only_en = phrase(Phrase::not_met, LocalText("The OS must be Windows."));
  CHECK(only_en.en == "not met: The OS must be Windows.");
  CHECK(only_en.ja == "要件を満たしていません: The OS must be Windows.");
  CHECK(phrase_in(Lang::ja, Phrase::entries_none_matching, 3) == "3 件、該当なし");
}

TEST_CASE("explanations: LocalText falls back to the other language", "[eval][explanations]") {
  const LocalText en_only("iTunes must not be installed.");
  CHECK(en_only.in(Lang::ja) == "iTunes must not be installed.");
  CHECK_FALSE(en_only.has(Lang::ja));
  const LocalText ja_only("iTunes を入れないこと", Lang::ja);
  CHECK(ja_only.in(Lang::en) == "iTunes を入れないこと");
  const LocalText both = LocalText::both("a", "あ");
  CHECK(both.in(Lang::en) == "a");
  CHECK(both.in(Lang::ja) == "あ");
  CHECK(join({both, LocalText("b")}, "; ") == LocalText::both("a; b", "あ; b"));
  CHECK(parse_lang("ja") == Lang::ja);
  CHECK_FALSE(parse_lang("jp"));
}
