// engine/facts: YAML dumps into FactValue trees, from yaml-cpp's parser events.
#include <yaml-cpp/anchor.h>
#include <yaml-cpp/depthguard.h>  // YAML::DeepRecursion
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <istream>
#include <memory>
#include <new>
#include <streambuf>
#include <string>
#include <vector>

#include "engine/common/utf8.hpp"
#include "engine/facts/fact_reading.hpp"

namespace tekigo::engine::reading {

namespace {

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

}  // namespace

void parse_yaml_document(std::string_view text, std::string_view source,
                         const FactLoadOptions& options, FactLoad& out) {
  // YAML is text: yaml-cpp would take invalid UTF-8 and control characters as they are
  // (and show them as U+FFFD later), where JSON refuses them.
  if (auto flaw = first_text_flaw(text)) {
    out.errors.push_back(
        {std::string(source), "",
         fmt::format("not UTF-8 text: line {}, column {}: {}{}", flaw->line, flaw->column,
                     flaw->describe(),
                     flaw->control && !(flaw->byte == 0 && flaw->offset <= 1) ? std::string()
                                                                              : utf16_hint(text))});
    return;
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
    out.errors.push_back(
        {std::string(source), n.path,
         fmt::format("line {}, column {}: {}", n.line, n.column, out_of_range_message(n.text))});
  } catch (const std::bad_alloc&) {
    out.errors.push_back({std::string(source), "", kOutOfMemory});
  }
}

}  // namespace tekigo::engine::reading
