// engine/facts: reading an attestation, its scope, and the rules validate_facts applies to it.
#include "engine/facts/attestation.hpp"

#include <fmt/format.h>

#include "engine/common/text.hpp"
#include "engine/values/date.hpp"

namespace tekigo::engine {

namespace {

std::string text_of(const FactValue* v) {
  return v && v->is_string() ? v->as_string() : std::string();
}

// `covers: ["hospital-a/*", "facility/b-01"]` as a reader sees it in an error.
std::string covers_text(const Attestation& a) {
  std::vector<std::string> quoted;
  for (const auto& c : a.covers) quoted.push_back(fmt::format("\"{}\"", c));
  return fmt::format("[{}]", join(quoted, ", "));
}

constexpr std::string_view kBlock =
    "attestation: {by: \"…\", at: YYYY-MM-DD, covers: [\"SUBJECT or pattern\"]}";

}  // namespace

std::optional<Attestation> read_attestation(const FactValue& root, std::string source,
                                            std::string sha256) {
  const FactValue* block = root.is_map() ? root.find("attestation") : nullptr;
  if (!block || !block->is_map()) return std::nullopt;
  Attestation a;
  a.by = text_of(block->find("by"));
  a.at = text_of(block->find("at"));
  a.facility = text_of(block->find("facility"));
  if (const FactValue* covers = block->find("covers"); covers && covers->is_list())
    for (const auto& c : covers->as_list())
      if (c.is_string()) a.covers.push_back(c.as_string());
  if (const FactValue* attested = root.find("attested"); attested && attested->is_map())
    for (const auto& [key, value] : attested->as_map()) a.keys.push_back(key);
  a.source = std::move(source);
  a.sha256 = std::move(sha256);
  return a;
}

bool glob_match(std::string_view pattern, std::string_view text) {
  // Iterative matching with one backtrack point (the last `*`): linear in practice.
  std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool covers_subject(const Attestation& attestation, std::string_view subject, bool own) {
  if (attestation.covers.empty()) return own;
  for (const auto& pattern : attestation.covers)
    if (glob_match(pattern, subject)) return true;
  return false;
}

std::string out_of_scope(const Attestation& attestation, std::string_view subject) {
  return fmt::format(
      "the attestation in {} (by {}{}) covers {}, not this dump's subject `{}`: refused "
      "(add the subject to its `covers`, or give the dump its own facility's facts file)",
      attestation.source, attestation.by,
      attestation.facility.empty() ? "" : fmt::format(", {}", attestation.facility),
      covers_text(attestation), subject);
}

void check_attestation(const FactValue& root, std::string_view source, bool part,
                       std::vector<FactError>& problems) {
  if (!root.is_map()) return;
  auto problem = [&](std::string path, std::string message) {
    problems.push_back({std::string(source), std::move(path), std::move(message)});
  };
  const FactValue* attested = root.find("attested");
  const FactValue* block = root.find("attestation");
  if (attested && attested->is_map()) {
    for (std::string_view old : {"attested_by", "attested_at"})
      if (attested->find(old))
        problem(fmt::format("attested.{}", old),
                fmt::format("who attested and when are no attested facts: move `{}` into an "
                            "`attestation:` block beside `attested:` as `{}` ({})",
                            old, old == "attested_by" ? "by" : "at", kBlock));
    if (!block && !attested->as_map().empty())
      problem("attested", fmt::format("attested facts need who attested them and when: add beside "
                                      "`attested:` an {}",
                                      kBlock));
  }
  if (!block || !block->is_map()) return;
  if (const FactValue* at = block->find("at");
      at && at->is_string() && !Date::parse(at->as_string()))
    problem(
        "attestation.at",
        fmt::format("expected a date YYYY-MM-DD such as 2021-01-18, got \"{}\"", at->as_string()));
  if (const FactValue* by = block->find("by");
      by && by->is_string() && trim(by->as_string()).empty())
    problem("attestation.by", "expected who attests, got an empty text");
  const FactValue* covers = block->find("covers");
  if (part && (!covers || !covers->is_list() || covers->as_list().empty()))
    problem("attestation.covers",
            "a facts file merged into dumps must say which terminals it covers: "
            "covers: [\"hospital-a/*\"] (subjects, or patterns with * and ?)");
}

}  // namespace tekigo::engine
