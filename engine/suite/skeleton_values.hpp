// engine/suite: the places in a dump and the values the skeleton search (skeleton.cpp) works
// with: a Location is a path of map keys and list indices from the dump's root; candidates()
// are the values a comparison may be met or missed with. Internal to engine/suite.
#pragma once

#include <string>
#include <vector>

#include "engine/eval/graph.hpp"
#include "engine/facts/fact_schema.hpp"
#include "engine/facts/fact_value.hpp"

namespace tekigo::engine::skeleton_search {

// A place in the dump: map keys and list indices from the root.
struct Step {
  std::string key;
  std::size_t index = 0;
  bool is_index = false;
};
using Location = std::vector<Step>;

// `at` followed by the keys of `path`.
Location extended(Location at, const FactPath& path);
// The value at `at`, or nullptr.
const FactValue* find_at(const FactValue& root, const Location& at);
// The value at `at`, made (maps along the way) when absent; nullptr when something that is not
// a map or a list is in the way.
FactValue* make_at(FactValue& root, const Location& at);
// The contract's node for a place (list indices step into the element), or nullptr.
const SchemaNode* schema_at(const Location& at);
// A value of a contract type for a fact nothing constrains (or a new list element's).
FactValue default_value(const SchemaNode& s);
// Values a comparison may be met or missed with: its literals first, then values beside them
// (one more, one less), then other values of the type. The caller keeps those that give the
// answer wanted.
std::vector<FactValue> candidates(const Node& compare, const SchemaNode* schema, bool want);

}  // namespace tekigo::engine::skeleton_search
