// dsl/diff: the three writers of a PolicyDiff (docs/diff.md) — text for a terminal, Markdown
// that reads as the change log a registry publishes with a revision (更新履歴: grouped by
// clause, in the document's order, one bullet per change in plain words), and JSON with a
// stable schema (`tekigo.diff/1`). Each returns the whole document.
#pragma once

#include <cstdint>
#include <string>

#include "dsl/diff/policy_diff.hpp"

namespace tekigo::dsl::diff {

enum class Words : std::uint8_t { text, markdown };

// Where in its rule a change is, in words: "row `3`", "case 2 `fail when …`", "item `iTunes`",
// "`when` item 1", "class `usable isdn, adsl`", "`otherwise`"; empty for the rule itself.
std::string target_words(const Target& target, Words words = Words::text);
// The change in plain words, after its target: "releases 1909, 2004 → 2004, 20H2 (adds 20H2;
// drops 1909)", "removed (Windows 7 SP1 or later)". In Markdown, text from the policy is
// escaped and code is in code spans.
std::string change_words(const Change& change, Words words = Words::text);
// Both: "row `3`: releases …", or the change alone when it is about the rule itself.
std::string describe(const Change& change, Words words = Words::text);

// A change of the outline in plain words: "clause §3(3) 別表 #22 added (“…”)", "clause §1 #2
// removed", "clause §4(2) (参考): title “…” → “…”, now informational", "section §1 now
// informational".
std::string outline_change_text(const OutlineChange& change, Words words = Words::text);

std::string write_text(const PolicyDiff& diff);
std::string write_markdown(const PolicyDiff& diff);
std::string write_json(const PolicyDiff& diff);

}  // namespace tekigo::dsl::diff
