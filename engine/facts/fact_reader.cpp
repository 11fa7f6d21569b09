// engine/facts: reading fact dumps — JSON (simdjson), JSON Lines, YAML (yaml-cpp) into FactValue.
#include "engine/facts/fact_reader.hpp"

#include <fmt/format.h>
#include <simdjson.h>
#include <yaml-cpp/anchor.h>
#include <yaml-cpp/depthguard.h>  // YAML::DeepRecursion
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <istream>
#include <iterator>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <streambuf>
#include <type_traits>
#include <vector>

#include "engine/common/sha256.hpp"
#include "engine/common/text.hpp"
#include "engine/common/text_file.hpp"
#include "engine/common/utf8.hpp"
#include "engine/facts/fact_validator.hpp"

namespace tekigo::engine {

FactFormat format_of(const std::filesystem::path& file) {
  // In any case: dumps copied from Windows may be named PC01.JSON.
  const std::string ext = ascii_lower(file.extension().string());
  if (ext == ".jsonl" || ext == ".ndjson") return FactFormat::json_lines;
  if (ext == ".yaml" || ext == ".yml") return FactFormat::yaml;
  return FactFormat::json;
}

namespace {

struct TooDeep {};
// A problem at a place of the tree: its fact path is filled in as the exception rises
// through the maps and lists above it (`under`), innermost step first.
struct AtPath {
  std::string path;
  void under(std::string_view step) {
    path =
        path.empty() || path[0] == '[' ? std::string(step) + path : std::string(step) + "." + path;
  }
};
// A key twice in one map; `path` is the map's (empty at the top level).
struct DuplicateKey : AtPath {
  std::string key;
  std::size_t line = 0, column = 0;  // YAML: where the second one is (1-based)
  explicit DuplicateKey(std::string k) : key(std::move(k)) {}
};
// YAML aliases expand to more values than the text could hold without them (see YamlTree).
struct TooManyValues {};
// A number no fact value can hold: past ±2^63 for an integer, past ±1.8e308 for a real one.
struct NumberOutOfRange : AtPath {
  std::string text;
  std::size_t line = 0, column = 0;  // YAML: where it is (1-based); JSON: see locate_json_number
  NumberOutOfRange(std::string t, std::size_t l, std::size_t c)
      : text(std::move(t)), line(l), column(c) {}
};

// The index of a key that appears a second time in `entries`: pairwise for the small maps of
// a dump, by sorting the indices by key for a large one, so a map of 300,000 keys takes
// milliseconds, not the minutes that comparing each key with every earlier one did.
std::optional<std::size_t> duplicate_key(const FactValue::Map& entries) {
  constexpr std::size_t kPairwise = 16;
  if (entries.size() <= kPairwise) {
    for (std::size_t i = 1; i < entries.size(); ++i)
      for (std::size_t k = 0; k < i; ++k)
        if (entries[k].first == entries[i].first) return i;
    return std::nullopt;
  }
  std::vector<std::size_t> order(entries.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  // Stable: of two equal keys the later one comes second.
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return entries[a].first < entries[b].first;
  });
  auto at = std::adjacent_find(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return entries[a].first == entries[b].first;
  });
  if (at == order.end()) return std::nullopt;
  return *std::next(at);
}

// Runs `build` for the child at `step` of a map or list, naming the step in the path of a
// problem that rises through it.
template <class Build>
void at_step(Build&& build, const auto& step) {
  try {
    build();
  } catch (AtPath& problem) {
    if constexpr (std::is_integral_v<std::decay_t<decltype(step)>>)
      problem.under(fmt::format("[{}]", step));
    else
      problem.under(step);
    throw;
  }
}

// A real number of zero has no sign in a fact: -0 and 0 are the same value (and print alike).
FactValue real_number(double d) {
  return FactValue::number(d == 0 ? 0.0 : d);
}

// How a text that is not UTF-8 probably came to be: PowerShell 5.1's `>` and Out-File write
// UTF-16 LE with a byte-order mark, which is the usual way a dump made on Windows arrives so
// (ASCII in UTF-16: every other byte NUL). A file that starts with NUL bytes on both counts
// is no UTF-16 but a file of zeros: one cut short by a crash or a full disk, or a sparse file.
std::string utf16_hint(std::string_view text) {
  if (text.size() >= 2 && text[0] == '\0' && text[1] == '\0')
    return "; it starts with NUL bytes, as a file is that a crash or a full disk cut short "
           "(or a sparse file): collect the dump again";
  const bool bom = text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF");
  const bool nul_pairs = text.size() >= 4 && (text[1] == '\0' || text[0] == '\0');
  if (!bom && !nul_pairs) return "";
  return "; it looks like UTF-16 (Windows PowerShell 5.1's `>` and Out-File write UTF-16): "
         "save the dump as UTF-8 (Out-File -Encoding utf8, or Set-Content -Encoding UTF8)";
}

// Where the first byte that is not UTF-8 is, which simdjson does not say: ": line L, column C:
// invalid UTF-8 (byte 0xff)", columns counting characters as a policy's do.
std::string where_not_utf8(std::string_view text) {
  std::size_t line = 1, column = 1, i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    const auto cp = decode_utf8(text, i);
    if (!cp)
      return fmt::format(": line {}, column {}: invalid UTF-8 (byte 0x{:02x})", line, column,
                         static_cast<unsigned char>(text[start]));
    if (*cp == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "";
}

// Builds the tree of `e` into `dst`, reusing the strings and vectors `dst` already holds (the
// previous dump's tree, when a batch hands it back): dumps of one fleet have the same shape,
// so most values are assigned into storage that is already there instead of allocated anew.
void from_json(FactValue& dst, simdjson::dom::element e, std::size_t depth, std::size_t max_depth) {
  if (depth > max_depth) throw TooDeep{};
  using T = simdjson::dom::element_type;
  switch (e.type()) {
    case T::ARRAY: {
      simdjson::dom::array array;
      if (e.get(array) != simdjson::SUCCESS) {
        dst = FactValue();
        return;
      }
      if (!dst.is_list()) dst = FactValue::list();
      auto& items = dst.as_list();
      // size() saturates at 2^24 - 1 elements: count a longer array, so that the list is
      // allocated once (growing it by doubling would hold 1.5 times its size at the peak).
      std::size_t count = array.size();
      if (count == 0xFFFFFF)
        count = static_cast<std::size_t>(std::distance(array.begin(), array.end()));
      items.resize(count);
      std::size_t i = 0;
      for (simdjson::dom::element child : array) {
        if (i == items.size()) items.emplace_back();
        at_step([&] { from_json(items[i], child, depth + 1, max_depth); }, i);
        ++i;
      }
      items.resize(i);
      return;
    }
    case T::OBJECT: {
      simdjson::dom::object object;
      if (e.get(object) != simdjson::SUCCESS) {
        dst = FactValue();
        return;
      }
      if (!dst.is_map()) dst = FactValue::map();
      auto& entries = dst.as_map();
      entries.resize(object.size());
      std::size_t i = 0;
      for (auto field : object) {
        if (i == entries.size()) entries.emplace_back();  // size() saturates as for arrays
        entries[i].first.assign(field.key);
        at_step([&] { from_json(entries[i].second, field.value, depth + 1, max_depth); },
                entries[i].first);
        ++i;
      }
      entries.resize(i);
      if (auto twice = duplicate_key(entries)) throw DuplicateKey(entries[*twice].first);
      return;
    }
    case T::INT64:
      dst = FactValue::integer(e.get_int64().value_unsafe());
      return;
    case T::UINT64:  // 2^63 and above: no fact is an integer that large
      throw NumberOutOfRange(std::to_string(e.get_uint64().value_unsafe()), 0, 0);
    case T::DOUBLE:
      dst = real_number(e.get_double().value_unsafe());
      return;
    case T::STRING: {
      std::string_view text = e.get_string().value_unsafe();
      if (dst.is_string())
        dst.as_string().assign(text);
      else
        dst = FactValue::string(std::string(text));
      return;
    }
    case T::BOOL:
      dst = FactValue::boolean(e.get_bool().value_unsafe());
      return;
    case T::NULL_VALUE:
      dst = FactValue();
      return;
  }
  dst = FactValue();
}

// YAML core schema for plain scalars; quoted scalars (tag "!") stay strings.
FactValue yaml_scalar(const std::string& text, const std::string& tag, const YAML::Mark& mark) {
  if (tag == "!") return FactValue::string(text);
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL")
    return FactValue();
  if (text == "true" || text == "True" || text == "TRUE") return FactValue::boolean(true);
  if (text == "false" || text == "False" || text == "FALSE") return FactValue::boolean(false);
  const auto out_of_range = [&] {
    return NumberOutOfRange(text, static_cast<std::size_t>(mark.line) + 1,
                            static_cast<std::size_t>(mark.column) + 1);
  };
  {
    const std::size_t start = (text[0] == '-' || text[0] == '+') ? 1 : 0;
    if (start < text.size() &&
        std::all_of(text.begin() + static_cast<std::ptrdiff_t>(start), text.end(),
                    [](unsigned char c) { return std::isdigit(c); })) {
      std::int64_t i = 0;
      const char* first = text.data() + (text[0] == '+' ? 1 : 0);
      const auto [end, ec] = std::from_chars(first, text.data() + text.size(), i);
      if (ec == std::errc::result_out_of_range) throw out_of_range();
      if (ec == std::errc() && end == text.data() + text.size()) return FactValue::integer(i);
    }
  }
  {
    char* end = nullptr;
    errno = 0;
    double d = std::strtod(text.c_str(), &end);
    bool numeric_start = std::isdigit(static_cast<unsigned char>(text[0])) || text[0] == '-' ||
                         text[0] == '+' || text[0] == '.';
    if (numeric_start && end && *end == '\0') {
      // strtod also reads "inf", "nan" and hex floats: a dump has none of them, they stay text.
      const bool decimal = text.find_first_of("iInNxX") == std::string::npos;
      if (decimal && std::isinf(d)) throw out_of_range();
      if (decimal && std::isfinite(d)) return real_number(d);
    }
  }
  return FactValue::string(text);
}

// The text of a YAML document as a stream, without a copy (yaml-cpp reads an istream).
class TextBuf : public std::streambuf {
 public:
  explicit TextBuf(std::string_view text) {
    char* p = const_cast<char*>(text.data());  // only ever read
    setg(p, p, p + text.size());
  }
};

// A YAML document into a FactValue, built from yaml-cpp's parser events: yaml-cpp's own node
// graph (YAML::Load) takes about 500 bytes a value, a gigabyte for a 13 MB dump of a million
// keys and more than 3 GiB for a 30 MB list of numbers, within the size limit; this tree
// takes what the JSON one does. The values made are counted against `budget`: the tree
// copies an anchor's value at every alias, so nested aliases ("billion laughs") would make
// it exponentially larger than the text. Without aliases a value takes at least a byte of
// text, so a tree of more than twice the text's bytes (plus a few) can only come from
// aliases, and is refused as soon as it gets there.
class YamlBuilder : public YAML::EventHandler {
 public:
  YamlBuilder(std::size_t max_depth, std::size_t budget) : max_depth_(max_depth), budget_(budget) {}

  FactValue take_root() { return std::move(root_); }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (wants_key()) return take_key("null", mark, anchor);  // as yaml-cpp's as<std::string>
    charge(1);
    add(FactValue(), anchor, 1, 0, "null");
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    if (wants_key()) return take_key(value, mark, anchor);
    charge(1);
    FactValue v;
    try {
      v = yaml_scalar(value, tag, mark);
    } catch (NumberOutOfRange& n) {
      n.path = path_here();
      throw;
    }
    add(std::move(v), anchor, 1, 0, value);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const Anchored* a = anchor < anchors_.size() ? anchors_[anchor].get() : nullptr;
    // An anchor still open is an alias inside its own value: a tree without end.
    if (!a) throw TooDeep{};
    if (wants_key()) {
      if (!a->scalar) throw YAML::Exception(mark, "bad conversion");
      return take_key(a->text, mark, YAML::NullAnchor);
    }
    // Its copy's deepest value, here: as deep as if it were written out.
    if (stack_.size() + a->height > max_depth_) throw TooDeep{};
    charge(a->values);
    add(FactValue(a->value), YAML::NullAnchor, a->values, a->height, {});
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor, false);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor, true);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Open {  // a list or a map being built
    FactValue value;
    bool is_map = false;
    bool has_key = false;           // a map: its next event is the value of `key`
    std::string key;                // the key of the value to come
    std::vector<YAML::Mark> marks;  // a map: where each key is, for a duplicate
    YAML::anchor_t anchor = YAML::NullAnchor;
    std::size_t spent = 0;   // of the budget when it opened: its own values are the difference
    std::size_t height = 0;  // the levels below it: 1 + its deepest child's
  };
  struct Anchored {
    FactValue value;
    std::size_t values = 0;  // the values it is made of, charged again at every alias
    std::size_t height = 0;  // the levels below it
    bool scalar = false;
    std::string text;  // a scalar's text, for an alias used as a key
  };

  bool wants_key() const {
    return !stack_.empty() && stack_.back().is_map && !stack_.back().has_key;
  }

  void take_key(const std::string& key, const YAML::Mark& mark, YAML::anchor_t anchor) {
    charge(1);
    Open& map = stack_.back();
    map.key = key;
    map.has_key = true;
    map.marks.push_back(mark);
    if (anchor != YAML::NullAnchor) remember(anchor, FactValue::string(key), 1, 0, true, key);
  }

  void charge(std::size_t values) {
    if (values > budget_ - spent_) throw TooManyValues{};
    spent_ += values;
  }

  // The fact path of the value to come: "software[3].name".
  std::string path_here() const {
    std::string path;
    for (const Open& o : stack_) {
      if (o.is_map) {
        if (!path.empty()) path += '.';
        path += o.key;
      } else {
        path += fmt::format("[{}]", o.value.as_list().size());
      }
    }
    return path;
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor, bool is_map) {
    if (wants_key()) throw YAML::Exception(mark, "bad conversion");  // a key must be text
    if (stack_.size() > max_depth_) throw TooDeep{};
    charge(1);
    Open o;
    o.value = is_map ? FactValue::map() : FactValue::list();
    o.is_map = is_map;
    o.anchor = anchor;
    o.spent = spent_ - 1;
    stack_.push_back(std::move(o));
  }

  void close() {
    Open o = std::move(stack_.back());
    stack_.pop_back();
    if (o.is_map) {
      if (auto twice = duplicate_key(o.value.as_map())) {
        DuplicateKey d(o.value.as_map()[*twice].first);
        d.line = static_cast<std::size_t>(o.marks[*twice].line) + 1;
        d.column = static_cast<std::size_t>(o.marks[*twice].column) + 1;
        d.path = path_here();
        throw d;
      }
    }
    add(std::move(o.value), o.anchor, spent_ - o.spent, o.height, {}, false);
  }

  // `v` is the next value where it belongs, already charged: `values` it is made of and
  // `height` levels below it, for its anchor and its parent.
  void add(FactValue v, YAML::anchor_t anchor, std::size_t values, std::size_t height,
           const std::string& text, bool scalar = true) {
    if (stack_.size() > max_depth_) throw TooDeep{};
    if (anchor != YAML::NullAnchor) remember(anchor, v, values, height, scalar, text);
    if (stack_.empty()) {
      root_ = std::move(v);
      return;
    }
    Open& top = stack_.back();
    top.height = std::max(top.height, height + 1);
    if (top.is_map) {
      top.value.as_map().emplace_back(std::move(top.key), std::move(v));
      top.key.clear();
      top.has_key = false;
    } else {
      top.value.as_list().push_back(std::move(v));
    }
  }

  void remember(YAML::anchor_t anchor, const FactValue& v, std::size_t values, std::size_t height,
                bool scalar, const std::string& text) {
    if (anchors_.size() <= anchor) anchors_.resize(anchor + 1);
    anchors_[anchor] = std::make_unique<Anchored>(Anchored{v, values, height, scalar, text});
  }

  std::size_t max_depth_;
  std::size_t budget_;
  std::size_t spent_ = 0;
  std::vector<Open> stack_;
  std::vector<std::unique_ptr<Anchored>> anchors_;  // by yaml-cpp's anchor number
  FactValue root_;
};

// Where the first out-of-range number of a JSON text is, as a fact path ("os.service_pack",
// "software[3].size"): simdjson's DOM parser refuses the whole text naming no place, so the
// text is walked again on demand, only when that happened.
std::string locate_json_number(std::string_view text, std::string& token) {
  simdjson::ondemand::parser parser;
  simdjson::padded_string copy(text);
  simdjson::ondemand::document doc;
  if (parser.iterate(copy).get(doc) != simdjson::SUCCESS) return "";
  std::string found;
  struct Walk {
    std::string& found;
    std::string& token;
    std::size_t depth = 0;
    bool value(simdjson::ondemand::value v, const std::string& path) {
      if (++depth > 1024) return false;
      simdjson::ondemand::json_type type;
      if (v.type().get(type) != simdjson::SUCCESS) return false;
      bool done = false;
      switch (type) {
        case simdjson::ondemand::json_type::object: {
          simdjson::ondemand::object object;
          if (v.get_object().get(object) != simdjson::SUCCESS) break;
          for (auto field : object) {
            std::string_view key;
            simdjson::ondemand::value child;
            if (field.unescaped_key().get(key) != simdjson::SUCCESS ||
                field.value().get(child) != simdjson::SUCCESS)
              break;
            if ((done =
                     value(child, path.empty() ? std::string(key) : path + "." + std::string(key))))
              break;
          }
          break;
        }
        case simdjson::ondemand::json_type::array: {
          simdjson::ondemand::array array;
          if (v.get_array().get(array) != simdjson::SUCCESS) break;
          std::size_t i = 0;
          for (auto element : array) {
            simdjson::ondemand::value child;
            if (element.get(child) != simdjson::SUCCESS) break;
            if ((done = value(child, fmt::format("{}[{}]", path, i++)))) break;
          }
          break;
        }
        case simdjson::ondemand::json_type::number: {
          std::string_view raw = v.raw_json_token();
          simdjson::ondemand::number number;
          if (v.get_number().get(number) != simdjson::SUCCESS ||
              number.get_number_type() == simdjson::ondemand::number_type::unsigned_integer) {
            found = path.empty() ? "(top level)" : path;
            token = std::string(raw.substr(0, raw.find_first_of(" \t\r\n,]}")));
            done = true;
          }
          break;
        }
        default:
          break;
      }
      --depth;
      return done;
    }
  };
  simdjson::ondemand::value root;
  if (doc.get_value().get(root) != simdjson::SUCCESS) return "";
  Walk{found, token}.value(root, "");
  return found;
}

std::string out_of_range_message(std::string_view number) {
  return fmt::format(
      "the number {} is out of range: a fact's integers lie between -2^63 and 2^63-1, its real "
      "numbers within ±1.8e308",
      number.size() > 40 ? std::string(number.substr(0, 40)) + "…" : std::string(number));
}

// "duplicate key `K` in one map", after the line and column of the second one in YAML.
std::string duplicate_key_message(const DuplicateKey& d) {
  std::string key = d.key;
  if (key.size() > 80) {  // a key may be megabytes long; cut where a character starts
    std::size_t cut = 80;
    while (cut > 0 && (static_cast<unsigned char>(key[cut]) & 0xC0) == 0x80) --cut;
    key = key.substr(0, cut) + "…";
  }
  if (d.line == 0) return fmt::format("duplicate key `{}` in one map", key);
  return fmt::format("line {}, column {}: duplicate key `{}` in one map", d.line, d.column, key);
}

void finish(FactValue root, std::string source, const FactLoadOptions& options, FactLoad& out) {
  if (!root.is_map()) {
    out.errors.push_back(
        {source, "", fmt::format("a dump must be a map, got {}", kind_name(root.kind()))});
    return;
  }
  auto problems = options.validate ? validate_facts(root, source, options.require_header)
                                   : std::vector<FactError>{};
  if (!problems.empty()) {
    for (auto& p : problems) out.errors.push_back(std::move(p));
    return;
  }
  out.documents.push_back({std::move(source), std::move(root)});
}

static_assert(kParsePadding >= simdjson::SIMDJSON_PADDING);

// One parser per thread, reused: its buffers grow once instead of per dump.
simdjson::dom::parser& json_parser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

// A dump takes memory in proportion to its size (about 35 bytes a byte for one of tiny
// values): when even that is not to be had, the dump is an error, not the end of the run.
constexpr const char* kOutOfMemory = "not enough memory to read it";

std::string too_deep(const FactLoadOptions& options) {
  return fmt::format("nested deeper than {} levels", options.max_depth);
}

// `padded`: `text` is followed by at least kParsePadding readable bytes (no copy needed).
// `reuse`: a tree whose storage the new tree may take over (see from_json).
// Every JSON document comes through here (files, each JSON Lines line, --facts files): a
// leading byte-order mark, which simdjson leaves to the caller, is dropped here, so that a
// mark at the start of any line of JSON Lines is ignored too (files joined with `cat` keep
// each one's mark). Dropping it keeps the padding after the text.
void parse_json_document(simdjson::dom::parser& parser, std::string_view text, std::string source,
                         const FactLoadOptions& options, FactLoad& out, bool padded = false,
                         FactValue* reuse = nullptr) {
  if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());
  simdjson::padded_string copy;
  if (!padded) copy = simdjson::padded_string(text);
  simdjson::dom::element element;
  auto parsed = padded ? parser.parse(text.data(), text.size(), false)
                       : parser.parse(copy.data(), copy.size(), false);
  if (auto error = parsed.get(element)) {
    // simdjson stops at its own depth limit (1024) before from_json sees ours: the same words.
    if (error == simdjson::DEPTH_ERROR) {
      out.errors.push_back({std::move(source), "", too_deep(options)});
      return;
    }
    if (error == simdjson::NUMBER_ERROR) {
      std::string token;
      std::string path = locate_json_number(text, token);
      if (!path.empty()) {
        out.errors.push_back({std::move(source), std::move(path), out_of_range_message(token)});
        return;
      }
    }
    out.errors.push_back(
        {std::move(source), "",
         fmt::format("not valid JSON: {}{}{}", simdjson::error_message(error),
                     error == simdjson::UTF8_ERROR ? where_not_utf8(text) : "", utf16_hint(text))});
    return;
  }
  try {
    FactValue root = reuse ? std::move(*reuse) : FactValue();
    from_json(root, element, 0, options.max_depth);  // may throw: keep `source` until it returns
    finish(std::move(root), std::move(source), options, out);
  } catch (const DuplicateKey& d) {
    out.errors.push_back({std::move(source), d.path, duplicate_key_message(d)});
  } catch (const TooDeep&) {
    out.errors.push_back({std::move(source), "", too_deep(options)});
  } catch (const std::bad_alloc&) {
    out.errors.push_back({std::move(source), "", kOutOfMemory});
  } catch (const NumberOutOfRange& n) {
    std::string token;
    std::string path = locate_json_number(text, token);
    out.errors.push_back(
        {std::move(source), std::move(path), out_of_range_message(token.empty() ? n.text : token)});
  }
}

}  // namespace

bool blank_json_line(std::string_view line) {
  if (line.starts_with(kUtf8Bom)) line.remove_prefix(kUtf8Bom.size());
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

FactLoad parse_facts(std::string_view text, std::string_view source, FactFormat format,
                     const FactLoadOptions& options) {
  FactLoad out;
  if (text.size() > options.max_file_bytes) {
    out.errors.push_back(
        {std::string(source), "",
         fmt::format("larger than {} bytes; refusing to read it", options.max_file_bytes)});
    return out;
  }
  switch (format) {
    case FactFormat::json: {
      parse_json_document(json_parser(), text, std::string(source), options, out);
      break;
    }
    case FactFormat::json_lines: {
      simdjson::dom::parser& parser = json_parser();
      std::size_t line_no = 0, pos = 0;
      while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        ++line_no;
        // No line can be over the limit here: the whole text is within it (checked above).
        if (!blank_json_line(line))
          parse_json_document(parser, line, fmt::format("{}:{}", source, line_no), options, out);
        pos = end + 1;
      }
      break;
    }
    case FactFormat::yaml: {
      // YAML is text: yaml-cpp would take invalid UTF-8 and control characters as they are
      // (and show them as U+FFFD later), where JSON refuses them.
      if (auto flaw = first_text_flaw(text)) {
        out.errors.push_back({std::string(source), "",
                              fmt::format("not UTF-8 text: line {}, column {}: {}{}", flaw->line,
                                          flaw->column, flaw->describe(),
                                          flaw->control && !(flaw->byte == 0 && flaw->offset <= 1)
                                              ? std::string()
                                              : utf16_hint(text))});
        break;
      }
      try {
        TextBuf buffer(text);
        std::istream in(&buffer);
        YAML::Parser parser(in);
        YamlBuilder builder(options.max_depth, 2 * text.size() + 64);
        parser.HandleNextDocument(builder);  // the first document, as YAML::Load
        finish(builder.take_root(), std::string(source), options, out);
      } catch (const YAML::DeepRecursion&) {
        // yaml-cpp's own guard (2,000 levels) fires before YamlBuilder sees ours; its message
        // is "bad file".
        out.errors.push_back({std::string(source), "", too_deep(options)});
      } catch (const YAML::Exception& e) {
        out.errors.push_back({std::string(source), "",
                              fmt::format("not valid YAML: line {}, column {}: {}", e.mark.line + 1,
                                          e.mark.column + 1, e.msg)});
      } catch (const DuplicateKey& d) {
        out.errors.push_back({std::string(source), d.path, duplicate_key_message(d)});
      } catch (const TooDeep&) {
        out.errors.push_back({std::string(source), "", too_deep(options)});
      } catch (const TooManyValues&) {
        out.errors.push_back(
            {std::string(source), "",
             fmt::format("its aliases (*name) expand to more values than {} bytes of YAML can "
                         "hold; a dump needs no aliases",
                         text.size())});
      } catch (const NumberOutOfRange& n) {
        out.errors.push_back({std::string(source), n.path,
                              fmt::format("line {}, column {}: {}", n.line, n.column,
                                          out_of_range_message(n.text))});
      } catch (const std::bad_alloc&) {
        out.errors.push_back({std::string(source), "", kOutOfMemory});
      }
      break;
    }
  }
  return out;
}

FactLoad parse_facts_in_place(std::string& text, std::string_view source, FactFormat format,
                              const FactLoadOptions& options, FactValue* reuse) {
  if (format != FactFormat::json || text.size() > options.max_file_bytes)
    return parse_facts(text, source, format, options);
  // The padding is read by simdjson (and ignored): write it once, so that no tool sees a read
  // of bytes that were never written.
  const std::size_t size = text.size();
  text.append(kParsePadding, '\0');
  text.resize(size);
  FactLoad out;
  parse_json_document(json_parser(), text, std::string(source), options, out, true, reuse);
  return out;
}

FactLoad load_fact_file(const std::filesystem::path& file, const FactLoadOptions& options) {
  std::string error;
  auto text = read_text_file(file, options.max_file_bytes, error);
  if (!text) {
    FactLoad out;
    out.errors.push_back({file.string(), "", std::move(error)});
    return out;
  }
  std::string digest = sha256_hex(*text);  // before the in-place parse writes over it
  FactLoad load = parse_facts_in_place(*text, file.string(), format_of(file), options);
  load.sha256 = std::move(digest);
  return load;
}

FactLoad load_fact_part(const std::filesystem::path& file) {
  FactLoadOptions options;
  options.require_header = false;
  FactLoad load = load_fact_file(file, options);
  for (auto& doc : load.documents) {
    if (!doc.root.is_map()) continue;  // validation guarantees a map
    std::erase_if(doc.root.as_map(), [](const auto& entry) {
      return entry.first == "schema" || entry.first == "subject";
    });
  }
  return load;
}

}  // namespace tekigo::engine
