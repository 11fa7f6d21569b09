// dsl/diff: comparing one rule (or one `removed` entry) of two revisions, part by part
// (rules.cpp). Internal to dsl/diff: policy_diff.cpp matches the rules by id and calls these.
#pragma once

#include <vector>

#include "dsl/diff/catalogue.hpp"
#include "dsl/diff/meaning.hpp"
#include "dsl/diff/policy_diff.hpp"

namespace tekigo::dsl::diff {

// One revision as the comparison reads it.
struct Side {
  const Catalogue& catalogue;
  Reading& reading;
};

// What changed from `before` (in OLD) to `after` (in NEW), in the order of NEW's text.
std::vector<Change> compare_rules(const RuleEntry& before, Side& old_side, const RuleEntry& after,
                                  Side& new_side);

std::vector<Change> compare_records(const RecordEntry& before, const RecordEntry& after);

}  // namespace tekigo::dsl::diff
