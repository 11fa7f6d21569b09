// engine: the fact tree. A dump (JSON or YAML) is parsed into one FactValue tree;
// the evaluator reads it through FactPath look-ups. Knows no file formats (see fact_dump.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace tekigo::engine {

// One node of a fact tree: null, boolean, integer, number, string, list or map.
// Maps keep their keys in document order (dumps are small; look-up is linear).
// A FactValue is a plain value: copyable, immutable once handed to an evaluation,
// and safe to read from several threads at once.
class FactValue {
 public:
  enum class Kind : std::uint8_t { null, boolean, integer, number, string, list, map };
  using List = std::vector<FactValue>;
  using Map = std::vector<std::pair<std::string, FactValue>>;

  FactValue() = default;
  static FactValue boolean(bool b);
  static FactValue integer(std::int64_t i);
  static FactValue number(double d);
  static FactValue string(std::string s);
  static FactValue list(List items = {});
  static FactValue map(Map entries = {});

  Kind kind() const { return static_cast<Kind>(data_.index()); }
  bool is_null() const { return kind() == Kind::null; }
  bool is_map() const { return kind() == Kind::map; }
  bool is_list() const { return kind() == Kind::list; }
  bool is_string() const { return kind() == Kind::string; }

  bool as_bool() const { return std::get<bool>(data_); }
  std::int64_t as_int() const { return std::get<std::int64_t>(data_); }
  double as_number() const { return std::get<double>(data_); }
  const std::string& as_string() const { return std::get<std::string>(data_); }
  std::string& as_string() { return std::get<std::string>(data_); }
  const List& as_list() const { return std::get<List>(data_); }
  List& as_list() { return std::get<List>(data_); }
  const Map& as_map() const { return std::get<Map>(data_); }
  Map& as_map() { return std::get<Map>(data_); }

  // Member of a map, or nullptr when absent or when this is not a map.
  const FactValue* find(std::string_view key) const;
  FactValue* find(std::string_view key);
  // Sets (replacing) a member of a map; this must be a map.
  void set(std::string key, FactValue value);

  // Compact one-line rendering for evidence: strings unquoted at top level,
  // lists and maps in flow style, long output cut with "…".
  std::string render(std::size_t max_chars = 160) const;

  friend bool operator==(const FactValue&, const FactValue&) = default;

 private:
  using Data = std::variant<std::monostate, bool, std::int64_t, double, std::string, List, Map>;
  Data data_;
};

std::string_view kind_name(FactValue::Kind kind);

}  // namespace tekigo::engine
