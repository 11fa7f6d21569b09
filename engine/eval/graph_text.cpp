// engine: a compiled graph as text, source positions left out (see graph_text.hpp).
#include "engine/eval/graph_text.hpp"

#include <fmt/format.h>

#include <functional>
#include <type_traits>
#include <unordered_map>

#include "engine/common/text.hpp"

namespace tekigo::engine {

namespace {

std::string scalar_text(const Scalar& s) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, bool>)
          return v ? "bool:true" : "bool:false";
        else if constexpr (std::is_same_v<T, std::int64_t>)
          return fmt::format("int:{}", v);
        else if constexpr (std::is_same_v<T, std::string>)
          return fmt::format("string:{:?}", v);
        else if constexpr (std::is_same_v<T, Version>)
          return fmt::format("version:{}:{}", to_string(v.scheme()), v.text());
        else if constexpr (std::is_same_v<T, ByteSize>)
          return "size:" + v.to_string();
        else if constexpr (std::is_same_v<T, Date>)
          return "date:" + v.to_string();
        else if constexpr (std::is_same_v<T, IpAddress>)
          return "address:" + v.text();
        else
          return "fqdn:" + v.text();
      },
      s);
}

std::string id(NodeId n) {
  return n == kNoNode ? "-" : fmt::format("n{}", n);
}

std::string tri_text(Tri t) {
  return t == Tri::yes ? "yes" : t == Tri::no ? "no" : "unknown";
}

bool tight(char c) {
  return c == '(' || c == ')' || c == '[' || c == ']' || c == ',' || c == '=' || c == '!' ||
         c == '<' || c == '>' || c == '~';
}

// A node's reference in a line: its number ("n3"), or in a fingerprint the node written out.
using NodeRef = std::function<std::string(NodeId)>;

class Writer {
 public:
  explicit Writer(const GraphTextOptions& options) : options_(options) {}
  std::string out;

  std::string words(std::string_view s) const {
    return fmt::format("{:?}", options_.layout_insensitive ? without_layout(s) : std::string(s));
  }

  // A sentence in both languages: `"…"` alone when one is written, `"…" ja "…"` with both.
  std::string local_words(const LocalText& t) const {
    if (t.ja.empty()) return words(t.en);
    return words(t.en) + " ja " + words(t.ja);
  }
  static std::string quoted(const LocalText& t) {
    if (t.ja.empty()) return fmt::format("{:?}", t.en);
    return fmt::format("{:?} ja {:?}", t.en, t.ja);
  }
  static std::string notes(const std::vector<LocalText>& notes) {
    std::vector<std::string> out;
    for (const auto& n : notes) out.push_back(n.ja.empty() ? n.en : n.en + " ja " + n.ja);
    return join(out, " | ");
  }

  void line(std::string s) {
    out += s;
    out += '\n';
  }

  // A node without its number, its inputs through `ref`.
  std::string node(const Node& node, const NodeRef& ref) const {
    std::vector<std::string> inputs;
    for (NodeId i : node.inputs) inputs.push_back(ref(i));
    std::vector<std::string> values;
    for (const auto& v : node.literal.values)
      values.push_back(options_.decisions_only ? scalar_key(v) : scalar_text(v));
    const std::string common = fmt::format(
        "{} depth={} path={} type={} op={} literal={}:[{}] pattern={:?} constant={} inputs=[{}]",
        kind_name(node.kind), node.depth, to_string(node.path), type_name(node.type),
        op_text(node.op), type_name(node.literal.type), join(values, " "), node.pattern_text,
        tri_text(node.constant), join(inputs, " "));
    if (options_.decisions_only) return common;
    return fmt::format(
        "{} literal_text={} group={} slot={} guard={} scan={} text={}", common,
        words(node.literal.text),
        node.pattern_group == Node::kNoGroup ? std::string("-")
                                             : fmt::format("{}", node.pattern_group),
        node.pattern_slot, id(node.guard),
        node.scan == Node::kNoGroup ? std::string("-") : fmt::format("{}", node.scan),
        words(node.text));
  }

  void rule(const Rule& r, const NodeRef& ref) {
    std::vector<std::string> explain;
    for (NodeId i : r.otherwise_explain) explain.push_back(ref(i));
    std::string head = fmt::format(
        "rule {:?} cite={:?} title={} kind={} notes=[{}] applies={} in_force={} {:?} "
        "report_all={} manual_when_absent={} manual_message={} otherwise_explain=[{}]",
        r.id, r.cite, quoted(r.title), r.kind, notes(r.notes), ref(r.applies), ref(r.in_force),
        r.in_force_text, r.report_all_matches, r.manual_when_absent, quoted(r.manual_message),
        join(explain, " "));
    if (!options_.decisions_only) {
      std::vector<std::string> reads;
      for (NodeId i : r.reads) reads.push_back(ref(i));
      head += fmt::format(" section={} reads=[{}]", quoted(r.section), join(reads, " "));
    }
    line(std::move(head));
    for (const auto& c : r.cases) write_case("case", c, ref);
    write_case("otherwise", r.otherwise, ref);
  }

 private:
  void write_case(std::string_view what, const Case& c, const NodeRef& ref) {
    line(fmt::format("  {} when={} explain={} status={} message={} expected={} notes=[{}]", what,
                     ref(c.when), ref(c.explain), status_name(c.status), local_words(c.message),
                     words(c.expected), notes(c.notes)));
  }

  const GraphTextOptions& options_;
};

}  // namespace

std::string without_layout(std::string_view text) {
  std::string out;
  bool quoted = false, pending_space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      out += c;
      if (c == '\\' && i + 1 < text.size())
        out += text[++i];
      else if (c == '"')
        quoted = false;
      continue;
    }
    if (is_ascii_space(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty() && !tight(out.back()) && !tight(c)) out += ' ';
    pending_space = false;
    out += c;
    if (c == '"') quoted = true;
  }
  return out;
}

std::string graph_text(const Graph& graph, const GraphTextOptions& options) {
  Writer w(options);
  const NodeRef ref = [](NodeId n) { return id(n); };
  if (graph.effective()) w.line("effective " + graph.effective()->to_string());
  const auto& nodes = graph.nodes();
  for (NodeId n = 0; n < nodes.size(); ++n) w.line(id(n) + " " + w.node(nodes[n], ref));
  for (const auto& r : graph.rules()) w.rule(r, ref);
  if (options.decisions_only) return std::move(w.out);
  for (const auto& s : graph.list_scans())
    w.line(fmt::format("scan list={} field={} group={}", id(s.list), id(s.field), s.group));
  for (std::uint32_t g = 0; g < graph.pattern_groups(); ++g)
    w.line(fmt::format("pattern-group {} size={}", g, graph.pattern_group_size(g)));
  return std::move(w.out);
}

std::string rule_fingerprint(const Graph& graph, const Rule& rule) {
  GraphTextOptions options;
  options.decisions_only = true;
  Writer w(options);
  std::unordered_map<NodeId, std::string> memo;
  NodeRef deep = [&](NodeId n) -> std::string {
    if (n == kNoNode) return "-";
    if (auto it = memo.find(n); it != memo.end()) return it->second;
    std::string text = "(" + w.node(graph.node(n), deep) + ")";
    return memo.emplace(n, std::move(text)).first->second;
  };
  w.rule(rule, deep);
  return std::move(w.out);
}

}  // namespace tekigo::engine
