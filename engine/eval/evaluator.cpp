// engine/eval: the evaluator — three-valued evaluation of graph nodes over one terminal's facts,
// decision lists for rules, incremental invalidation, and the decisive evidence.
#include "engine/eval/evaluator.hpp"

#include "engine/eval/literal_filter.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <set>
#include <unordered_map>

#include "engine/eval/compare.hpp"
#include "engine/facts/fact_validator.hpp"

namespace tekigo::engine {

namespace {

struct Result {
  Tri tri = Tri::unknown;
  const FactValue* fact = nullptr;  // fact nodes: the value read, nullptr when absent
};

}  // namespace

struct Evaluation::State {
  std::shared_ptr<const Graph> graph;
  EvaluationOptions options;
  FactValue facts = FactValue::map();
  std::vector<Result> memo;
  std::vector<std::uint8_t> fresh;
  std::vector<std::uint8_t> rule_fresh;
  std::vector<RuleOutcome> outcomes;
  EvaluationStats stats;
  std::vector<const FactValue*> env;  // elements bound by enclosing quantifiers

  const Node& node(NodeId id) const { return graph->node(id); }

  // Pattern groups: which of a group's patterns a text matches, computed once per text
  // value (a FactValue in the facts) and kept until the facts change: per group, the offset
  // of the text's bits in `group_words` (`words` words of one bit per slot), or kGaveUp.
  static constexpr std::uint32_t kGaveUp = 0xFFFFFFFFu;
  std::vector<std::unordered_map<const FactValue*, std::uint32_t>> group_hits;
  std::vector<std::uint64_t> group_words;
  std::vector<int> slots;

  static std::size_t words_of(std::size_t slots) { return (slots + 63) / 64; }

  // The bits of the slots of `group` that `text` matches, or nullptr when the set gave up (its
  // memory budget). Valid until the next call.
  const std::uint64_t* group_bits(std::uint32_t group, const FactValue& text) {
    if (group_hits.size() < graph->pattern_groups()) group_hits.resize(graph->pattern_groups());
    auto& cache = group_hits[group];
    auto it = cache.find(&text);
    if (it == cache.end()) {
      std::uint32_t at = kGaveUp;
      if (graph->match_group(group, text.as_string(), slots)) {
        at = static_cast<std::uint32_t>(group_words.size());
        group_words.resize(group_words.size() + words_of(graph->pattern_group_size(group)), 0);
        for (int slot : slots)
          group_words[at + static_cast<std::size_t>(slot) / 64] |= std::uint64_t{1} << (slot % 64);
      }
      it = cache.emplace(&text, at).first;
    }
    return it->second == kGaveUp ? nullptr : group_words.data() + it->second;
  }

  bool group_matches(const Node& n, const FactValue& text) {
    const std::uint64_t* bits = group_bits(n.pattern_group, text);
    if (!bits) return RE2::PartialMatch(text.as_string(), graph->pattern(n.pattern));
    return (bits[n.pattern_slot / 64] >> (n.pattern_slot % 64)) & 1u;
  }

  // List scans (Graph::ListScan): per scan, the elements whose field some pattern of the group
  // matches (found through the literal filter over the joined field of every element), with
  // the slots that match, and the elements whose field is not text.
  struct ScanState {
    bool ready = false;
    bool usable = false;
    std::string joined;
    std::vector<std::uint32_t> starts;     // offset of each line in `joined`
    std::vector<std::uint32_t> elements;   // the element each line came from
    std::vector<const FactValue*> fields;  // the text of each line
    std::vector<std::uint32_t> unknown;    // elements whose field is absent or not text
    std::vector<std::uint32_t> hits;       // elements matched by some covered pattern, in order
    std::vector<std::uint64_t> hit_slots;  // per hit, `words` words: the slots that match it
    std::size_t words = 0;
    bool hit(std::size_t k, std::uint32_t slot) const {
      return (hit_slots[k * words + slot / 64] >> (slot % 64)) & 1u;
    }
  };
  std::vector<ScanState> scans;

  ScanState& scan(std::uint32_t index) {
    if (scans.size() < graph->list_scans().size()) scans.resize(graph->list_scans().size());
    ScanState& st = scans[index];
    if (st.ready) return st;
    st.ready = true;
    st.usable = false;
    st.joined.clear();
    st.starts.clear();
    st.elements.clear();
    st.fields.clear();
    st.unknown.clear();
    st.hits.clear();
    st.hit_slots.clear();
    const ListScan& ls = graph->list_scans()[index];
    const FactValue* list = eval(ls.list).fact;
    if (!list || !list->is_list()) return st;
    const Node& field = node(ls.field);
    const auto& items = list->as_list();
    for (std::uint32_t i = 0; i < items.size(); ++i) {
      const FactValue* f = follow(&items[i], field.path);
      if (!f || !f->is_string()) {
        st.unknown.push_back(i);
        continue;
      }
      st.starts.push_back(static_cast<std::uint32_t>(st.joined.size()));
      st.elements.push_back(i);
      st.fields.push_back(f);
      st.joined += f->as_string();
      st.joined += '\n';
    }
    st.words = words_of(graph->pattern_group_size(ls.group));
    const LiteralFilter& filter = graph->literal_filter(ls.group);
    std::size_t at = 0;
    while ((at = filter.find(st.joined, at)) != std::string::npos) {
      auto line = std::upper_bound(st.starts.begin(), st.starts.end(), at);
      auto k = static_cast<std::size_t>(line - st.starts.begin()) - 1;  // line 0 starts at 0
      const std::uint32_t element = st.elements[k];
      at = k + 1 < st.starts.size() ? st.starts[k + 1] : st.joined.size();
      const std::uint64_t* bits = group_bits(ls.group, *st.fields[k]);
      if (bits && std::all_of(bits, bits + st.words, [](std::uint64_t w) { return w == 0; }))
        continue;  // a literal, but no pattern matches
      st.hits.push_back(element);
      if (bits)
        st.hit_slots.insert(st.hit_slots.end(), bits, bits + st.words);
      else
        st.hit_slots.resize(st.hit_slots.size() + st.words, ~std::uint64_t{0});  // set gave up
    }
    st.usable = true;
    return st;
  }

  // Walks, lazily, the elements of the list of exists node `n` that can satisfy its predicate
  // (every other element cannot: its guard match is false): the elements its guard's pattern
  // matches, in list order, then the elements whose field is not text. Lazily, because `any`
  // stops at the first element that holds.
  struct Cursor {
    const ScanState* st = nullptr;
    std::uint32_t slot = 0;
    std::size_t hit_at = 0, unknown_at = 0;

    bool next(std::uint32_t& element) {
      for (; hit_at < st->hits.size(); ++hit_at)
        if (st->hit(hit_at, slot)) {
          element = st->hits[hit_at++];
          return true;
        }
      if (unknown_at < st->unknown.size()) {
        element = st->unknown[unknown_at++];
        return true;
      }
      return false;
    }
  };

  // False when the scan cannot tell (then every element must be visited).
  bool cursor(const Node& n, Cursor& out) {
    if (n.scan == Node::kNoGroup) return false;
    const Node& m = node(n.guard);
    if (!graph->scan_covers(m.pattern_group, m.pattern_slot)) return false;
    const ScanState& st = scan(n.scan);
    if (!st.usable) return false;
    out = Cursor{&st, m.pattern_slot};
    return true;
  }

  // Every candidate of `n`, in list order (for evidence).
  bool candidates(const Node& n, std::vector<std::uint32_t>& out) {
    out.clear();
    Cursor c;
    if (!cursor(n, c)) return false;
    std::uint32_t element = 0;
    while (c.next(element)) out.push_back(element);
    auto located = static_cast<std::ptrdiff_t>(out.size() - c.st->unknown.size());
    std::inplace_merge(out.begin(), out.begin() + located, out.end());
    return true;
  }

  // `path` below `at`, or nullptr when some key is absent.
  static const FactValue* follow(const FactValue* at, const FactPath& path) {
    for (const auto& segment : path) {
      if (!at) return nullptr;
      at = at->find(segment);
    }
    return at;
  }

  const FactValue* read(const Node& n) const {
    return follow(n.depth == 0 ? &facts : env[n.depth - 1], n.path);
  }

  Result eval(NodeId id) {
    const Node& n = node(id);
    if (n.kind == NodeKind::fact) return Result{Tri::unknown, read(n)};
    if (n.depth == 0) {
      if (fresh[id]) return memo[id];
      Result r = compute(n);
      ++stats.node_evaluations;
      memo[id] = r;
      fresh[id] = 1;
      return r;
    }
    return compute(n);
  }

  Tri tri(NodeId id) { return eval(id).tri; }

  Result compute(const Node& n) {
    switch (n.kind) {
      case NodeKind::fact:
        return Result{Tri::unknown, read(n)};
      case NodeKind::constant:
        return {n.constant, nullptr};
      case NodeKind::compare: {
        const FactValue* f = eval(n.inputs[0]).fact;
        if (!f || f->is_null()) return {Tri::unknown};
        return {compare_fact(*f, n)};
      }
      case NodeKind::match: {
        const FactValue* f = eval(n.inputs[0]).fact;
        if (!f || !f->is_string()) return {Tri::unknown};
        if (n.pattern_group != Node::kNoGroup) return {tri_of(group_matches(n, *f))};
        return {tri_of(RE2::PartialMatch(f->as_string(), graph->pattern(n.pattern)))};
      }
      case NodeKind::present: {
        const FactValue* f = eval(n.inputs[0]).fact;
        return {tri_of(f && !f->is_null())};
      }
      case NodeKind::empty: {
        const FactValue* f = eval(n.inputs[0]).fact;
        if (!f || !f->is_list()) return {Tri::unknown};
        return {tri_of(f->as_list().empty())};
      }
      case NodeKind::truthy: {
        const FactValue* f = eval(n.inputs[0]).fact;
        if (!f || f->kind() != FactValue::Kind::boolean) return {Tri::unknown};
        return {tri_of(f->as_bool())};
      }
      case NodeKind::negate:
        return {tri_not(tri(n.inputs[0]))};
      case NodeKind::all_of: {
        Tri result = Tri::yes;
        for (NodeId in : n.inputs) {
          Tri t = tri(in);
          if (t == Tri::no) return {Tri::no};
          if (t == Tri::unknown) result = Tri::unknown;
        }
        return {result};
      }
      case NodeKind::any_of: {
        Tri result = Tri::no;
        for (NodeId in : n.inputs) {
          Tri t = tri(in);
          if (t == Tri::yes) return {Tri::yes};
          if (t == Tri::unknown) result = Tri::unknown;
        }
        return {result};
      }
      case NodeKind::exists:
      case NodeKind::forall: {
        const FactValue* list = eval(n.inputs[0]).fact;
        if (!list || !list->is_list()) return {Tri::unknown};
        const bool want = n.kind == NodeKind::exists;  // exists stops at a yes, forall at a no
        Tri result = want ? Tri::no : Tri::yes;
        // The elements to visit: the scan's candidates when it can tell (every other element
        // gives no for `any`), otherwise all of them.
        const auto& items = list->as_list();
        Cursor c;
        const bool scanned = want && cursor(n, c);
        std::uint32_t next_index = 0;
        auto next = [&](std::uint32_t& i) {
          if (scanned) return c.next(i);
          if (next_index >= items.size()) return false;
          i = next_index++;
          return true;
        };
        env.push_back(nullptr);
        for (std::uint32_t i = 0; next(i);) {
          env.back() = &items[i];
          ++stats.element_evaluations;
          Tri t = tri(n.inputs[1]);
          if (t == Tri::unknown) {
            result = Tri::unknown;
          } else if ((t == Tri::yes) == want) {
            result = t;
            break;
          }
        }
        env.pop_back();
        return {result};
      }
    }
    return {Tri::unknown};
  }

  // ---- evidence --------------------------------------------------------------------

  struct Explainer {
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

    bool negated = false;  // explaining the inside of a `not`

    void fact(const Node& n, std::string expected) {
      const FactValue* f = s.read(n);
      Evidence e;
      e.path = label_of(n);
      e.expected = negated && !expected.empty() ? "not " + expected : std::move(expected);
      if (!f) {
        e.value = "absent";
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
          fact(n, "");
          return;
        case NodeKind::constant:
          return;
        case NodeKind::compare:
          fact(s.node(n.inputs[0]), fmt::format("{} {}", op_text(n.op), n.literal.text));
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
          e.value = small
                        ? fmt::format("{} ({})", shown_list,
                                      n.kind == NodeKind::exists ? "none matching" : "all matching")
                        : fmt::format("{} {}, {}", count, count == 1 ? "entry" : "entries",
                                      n.kind == NodeKind::exists
                                          ? (count == 1 ? "not matching" : "none matching")
                                          : (count == 1 ? "matching" : "all matching"));
          e.expected =
              fmt::format("{}{} ({})", negated ? "not " : "",
                          n.kind == NodeKind::exists ? "any" : "all", s.node(n.inputs[1]).text);
          add(std::move(e));
          return;
        }
      }
    }
  };

  // Decides `rule` into `out`, reusing the storage of what it held (an earlier dump's outcome).
  void decide(const Rule& rule, RuleOutcome& out) {
    ++stats.rule_evaluations;
    out.id = rule.id;
    out.cite = rule.cite;
    out.title = rule.title;
    out.status = Status::unknown;
    out.message.clear();
    out.notes = rule.notes;
    out.evidence.clear();
    out.decided_by = rule.where;
    Explainer explainer{*this, {}, out.evidence, options.max_evidence};
    auto show = [&](NodeId id) {
      if (options.evidence && id != kNoNode) explainer.explain(id, Tri::yes);
    };
    auto show_case = [&](const Case& c) { show(c.explain != kNoNode ? c.explain : c.when); };

    if (rule.manual_when_absent) {
      bool any_present = false;
      for (NodeId f : rule.reads) {
        const FactValue* v = read(node(f));
        if (v && !v->is_null()) any_present = true;
      }
      if (!any_present) {
        out.status = Status::manual;
        out.message = rule.manual_message.empty() ? rule.title : rule.manual_message;
        for (NodeId f : rule.reads)
          if (options.evidence) explainer.fact(node(f), "attested by a person");
        return;
      }
    }

    if (rule.applies != kNoNode) {
      Tri t = tri(rule.applies);
      if (t == Tri::no) {
        out.status = Status::not_applicable;
        out.message = "does not apply to this terminal";
        show(rule.applies);
        return;
      }
      if (t == Tri::unknown) {
        out.status = Status::unknown;
        show(rule.applies);
        out.message = unknown_message(out.evidence);
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
      out.message = unknown_message(out.evidence);
      return;
    }
    out.status = chosen->status;
    if (out.status == Status::pass && !options.pass_evidence) {
      out.message = chosen->message.empty() ? rule.title : chosen->message;
      return;
    }
    out.message = chosen->message.empty() ? rule.title : chosen->message;
    // Rules that list items (forbid) name every item found, not only the first.
    std::vector<const Case*> also;
    if (rule.report_all_matches && chosen != &rule.otherwise && undecided.empty()) {
      for (auto it = rule.cases.begin() + (chosen - rule.cases.data()) + 1; it != rule.cases.end();
           ++it)
        if (it->status == chosen->status && tri(it->when) == Tri::yes) also.push_back(&*it);
      for (const Case* c : also) out.message += "; " + c->message;
    }
    for (const auto& note : chosen->notes)
      if (std::find(out.notes.begin(), out.notes.end(), note) == out.notes.end())
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

  static std::string unknown_message(const std::vector<Evidence>& evidence) {
    std::string missing;
    for (const auto& e : evidence)
      if (e.absent) missing += (missing.empty() ? "" : ", ") + fmt::format("`{}`", e.path);
    if (!missing.empty()) return fmt::format("cannot decide: the dump has no {}", missing);
    return "cannot decide: the facts given do not settle it";
  }

  void invalidate_all() {
    for (auto& cache : group_hits) cache.clear();
    group_words.clear();
    for (auto& st : scans) st.ready = false;
    std::fill(fresh.begin(), fresh.end(), 0);
    std::fill(rule_fresh.begin(), rule_fresh.end(), 0);
  }

  static bool overlaps(const FactPath& path, std::string_view changed) {
    // `path` and `changed` ("network.adapters") overlap when one is a prefix of the other.
    std::size_t pos = 0;
    for (const auto& segment : path) {
      if (pos >= changed.size()) return true;  // changed is a prefix of path
      if (changed.compare(pos, segment.size(), segment) != 0) return false;
      pos += segment.size();
      if (pos == changed.size()) return true;
      if (changed[pos] != '.') return false;
      ++pos;
    }
    return true;  // path is a prefix of changed
  }

  void invalidate_paths(const std::vector<std::string>& changed) {
    for (auto& cache : group_hits) cache.clear();  // merging may have moved the facts
    group_words.clear();
    for (auto& st : scans) st.ready = false;
    const auto& nodes = graph->nodes();
    std::vector<NodeId> stack;
    for (NodeId id = 0; id < nodes.size(); ++id) {
      const Node& n = nodes[id];
      if (n.kind != NodeKind::fact || n.depth != 0) continue;
      for (const auto& c : changed)
        if (overlaps(n.path, c)) {
          stack.push_back(id);
          break;
        }
    }
    std::vector<std::uint8_t> seen(nodes.size(), 0);
    while (!stack.empty()) {
      NodeId id = stack.back();
      stack.pop_back();
      if (seen[id]) continue;
      seen[id] = 1;
      fresh[id] = 0;
      for (std::uint32_t r : graph->rules_reading()[id]) rule_fresh[r] = 0;
      for (NodeId d : graph->dependents()[id]) stack.push_back(d);
    }
  }
};

Evaluation::Evaluation(std::shared_ptr<const Graph> graph, EvaluationOptions options)
    : state_(std::make_unique<State>()) {
  state_->graph = std::move(graph);
  state_->options = options;
  state_->memo.resize(state_->graph->nodes().size());
  state_->fresh.assign(state_->graph->nodes().size(), 0);
  state_->rule_fresh.assign(state_->graph->rules().size(), 0);
  state_->outcomes.resize(state_->graph->rules().size());
}

Evaluation::~Evaluation() = default;
Evaluation::Evaluation(Evaluation&&) noexcept = default;
Evaluation& Evaluation::operator=(Evaluation&&) noexcept = default;

void Evaluation::reset(FactValue facts) {
  state_->facts = facts.is_map() ? std::move(facts) : FactValue::map();
  state_->invalidate_all();
}

FactValue Evaluation::exchange(FactValue facts) {
  FactValue previous = std::move(state_->facts);
  reset(std::move(facts));
  return previous;
}

void Evaluation::feed(const FactValue& part) {
  std::vector<std::string> changed;
  merge_facts(state_->facts, part, &changed);
  state_->invalidate_paths(changed);
}

const std::vector<RuleOutcome>& Evaluation::outcomes() {
  const auto& rules = state_->graph->rules();
  for (std::size_t r = 0; r < rules.size(); ++r) {
    if (state_->rule_fresh[r]) continue;
    state_->decide(rules[r], state_->outcomes[r]);
    state_->rule_fresh[r] = 1;
  }
  return state_->outcomes;
}

std::vector<RuleOutcome> Evaluation::take_outcomes(std::vector<RuleOutcome> storage) {
  outcomes();
  std::vector<RuleOutcome> taken = std::move(state_->outcomes);
  storage.resize(taken.size());
  state_->outcomes = std::move(storage);
  std::fill(state_->rule_fresh.begin(), state_->rule_fresh.end(), 0);
  return taken;
}

const FactValue& Evaluation::facts() const {
  return state_->facts;
}
const EvaluationStats& Evaluation::stats() const {
  return state_->stats;
}
const Graph& Evaluation::graph() const {
  return *state_->graph;
}
Tri Evaluation::value_of(NodeId node) {
  return state_->tri(node);
}

TerminalResult evaluate(const std::shared_ptr<const Graph>& graph, const FactValue& facts,
                        std::string source, const EvaluationOptions& options) {
  Evaluation evaluation(graph, options);
  evaluation.reset(facts);
  TerminalResult result;
  result.source = std::move(source);
  if (const FactValue* s = facts.find("subject"); s && s->is_string())
    result.subject = s->as_string();
  result.rules = evaluation.outcomes();
  result.verdict = verdict_of(result.rules);
  return result;
}

}  // namespace tekigo::engine
