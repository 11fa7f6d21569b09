// engine: building the evaluation graph — hash-consing, reverse edges for incremental
// re-evaluation, compiled patterns — and printing it as Graphviz DOT.
#include "engine/eval/graph.hpp"

#include "engine/common/text.hpp"
#include "engine/eval/literal_filter.hpp"

#include <fmt/format.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <map>

#include <algorithm>
#include <functional>
#include <set>

namespace tekigo::engine {

std::string to_string(const FactPath& path) {
  std::string out;
  for (const auto& segment : path) {
    if (!out.empty()) out += '.';
    out += segment;
  }
  return out;
}

std::string_view op_text(CompareOp op) {
  switch (op) {
    case CompareOp::eq:
      return "==";
    case CompareOp::ne:
      return "!=";
    case CompareOp::lt:
      return "<";
    case CompareOp::le:
      return "<=";
    case CompareOp::gt:
      return ">";
    case CompareOp::ge:
      return ">=";
    case CompareOp::in:
    case CompareOp::between:
      return "in";
  }
  return "?";
}

std::string_view kind_name(NodeKind kind) {
  switch (kind) {
    case NodeKind::fact:
      return "fact";
    case NodeKind::compare:
      return "compare";
    case NodeKind::match:
      return "match";
    case NodeKind::present:
      return "present";
    case NodeKind::empty:
      return "empty";
    case NodeKind::truthy:
      return "truthy";
    case NodeKind::all_of:
      return "and";
    case NodeKind::any_of:
      return "or";
    case NodeKind::negate:
      return "not";
    case NodeKind::exists:
      return "any";
    case NodeKind::forall:
      return "all";
    case NodeKind::constant:
      return "constant";
    case NodeKind::check_date:
      return "check_date";
  }
  return "?";
}

std::string scalar_key(const Scalar& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, bool>)
          return v ? "b:1" : "b:0";
        else if constexpr (std::is_same_v<V, std::int64_t>)
          return fmt::format("i:{}", v);
        else if constexpr (std::is_same_v<V, std::string>) {
          std::string lower = v;
          std::transform(lower.begin(), lower.end(), lower.begin(),
                         [](unsigned char c) { return std::tolower(c); });
          return "s:" + lower;
        } else if constexpr (std::is_same_v<V, Version>) {
          std::string out = fmt::format("v{}:", static_cast<int>(v.scheme()));
          // Every component counts: 6.0 and 6 are different version lines. 6.x is 6.
          for (auto part : v.parts()) out += fmt::format("{}.", part);
          return out;
        } else if constexpr (std::is_same_v<V, ByteSize>)
          return fmt::format("z:{}", v.bytes);
        else if constexpr (std::is_same_v<V, Date>)
          return "d:" + v.to_string();
        else if constexpr (std::is_same_v<V, IpAddress>)
          return "a:" + v.text();
        else
          return "h:" + v.text();
      },
      value);
}

namespace {

std::string key_of(const Node& n) {
  std::string key = fmt::format("{}|{}|", static_cast<int>(n.kind), n.depth);
  switch (n.kind) {
    case NodeKind::fact:
      key += fmt::format("{}|{}", to_string(n.path), static_cast<int>(n.type));
      break;
    case NodeKind::compare:
      key += fmt::format("{}|{}|", static_cast<int>(n.op), static_cast<int>(n.literal.type));
      for (const auto& v : n.literal.values) key += scalar_key(v) + ",";
      break;
    case NodeKind::match:
      key += n.pattern_text;
      break;
    case NodeKind::constant:
      key += fmt::format("{}", static_cast<int>(n.constant));
      break;
    default:
      break;
  }
  key += "|";
  for (NodeId in : n.inputs) key += fmt::format("{},", in);
  return key;
}

}  // namespace

struct Graph::PatternGroup {
  explicit PatternGroup(const RE2::Options& options) : set(options, RE2::UNANCHORED) {}
  RE2::Set set;
  std::size_t size = 0;
  LiteralFilter filter;  // the literals that the group's patterns need (list scans)
};

Graph::~Graph() = default;

std::size_t Graph::pattern_group_size(std::uint32_t group) const {
  return pattern_groups_[group]->size;
}

bool Graph::match_group(std::uint32_t group, std::string_view text, std::vector<int>& slots) const {
  slots.clear();
  RE2::Set::ErrorInfo error{};
  if (pattern_groups_[group]->set.Match(re2::StringPiece(text.data(), text.size()), &slots, &error))
    return true;
  return error.kind == RE2::Set::kNoError;  // no match at all is no error
}

bool Graph::scan_covers(std::uint32_t group, std::uint32_t slot) const {
  return pattern_groups_[group]->filter.covers(slot);
}

const LiteralFilter& Graph::literal_filter(std::uint32_t group) const {
  return pattern_groups_[group]->filter;
}

GraphBuilder::GraphBuilder() : graph_(new Graph()) {}
GraphBuilder::~GraphBuilder() = default;

const Node& GraphBuilder::node(NodeId id) const {
  return graph_->nodes_[id];
}

NodeId GraphBuilder::intern(Node node) {
  std::string key = key_of(node);
  if (auto it = index_.find(key); it != index_.end()) {
    ++graph_->stats_.shared;
    return it->second;
  }
  NodeId id = static_cast<NodeId>(graph_->nodes_.size());
  graph_->nodes_.push_back(std::move(node));
  index_.emplace(std::move(key), id);
  return id;
}

NodeId GraphBuilder::fact(std::uint32_t depth, FactPath path, FactType type,
                          const SourceRef& where) {
  Node n;
  n.kind = NodeKind::fact;
  n.depth = depth;
  n.text = to_string(path);
  n.path = std::move(path);
  n.type = type;
  n.where = where;
  return intern(std::move(n));
}

NodeId GraphBuilder::compare(NodeId input, CompareOp op, Literal literal, std::string text,
                             const SourceRef& where) {
  Node n;
  n.kind = NodeKind::compare;
  n.depth = node(input).depth;
  n.op = op;
  n.type = literal.type;
  n.literal = std::move(literal);
  n.inputs = {input};
  n.text = std::move(text);
  n.where = where;
  return intern(std::move(n));
}

std::optional<std::string> GraphBuilder::pattern_error(std::string_view pattern) {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  RE2 re(re2::StringPiece(pattern.data(), pattern.size()), options);
  if (re.ok()) return std::nullopt;
  return re.error();
}

NodeId GraphBuilder::match(NodeId input, std::string_view pattern, std::string text,
                           const SourceRef& where) {
  Node n;
  n.kind = NodeKind::match;
  n.depth = node(input).depth;
  n.pattern_text = std::string(pattern);
  n.inputs = {input};
  n.text = std::move(text);
  n.where = where;
  std::string key = key_of(n);
  if (auto it = index_.find(key); it != index_.end()) {
    ++graph_->stats_.shared;
    return it->second;
  }
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
  if (!re->ok()) return constant(Tri::unknown);  // the dsl reports bad patterns before this
  n.pattern = static_cast<std::uint32_t>(graph_->patterns_.size());
  graph_->patterns_.push_back(std::move(re));
  return intern(std::move(n));
}

namespace {
Node unary(NodeKind kind, NodeId input, std::uint32_t depth, std::string text,
           const SourceRef& where) {
  Node n;
  n.kind = kind;
  n.depth = depth;
  n.inputs = {input};
  n.text = std::move(text);
  n.where = where;
  return n;
}
}  // namespace

NodeId GraphBuilder::present(NodeId input, std::string text, const SourceRef& where) {
  return intern(unary(NodeKind::present, input, node(input).depth, std::move(text), where));
}
NodeId GraphBuilder::empty(NodeId input, std::string text, const SourceRef& where) {
  return intern(unary(NodeKind::empty, input, node(input).depth, std::move(text), where));
}
NodeId GraphBuilder::truthy(NodeId input, std::string text, const SourceRef& where) {
  return intern(unary(NodeKind::truthy, input, node(input).depth, std::move(text), where));
}
NodeId GraphBuilder::negate(NodeId input, std::string text, const SourceRef& where) {
  const Node& in = node(input);
  if (in.kind == NodeKind::negate) return in.inputs[0];  // not not x = x
  if (in.kind == NodeKind::constant) return constant(tri_not(in.constant));
  return intern(unary(NodeKind::negate, input, in.depth, std::move(text), where));
}

NodeId GraphBuilder::all_of(std::vector<NodeId> inputs, std::string text, const SourceRef& where) {
  if (inputs.size() == 1) return inputs[0];
  Node n;
  n.kind = NodeKind::all_of;
  for (NodeId in : inputs) n.depth = std::max(n.depth, node(in).depth);
  n.inputs = std::move(inputs);
  n.text = std::move(text);
  n.where = where;
  return intern(std::move(n));
}

NodeId GraphBuilder::any_of(std::vector<NodeId> inputs, std::string text, const SourceRef& where) {
  if (inputs.size() == 1) return inputs[0];
  Node n;
  n.kind = NodeKind::any_of;
  for (NodeId in : inputs) n.depth = std::max(n.depth, node(in).depth);
  n.inputs = std::move(inputs);
  n.text = std::move(text);
  n.where = where;
  return intern(std::move(n));
}

NodeId GraphBuilder::quantifier(NodeKind kind, NodeId list, NodeId predicate, std::string text,
                                const SourceRef& where) {
  Node n;
  n.kind = kind;
  n.depth = node(list).depth;
  n.inputs = {list, predicate};
  n.text = std::move(text);
  n.where = where;
  return intern(std::move(n));
}

NodeId GraphBuilder::exists(NodeId list, NodeId predicate, std::string text,
                            const SourceRef& where) {
  return quantifier(NodeKind::exists, list, predicate, std::move(text), where);
}

NodeId GraphBuilder::forall(NodeId list, NodeId predicate, std::string text,
                            const SourceRef& where) {
  return quantifier(NodeKind::forall, list, predicate, std::move(text), where);
}

NodeId GraphBuilder::check_date(std::string text, const SourceRef& where) {
  Node n;
  n.kind = NodeKind::check_date;
  n.type = FactType::date;
  n.text = std::move(text);
  n.where = where;
  return intern(std::move(n));
}

NodeId GraphBuilder::compare_with_check_date(NodeId input, CompareOp op, FactType type,
                                             NodeId check_date, std::string text,
                                             const SourceRef& where) {
  Node n;
  n.kind = NodeKind::compare;
  n.depth = node(input).depth;
  n.op = op;
  n.type = type;
  n.literal.type = type;
  n.literal.text = node(check_date).text;
  n.inputs = {input, check_date};
  n.text = std::move(text);
  n.where = where;
  return intern(std::move(n));
}

void GraphBuilder::set_effective(Date date) {
  graph_->effective_ = date;
}

NodeId GraphBuilder::constant(Tri value) {
  Node n;
  n.kind = NodeKind::constant;
  n.constant = value;
  n.text = value == Tri::yes ? "true" : value == Tri::no ? "false" : "unknown";
  return intern(std::move(n));
}

void GraphBuilder::add_rule(Rule rule) {
  graph_->rules_.push_back(std::move(rule));
}

std::shared_ptr<const Graph> GraphBuilder::build() && {
  Graph& g = *graph_;
  const std::size_t n = g.nodes_.size();
  g.dependents_.assign(n, {});
  g.rules_reading_.assign(n, {});
  for (NodeId id = 0; id < n; ++id) {
    const Node& node = g.nodes_[id];
    if (node.depth != 0) continue;
    // A quantifier's predicate runs per element; only its list is a depth-0 input.
    std::size_t count =
        (node.kind == NodeKind::exists || node.kind == NodeKind::forall) ? 1 : node.inputs.size();
    for (std::size_t i = 0; i < count; ++i) g.dependents_[node.inputs[i]].push_back(id);
  }
  for (std::uint32_t r = 0; r < g.rules_.size(); ++r) {
    Rule& rule = g.rules_[r];
    std::set<NodeId> seen;
    std::vector<NodeId> stack;
    if (rule.applies != kNoNode) stack.push_back(rule.applies);
    if (rule.in_force != kNoNode) stack.push_back(rule.in_force);
    for (const auto& c : rule.cases) {
      stack.push_back(c.when);
      if (c.explain != kNoNode) stack.push_back(c.explain);
    }
    for (NodeId id : rule.otherwise_explain) stack.push_back(id);
    while (!stack.empty()) {
      NodeId id = stack.back();
      stack.pop_back();
      if (!seen.insert(id).second) continue;
      const Node& node = g.nodes_[id];
      std::size_t count =
          (node.kind == NodeKind::exists || node.kind == NodeKind::forall) ? 1 : node.inputs.size();
      for (std::size_t i = 0; i < count; ++i) stack.push_back(node.inputs[i]);
    }
    rule.reads.clear();
    for (NodeId id : seen) {
      g.rules_reading_[id].push_back(r);
      if (g.nodes_[id].kind == NodeKind::fact && g.nodes_[id].depth == 0) rule.reads.push_back(id);
    }
  }
  // Patterns on the same element field (software names, adapter descriptions) become one
  // RE2::Set each: one pass over a name answers every pattern of the policy on names.
  {
    std::map<std::pair<std::uint32_t, std::string>, std::vector<NodeId>> by_field;
    for (NodeId id = 0; id < n; ++id) {
      const Node& node = g.nodes_[id];
      if (node.kind != NodeKind::match || node.depth == 0) continue;
      const Node& input = g.nodes_[node.inputs[0]];
      by_field[{input.depth, to_string(input.path)}].push_back(id);
    }
    for (auto& [field, members] : by_field) {
      RE2::Options options;
      options.set_case_sensitive(false);
      options.set_log_errors(false);
      auto group = std::make_unique<Graph::PatternGroup>(options);
      bool ok = true;
      for (NodeId id : members)
        if (group->set.Add(g.nodes_[id].pattern_text, nullptr) < 0) ok = false;
      if (!ok || !group->set.Compile()) continue;  // fall back to matching one by one
      group->size = members.size();
      std::vector<std::string> texts;
      for (NodeId id : members) texts.push_back(g.nodes_[id].pattern_text);
      group->filter = LiteralFilter(texts, options);
      auto index = static_cast<std::uint32_t>(g.pattern_groups_.size());
      for (std::uint32_t slot = 0; slot < members.size(); ++slot) {
        g.nodes_[members[slot]].pattern_group = index;
        g.nodes_[members[slot]].pattern_slot = slot;
      }
      g.pattern_groups_.push_back(std::move(group));
    }
  }
  // Quantifiers `any LIST (FIELD ~ "…" and …)` over a depth-0 list: every element that
  // satisfies the predicate must match the pattern, so a pass over the joined field tells
  // which elements to look at (ListScan).
  {
    std::map<std::pair<NodeId, NodeId>, std::uint32_t> scans;
    std::function<NodeId(NodeId)> guard_of = [&](NodeId id) -> NodeId {
      const Node& p = g.nodes_[id];
      if (p.kind == NodeKind::match && p.pattern_group != Node::kNoGroup &&
          g.nodes_[p.inputs[0]].depth == p.depth)
        return id;
      if (p.kind == NodeKind::all_of)
        for (NodeId in : p.inputs)
          if (NodeId found = guard_of(in); found != kNoNode) return found;
      return kNoNode;
    };
    for (NodeId id = 0; id < n; ++id) {
      Node& q = g.nodes_[id];
      if (q.kind != NodeKind::exists || q.depth != 0) continue;
      NodeId guard = guard_of(q.inputs[1]);
      if (guard == kNoNode || g.nodes_[guard].depth != 1) continue;
      const Node& m = g.nodes_[guard];
      auto key = std::make_pair(q.inputs[0], m.inputs[0]);
      auto it = scans.find(key);
      if (it == scans.end()) {
        it = scans.emplace(key, static_cast<std::uint32_t>(g.list_scans_.size())).first;
        g.list_scans_.push_back({q.inputs[0], m.inputs[0], m.pattern_group});
      }
      q.guard = guard;
      q.scan = it->second;
    }
  }
  g.stats_.list_scans = g.list_scans_.size();
  g.stats_.pattern_groups = g.pattern_groups_.size();
  g.stats_.nodes = n;
  g.stats_.rules = g.rules_.size();
  g.stats_.patterns = g.patterns_.size();
  g.stats_.fact_reads = static_cast<std::size_t>(std::count_if(
      g.nodes_.begin(), g.nodes_.end(), [](const Node& x) { return x.kind == NodeKind::fact; }));
  index_.clear();
  return std::shared_ptr<const Graph>(graph_.release());
}

namespace {
std::string dot_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}
}  // namespace

std::string Graph::to_dot(std::string_view title) const {
  std::string out = fmt::format(
      "digraph \"{}\" {{\n  rankdir=LR;\n  node [fontname=\"sans-serif\", fontsize=10];\n",
      dot_escape(title));
  for (NodeId id = 0; id < nodes_.size(); ++id) {
    const Node& n = nodes_[id];
    std::string label;
    std::string shape = "box, style=rounded";
    switch (n.kind) {
      case NodeKind::fact:
        label = n.depth == 0 ? to_string(n.path)
                             : fmt::format("@{} {}", n.depth,
                                           n.path.empty() ? "(element)" : to_string(n.path));
        shape = "ellipse";
        break;
      case NodeKind::compare:
        label = fmt::format("{} {}", op_text(n.op), n.literal.text);
        break;
      case NodeKind::match:
        label = fmt::format("~ \"{}\"", n.pattern_text);
        break;
      case NodeKind::constant:
        label = n.text;
        break;
      case NodeKind::check_date:
        label = n.text;
        shape = "ellipse, style=dashed";
        break;
      default:
        label = std::string(kind_name(n.kind));
        break;
    }
    out += fmt::format("  n{} [label=\"{}\", shape={}];\n", id, dot_escape(label), shape);
    for (std::size_t i = 0; i < n.inputs.size(); ++i) {
      bool predicate = i == 1 && (n.kind == NodeKind::exists || n.kind == NodeKind::forall);
      out += fmt::format("  n{} -> n{}{};\n", n.inputs[i], id,
                         predicate ? " [style=dashed, label=\"each\"]" : "");
    }
  }
  for (std::size_t r = 0; r < rules_.size(); ++r) {
    const Rule& rule = rules_[r];
    out +=
        fmt::format("  r{} [label=\"{}\\n{}\", shape=box, style=filled, fillcolor=\"#eeeeee\"];\n",
                    r, dot_escape(rule.id), dot_escape(rule.cite));
    std::set<NodeId> inputs;
    if (rule.applies != kNoNode) inputs.insert(rule.applies);
    if (rule.in_force != kNoNode) inputs.insert(rule.in_force);
    for (const auto& c : rule.cases) inputs.insert(c.when);
    for (NodeId in : inputs) out += fmt::format("  n{} -> r{};\n", in, r);
  }
  out += "}\n";
  return out;
}

}  // namespace tekigo::engine
