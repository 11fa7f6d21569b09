// tests/engine/common: the text helpers every layer shares, and the one display-width table.
#include <catch2/catch.hpp>

#include "engine/common/text.hpp"
#include "engine/common/utf8.hpp"

namespace e = tekigo::engine;

TEST_CASE("trim takes ASCII white space off both ends and nothing else", "[common]") {
  CHECK(e::trim("  Cisco AnyConnect \t\r\n") == "Cisco AnyConnect");
  CHECK(e::trim("\f\vx\v\f") == "x");
  CHECK(e::trim("") == "");
  CHECK(e::trim(" \t ") == "");
  CHECK(e::trim("a b") == "a b");
  // U+3000 IDEOGRAPHIC SPACE and NBSP are text, not ASCII white space.
  CHECK(e::trim("\xE3\x80\x80x\xC2\xA0") == "\xE3\x80\x80x\xC2\xA0");
}

TEST_CASE("ascii_lower and iequals_ascii fold ASCII letters only", "[common]") {
  CHECK(e::ascii_lower(std::string_view("WinAppDriver 1.2")) == "winappdriver 1.2");
  CHECK(e::ascii_lower(std::string_view("ÄÖ")) == "ÄÖ");  // bytes >= 0x80 unchanged
  CHECK(e::iequals_ascii("REG_SZ", "reg_sz"));
  CHECK_FALSE(e::iequals_ascii("REG_SZ", "reg_s"));
  CHECK_FALSE(e::iequals_ascii("[", "{"));  // 0x5B and 0x7B differ by bit 5 but are no letters
  CHECK(e::iequals_ascii("", ""));
}

TEST_CASE("join puts the separator between parts, after the first text", "[common]") {
  CHECK(e::join({}, ", ") == "");
  CHECK(e::join({"a"}, ", ") == "a");
  CHECK(e::join({"a", "b", "c"}, ", ") == "a, b, c");
  CHECK(e::join({"", "a"}, ", ") == "a");  // no separator before anything was written
  CHECK(e::join({"a", "", "b"}, ", ") == "a, , b");
}

TEST_CASE("display_width counts terminal cells with one table", "[common][utf8]") {
  CHECK(e::display_width("abc") == 3);
  CHECK(e::display_width("がん登録") == 8);          // wide
  CHECK(e::display_width("\xF0\x9F\x94\x92") == 2);  // U+1F512 LOCK, East Asian Wide
  CHECK(e::display_width("e\xCC\x81") == 1);         // e + COMBINING ACUTE ACCENT
  CHECK(e::display_width("\xFF") == 1);              // an invalid byte takes one cell
  CHECK(e::display_width("ｱ") == 1);                 // halfwidth katakana
  CHECK(e::display_width("Ａ") == 2);                // fullwidth Latin
}
