// dsl/diff: what a policy writes, read for its meaning — comparable keys, typed as the
// compiler types them (dsl/checks: literals.hpp, typing.hpp), and the text as written for
// showing it. Equal keys mean equal meaning: `100MiB` and `100 MiB` are one size, `"tcp"` and
// `tcp` one word, `4.9.05042` and `4.9.5042` one version, and the operands of `and`/`or` are
// unordered. Internal to dsl/diff.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dsl/ast/ast.hpp"
#include "dsl/ast/diagnostic.hpp"
#include "dsl/ast/source.hpp"
#include "dsl/checks/typing.hpp"
#include "engine/facts/fact_schema.hpp"

namespace tekigo::dsl::diff {

// A condition read for its meaning.
struct Condition {
  std::string key;    // its meaning: equal keys, equal conditions
  std::string shape;  // operands in written order, every literal and pattern masked
  // Its predicates in written order, each with its key: two conditions of one shape differ
  // only where their leaves' keys differ.
  std::vector<std::pair<const ast::Expr*, std::string>> leaves;
};

// One revision's text, read.
class Reading {
 public:
  explicit Reading(const SourceFile& source) : source_(source), typing_(scratch_) {}
  Reading(const Reading&) = delete;
  Reading& operator=(const Reading&) = delete;

  // `e` read in `scope` (checks::dump_scope(), checks::forbid_item_scope(kind)).
  Condition condition(const ast::Expr& e, const checks::FactScope& scope);

  // The text of `e` as written, on one line: white space collapsed, comments dropped.
  std::string text(const ast::Expr& e) const;

 private:
  const SourceFile& source_;
  std::vector<Diagnostic> scratch_;  // the policy compiled: typing has nothing left to say
  checks::Typing typing_;
};

// The meaning of `o` read as one value of `type` (its text, marked, when it does not parse).
std::string value_key(const ast::Operand& o, engine::FactType type);
// The same for a word or string written as ast::Text (a host name, a protocol, an edition).
std::string value_key(const ast::Text& t, engine::FactType type);

// The key of an optional `from`/`until` window ("" when there is none) and its text
// ("from 2024-10-01 until 2025-03-31"; nullopt when there is none).
std::string window_key(const ast::InForce& window);
std::optional<std::string> window_text(const ast::InForce& window);

// `>= 22H2`, `12..14`, `10` as written.
std::string version_spec_text(const ast::VersionSpec& spec);
// Its meaning, its values read as `type` (version for `os` versions, release for releases).
std::string version_spec_key(const ast::VersionSpec& spec, engine::FactType type);

// A sentence as written with its translations (`Windows 10 ja "Windows 10 の場合"`): a changed
// translation is a change of the sentence's wording, shown with both languages.
std::string sentence_text(const ast::Text& text);

}  // namespace tekigo::dsl::diff
