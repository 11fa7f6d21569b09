// engine/suite: coverage of a policy by its cases (see coverage.hpp).
#include "engine/suite/coverage.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "engine/common/json_text.hpp"
#include "engine/common/utf8.hpp"

namespace tekigo::engine {

std::optional<Tri> constant_value(const Graph& graph, NodeId id) {
  if (id == kNoNode) return std::nullopt;
  const Node& n = graph.node(id);
  switch (n.kind) {
    case NodeKind::constant:
      return n.constant;
    case NodeKind::negate: {
      auto v = constant_value(graph, n.inputs[0]);
      if (!v) return std::nullopt;
      return tri_not(*v);
    }
    case NodeKind::all_of:
    case NodeKind::any_of: {
      // `and` is no as soon as one input is, `or` yes as soon as one input is.
      const Tri decisive = n.kind == NodeKind::all_of ? Tri::no : Tri::yes;
      bool all_constant = true;
      for (NodeId in : n.inputs) {
        auto v = constant_value(graph, in);
        if (v == decisive) return decisive;
        if (!v || *v != tri_not(decisive)) all_constant = false;
      }
      if (all_constant) return tri_not(decisive);
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

std::string_view side_name(const CoverageItem& item, bool yes) {
  if (item.kind == CoverageItem::Kind::rule) return yes ? "passes" : "does not pass";
  if (item.kind == CoverageItem::Kind::applies) return yes ? "applies" : "does not apply";
  return yes ? "holds" : "does not hold";
}

std::size_t RuleCoverage::sides() const {
  std::size_t n = 0;
  for (const auto& item : items) n += item.yes.possible + item.no.possible;
  return n;
}

std::size_t RuleCoverage::covered() const {
  std::size_t n = 0;
  for (const auto& item : items)
    n += (item.yes.possible && item.yes.first) + (item.no.possible && item.no.first);
  return n;
}

Coverage::Coverage(const Graph& graph) {
  for (const Rule& rule : graph.rules()) {
    RuleCoverage rc;
    rc.id = rule.id;
    // The rule: can it pass, and can it give anything else?
    CoverageItem whole;
    whole.kind = CoverageItem::Kind::rule;
    whole.label = "the rule";
    bool can_pass = rule.otherwise.status == Status::pass,
         can_other = rule.otherwise.status != Status::pass;
    for (const auto& c : rule.cases) {
      if (constant_value(graph, c.when) == Tri::no) continue;
      (c.status == Status::pass ? can_pass : can_other) = true;
    }
    // Missing facts make any rule unknown, or manual; `applies` makes it n/a.
    can_other = can_other || !rule.reads.empty() || rule.applies != kNoNode;
    whole.yes.possible = can_pass;
    whole.no.possible = can_other;
    rc.items.push_back(std::move(whole));
    if (rule.applies != kNoNode) {
      CoverageItem applies;
      applies.kind = CoverageItem::Kind::applies;
      const std::string& text = graph.node(rule.applies).text;
      applies.label = text.empty() || text == "applies" ? "applies" : "applies when " + text;
      applies.node = rule.applies;
      rc.items.push_back(std::move(applies));
    }
    for (const auto& c : rule.cases) {
      CoverageItem item;
      item.label = c.label.empty() ? graph.node(c.when).text : c.label;
      item.node = c.when;
      if (auto v = constant_value(graph, c.when)) {
        item.yes.possible = *v == Tri::yes;
        item.no.possible = *v == Tri::no;
        if (*v == Tri::unknown) item.yes.possible = item.no.possible = false;
      }
      rc.items.push_back(std::move(item));
    }
    for (const auto& item : rc.items) left_out_ += !item.yes.possible + !item.no.possible;
    rules_.push_back(std::move(rc));
  }
}

void Coverage::record(Evaluation& evaluation, const std::vector<RuleOutcome>& outcomes,
                      const std::string& case_name) {
  auto mark = [&](CoverageSide& side) {
    if (side.possible && !side.first) side.first = case_name;
  };
  for (std::size_t r = 0; r < rules_.size() && r < outcomes.size(); ++r) {
    for (auto& item : rules_[r].items) {
      if (item.kind == CoverageItem::Kind::rule) {
        mark(outcomes[r].status == Status::pass ? item.yes : item.no);
        continue;
      }
      const Tri t = evaluation.value_of(item.node);
      if (t == Tri::yes) mark(item.yes);
      if (t == Tri::no) mark(item.no);
    }
  }
}

std::size_t Coverage::sides() const {
  std::size_t n = 0;
  for (const auto& r : rules_) n += r.sides();
  return n;
}

std::size_t Coverage::covered() const {
  std::size_t n = 0;
  for (const auto& r : rules_) n += r.covered();
  return n;
}

namespace {

double percent_of(std::size_t covered, std::size_t sides) {
  return sides == 0 ? 100.0 : 100.0 * static_cast<double>(covered) / static_cast<double>(sides);
}

// 99.95 % is not 100 %: round down, so that only full coverage reads 100.0%.
std::string percent_text(std::size_t covered, std::size_t sides) {
  const double p = percent_of(covered, sides);
  const double floored = static_cast<double>(static_cast<long long>(p * 10.0)) / 10.0;
  return fmt::format("{:.1f}%", floored);
}

void pad(std::string& out, std::string_view text, std::size_t width) {
  out += text;
  const std::size_t w = display_width(text);
  out.append(w < width ? width - w : 1, ' ');
}

}  // namespace

double Coverage::percent() const {
  return percent_of(covered(), sides());
}

std::string Coverage::text() const {
  std::size_t id_width = 4;
  for (const auto& r : rules_) id_width = std::max(id_width, display_width(r.id));
  std::string out = "Coverage (both sides of every rule, row, case and item):\n";
  out += "  ";
  pad(out, "rule", id_width + 2);
  out += fmt::format("{:>9}  {:>7}\n", "sides", "covered");
  for (const auto& r : rules_) {
    out += "  ";
    pad(out, printable(r.id), id_width + 2);
    out += fmt::format("{:>9}  {:>7}\n", fmt::format("{}/{}", r.covered(), r.sides()),
                       percent_text(r.covered(), r.sides()));
    for (const auto& item : r.items)
      for (bool yes : {true, false}) {
        const CoverageSide& side = yes ? item.yes : item.no;
        if (!side.possible || side.first) continue;
        out += fmt::format("      missing: {} {}\n", printable(item.label), side_name(item, yes));
      }
  }
  out += fmt::format("Coverage: {} of {} sides ({})", covered(), sides(),
                     percent_text(covered(), sides()));
  if (left_out_)
    out +=
        fmt::format("; {} side{} no dump can show left out", left_out_, left_out_ == 1 ? "" : "s");
  out += '\n';
  return out;
}

std::string Coverage::json() const {
  auto str = [](std::string_view s) { return "\"" + json_escape(s) + "\""; };
  auto side = [&](const CoverageSide& s) {
    if (!s.possible) return std::string("{\"possible\":false}");
    return fmt::format("{{\"possible\":true,\"covered\":{},\"case\":{}}}", s.first.has_value(),
                       s.first ? str(*s.first) : "null");
  };
  std::string out =
      fmt::format("{{\"sides\":{},\"covered\":{},\"percent\":{:.1f},\"left_out\":{},\"rules\":[",
                  sides(), covered(), percent(), left_out_);
  for (std::size_t r = 0; r < rules_.size(); ++r) {
    const auto& rc = rules_[r];
    if (r) out += ',';
    out += fmt::format("{{\"id\":{},\"sides\":{},\"covered\":{},\"percent\":{:.1f},\"items\":[",
                       str(rc.id), rc.sides(), rc.covered(), percent_of(rc.covered(), rc.sides()));
    for (std::size_t i = 0; i < rc.items.size(); ++i) {
      const auto& item = rc.items[i];
      if (i) out += ',';
      const char* kind = item.kind == CoverageItem::Kind::rule      ? "rule"
                         : item.kind == CoverageItem::Kind::applies ? "applies"
                                                                    : "case";
      out += fmt::format(
          "{{\"kind\":\"{}\",\"label\":{},\"{}\":{},\"{}\":{}}}", kind, str(item.label),
          item.kind == CoverageItem::Kind::rule ? "passes" : "holds", side(item.yes),
          item.kind == CoverageItem::Kind::rule ? "does_not_pass" : "does_not_hold", side(item.no));
    }
    out += "]}";
  }
  out += "]}";
  return out;
}

}  // namespace tekigo::engine
