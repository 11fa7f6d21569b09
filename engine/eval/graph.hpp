// engine: the evaluation graph. The dsl compiler lowers a checked policy into it through
// GraphBuilder; the result is an immutable Graph of fact reads, typed comparisons, pattern
// matches, combinators and quantifiers, with rules (decision lists) on top. Identical
// sub-expressions are built once (hash-consing), so a fact read or a comparison that many
// rules share is evaluated once per dump.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "engine/common/local_text.hpp"
#include "engine/eval/outcome.hpp"
#include "engine/facts/fact_schema.hpp"
#include "engine/facts/fact_value.hpp"
#include "engine/values/byte_size.hpp"
#include "engine/values/date.hpp"
#include "engine/values/fqdn.hpp"
#include "engine/values/ip_address.hpp"
#include "engine/values/version.hpp"

namespace re2 {
class RE2;
}

namespace tekigo::engine {

class LiteralFilter;

using NodeId = std::uint32_t;
inline constexpr NodeId kNoNode = ~NodeId{0};

// A path into a fact tree, one segment per map key: {"os", "version"}. Empty reads the
// element a quantifier is at (the address in `any addresses (...)`).
using FactPath = std::vector<std::string>;
std::string to_string(const FactPath& path);

// `in`: equal to one of the literal's values. `between`: within the inclusive range of its two
// values, low then high (an `os` clause's `12..14`; versions as lines, so 14.6 is in it).
enum class CompareOp : std::uint8_t { eq, ne, lt, le, gt, ge, in, between };
std::string_view op_text(CompareOp op);  // between: "in" (the literal's text is "[12..14]")

// A typed literal value of the policy (already parsed by the dsl checker).
using Scalar =
    std::variant<bool, std::int64_t, std::string, Version, ByteSize, Date, IpAddress, Fqdn>;

// The right-hand side of a comparison: one value, or several for `in`. `text` is how the
// policy wrote it, for evidence ("100MiB", "[1909, 2004, 20H2]").
struct Literal {
  FactType type = FactType::string;
  std::vector<Scalar> values;
  std::string text;
};

enum class NodeKind : std::uint8_t {
  fact,      // read `path` below the root (depth 0) or below the element of quantifier `depth`
  compare,   // inputs[0] <op> literal, typed by `type`; with a second input (a check_date
             // node), inputs[0] <op> the check date instead (`collected.at < today`)
  match,     // inputs[0] matches `pattern` (RE2, case-insensitive, unanchored)
  present,   // inputs[0] is in the dump (never unknown)
  empty,     // inputs[0] is an empty list
  truthy,    // inputs[0] is boolean true
  all_of,    // and (Kleene)
  any_of,    // or (Kleene)
  negate,    // not
  exists,    // some element of list inputs[0] satisfies inputs[1] (evaluated at depth + 1)
  forall,    // every element of list inputs[0] satisfies inputs[1]
  constant,  // `constant`
  // The check date (EvaluationOptions::as_of, a date), or unknown when it is not set. A node
  // of its own rather than a fact read with a reserved path: a dump cannot supply or change
  // it (no key of any dump reaches it, and feeding facts never invalidates it), it is not one
  // of the facts a rule reads (Rule::reads, the collection plan), and `text` names it in
  // evidence ("today"), so that the engine needs no word of the policy language for it.
  check_date,
};
std::string_view kind_name(NodeKind kind);
// A literal value by its meaning: equal meaning, equal key (100MB and 100000000 agree; text
// compares case-insensitively; 6.x is 6).
std::string scalar_key(const Scalar& value);

struct Node {
  NodeKind kind = NodeKind::constant;
  std::uint32_t depth = 0;  // 0: reads the dump root; k: reads the element of the k-th quantifier
  FactPath path;            // fact
  FactType type = FactType::string;
  CompareOp op = CompareOp::eq;
  Literal literal;            // compare
  std::uint32_t pattern = 0;  // match: index into Graph's compiled patterns
  std::string pattern_text;   // match
  // match on an element field: the pattern group (one RE2::Set for every pattern on that
  // field) and this pattern's slot in it; kNoGroup when matched alone.
  static constexpr std::uint32_t kNoGroup = ~std::uint32_t{0};
  std::uint32_t pattern_group = kNoGroup;
  std::uint32_t pattern_slot = 0;
  // exists at depth 0 whose predicate requires a grouped match on a field of the element
  // (`any software (name ~ "…" and …)`): that match node, and the list scan that joins the
  // field of every element into one text, so that one pass over the list tells which
  // elements can satisfy the predicate at all (see Graph::ListScan).
  NodeId guard = kNoNode;
  std::uint32_t scan = kNoGroup;
  Tri constant = Tri::unknown;  // constant
  std::vector<NodeId> inputs;
  std::string text;  // the policy text this node was compiled from (for evidence)
  SourceRef where;   // first place it was written
};

// One case of a rule's decision list: when `when` holds, the rule has `status`.
struct Case {
  NodeId when = kNoNode;     // kNoNode: the `otherwise` case
  NodeId explain = kNoNode;  // what evidence shows (default: `when`); `expect X` shows X
  Status status = Status::fail;
  LocalText message;     // in both languages: the evaluation writes one (EvaluationOptions::lang)
  std::string expected;  // what the policy wanted, for evidence
  std::vector<LocalText> notes;
  SourceRef where;
  // What the case is, for people (coverage, tests): `row "3"`, `software "iTunes"`,
  // `fail when os.release <= 1903`. Set by the lowering; never read by the evaluator.
  std::string label;
};

// A rule is a decision list: the first case whose condition holds decides. When earlier
// cases are unknown, the rule is decided only if every case that could still apply gives
// the same status; otherwise it is unknown. An unknown never becomes a pass.
struct Rule {
  std::string id;
  std::string cite;   // the clause of the document: "§3(1)", "§3(3) 別表 #7"
  LocalText title;    // the human sentence
  LocalText section;  // title of the section it sits in
  std::string kind;   // matrix, forbid, resolve, flow, check, manual, line
  // How the policy reads the document here (`rationale "…"`), or empty.
  LocalText rationale;
  // The citations of the clauses of the outline it covers ("§3(1) #1", … for a matrix's
  // rows); its own citation alone when its section declares none that it names.
  std::vector<std::string> clauses;
  std::vector<LocalText> notes;
  SourceRef where;
  NodeId applies = kNoNode;  // when given and false, the rule is not applicable
  // When given, the rule's window in time (a condition on the check date): outside it the
  // rule is not applicable ("not in force …, in force `in_force_text`"); with no check date
  // it is unknown. Decided before anything else.
  NodeId in_force = kNoNode;
  std::string in_force_text;  // "from 2024-10-01", "until 2024-09-30", "from … until …"
  std::vector<Case> cases;
  Case otherwise;
  // What to show as evidence when `otherwise` decides (default: every case's condition).
  std::vector<NodeId> otherwise_explain;
  // manual rules: when none of the facts the rule reads is in the dump, the rule is
  // `manual` (a person must check it) instead of unknown.
  // When a case decides, later cases that hold with the same status are reported too
  // (a forbid rule names every listed item found).
  bool report_all_matches = false;
  bool manual_when_absent = false;
  LocalText manual_message;
  std::vector<NodeId> reads;  // depth-0 fact nodes the rule reads (filled by build())
};

// A list whose elements' text field is matched against a pattern group: the evaluator joins
// the field of every element into one text, one line each, and searches it once for the
// literals the group's patterns need (LiteralFilter); only the elements whose line holds one
// are matched against the group's RE2::Set, and the quantifiers of a pattern visit only the
// elements it matched. Elements whose field is absent or not text are always candidates.
struct ListScan {
  NodeId list = kNoNode;   // the depth-0 fact node of the list
  NodeId field = kNoNode;  // the depth-1 fact node read from each element
  std::uint32_t group = 0;
};

struct GraphStats {
  std::size_t nodes = 0, rules = 0, fact_reads = 0, patterns = 0;
  std::size_t shared = 0;          // requests answered by an existing node (hash-consing hits)
  std::size_t pattern_groups = 0;  // RE2::Sets built over element fields
  std::size_t list_scans = 0;      // lists pre-filtered by one pass (see ListScan)
};

// Immutable after GraphBuilder::build(); share one Graph between any number of threads,
// each with its own Evaluation.
class Graph {
 public:
  ~Graph();
  const std::vector<Node>& nodes() const { return nodes_; }
  const Node& node(NodeId id) const { return nodes_[id]; }
  const std::vector<Rule>& rules() const { return rules_; }
  // Depth-0 nodes that read each depth-0 node (for incremental re-evaluation).
  const std::vector<std::vector<NodeId>>& dependents() const { return dependents_; }
  // Rules that read each depth-0 node, directly or through other nodes.
  const std::vector<std::vector<std::uint32_t>>& rules_reading() const { return rules_reading_; }
  const re2::RE2& pattern(std::uint32_t index) const { return *patterns_[index]; }
  // Every pattern matched against one element field, as one set: matching a program's name
  // once answers all the policy's patterns on names. Returns the matching slots.
  std::size_t pattern_groups() const { return pattern_groups_.size(); }
  std::size_t pattern_group_size(std::uint32_t group) const;
  // False when the set gave up (its memory budget): then `slots` says nothing.
  bool match_group(std::uint32_t group, std::string_view text, std::vector<int>& slots) const;
  const std::vector<ListScan>& list_scans() const { return list_scans_; }
  // The literals of which every match of some of a group's patterns contains one: the list
  // scans search for them in the joined field of every element (see ListScan).
  const LiteralFilter& literal_filter(std::uint32_t group) const;
  // Whether the filter of `group` covers `slot` (a pattern without literals, such as "^$",
  // can match any text: its quantifiers visit every element).
  bool scan_covers(std::uint32_t group, std::uint32_t slot) const;
  const GraphStats& stats() const { return stats_; }
  // The policy's effective date (its header), when the compiler gave one: a dump collected
  // before it, or a check date before it, is warned about (Evaluation::warnings).
  const std::optional<Date>& effective() const { return effective_; }

  // Graphviz DOT of the whole graph: rules as boxes, facts as ellipses.
  std::string to_dot(std::string_view title) const;

 private:
  friend class GraphBuilder;
  Graph() = default;
  std::vector<Node> nodes_;
  std::vector<Rule> rules_;
  std::vector<std::vector<NodeId>> dependents_;
  std::vector<std::vector<std::uint32_t>> rules_reading_;
  std::vector<std::unique_ptr<re2::RE2>> patterns_;
  struct PatternGroup;
  std::vector<std::unique_ptr<PatternGroup>> pattern_groups_;
  std::vector<ListScan> list_scans_;
  GraphStats stats_;
  std::optional<Date> effective_;
};

// Builds a Graph. Every method returns the id of an equal existing node when there is one.
// Not thread-safe; used by one compiler at a time.
class GraphBuilder {
 public:
  GraphBuilder();
  ~GraphBuilder();

  NodeId fact(std::uint32_t depth, FactPath path, FactType type, const SourceRef& where = {});
  NodeId compare(NodeId input, CompareOp op, Literal literal, std::string text = {},
                 const SourceRef& where = {});
  NodeId match(NodeId input, std::string_view pattern, std::string text = {},
               const SourceRef& where = {});
  NodeId present(NodeId input, std::string text = {}, const SourceRef& where = {});
  NodeId empty(NodeId input, std::string text = {}, const SourceRef& where = {});
  NodeId truthy(NodeId input, std::string text = {}, const SourceRef& where = {});
  NodeId all_of(std::vector<NodeId> inputs, std::string text = {}, const SourceRef& where = {});
  NodeId any_of(std::vector<NodeId> inputs, std::string text = {}, const SourceRef& where = {});
  NodeId negate(NodeId input, std::string text = {}, const SourceRef& where = {});
  NodeId exists(NodeId list, NodeId predicate, std::string text = {}, const SourceRef& where = {});
  NodeId forall(NodeId list, NodeId predicate, std::string text = {}, const SourceRef& where = {});
  NodeId constant(Tri value);
  // The check date; `text` names it in evidence and in the graph ("today").
  NodeId check_date(std::string text, const SourceRef& where = {});
  // `input <op> check date` (`collected.at < today`): `type` is the input's fact type, `text`
  // the condition as written and `check_date` a node of check_date() (what the right-hand
  // side says in evidence).
  NodeId compare_with_check_date(NodeId input, CompareOp op, FactType type, NodeId check_date,
                                 std::string text = {}, const SourceRef& where = {});
  // The policy's effective date (Graph::effective).
  void set_effective(Date date);

  void add_rule(Rule rule);
  const Node& node(NodeId id) const;

  // Why RE2 refuses `pattern`, or nullopt when it compiles. The dsl checks patterns with
  // this before lowering, so that a bad pattern is a diagnostic at its span.
  static std::optional<std::string> pattern_error(std::string_view pattern);

  std::shared_ptr<const Graph> build() &&;

 private:
  NodeId intern(Node node);
  NodeId quantifier(NodeKind kind, NodeId list, NodeId predicate, std::string text,
                    const SourceRef& where);
  std::unique_ptr<Graph> graph_;
  std::unordered_map<std::string, NodeId> index_;
};

}  // namespace tekigo::engine
