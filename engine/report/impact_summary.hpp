// engine/report: the impact of a revision on a fleet — each dump evaluated under the policy
// before (OLD, the baseline) and after (NEW), compared terminal by terminal and tallied: how
// verdicts move, which rules change status where and why, and which rules NEW cannot decide
// because the fleet never collected what they read. Built pair by pair with ImpactBuilder
// (engine/batch/impact.hpp runs the batch that feeds it); every impact writer reads it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/eval/graph.hpp"
#include "engine/eval/outcome.hpp"
#include "engine/eval/policy_info.hpp"
#include "engine/facts/collection_plan.hpp"
#include "engine/values/date.hpp"

namespace tekigo::engine {

// What a revision did to a rule, by its id: kept as it was, changed (its decision list means
// something else: rule_fingerprint), added (NEW only) or removed (OLD only).
enum class RuleNature : std::uint8_t { kept, changed, added, removed };
std::string_view rule_nature_name(RuleNature nature);  // kept changed added removed

// A rule's status on one side of the comparison; nullopt when that side's policy has no such
// rule (it was added or removed).
using SideStatus = std::optional<Status>;
// SideStatus as an index: a Status, or kAbsentSide.
inline constexpr std::size_t kAbsentSide = 6;
inline constexpr std::size_t kSideStates = 7;
std::size_t side_index(SideStatus status);
SideStatus side_status(std::size_t index);

// One rule whose status changed on a terminal.
struct StatusChange {
  std::string id;
  SideStatus from, to;
};

// One terminal under both policies, as the writers stream it.
struct TerminalImpact {
  std::string source;
  std::string subject;
  Verdict verdict = Verdict::unknown;           // under NEW
  Verdict baseline_verdict = Verdict::unknown;  // under OLD
  std::vector<StatusChange> changed;            // NEW's rule order, then OLD's removed rules
  std::string error;                            // a dump that could not be read or evaluated
  bool verdict_changed() const { return verdict != baseline_verdict; }
};

// A rule across the fleet.
struct RuleImpact {
  std::string id;
  std::string cite;
  std::string title;
  RuleNature nature = RuleNature::kept;
  std::size_t changed = 0;  // terminals on which its status changed
  // Terminals by status under OLD (row) and NEW (column), indexed by side_index.
  std::array<std::array<std::size_t, kSideStates>, kSideStates> transitions{};
};

// Something an unknown rule reads and the dumps did not have, worked out from the rule's
// evidence and NEW's collection plan. `kind` says what it is:
//   fact   a fact absent from the dump (`path`), or a list without the entry `wanted`
//   name   a host name the plan resolves into `dns`: dns has no entry for `target`
//   probe  a probe the plan makes into `reach`: reach has no entry for `probe` to `target`
struct MissingFact {
  enum class Kind : std::uint8_t { fact, name, probe };
  Kind kind = Kind::fact;
  std::string path;    // the fact read: "dns", "reach", "os.release"
  std::string wanted;  // fact in a list: what no entry had ("any (…)"); empty: the fact is absent
  std::string target;  // name, probe: the host, "x.example.jp"
  std::string probe;   // probe: "tcp/443"
  std::size_t dumps = 0;  // terminals, of those where the rule was unknown, that lacked it
  // NEW's collection plan asks for it and OLD's did not: dumps collected for OLD cannot have
  // it, so the fleet must be collected again with the new policy.
  bool new_in_plan = false;
};

// A rule NEW cannot decide on (nearly) every terminal.
struct UnknownRule {
  std::string id;
  std::string cite;
  std::string title;
  RuleNature nature = RuleNature::kept;
  std::size_t unknown = 0;           // terminals on which it is unknown under NEW
  std::size_t unknown_before = 0;    // … and was unknown under OLD too
  std::vector<MissingFact> missing;  // most dumps first
  // Whether collecting again with the new policy would bring what is missing (some of it is
  // new in NEW's collection plan).
  bool collect_again() const;
};

// What the whole fleet came to.
struct FleetImpact {
  std::size_t terminals = 0;  // every terminal, unreadable dumps included
  std::size_t evaluated = 0;  // … evaluated under NEW (not errors)
  // Terminals by verdict under OLD (row) and NEW (column), indexed by Verdict.
  std::array<std::array<std::size_t, kVerdictCount>, kVerdictCount> verdicts{};
  std::size_t verdict_changes = 0;  // terminals whose verdict changed
  std::size_t status_changes = 0;   // … whose verdict stayed but some rule's status changed
  // Every rule that a terminal's status changed on, or that the revision added, removed or
  // changed: NEW's order, then the removed rules in OLD's.
  std::vector<RuleImpact> rules;
  // Rules unknown under NEW on at least ImpactOptions::nearly_all of the evaluated terminals:
  // most unknown first, ties in NEW's order.
  std::vector<UnknownRule> unknown_rules;
  std::vector<std::string> error_sources;  // dumps that could not be read

  std::size_t count(Verdict from, Verdict to) const {
    return verdicts[static_cast<std::size_t>(from)][static_cast<std::size_t>(to)];
  }
  std::size_t count_under_old(Verdict verdict) const;
  std::size_t count_under_new(Verdict verdict) const;
};

struct ImpactOptions {
  // What each policy asks collectors to gather (CompiledPolicy::plan), to tell which of the
  // facts an unknown rule lacks are new in this revision; null: not known.
  const CollectionPlan* baseline_plan = nullptr;
  const CollectionPlan* plan = nullptr;
  // A rule unknown on at least this share of the evaluated terminals is listed in
  // FleetImpact::unknown_rules.
  double nearly_all = 0.9;
  // The ids of the rules in both policies whose meaning changed, when a semantic diff of the
  // two has told; unset, rule_fingerprint decides.
  std::optional<std::vector<std::string>> changed_rules;
};

// Names the two sides, for the writers' headers.
struct ImpactHeader {
  PolicyInfo baseline;        // OLD
  PolicyInfo revised;         // NEW
  std::optional<Date> as_of;  // the check date both evaluations used
};

class ImpactBuilder {
 public:
  ImpactBuilder(const Graph& baseline, const Graph& revised, ImpactOptions options = {});
  // One terminal under OLD (`baseline`) and NEW (`result`): the same dump. An unreadable dump
  // is an error result on both sides.
  TerminalImpact add(const TerminalResult& baseline, const TerminalResult& result);
  FleetImpact impact() const;  // copies: call it at the end

 private:
  // Tallies of one unknown rule's evidence: by (path, wanted, absent).
  struct MissingTally {
    std::string path, wanted;
    bool absent = false;
    std::size_t dumps = 0;
  };
  struct RuleState {
    RuleImpact impact;
    std::size_t revised_index = SIZE_MAX;   // in NEW's rules
    std::size_t baseline_index = SIZE_MAX;  // in OLD's rules
    std::size_t unknown = 0, unknown_before = 0;
    std::vector<MissingTally> missing;
  };
  const RuleOutcome* outcome(const TerminalResult& result, std::size_t index, const std::string& id,
                             bool revised) const;
  void tally_missing(RuleState& state, const RuleOutcome& outcome);
  std::vector<MissingFact> missing_facts(const RuleState& state) const;

  ImpactOptions options_;
  std::vector<RuleState> rules_;  // NEW's rules in order, then OLD's removed ones
  std::unordered_map<std::string, std::size_t> revised_ids_, baseline_ids_;
  std::size_t revised_rules_ = 0, baseline_rules_ = 0;
  FleetImpact fleet_;
};

}  // namespace tekigo::engine
