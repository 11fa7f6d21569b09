// engine: names of statuses and verdicts, and the worst-of rule for a terminal's verdict.
#include "engine/eval/outcome.hpp"

#include <fmt/format.h>

namespace tekigo::engine {

std::string_view status_name(Status status) {
  switch (status) {
    case Status::pass:
      return "pass";
    case Status::warn:
      return "warn";
    case Status::fail:
      return "fail";
    case Status::unknown:
      return "unknown";
    case Status::manual:
      return "manual";
    case Status::not_applicable:
      return "n/a";
  }
  return "?";
}

std::optional<Status> parse_status(std::string_view name) {
  for (Status s : {Status::pass, Status::warn, Status::fail, Status::unknown, Status::manual,
                   Status::not_applicable})
    if (status_name(s) == name) return s;
  return std::nullopt;
}

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::pass:
      return "pass";
    case Verdict::warn:
      return "warn";
    case Verdict::manual:
      return "manual";
    case Verdict::unknown:
      return "unknown";
    case Verdict::fail:
      return "fail";
    case Verdict::error:
      return "error";
  }
  return "?";
}

std::optional<Verdict> parse_verdict(std::string_view name) {
  for (Verdict v : {Verdict::pass, Verdict::warn, Verdict::manual, Verdict::unknown, Verdict::fail,
                    Verdict::error})
    if (verdict_name(v) == name) return v;
  return std::nullopt;
}

std::string SourceRef::to_string() const {
  return fmt::format("{}:{}:{}", file, line, column);
}

Verdict verdict_of(const std::vector<RuleOutcome>& rules) {
  Verdict v = Verdict::pass;
  for (const auto& r : rules) {
    Verdict rv = Verdict::pass;
    switch (r.status) {
      case Status::fail:
        rv = Verdict::fail;
        break;
      case Status::unknown:
        rv = Verdict::unknown;
        break;
      case Status::manual:
        rv = Verdict::manual;
        break;
      case Status::warn:
        rv = Verdict::warn;
        break;
      default:
        continue;
    }
    if (rv > v) v = rv;
  }
  return v;
}

TerminalResult error_result(std::string source, std::string message, std::string subject) {
  TerminalResult r;
  r.source = std::move(source);
  r.subject = std::move(subject);
  r.verdict = Verdict::error;
  r.error = std::move(message);
  return r;
}

}  // namespace tekigo::engine
