// engine/eval: the engine's own explanations — every sentence the evaluator, the decider and
// the lowering of the rule kinds write themselves ("the OS is not in the support matrix",
// "cannot decide: …", the closest row, evidence phrases, not in force, the effective-date
// warnings), one table per language (explanations.cpp). A policy's own sentences are
// LocalText from its text; these are made with phrase() in both languages at once, so that
// an outcome can be written in either (EvaluationOptions::lang).
#pragma once

#include <fmt/format.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/local_text.hpp"

namespace tekigo::engine {

enum class Phrase {
  // decide: rules and their evidence
  not_in_force,               // {0} check date, {1} window
  in_force_no_check_date,     // {0} window
  does_not_apply,             //
  cannot_decide_absent,       // {0} the facts the dump lacks
  cannot_decide_absent_date,  // {0} the facts the dump lacks (and no check date)
  cannot_decide_no_date,      //
  cannot_decide_unsettled,    //
  // decide: an absent fact that came in a newer minor of the contract than the dump's
  absent_added_later,        // {0} the contract id that added it, {1} dump_written_to(_by)
  absent_named_added_later,  // {0} the fact, {1} the contract id that added it, {2} as above
  dump_written_to,           // {0} the dump's contract (its schema)
  dump_written_to_by,        // {0} the dump's contract, {1} collected.by
  schema_without_minor,      // {0} the dump's schema, which names no minor
  collected_from_version,    // {0} tekigo version, {1} its collectors that collect the fact
  declared_by_facility,      //
  no_check_date_too,         //
  attested_by_person,        // evidence: what a manual rule's facts would be
  not_set,                   // evidence: the check date's value when there is none
  list_none_matching,        // {0} the list: "[a, b] (none matching)"
  list_all_matching,         // {0} the list
  entries_none_matching,     // {0} count
  entries_all_matching,      // {0} count
  entry_not_matching,        //
  entry_matching,            //
  // evaluator: warnings about a terminal's check
  checked_before_effective,    // {0} check date, {1} effective date
  collected_before_effective,  // {0} collection day, {1} effective date
  reconciled_release,          // {0} fact, {1} the dump's value, {2} as read, {3} the fact that
                               // decided, {4} its value (kReconciledKey)
  // lowering: check and manual
  manual_to_check,  // {0} the rule's sentence
  not_met,          // {0} the condition or the rule's sentence
  // matrix
  row_named,              // {0} label
  row_titled,             // {0} label, {1} title
  row_supported,          // {0} row
  row_supported_warning,  // {0} row
  row_warning,            // {0} row, {1} the row's warning
  row_no_browser,         // {0} row, {1} browsers it needs
  row_low_disk,           // {0} row, {1} free space it needs
  row_when_fails,         // {0} row, {1} the row's condition
  row_all_but,            // {0} row, {1} what keeps the terminal out
  miss_release,           // {0} releases
  miss_service_pack,      // {0} service pack
  miss_edition,           // {0} editions
  miss_edition_or,        // the word between excluded editions
  not_in_matrix,          // {0} the rows
  // resolve
  dns_not_looked_up,    // {0} host
  dns_only_proxy,       // {0} host
  dns_no_resolve,       // {0} host
  dns_documented,       // {0} host, {1} addresses
  dns_other_addresses,  // {0} host, {1} addresses
  dns_resolves,         // {0} host
  // flow
  flow_blocked,         // {0} protocol/port, {1} host
  flow_not_probed,      // {0} protocol/port, {1} host
  flow_passes,          // {0} protocols/ports, {1} host
  flow_passes_purpose,  // {0} protocols/ports, {1} host, {2} purpose
  // forbid
  forbid_installed,  // {0} item
  forbid_present,    // {0} item
  forbid_none,       // {0} the rule's sentence
  // line
  line_recommended,  // {0} lines
  line_usable,       // {0} lines
  line_unusable,     // {0} lines
  line_exception,    // {0} the class's message
  line_not_allowed,  //
};

// Every phrase, in the order of the enum (for tests: each has both languages).
std::span<const Phrase> all_phrases();
// The pattern of `p` in `lang` (fmt's `{0}`, `{1}`: a language may order them its own way).
std::string_view phrase_pattern(Phrase p, Lang lang);

namespace detail {
inline const std::string& pick(const LocalText& t, Lang lang) {
  return t.in(lang);
}
inline std::string_view pick(std::string_view s, Lang) {
  return s;
}
inline const std::string& pick(const std::string& s, Lang) {
  return s;
}
template <typename T>
requires std::is_arithmetic_v<T> T pick(T v, Lang) {
  return v;
}
}  // namespace detail

// `p` in `lang`, its arguments (text the two languages share, or LocalText) in their place.
template <typename... Args>
std::string phrase_in(Lang lang, Phrase p, const Args&... args) {
  return fmt::format(fmt::runtime(phrase_pattern(p, lang)), detail::pick(args, lang)...);
}

// `p` in both languages.
template <typename... Args>
LocalText phrase(Phrase p, const Args&... args) {
  return LocalText::both(phrase_in(Lang::en, p, args...), phrase_in(Lang::ja, p, args...));
}

// The texts joined with `sep` in each language.
LocalText join(const std::vector<LocalText>& texts, std::string_view sep);

}  // namespace tekigo::engine
