// engine/report: the words of the rendered policy document (`tekigo doc`), one table per
// language (doc_words.cpp). Patterns use fmt's `{}` (positional `{0}`, `{1}` where the languages
// order them differently). Private to engine/report.
#pragma once

#include <string_view>

#include "engine/common/local_text.hpp"

namespace tekigo::engine::report_detail {

struct DocWords {
  std::string_view title;  // "{} — the policy as the document"
  std::string_view policy, revision, effective, document, policy_file, sha256, as_of, generated;
  std::string_view contents, how_to_read, how_to_read_text, informational, informational_clause;
  std::string_view item, os_document, os_checked, browsers, disk, remarks;
  std::string_view fqdn, address, requirement, notes;
  std::string_view protocol, port, destination, purpose;
  std::string_view the_document, checked, rule;
  std::string_view lines, classification;
  std::string_view status_pass, status_warn, status_fail, status_unknown, status_manual, status_na;
  std::string_view recommended, usable, unusable;
  std::string_view applies, when, expect, otherwise, message, unless, quoted_label;
  std::string_view manual, forbid, resolves, resolves_direct, flow_must_pass;
  std::string_view rule_meta, reading, notes_list, removed, removed_in;
  std::string_view trace, trace_text, trace_counts, trace_no_cases, trace_no_examples, clause,
      rules, cases, examples, no_rule, no_case, trace_removed, trace_removed_in, coverage;
  std::string_view list_sep;
};

const DocWords& doc_words(Lang lang);

}  // namespace tekigo::engine::report_detail
