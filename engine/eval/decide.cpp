// engine/eval: deciding a rule — its decision list over the node values, the unknown and
// manual cases — and the evidence that shows why (docs/architecture.md, "Evidence").
#include <fmt/format.h>

#include "engine/eval/evaluation_state.hpp"
#include "engine/eval/explanations.hpp"
#include "engine/facts/contract_version.hpp"

namespace tekigo::engine {

struct Evaluation::State::Explainer {
  State& s;
  std::vector<std::string> labels;  // labels of bound elements, parallel to s.env
  std::vector<Evidence>& out;
  std::size_t max;

  void add(Evidence e) {
    for (auto& existing : out)
      if (existing.path == e.path) {
        if (!e.expected.empty() && existing.expected.find(e.expected) == std::string::npos &&
            existing.expected.size() < 200)
          existing.expected += existing.expected.empty() ? e.expected : "; " + e.expected;
        return;
      }
    if (out.size() < max) out.push_back(std::move(e));
  }

  std::string label_of(const Node& n) const {
    std::string base = n.depth == 0 ? std::string() : labels[n.depth - 1];
    std::string rest = to_string(n.path);
    if (base.empty()) return rest;
    return rest.empty() ? base : base + "." + rest;
  }

  bool negated = false;           // explaining the inside of a `not`
  bool check_date_unset = false;  // showed the check date, and there is none

  // A fact read, or the check date (shown like a fact: `today = 2024-10-01`).
  void fact(const Node& n, std::string expected) {
    Evidence e;
    e.expected = negated && !expected.empty() ? "not " + expected : std::move(expected);
    if (n.kind == NodeKind::check_date) {
      e.path = n.text;
      const FactValue* date = s.check_date_value();
      e.value = date ? date->as_string() : phrase_in(s.options.lang, Phrase::not_set);
      check_date_unset = check_date_unset || !date;
      add(std::move(e));
      return;
    }
    const FactValue* f = s.read(n);
    e.path = label_of(n);
    if (!f) {
      e.value = "absent";  // reports say it in their words (Evidence::absent)
      e.absent = true;
    } else {
      e.value = f->render();
    }
    add(std::move(e));
  }

  void explain(NodeId id, Tri want_shown) {
    const Node& n = s.node(id);
    switch (n.kind) {
      case NodeKind::fact:
      case NodeKind::check_date:
        fact(n, "");
        return;
      case NodeKind::constant:
        return;
      case NodeKind::compare:
        fact(s.node(n.inputs[0]), fmt::format("{} {}", op_text(n.op), n.literal.text));
        if (n.inputs.size() == 2) fact(s.node(n.inputs[1]), "");  // the check date's value
        return;
      case NodeKind::match:
        fact(s.node(n.inputs[0]), fmt::format("~ \"{}\"", n.pattern_text));
        return;
      case NodeKind::present:
        fact(s.node(n.inputs[0]), "present");
        return;
      case NodeKind::empty:
        fact(s.node(n.inputs[0]), "empty");
        return;
      case NodeKind::truthy:
        fact(s.node(n.inputs[0]), "true");
        return;
      case NodeKind::negate: {
        // A `not` (or `none`) the policy wrote shows in the evidence; negations the compiler
        // made to build decision lists do not (the case says what was expected).
        bool written = n.text.rfind("not", 0) == 0 || n.text.rfind("none", 0) == 0;
        if (written) negated = !negated;
        explain(n.inputs[0], tri_not(want_shown));
        if (written) negated = !negated;
        return;
      }
      case NodeKind::all_of:
      case NodeKind::any_of: {
        Tri value = s.tri(id);
        // Show what decided: for a false `and` its false inputs, for a true `or` its first
        // true input, otherwise every input with the same value as the whole.
        for (NodeId in : n.inputs) {
          Tri t = s.tri(in);
          if (t != value) continue;
          explain(in, t);
          if (n.kind == NodeKind::any_of && value == Tri::yes) break;
        }
        return;
      }
      case NodeKind::exists:
      case NodeKind::forall: {
        const Node& list_node = s.node(n.inputs[0]);
        const FactValue* list = s.read(list_node);
        if (!list || !list->is_list()) {
          fact(list_node, "");
          return;
        }
        Tri value = s.tri(id);
        // Witness: for any=yes the matching element, for all=no a failing one, for unknown
        // an undecided one; otherwise a summary of the list.
        Tri wanted = value == Tri::unknown ? Tri::unknown
                                           : (n.kind == NodeKind::exists ? Tri::yes : Tri::no);
        bool witness_case =
            value == Tri::unknown || (n.kind == NodeKind::exists) == (value == Tri::yes);
        if (witness_case) {
          std::string list_label = label_of(list_node);
          const auto& items = list->as_list();
          // Only the scan's candidates can be a witness of exists (others are false).
          std::vector<std::uint32_t> order;
          if (n.kind != NodeKind::exists || !s.candidates(n, order)) {
            order.resize(items.size());
            for (std::uint32_t i = 0; i < items.size(); ++i) order[i] = i;
          }
          std::size_t shown = 0;
          for (std::uint32_t i : order) {
            if (shown >= 3) break;
            s.env.push_back(&items[i]);
            if (s.tri(n.inputs[1]) == wanted) {  // the label only for what is shown
              labels.push_back(fmt::format("{}[{}]", list_label, i));
              explain(n.inputs[1], wanted);
              labels.pop_back();
              ++shown;
            }
            s.env.pop_back();
            if (shown > 0 && value != Tri::unknown) break;  // one witness decides
          }
          return;
        }
        Evidence e;
        e.path = label_of(list_node);
        std::size_t count = list->as_list().size();
        std::string shown_list = list->render(100);
        bool small = count <= 4 && shown_list.size() < 100;
        const Lang lang = s.options.lang;
        const bool exists = n.kind == NodeKind::exists;
        e.value =
            small ? phrase_in(lang, exists ? Phrase::list_none_matching : Phrase::list_all_matching,
                              shown_list)
            : count == 1
                ? phrase_in(lang, exists ? Phrase::entry_not_matching : Phrase::entry_matching)
                : phrase_in(lang,
                            exists ? Phrase::entries_none_matching : Phrase::entries_all_matching,
                            count);
        e.expected =
            fmt::format("{}{} ({})", negated ? "not " : "",
                        n.kind == NodeKind::exists ? "any" : "all", s.node(n.inputs[1]).text);
        e.none_matching = n.kind == NodeKind::exists && !negated;
        add(std::move(e));
        return;
      }
    }
  }
};

void Evaluation::State::decide(const Rule& rule, RuleOutcome& out) {
  ++stats.rule_evaluations;
  const Lang lang = options.lang;
  out.id = rule.id;
  out.cite = rule.cite;
  out.title = rule.title.in(lang);
  out.rationale = rule.rationale.in(lang);
  out.status = Status::unknown;
  out.message.clear();
  out.notes.clear();
  for (const auto& note : rule.notes) out.notes.push_back(note.in(lang));
  out.evidence.clear();
  out.decided_by = rule.where;
  Explainer explainer{*this, {}, out.evidence, options.max_evidence};
  auto show = [&](NodeId id) {
    if (options.evidence && id != kNoNode) explainer.explain(id, Tri::yes);
  };
  auto show_case = [&](const Case& c) { show(c.explain != kNoNode ? c.explain : c.when); };
  auto cannot_decide = [&] { return unknown_message(out.evidence, explainer.check_date_unset); };

  // Outside its window in time the rule does not apply, whatever the facts.
  if (rule.in_force != kNoNode) {
    Tri t = tri(rule.in_force);
    if (t == Tri::no) {
      out.status = Status::not_applicable;
      out.message =
          phrase_in(lang, Phrase::not_in_force,
                    check_date_value() ? check_date_value()->as_string() : "?", rule.in_force_text);
      show(rule.in_force);
      return;
    }
    if (t == Tri::unknown) {
      out.status = Status::unknown;
      show(rule.in_force);
      out.message = phrase_in(lang, Phrase::in_force_no_check_date, rule.in_force_text);
      return;
    }
  }

  if (rule.manual_when_absent) {
    bool any_present = false;
    for (NodeId f : rule.reads) {
      const FactValue* v = read(node(f));
      if (v && !v->is_null()) any_present = true;
    }
    if (!any_present) {
      out.status = Status::manual;
      out.message = (rule.manual_message.empty() ? rule.title : rule.manual_message).in(lang);
      for (NodeId f : rule.reads)
        if (options.evidence) explainer.fact(node(f), phrase_in(lang, Phrase::attested_by_person));
      return;
    }
  }

  if (rule.applies != kNoNode) {
    Tri t = tri(rule.applies);
    if (t == Tri::no) {
      out.status = Status::not_applicable;
      out.message = phrase_in(lang, Phrase::does_not_apply);
      show(rule.applies);
      return;
    }
    if (t == Tri::unknown) {
      out.status = Status::unknown;
      show(rule.applies);
      out.message = cannot_decide();
      return;
    }
  }

  std::vector<const Case*> undecided;
  const Case* chosen = &rule.otherwise;
  for (const auto& c : rule.cases) {
    Tri t = tri(c.when);
    if (t == Tri::yes) {
      chosen = &c;
      break;
    }
    if (t == Tri::unknown) undecided.push_back(&c);
  }
  bool settled = std::all_of(undecided.begin(), undecided.end(),
                             [&](const Case* c) { return c->status == chosen->status; });
  if (!settled) {
    out.status = Status::unknown;
    for (const Case* c : undecided) show_case(*c);
    out.message = cannot_decide();
    return;
  }
  out.status = chosen->status;
  out.message = (chosen->message.empty() ? rule.title : chosen->message).in(lang);
  if (out.status == Status::pass && !options.pass_evidence) return;
  // Rules that list items (forbid) name every item found, not only the first.
  std::vector<const Case*> also;
  if (rule.report_all_matches && chosen != &rule.otherwise && undecided.empty()) {
    for (auto it = rule.cases.begin() + (chosen - rule.cases.data()) + 1; it != rule.cases.end();
         ++it)
      if (it->status == chosen->status && tri(it->when) == Tri::yes) also.push_back(&*it);
    for (const Case* c : also) out.message += "; " + c->message.in(lang);
  }
  for (const auto& local : chosen->notes)
    if (const std::string& note = local.in(lang);
        std::find(out.notes.begin(), out.notes.end(), note) == out.notes.end())
      out.notes.push_back(note);
  if (chosen->where.line) out.decided_by = chosen->where;
  if (chosen != &rule.otherwise) {
    show_case(*chosen);
    for (const Case* c : also) show_case(*c);
  } else if (!rule.otherwise_explain.empty()) {
    for (NodeId id : rule.otherwise_explain) show(id);
  } else {
    for (const auto& c : rule.cases) show_case(c);
  }
  if (!chosen->expected.empty() && out.evidence.size() == 1 && out.evidence[0].expected.empty())
    out.evidence[0].expected = chosen->expected;
  return;
}

std::string Evaluation::State::unknown_message(const std::vector<Evidence>& evidence,
                                               bool no_check_date) const {
  const Lang lang = options.lang;
  std::string missing;
  std::vector<std::string_view> paths;
  for (const auto& e : evidence)
    if (e.absent) {
      missing += (missing.empty() ? "" : ", ") + fmt::format("`{}`", e.path);
      if (std::find(paths.begin(), paths.end(), e.path) == paths.end()) paths.push_back(e.path);
    }
  if (!missing.empty()) {
    if (auto newer = newer_than_dump(paths, no_check_date); !newer.empty())
      return phrase_in(lang, Phrase::cannot_decide_absent, missing) + newer;
    return phrase_in(
        lang, no_check_date ? Phrase::cannot_decide_absent_date : Phrase::cannot_decide_absent,
        missing);
  }
  if (no_check_date) return phrase_in(lang, Phrase::cannot_decide_no_date);
  return phrase_in(lang, Phrase::cannot_decide_unsettled);
}

// The absent facts that came in a newer minor of the contract than the dump was written to
// (its `schema`): what says so, to follow "the dump has no …" — which minor added each, which
// minor the dump was written to and by what, and who collects the fact. Empty when none did,
// or when the dump names no tekigo.facts/1 contract (a test case's base without `schema`).
std::string Evaluation::State::newer_than_dump(const std::vector<std::string_view>& paths,
                                               bool no_check_date) const {
  const Lang lang = options.lang;
  const FactValue* schema = facts.is_map() ? facts.find("schema") : nullptr;
  if (!schema || !schema->is_string()) return "";
  auto declared = parse_schema_id(schema->as_string());
  if (!declared) return "";
  const int dump_minor = declared->minor.value_or(0);
  std::vector<std::pair<std::string_view, const FactSince*>> newer;
  for (std::string_view path : paths)
    if (const FactSince* since = fact_since(path); since && since->minor > dump_minor)
      newer.emplace_back(path, since);
  if (newer.empty()) return "";

  std::string contract = declared->minor
                             ? schema->as_string()
                             : phrase_in(lang, Phrase::schema_without_minor, schema->as_string());
  const FactValue* collected = facts.find("collected");
  const FactValue* by = collected && collected->is_map() ? collected->find("by") : nullptr;
  std::string written = by && by->is_string() && !by->as_string().empty()
                            ? phrase_in(lang, Phrase::dump_written_to_by, contract, by->as_string())
                            : phrase_in(lang, Phrase::dump_written_to, contract);
  std::string out;
  for (const auto& [path, since] : newer) {
    std::string added = schema_id_of_minor(since->minor);
    out += paths.size() == 1
               ? phrase_in(lang, Phrase::absent_added_later, added, written)
               : phrase_in(lang, Phrase::absent_named_added_later, path, added, written);
    out += since->collectors.empty() ? phrase_in(lang, Phrase::declared_by_facility)
                                     : phrase_in(lang, Phrase::collected_from_version,
                                                 since->tekigo_version, since->collectors);
  }
  if (no_check_date) out += phrase_in(lang, Phrase::no_check_date_too);
  return out;
}

}  // namespace tekigo::engine
