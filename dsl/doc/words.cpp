// dsl/doc: conditions and clauses in words, English and Japanese (words.hpp).
#include "dsl/doc/words.hpp"

#include <fmt/format.h>

#include "engine/common/text.hpp"
#include "engine/values/byte_size.hpp"

namespace tekigo::dsl::doc {

using engine::LocalText;
using K = ast::Expr::Kind;

namespace {

// A code span: backticks inside become primes, so a span is never cut short.
std::string code(std::string_view text) {
  std::string out = "`";
  for (char c : text) out += c == '`' ? '\'' : c;
  return out + "`";
}

std::string join_words(const std::vector<std::string>& parts, std::string_view sep,
                       std::string_view last) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? last : sep;
    out += parts[i];
  }
  return out;
}

// A child of `and`/`or`/`not` in parentheses when it is itself a combination.
bool is_combination(const ast::Expr& e) {
  return e.kind == K::and_ || e.kind == K::or_;
}

LocalText grouped(const ast::Expr& e) {
  LocalText t = condition_words(e);
  if (!is_combination(e)) return t;
  return LocalText::both("(" + t.en + ")", "（" + t.ja + "）");
}

LocalText compare_words(const ast::Expr& e) {
  std::string p = code(e.path.dotted());
  std::string v = code(value_words(e.rhs));
  switch (e.op) {
    case ast::CompareOp::eq:
      return LocalText::both(fmt::format("{} is {}", p, v), fmt::format("{} が {}", p, v));
    case ast::CompareOp::ne:
      return LocalText::both(fmt::format("{} is not {}", p, v), fmt::format("{} が {} 以外", p, v));
    case ast::CompareOp::lt:
      return LocalText::both(fmt::format("{} is below {}", p, v),
                             fmt::format("{} が {} 未満", p, v));
    case ast::CompareOp::le:
      return LocalText::both(fmt::format("{} is at most {}", p, v),
                             fmt::format("{} が {} 以下", p, v));
    case ast::CompareOp::gt:
      return LocalText::both(fmt::format("{} is above {}", p, v),
                             fmt::format("{} が {} を超える", p, v));
    case ast::CompareOp::ge:
      return LocalText::both(fmt::format("{} is at least {}", p, v),
                             fmt::format("{} が {} 以上", p, v));
  }
  return {};
}

LocalText quantifier_words(const ast::Expr& e) {
  std::string list = code(e.path.dotted());
  // In English a combination inside is set in parentheses; in Japanese it sits in 「」.
  LocalText inner;
  if (!e.children.empty())
    inner =
        LocalText::both(grouped(*e.children.front()).en, condition_words(*e.children.front()).ja);
  switch (e.kind) {
    case K::any:
      return LocalText::both(fmt::format("some entry of {} has: {}", list, inner.en),
                             fmt::format("{} に「{}」の項目がある", list, inner.ja));
    case K::all:
      return LocalText::both(fmt::format("every entry of {} has: {}", list, inner.en),
                             fmt::format("{} のすべての項目が「{}」", list, inner.ja));
    default:
      return LocalText::both(fmt::format("no entry of {} has: {}", list, inner.en),
                             fmt::format("{} に「{}」の項目がない", list, inner.ja));
  }
}

std::string version_spec_words(const ast::VersionSpec& v, bool ja) {
  std::string value = v.value.text;
  if (v.to) return value + "–" + v.to->text;
  switch (v.op) {
    case ast::CompareOp::ge:
      return ja ? value + " 以降" : value + " or later";
    case ast::CompareOp::gt:
      return ja ? value + " より後" : "later than " + value;
    case ast::CompareOp::le:
      return ja ? value + " 以前" : value + " or earlier";
    case ast::CompareOp::lt:
      return ja ? value + " より前" : "earlier than " + value;
    case ast::CompareOp::ne:
      return ja ? value + " 以外" : "other than " + value;
    case ast::CompareOp::eq:
      break;
  }
  return value;
}

std::vector<std::string> spec_list(const std::vector<ast::VersionSpec>& specs, bool ja) {
  std::vector<std::string> out;
  for (const auto& s : specs) out.push_back(version_spec_words(s, ja));
  return out;
}

std::string family_name(std::string_view family) {
  std::string f = engine::ascii_lower(family);
  if (f == "windows") return "Windows";
  if (f == "macos") return "macOS";
  if (f == "linux") return "Linux";
  return std::string(family);
}

std::string browser_name(std::string_view id) {
  std::string b = engine::ascii_lower(id);
  if (b == "ie") return "Internet Explorer";
  if (b == "edge") return "Microsoft Edge";
  if (b == "chrome") return "Google Chrome";
  if (b == "safari") return "Safari";
  if (b == "firefox") return "Mozilla Firefox";
  if (b == "chromium") return "Chromium";
  return std::string(id);
}

// 104857600 → "104,857,600".
std::string grouped_digits(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

std::string value_words(const ast::Operand& o) {
  switch (o.kind) {
    case ast::Operand::Kind::list: {
      std::vector<std::string> items;
      for (const auto& i : o.items) items.push_back(value_words(i));
      return engine::join(items, ", ");
    }
    case ast::Operand::Kind::path:
      return engine::join(o.segments, ".");
    default:
      return o.text;
  }
}

LocalText condition_words(const ast::Expr& e) {
  std::string p = code(e.path.dotted());
  switch (e.kind) {
    case K::and_:
    case K::or_: {
      std::vector<std::string> en, ja;
      for (const auto& c : e.children) {
        LocalText t = grouped(*c);
        en.push_back(t.en);
        ja.push_back(t.ja);
      }
      bool conj = e.kind == K::and_;
      return LocalText::both(engine::join(en, conj ? " and " : " or "),
                             engine::join(ja, conj ? "、かつ " : "、または "));
    }
    case K::not_: {
      if (e.children.empty()) return {};
      LocalText t = condition_words(*e.children.front());
      return LocalText::both("not (" + t.en + ")", "「" + t.ja + "」ではない");
    }
    case K::compare:
      return compare_words(e);
    case K::match:
      return LocalText::both(fmt::format("{} matches {}", p, code(e.pattern.value)),
                             fmt::format("{} が {} に一致", p, code(e.pattern.value)));
    case K::in:
      return LocalText::both(fmt::format("{} is one of {}", p, code(value_words(e.rhs))),
                             fmt::format("{} が {} のいずれか", p, code(value_words(e.rhs))));
    case K::contains:
      return LocalText::both(fmt::format("{} contains {}", p, code(value_words(e.rhs))),
                             fmt::format("{} に {} を含む", p, code(value_words(e.rhs))));
    case K::is_present:
      return LocalText::both(p + " is present", p + " がある");
    case K::is_absent:
      return LocalText::both(p + " is absent", p + " がない");
    case K::is_empty:
      return LocalText::both(p + " is empty", p + " が空");
    case K::is_not_empty:
      return LocalText::both(p + " is not empty", p + " が空でない");
    case K::truth:
      return LocalText::both(p + " is true", p + " が true");
    case K::any:
    case K::all:
    case K::none:
      return quantifier_words(e);
  }
  return {};
}

LocalText os_words(const ast::OsClause& os) {
  std::string family = family_name(os.family.value);
  std::string en = family, ja = family;
  if (!os.versions.empty()) {
    en += " " + join_words(spec_list(os.versions, false), ", ", " or ");
    ja += " " + engine::join(spec_list(os.versions, true), "、");
  }
  std::vector<std::string> en_more, ja_more;
  if (!os.releases.empty()) {
    en_more.push_back("release " + join_words(spec_list(os.releases, false), ", ", " or "));
    ja_more.push_back("リリース " + engine::join(spec_list(os.releases, true), "、"));
  }
  if (os.min_service_pack) {
    en_more.push_back("Service Pack " + os.min_service_pack->text + " or later");
    ja_more.push_back("Service Pack " + os.min_service_pack->text + " 以降");
  }
  if (!os.except_editions.empty()) {
    std::vector<std::string> editions;
    for (const auto& e : os.except_editions) editions.push_back(code(e.value));
    en_more.push_back("except edition " + join_words(editions, ", ", " or "));
    ja_more.push_back("エディション " + engine::join(editions, "、") + " を除く");
  }
  if (!en_more.empty()) {
    en += ", " + engine::join(en_more, ", ");
    ja += "（" + engine::join(ja_more, "、") + "）";
  }
  return LocalText::both(en, ja);
}

LocalText browser_words(const std::vector<ast::BrowserItem>& browsers) {
  std::vector<std::string> names;
  for (const auto& b : browsers) {
    std::string name = browser_name(b.id.value);
    if (b.from && b.to && b.from->text != b.to->text)
      name += " " + b.from->text + "–" + b.to->text;
    else if (b.from)
      name += " " + b.from->text;
    names.push_back(name);
  }
  return LocalText::both(engine::join(names, ", "), engine::join(names, "、"));
}

LocalText disk_words(const ast::Operand& size) {
  auto bytes = engine::ByteSize::parse(size.text);
  if (!bytes) return LocalText::both("at least " + size.text, size.text + " 以上");
  std::string figure = grouped_digits(bytes->bytes);
  return LocalText::both(fmt::format("at least {} ({} bytes)", size.text, figure),
                         fmt::format("{}（{} バイト）以上", size.text, figure));
}

LocalText window_words(const ast::InForce& window) {
  if (window.empty()) return {};
  std::string from = window.from ? window.from->text : "",
              until = window.until ? window.until->text : "";
  if (!from.empty() && !until.empty())
    return LocalText::both(fmt::format("in force from {} until {}", from, until),
                           fmt::format("{} から {} まで有効", from, until));
  if (!from.empty()) return LocalText::both("in force from " + from, from + " から有効");
  return LocalText::both("in force until " + until, until + " まで有効");
}

std::string status_text(ast::CaseStatus status) {
  return std::string(ast::status_word(status));
}

}  // namespace tekigo::dsl::doc
