// engine/eval: what evaluation produces — statuses, evidence and per-rule outcomes, and the
// verdict of a terminal. Plain values, shared freely between threads once made.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/source_ref.hpp"
#include "engine/eval/tri.hpp"
#include "engine/facts/attestation.hpp"

namespace tekigo::engine {

enum class Status : std::uint8_t { pass, warn, fail, unknown, manual, not_applicable };
std::string_view status_name(Status status);  // pass warn fail unknown manual n/a
std::optional<Status> parse_status(std::string_view name);

// A terminal's verdict: the worst of its rules, fail > unknown > manual > warn > pass. `manual`
// is a terminal whose only open points are manual checks nobody attested for (pending
// attestation: not a pass). Not-applicable rules do not count. `error` is a dump that could not
// be read, or an attestation refused for it. Ordered from best to worst.
enum class Verdict : std::uint8_t { pass, warn, manual, unknown, fail, error };
inline constexpr std::size_t kVerdictCount = 6;
std::string_view verdict_name(Verdict verdict);  // pass warn manual unknown fail error
std::optional<Verdict> parse_verdict(std::string_view name);

// One fact the decision read: its path in the dump ("software[12].name"), its value as the
// dump had it ("absent" when missing) and what the policy expected of it.
struct Evidence {
  std::string path;
  std::string value;
  std::string expected;
  bool absent = false;
  // A list in which no element is what `expected` asks for ("any (name == x.example.jp)"):
  // for a list of measurements (dns, reach), the one the rule needs was not made.
  bool none_matching = false;
};

struct RuleOutcome {
  std::string id;
  std::string cite;
  std::string title;
  std::string rationale;  // the rule's reading of the document (may be empty)
  Status status = Status::unknown;
  std::string message;
  std::vector<std::string> notes;  // "※1 …" texts that attach to the rule or deciding case
  std::vector<Evidence> evidence;
  SourceRef decided_by;  // span of the case (or rule) that decided
  // A manual rule decided by an attested fact: who attested it, as an index into the
  // terminal's `attestations` (-1: none, or not known — a hand-made result).
  std::int32_t attestation = -1;
};

struct TerminalResult {
  std::string source;  // the dump's file (or file:line)
  std::string subject;
  Verdict verdict = Verdict::unknown;
  std::vector<RuleOutcome> rules;
  std::string error;  // when verdict is error
  // About this terminal's check as a whole, not about any rule (Evaluation::warnings): a dump
  // collected, or a check date, before the policy's effective date. They never change the
  // verdict; reports show them under the terminal.
  std::vector<std::string> warnings;
  // The SHA-256 of the dump's bytes as read (hex; its line, in JSON Lines): what was judged.
  // Empty when there were no bytes (a live check).
  std::string sha256;
  // The attestations that applied, in merge order: the dump's own, then each facts file's.
  std::vector<Attestation> attestations;
};

Verdict verdict_of(const std::vector<RuleOutcome>& rules);

// A TerminalResult for a dump that could not be read (verdict error, no rules).
TerminalResult error_result(std::string source, std::string message, std::string subject = {});

}  // namespace tekigo::engine
