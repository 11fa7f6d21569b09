// engine: a compiled graph as text, source positions left out (see graph_text.hpp).
#include "engine/eval/graph_text.hpp"

#include <fmt/format.h>

#include <type_traits>

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

class Writer {
 public:
  explicit Writer(const GraphTextOptions& options) : options_(options) {}
  std::string out;

  std::string words(std::string_view s) const {
    return fmt::format("{:?}", options_.layout_insensitive ? without_layout(s) : std::string(s));
  }

  void line(std::string s) {
    out += s;
    out += '\n';
  }

  void write_case(std::string_view what, const Case& c) {
    line(fmt::format("  {} when={} explain={} status={} message={} expected={} notes=[{}]", what,
                     id(c.when), id(c.explain), status_name(c.status), words(c.message),
                     words(c.expected), join(c.notes, " ")));
  }

 private:
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
  const auto& nodes = graph.nodes();
  for (NodeId n = 0; n < nodes.size(); ++n) {
    const Node& node = nodes[n];
    std::vector<std::string> inputs;
    for (NodeId i : node.inputs) inputs.push_back(id(i));
    std::vector<std::string> values;
    for (const auto& v : node.literal.values) values.push_back(scalar_text(v));
    w.line(fmt::format(
        "{} {} depth={} path={} type={} op={} literal={}:[{}]:{} pattern={:?} group={} slot={} "
        "guard={} scan={} constant={} inputs=[{}] text={}",
        id(n), kind_name(node.kind), node.depth, to_string(node.path), type_name(node.type),
        op_text(node.op), type_name(node.literal.type), join(values, " "),
        w.words(node.literal.text), node.pattern_text,
        node.pattern_group == Node::kNoGroup ? std::string("-")
                                             : fmt::format("{}", node.pattern_group),
        node.pattern_slot, id(node.guard),
        node.scan == Node::kNoGroup ? std::string("-") : fmt::format("{}", node.scan),
        tri_text(node.constant), join(inputs, " "), w.words(node.text)));
  }
  for (const auto& r : graph.rules()) {
    std::vector<std::string> reads, explain;
    for (NodeId i : r.reads) reads.push_back(id(i));
    for (NodeId i : r.otherwise_explain) explain.push_back(id(i));
    w.line(
        fmt::format("rule {} cite={:?} title={:?} section={:?} kind={} notes=[{}] applies={} "
                    "report_all={} manual_when_absent={} manual_message={:?} reads=[{}] "
                    "otherwise_explain=[{}]",
                    r.id, r.cite, r.title, r.section, r.kind, join(r.notes, " "), id(r.applies),
                    r.report_all_matches, r.manual_when_absent, r.manual_message, join(reads, " "),
                    join(explain, " ")));
    for (const auto& c : r.cases) w.write_case("case", c);
    w.write_case("otherwise", r.otherwise);
  }
  for (const auto& s : graph.list_scans())
    w.line(fmt::format("scan list={} field={} group={}", id(s.list), id(s.field), s.group));
  for (std::uint32_t g = 0; g < graph.pattern_groups(); ++g)
    w.line(fmt::format("pattern-group {} size={}", g, graph.pattern_group_size(g)));
  return std::move(w.out);
}

}  // namespace tekigo::engine
