// tests/engine: LiteralFilter — the literal pre-filter of the list scans: it must let through
// every text that a covered pattern matches (RE2 is the judge), and reject most others.
#include <re2/re2.h>
#include <catch2/catch.hpp>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "engine/common/utf8.hpp"
#include "engine/eval/literal_filter.hpp"

using tekigo::engine::LiteralFilter;

namespace {

RE2::Options group_options() {
  RE2::Options o;
  o.set_case_sensitive(false);
  o.set_log_errors(false);
  return o;
}

std::string utf8(char32_t cp) {
  std::string out;
  tekigo::engine::append_utf8(out, cp);
  return out;
}

}  // namespace

TEST_CASE("only KELVIN SIGN and LONG S match an ASCII letter case-insensitively",
          "[literal_filter]") {
  // The filter folds ASCII case itself and lets through any text holding U+212A or U+017F;
  // that is sound only if no other character matches an ASCII letter in RE2's case folding.
  RE2 letter("[a-z]", group_options());
  REQUIRE(letter.ok());
  std::vector<char32_t> found;
  for (char32_t cp = 0x80; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    if (RE2::FullMatch(utf8(cp), letter)) found.push_back(cp);
  }
  CHECK(found == std::vector<char32_t>{0x17F, 0x212A});
}

TEST_CASE("kana, ideographs and CJK punctuation match only themselves ignoring case",
          "[literal_filter]") {
  // The filter searches for these bytes as they are (after the same bit-5 fold on both
  // sides): sound only if RE2's case folding maps none of them to another character.
  RE2 caseless(
      "[\\x{3000}-\\x{30FF}\\x{31F0}-\\x{31FF}\\x{3400}-\\x{4DBF}\\x{4E00}-\\x{9FFF}"
      "\\x{F900}-\\x{FAFF}\\x{FF61}-\\x{FF9F}]",
      group_options());
  REQUIRE(caseless.ok());
  auto inside = [](char32_t c) {
    return (c >= 0x3000 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF61 && c <= 0xFF9F);
  };
  std::size_t matched = 0;
  for (char32_t cp = 0x80; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    if (!RE2::FullMatch(utf8(cp), caseless)) continue;
    ++matched;
    INFO("U+" << std::hex << static_cast<std::uint32_t>(cp));
    CHECK(inside(cp));
  }
  CHECK(matched == 256 + 16 + 6592 + 20992 + 512 + 63);  // every one, and nothing else
}

TEST_CASE("patterns with literals are covered, others are not", "[literal_filter]") {
  const std::vector<std::string> patterns = {"^itunes( |$)", "check ?point", "^$", "x*",
                                             "[0-9]{3}",     "(?i)zip",      "ab", "caf\xC3\xA9"};
  LiteralFilter f(patterns, group_options());
  CHECK(f.covers(0));
  CHECK(f.covers(1));
  CHECK_FALSE(f.covers(2));
  CHECK_FALSE(f.covers(3));
  CHECK_FALSE(f.covers(4));
  CHECK(f.covers(5));
  CHECK_FALSE(f.covers(6));  // literals of fewer than three bytes are not searched for
  CHECK(f.covers(7));        // "caf": the part of "café" whose case the filter can fold
  CHECK(f.covers_any());
  CHECK(f.may_match("iTunes 12"));
  CHECK(f.may_match("CHECK POINT VPN"));
  CHECK(f.may_match("7-Zip"));
  CHECK_FALSE(f.may_match("Microsoft Office"));
  CHECK_FALSE(f.may_match(""));
  CHECK_FALSE(f.may_match("chec"));
  // KELVIN SIGN and LONG S: case-folded to k and s by RE2, let through by the filter.
  CHECK(
      RE2::PartialMatch("\xE2\x84\xAA"
                        "aspersky",
                        RE2("kaspersky", group_options())));
  LiteralFilter k({"kaspersky"}, group_options());
  CHECK(
      k.may_match("\xE2\x84\xAA"
                  "aspersky"));
  CHECK(k.may_match("Ka\xC5\xBFpersky"));
  CHECK_FALSE(k.may_match(
      "\xE3\x82\xAB\xE3\x82\xB9\xE3\x83\x9A\xE3\x83\xAB\xE3\x82\xB9\xE3\x82\xAD\xE3\x83\xBC"));

  // Non-ASCII literals: the longest run of ASCII and caseless characters is searched for.
  LiteralFilter j({"\xC2\xB5torrent",  // µtorrent: "torrent"
                   "\xE3\x82\xA6\xE3\x82\xA4\xE3\x83\xAB\xE3\x82\xB9\xE3\x83\x90"
                   "\xE3\x82\xB9\xE3\x82\xBF\xE3\x83\xBC",  // ウイルスバスター
                   "\xC3\xA9\xC3\xA9\xC3\xA9"},             // ééé: nothing to search for
                  group_options());
  CHECK(j.covers(0));
  CHECK(j.covers(1));
  CHECK_FALSE(j.covers(2));
  CHECK(j.may_match("\xCE\x9CTORRENT 3"));  // capital mu: RE2 folds it to µ
  CHECK(RE2::PartialMatch("\xCE\x9CTORRENT 3", RE2("\xC2\xB5torrent", group_options())));
  CHECK(
      j.may_match("\xE3\x82\xA6\xE3\x82\xA4\xE3\x83\xAB\xE3\x82\xB9\xE3\x83\x90"
                  "\xE3\x82\xB9\xE3\x82\xBF\xE3\x83\xBC \xE3\x82\xAF\xE3\x83\xA9"));
  CHECK_FALSE(j.may_match("\xE3\x82\xA6\xE3\x82\xA4\xE3\x83\xAB\xE3\x82\xB9"));

  LiteralFilter none({"^$", "x*"}, group_options());
  CHECK_FALSE(none.covers_any());
  CHECK_FALSE(none.may_match("anything"));
}

TEST_CASE("find() gives the lines that hold a literal, in order", "[literal_filter]") {
  LiteralFilter f({"openvpn", "^bonjour", "virtualbox|vmware (workstation|player)"},
                  group_options());
  const std::string joined = "7-Zip\nOpenVPN 2.4\nOffice\nMy Bonjour\nVMware Player\nopenvp\nn\n";
  std::vector<std::size_t> found;
  for (std::size_t at = 0; (at = f.find(joined, at)) != std::string::npos;) {
    found.push_back(at);
    at = joined.find('\n', at) + 1;
  }
  // "My Bonjour" holds the literal (the anchor is RE2's business); "openvp\nn" does not.
  CHECK(found == std::vector<std::size_t>{joined.find("OpenVPN"), joined.find("Bonjour"),
                                          joined.find("VMware")});
}

TEST_CASE("the filter lets through every text a covered pattern matches", "[literal_filter]") {
  const std::vector<std::string> patterns = {"adobe creative suite 3|adobe cs3",
                                             "^bonjour",
                                             "^itunes( |$)",
                                             "at&t.*communication(s)? manager",
                                             "citrix (advanced|access) gateway",
                                             "firewall|zonealarm|outpost",
                                             "odyssey (access )?client",
                                             "kaspersky.*workstation",
                                             "mcafee (personal |desktop )?firewall",
                                             "internet explorer 8",
                                             "nod32",
                                             "ev-?do|1xev",
                                             "check ?point",
                                             "protect ?tools",
                                             "lenovo.*hotspot",
                                             "anyconnect|cisco secure client",
                                             "\\bnet\\b",
                                             "(?i)zip",
                                             "a\\nb",
                                             "\xC2\xB5torrent",
                                             "\xE3\x82\xA6\xE3\x82\xA4\xE3\x83\xAB\xE3\x82\xB9"
                                             "(\xE3\x83\x90\xE3\x82\xB9\xE3\x82\xBF\xE3\x83\xBC)?",
                                             "caf\xC3\xA9 ?soft"};
  LiteralFilter f(patterns, group_options());
  std::vector<std::unique_ptr<RE2>> res;
  for (const auto& p : patterns) res.push_back(std::make_unique<RE2>(p, group_options()));
  // Texts built from pieces of the patterns' words in random case, with the two folding
  // characters and Japanese text mixed in.
  const std::vector<std::string> pieces = {"\xC2\xB5",
                                           "\xCE\x9C",
                                           "torrent",
                                           "\xE3\x82\xA6\xE3\x82\xA4\xE3\x83\xAB\xE3\x82\xB9",
                                           "\xE3\x83\x90\xE3\x82\xB9\xE3\x82\xBF\xE3\x83\xBC",
                                           "caf",
                                           "\xC3\xA9",
                                           "\xC3\x89",
                                           "soft",
                                           "adobe",
                                           " creative suite 3",
                                           "cs3",
                                           "bonjour",
                                           "itunes",
                                           " ",
                                           "at&t",
                                           "communications",
                                           " manager",
                                           "citrix",
                                           " advanced",
                                           " access",
                                           " gateway",
                                           "firewall",
                                           "zonealarm",
                                           "outpost",
                                           "odyssey",
                                           " client",
                                           "kaspersky",
                                           "workstation",
                                           "mcafee",
                                           " personal",
                                           " desktop",
                                           "internet explorer 8",
                                           "nod32",
                                           "ev-do",
                                           "evdo",
                                           "1xev",
                                           "check",
                                           "point",
                                           "protect",
                                           "tools",
                                           "lenovo",
                                           "hotspot",
                                           "anyconnect",
                                           "cisco secure client",
                                           "net",
                                           ".net",
                                           "zip",
                                           "a",
                                           "b",
                                           "\n",
                                           "\xE2\x84\xAA",
                                           "\xC5\xBF",
                                           "\xE3\x83\x84\xE3\x83\xBC",
                                           "x",
                                           "2",
                                           "-"};
  std::mt19937 random(20261126);
  std::size_t matched = 0, rejected = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const std::size_t count = 1 + random() % 5;
    for (std::size_t i = 0; i < count; ++i) {
      std::string piece = pieces[random() % pieces.size()];
      for (char& c : piece)
        if (c >= 'a' && c <= 'z' && random() % 3 == 0) c = static_cast<char>(c - 'a' + 'A');
      // Sometimes a k or s becomes its non-ASCII case twin.
      if (random() % 8 == 0) {
        for (std::size_t at = 0; at < piece.size(); ++at) {
          if (piece[at] == 'k' || piece[at] == 'K') {
            piece.replace(at, 1, "\xE2\x84\xAA");
            break;
          }
          if (piece[at] == 's' || piece[at] == 'S') {
            piece.replace(at, 1, "\xC5\xBF");
            break;
          }
        }
      }
      text += piece;
    }
    bool any = false;
    for (std::size_t i = 0; i < patterns.size(); ++i)
      if (f.covers(i) && RE2::PartialMatch(text, *res[i])) any = true;
    INFO("text: " << text);
    if (any) {
      ++matched;
      REQUIRE(f.may_match(text));
    } else if (!f.may_match(text)) {
      ++rejected;
    }
  }
  CHECK(matched > 2000);
  CHECK(rejected > 2000);
}

TEST_CASE("the vector search finds what the byte-at-a-time search finds", "[literal_filter]") {
  // find() uses AVX2 where the processor has it; find_scalar() is the reference. Over joined
  // texts of random lines, from random offsets, both give the same answer.
  const std::vector<std::string> pattern_sets[] = {
      {"openvpn", "^bonjour", "check ?point", "kaspersky.*workstation", "nod32"},
      {"ev-?do|1xev", "abc", "zip"},  // three-byte literals: windows of width 3
  };
  const std::vector<std::string> lines = {"OpenVPN 2.4",
                                          "Bonjour",
                                          "Microsoft Office",
                                          "Check Point VPN",
                                          "KASPERSKY Workstation",
                                          "nod32",
                                          "evdo card",
                                          "1XEV",
                                          "abc",
                                          "7-Zip",
                                          "\xE2\x84\xAA",
                                          "s\xC5\xBF",
                                          "\xE3\x83\x84\xE3\x83\xBC\xE3\x83\xAB",
                                          std::string(40, 'q'),
                                          "",
                                          "ope",
                                          "nvpn"};
  std::mt19937 random(7);
  std::size_t found = 0;
  for (const auto& patterns : pattern_sets) {
    LiteralFilter f(patterns, group_options());
    for (int round = 0; round < 3000; ++round) {
      std::string joined;
      const std::size_t count = random() % 30;
      for (std::size_t i = 0; i < count; ++i) {
        joined += lines[random() % lines.size()];
        if (random() % 4 != 0) joined += '\n';
      }
      const std::size_t from = joined.empty() ? 0 : random() % (joined.size() + 1);
      INFO("text: " << joined << ", from " << from);
      const std::size_t want = f.find_scalar(joined, from, from);
      REQUIRE(f.find(joined, from) == want);
      found += want != std::string::npos;
    }
  }
  CHECK(found > 1000);
}
