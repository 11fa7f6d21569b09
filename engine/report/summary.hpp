// engine/report: what a whole batch came to — verdict counts, the rules that failed most and
// those that could not be decided, the terminals to act on — built terminal by terminal.
// Every writer's summary reads it.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/eval/outcome.hpp"

namespace tekigo::engine {

// How often one rule failed (or was unknown) across a batch.
struct RuleTally {
  std::string id;
  std::string cite;
  std::string title;
  std::size_t count = 0;
};

// What a whole batch came to. Built terminal by terminal with SummaryBuilder.
struct BatchSummary {
  std::size_t terminals = 0;
  std::array<std::size_t, kVerdictCount> verdicts{};  // indexed by Verdict
  // The rules that failed most, at most SummaryBuilder's max_rules of them: most failures
  // first; ties in the policy's order (the order of a terminal's outcomes), then by rule id.
  std::vector<RuleTally> most_failed_rules;
  std::size_t rules_failed = 0;  // distinct rules that failed at least once
  // The rules that were unknown, counted by terminal, in the same order and as many: a rule
  // unknown on every terminal shows here even when each of them fails for another reason (its
  // verdict is fail, so the verdict counts say "0 unknown").
  std::vector<RuleTally> most_unknown_rules;
  std::size_t rules_unknown = 0;              // distinct rules that were unknown at least once
  std::vector<std::string> failing_subjects;  // terminals whose verdict is fail
  std::vector<std::string> unknown_subjects;  // terminals whose verdict is unknown: re-collect
  std::vector<std::string> manual_subjects;   // terminals whose verdict is manual: attest
  std::vector<std::string> error_sources;     // dumps that could not be read

  std::size_t count(Verdict verdict) const { return verdicts[static_cast<std::size_t>(verdict)]; }
  // The worst verdict of the batch (error > fail > unknown > manual > warn > pass); pass when
  // empty.
  Verdict worst() const;
};

class SummaryBuilder {
 public:
  explicit SummaryBuilder(std::size_t max_rules = 10) : max_rules_(max_rules) {}
  void add(const TerminalResult& result);
  BatchSummary summary() const;  // copies the lists: call it at the end, not per terminal
  // Terminals so far with `verdict` (cheap: for progress lines).
  std::size_t count(Verdict verdict) const { return verdicts_[static_cast<std::size_t>(verdict)]; }

 private:
  // Rules counted by terminal (the failures, or the unknowns), each with where it stands in the
  // policy: its index among the outcomes of the terminal where it was first counted (outcomes
  // come in policy order, see Evaluation::outcomes), so that ties come out in the order the
  // document lists the rules.
  class RuleCounts {
   public:
    void add(const RuleOutcome& rule, std::size_t position);
    std::size_t rules() const { return tallies_.size(); }
    // Most counted first; ties in the policy's order, then by rule id.
    std::vector<RuleTally> top(std::size_t max) const;

   private:
    struct Tally {
      RuleTally tally;
      std::size_t position = 0;
    };
    std::vector<Tally> tallies_;  // first-seen order
    std::unordered_map<std::string, std::size_t> index_;
  };

  std::size_t max_rules_;
  std::size_t terminals_ = 0;
  std::array<std::size_t, kVerdictCount> verdicts_{};
  RuleCounts failed_, unknown_rules_;
  std::vector<std::string> failing_;
  std::vector<std::string> unknown_;
  std::vector<std::string> manual_;
  std::vector<std::string> errors_;
};

}  // namespace tekigo::engine
