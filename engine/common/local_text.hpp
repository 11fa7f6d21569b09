// engine/common: a text written in two languages. A policy's sentences (titles, messages,
// notes, row and item labels, purposes) and the engine's own explanations are LocalText; a
// report asks for one language and gets the other when that one was not written
// (docs/language.md, "Two languages").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tekigo::engine {

// The languages of a policy's texts and of a report (`--lang`).
enum class Lang { en, ja };
std::optional<Lang> parse_lang(std::string_view name);  // "en", "ja"
std::string_view lang_name(Lang lang);                  // "en", "ja"

struct LocalText {
  std::string en, ja;

  LocalText() = default;
  // One text in one language (the other left unwritten); from a plain string, English.
  LocalText(std::string text, Lang lang = Lang::en) {
    (lang == Lang::ja ? ja : en) = std::move(text);
  }
  LocalText(const char* text) : en(text) {}
  static LocalText both(std::string en_text, std::string ja_text) {
    LocalText t;
    t.en = std::move(en_text);
    t.ja = std::move(ja_text);
    return t;
  }

  // The text in `lang`, or in the other language when `lang`'s was not written.
  const std::string& in(Lang lang) const {
    const std::string& wanted = lang == Lang::ja ? ja : en;
    return wanted.empty() ? (lang == Lang::ja ? en : ja) : wanted;
  }
  // Whether `lang`'s own text was written (no fallback).
  bool has(Lang lang) const { return !(lang == Lang::ja ? ja : en).empty(); }
  bool empty() const { return en.empty() && ja.empty(); }
  friend bool operator==(const LocalText&, const LocalText&) = default;
};

inline std::optional<Lang> parse_lang(std::string_view name) {
  if (name == "en") return Lang::en;
  if (name == "ja") return Lang::ja;
  return std::nullopt;
}

inline std::string_view lang_name(Lang lang) {
  return lang == Lang::ja ? "ja" : "en";
}

}  // namespace tekigo::engine
