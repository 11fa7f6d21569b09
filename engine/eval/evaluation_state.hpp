// engine/eval: the state of one Evaluation — the facts, the memo of depth-0 node values, the
// pattern-group hits and list scans — and the three-valued evaluation of nodes over it.
// Private to engine/eval: evaluator.cpp drives it, decide.cpp decides rules and explains them.
#pragma once

#include "engine/eval/evaluator.hpp"

#include "engine/eval/literal_filter.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <set>
#include <unordered_map>

#include "engine/common/text.hpp"
#include "engine/eval/compare.hpp"

namespace tekigo::engine {

// The text a pattern (`~`) reads: the fact without the white space at either end, as text
// comparisons read it (docs/facts.md: collectors store strings as the OS reports them, and a
// Windows DisplayName often ends, or a Store name starts, with a space).
inline re2::StringPiece pattern_text(const FactValue& text) {
  std::string_view s = trim(text.as_string());
  return {s.data(), s.size()};
}

// What a node evaluated to.
struct NodeResult {
  Tri tri = Tri::unknown;
  const FactValue* fact = nullptr;  // fact nodes: the value read, nullptr when absent
};

struct Evaluation::State {
  std::shared_ptr<const Graph> graph;
  EvaluationOptions options;
  // The check date as check_date nodes give it: options.as_of as "YYYY-MM-DD", set by the
  // constructor; null when there is none (then what reads it is unknown).
  FactValue check_date;
  FactValue facts = FactValue::map();
  std::vector<NodeResult> memo;
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
      if (graph->match_group(group, trim(text.as_string()), slots)) {
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
    if (!bits) return RE2::PartialMatch(pattern_text(text), graph->pattern(n.pattern));
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

  const FactValue* check_date_value() const { return check_date.is_null() ? nullptr : &check_date; }

  NodeResult eval(NodeId id) {
    const Node& n = node(id);
    if (n.kind == NodeKind::fact) return NodeResult{Tri::unknown, read(n)};
    if (n.kind == NodeKind::check_date) return NodeResult{Tri::unknown, check_date_value()};
    if (n.depth == 0) {
      if (fresh[id]) return memo[id];
      NodeResult r = compute(n);
      ++stats.node_evaluations;
      memo[id] = r;
      fresh[id] = 1;
      return r;
    }
    return compute(n);
  }

  Tri tri(NodeId id) { return eval(id).tri; }

  NodeResult compute(const Node& n) {
    switch (n.kind) {
      case NodeKind::fact:
        return NodeResult{Tri::unknown, read(n)};
      case NodeKind::constant:
        return {n.constant, nullptr};
      case NodeKind::check_date:
        return {Tri::unknown, check_date_value()};
      case NodeKind::compare: {
        const FactValue* f = eval(n.inputs[0]).fact;
        if (!f || f->is_null()) return {Tri::unknown};
        if (n.inputs.size() == 2) {  // against the check date
          if (!options.as_of) return {Tri::unknown};
          return {compare_fact_with(*f, n, Scalar{*options.as_of})};
        }
        return {compare_fact(*f, n)};
      }
      case NodeKind::match: {
        const FactValue* f = eval(n.inputs[0]).fact;
        if (!f || !f->is_string()) return {Tri::unknown};
        if (n.pattern_group != Node::kNoGroup) return {tri_of(group_matches(n, *f))};
        return {tri_of(RE2::PartialMatch(pattern_text(*f), graph->pattern(n.pattern)))};
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

  // ---- deciding a rule and its evidence (decide.cpp) --------------------------------

  struct Explainer;
  // Decides `rule` into `out`, reusing the storage of what it held (an earlier dump's outcome).
  void decide(const Rule& rule, RuleOutcome& out);
  // Why a rule is unknown, from its evidence: the facts the dump lacks, or no check date.
  std::string unknown_message(const std::vector<Evidence>& evidence, bool no_check_date) const;
  std::string newer_than_dump(const std::vector<std::string_view>& paths, bool no_check_date) const;

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

}  // namespace tekigo::engine
