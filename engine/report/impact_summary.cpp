// engine/report: the impact of a revision, tallied terminal by terminal (impact_summary.hpp).
#include "engine/report/impact_summary.hpp"

#include "engine/eval/graph_text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace tekigo::engine {

namespace {

// "software[12].version" → "software[].version": an element's fact is the same fact whatever
// the element's place in its list, so that one missing field tallies once across the fleet.
std::string without_indices(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (std::size_t i = 0; i < path.size(); ++i) {
    out += path[i];
    if (path[i] != '[') continue;
    std::size_t j = i + 1;
    while (j < path.size() && path[j] >= '0' && path[j] <= '9') ++j;
    if (j > i + 1 && j < path.size() && path[j] == ']') i = j - 1;
  }
  return out;
}

// What the evidence of a rule that looks for `name` in `dns`, or for `probe` in `reach`, says it
// wanted: the texts the compiler gives the quantifiers of resolve and flow rules (dsl/lower).
std::string name_wanted(const std::string& name) {
  return fmt::format("any (name == {})", name);
}
std::string probe_text(const ProbeTarget& probe) {
  return fmt::format("{}/{}", probe.protocol, probe.port);
}
std::string probe_wanted(const ProbeTarget& probe) {
  return fmt::format("any ({} to {} open)", probe_text(probe), probe.host);
}

constexpr std::string_view kNamesList = "dns";     // where a plan's names are looked up
constexpr std::string_view kProbesList = "reach";  // where a plan's probes are recorded

bool contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

}  // namespace

std::string_view rule_nature_name(RuleNature nature) {
  switch (nature) {
    case RuleNature::kept:
      return "kept";
    case RuleNature::changed:
      return "changed";
    case RuleNature::added:
      return "added";
    case RuleNature::removed:
      return "removed";
  }
  return "kept";
}

std::size_t side_index(SideStatus status) {
  return status ? static_cast<std::size_t>(*status) : kAbsentSide;
}

SideStatus side_status(std::size_t index) {
  if (index >= kAbsentSide) return std::nullopt;
  return static_cast<Status>(index);
}

bool UnknownRule::collect_again() const {
  return std::any_of(missing.begin(), missing.end(),
                     [](const MissingFact& m) { return m.new_in_plan; });
}

std::size_t FleetImpact::count_under_old(Verdict verdict) const {
  std::size_t n = 0;
  for (std::size_t to = 0; to < kVerdictCount; ++to)
    n += verdicts[static_cast<std::size_t>(verdict)][to];
  return n;
}

std::size_t FleetImpact::count_under_new(Verdict verdict) const {
  std::size_t n = 0;
  for (std::size_t from = 0; from < kVerdictCount; ++from)
    n += verdicts[from][static_cast<std::size_t>(verdict)];
  return n;
}

ImpactBuilder::ImpactBuilder(const Graph& baseline, const Graph& revised, ImpactOptions options)
    : options_(std::move(options)) {
  const auto& old_rules = baseline.rules();
  const auto& new_rules = revised.rules();
  revised_rules_ = new_rules.size();
  baseline_rules_ = old_rules.size();
  for (std::size_t i = 0; i < old_rules.size(); ++i) baseline_ids_.emplace(old_rules[i].id, i);
  auto state_of = [](const Rule& rule, RuleNature nature) {
    RuleState state;
    state.impact.id = rule.id;
    state.impact.cite = rule.cite;
    state.impact.title = rule.title.in(Lang::en);  // json only: never translated
    state.impact.nature = nature;
    return state;
  };
  for (std::size_t i = 0; i < new_rules.size(); ++i) {
    const Rule& rule = new_rules[i];
    revised_ids_.emplace(rule.id, i);
    auto old = baseline_ids_.find(rule.id);
    RuleNature nature = RuleNature::added;
    if (old != baseline_ids_.end()) {
      const bool changed = options_.changed_rules
                               ? contains(*options_.changed_rules, rule.id)
                               : rule_fingerprint(revised, rule) !=
                                     rule_fingerprint(baseline, old_rules[old->second]);
      nature = changed ? RuleNature::changed : RuleNature::kept;
    }
    RuleState state = state_of(rule, nature);
    state.revised_index = i;
    if (old != baseline_ids_.end()) state.baseline_index = old->second;
    rules_.push_back(std::move(state));
  }
  for (std::size_t i = 0; i < old_rules.size(); ++i) {
    if (revised_ids_.count(old_rules[i].id)) continue;
    RuleState state = state_of(old_rules[i], RuleNature::removed);
    state.baseline_index = i;
    rules_.push_back(std::move(state));
  }
}

// The outcome of the rule at `index` of its policy: results list outcomes in policy order, so
// it is there, unless the result was made otherwise (then by id).
const RuleOutcome* ImpactBuilder::outcome(const TerminalResult& result, std::size_t index,
                                          const std::string& id, bool revised) const {
  if (index == SIZE_MAX) return nullptr;
  const std::size_t expected = revised ? revised_rules_ : baseline_rules_;
  if (result.rules.size() == expected && result.rules[index].id == id) return &result.rules[index];
  for (const auto& rule : result.rules)
    if (rule.id == id) return &rule;
  return nullptr;
}

void ImpactBuilder::tally_missing(RuleState& state, const RuleOutcome& outcome) {
  for (const Evidence& e : outcome.evidence) {
    if (!e.absent && !e.none_matching) continue;
    std::string path = without_indices(e.path);
    std::string wanted = e.absent ? std::string() : e.expected;
    auto it = std::find_if(state.missing.begin(), state.missing.end(), [&](const MissingTally& t) {
      return t.absent == e.absent && t.path == path && t.wanted == wanted;
    });
    if (it == state.missing.end())
      state.missing.push_back({std::move(path), std::move(wanted), e.absent, 1});
    else
      ++it->dumps;
  }
}

std::vector<MissingFact> ImpactBuilder::missing_facts(const RuleState& state) const {
  std::vector<MissingFact> out;
  std::vector<bool> used(state.missing.size(), false);
  const CollectionPlan* plan = options_.plan;
  const CollectionPlan* before = options_.baseline_plan;
  auto add_target = [&](MissingFact::Kind kind, std::string_view list, std::string target,
                        std::string probe, bool is_new, std::size_t dumps) {
    for (auto& m : out)
      if (m.kind == kind && m.target == target && m.probe == probe) {
        m.dumps += dumps;
        return;
      }
    out.push_back(
        {kind, std::string(list), {}, std::move(target), std::move(probe), dumps, is_new});
  };
  if (plan) {
    // The names and probes the evidence asked for.
    for (std::size_t i = 0; i < state.missing.size(); ++i) {
      const MissingTally& t = state.missing[i];
      if (t.absent) continue;
      if (t.path == kNamesList) {
        for (const auto& name : plan->names)
          if (t.wanted == name_wanted(name)) {
            add_target(MissingFact::Kind::name, kNamesList, name, {},
                       before && !contains(before->names, name), t.dumps);
            used[i] = true;
          }
      } else if (t.path == kProbesList) {
        for (const auto& probe : plan->probes)
          if (t.wanted == probe_wanted(probe)) {
            const bool is_new = before && std::find(before->probes.begin(), before->probes.end(),
                                                    probe) == before->probes.end();
            add_target(MissingFact::Kind::probe, kProbesList, probe.host, probe_text(probe), is_new,
                       t.dumps);
            used[i] = true;
          }
      }
    }
    // The probes the plan makes for this rule, which a dump without `reach` lacks as well.
    const bool reach_absent =
        std::any_of(state.missing.begin(), state.missing.end(),
                    [](const MissingTally& t) { return t.absent && t.path == kProbesList; });
    if (reach_absent)
      for (const auto& probe : plan->probes)
        if (probe.rule_id == state.impact.id) {
          const bool is_new = before && std::find(before->probes.begin(), before->probes.end(),
                                                  probe) == before->probes.end();
          add_target(MissingFact::Kind::probe, kProbesList, probe.host, probe_text(probe), is_new,
                     0);
        }
    // A dump without the list lacks every entry of it that the rule looks for.
    for (std::size_t i = 0; i < state.missing.size(); ++i) {
      const MissingTally& t = state.missing[i];
      if (!t.absent) continue;
      const auto kind = t.path == kNamesList    ? MissingFact::Kind::name
                        : t.path == kProbesList ? MissingFact::Kind::probe
                                                : MissingFact::Kind::fact;
      if (kind == MissingFact::Kind::fact) continue;
      for (auto& m : out)
        if (m.kind == kind) {
          m.dumps += t.dumps;
          used[i] = true;
        }
    }
  }
  for (std::size_t i = 0; i < state.missing.size(); ++i) {
    if (used[i]) continue;
    const MissingTally& t = state.missing[i];
    const bool is_new = t.absent && plan && before && contains(plan->fact_paths, t.path) &&
                        !contains(before->fact_paths, t.path);
    out.push_back({MissingFact::Kind::fact, t.path, t.wanted, {}, {}, t.dumps, is_new});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const MissingFact& a, const MissingFact& b) { return a.dumps > b.dumps; });
  return out;
}

TerminalImpact ImpactBuilder::add(const TerminalResult& baseline, const TerminalResult& result) {
  TerminalImpact t;
  t.source = result.source.empty() ? baseline.source : result.source;
  t.subject = result.subject.empty() ? baseline.subject : result.subject;
  t.verdict = result.verdict;
  t.baseline_verdict = baseline.verdict;
  t.error = !result.error.empty() ? result.error : baseline.error;
  ++fleet_.terminals;
  ++fleet_.verdicts[static_cast<std::size_t>(baseline.verdict)]
                   [static_cast<std::size_t>(result.verdict)];
  if (result.verdict == Verdict::error || baseline.verdict == Verdict::error) {
    // Nothing to compare rule by rule: a side that could not be evaluated has no statuses.
    if (result.verdict == Verdict::error && baseline.verdict == Verdict::error)
      fleet_.error_sources.push_back(t.source);
    if (result.verdict != Verdict::error) ++fleet_.evaluated;
    if (t.verdict_changed()) ++fleet_.verdict_changes;
    return t;
  }
  ++fleet_.evaluated;
  for (RuleState& state : rules_) {
    const RuleOutcome* now = outcome(result, state.revised_index, state.impact.id, true);
    const RuleOutcome* before = outcome(baseline, state.baseline_index, state.impact.id, false);
    const SideStatus from = before ? SideStatus(before->status) : std::nullopt;
    const SideStatus to = now ? SideStatus(now->status) : std::nullopt;
    ++state.impact.transitions[side_index(from)][side_index(to)];
    if (from != to) {
      ++state.impact.changed;
      t.changed.push_back({state.impact.id, from, to});
    }
    if (now && now->status == Status::unknown) {
      ++state.unknown;
      if (from == Status::unknown) ++state.unknown_before;
      tally_missing(state, *now);
    }
  }
  if (t.verdict_changed())
    ++fleet_.verdict_changes;
  else if (!t.changed.empty())
    ++fleet_.status_changes;
  return t;
}

FleetImpact ImpactBuilder::impact() const {
  FleetImpact out = fleet_;
  std::vector<std::pair<std::size_t, std::size_t>> unknown;  // (count, position)
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    const RuleState& state = rules_[i];
    if (state.impact.nature != RuleNature::kept || state.impact.changed != 0)
      out.rules.push_back(state.impact);
    const double needed = options_.nearly_all * static_cast<double>(fleet_.evaluated);
    if (state.unknown != 0 && static_cast<double>(state.unknown) + 1e-9 >= needed)
      unknown.emplace_back(state.unknown, i);
  }
  std::stable_sort(unknown.begin(), unknown.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [count, i] : unknown) {
    const RuleState& state = rules_[i];
    UnknownRule rule;
    rule.id = state.impact.id;
    rule.cite = state.impact.cite;
    rule.title = state.impact.title;
    rule.nature = state.impact.nature;
    rule.unknown = state.unknown;
    rule.unknown_before = state.unknown_before;
    rule.missing = missing_facts(state);
    out.unknown_rules.push_back(std::move(rule));
  }
  return out;
}

}  // namespace tekigo::engine
