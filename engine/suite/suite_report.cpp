// engine/suite: what `tekigo test` prints — text, JUnit XML and JSON (see suite_runner.hpp).
// A failing case shows the rule's actual outcome as the text report shows it (the evidence
// lines are the report's own, engine/report's evidence_line).
#include <fmt/format.h>

#include <algorithm>

#include "engine/common/json_text.hpp"
#include "engine/common/utf8.hpp"
#include "engine/report/escaping.hpp"
#include "engine/report/report.hpp"
#include "engine/suite/suite_runner.hpp"

namespace tekigo::engine {

namespace {

constexpr std::string_view kReset = "\x1b[0m";

std::string_view state_word(CaseResult::State state) {
  switch (state) {
    case CaseResult::State::ok:
      return "ok";
    case CaseResult::State::fail:
      return "FAIL";
    case CaseResult::State::error:
      return "ERROR";
  }
  return "?";
}

std::string_view state_color(CaseResult::State state) {
  return state == CaseResult::State::ok ? "\x1b[32m" : "\x1b[1;31m";
}

// A mismatch in words: "verdict: expected fail, got pass", "message: expected "…", got "…"".
std::string mismatch_text(const Mismatch& m) {
  const bool quote = m.what == "message" || m.what == "cite" || m.what == "title";
  auto shown = [&](const std::string& v) {
    return quote ? fmt::format("\"{}\"", printable(v)) : printable(v);
  };
  return fmt::format("{}: expected {}, got {}", m.what, shown(m.expected), shown(m.actual));
}

std::string counts_text(const SuiteResult& suite) {
  std::string out = fmt::format("{} passed, {} failed", suite.count(CaseResult::State::ok),
                                suite.count(CaseResult::State::fail));
  if (const std::size_t e = suite.count(CaseResult::State::error))
    out += fmt::format(", {} error{}", e, e == 1 ? "" : "s");
  return out;
}

// The rules a case's mismatches name, in the order they first appear.
std::vector<std::string> rules_named(const CaseResult& c) {
  std::vector<std::string> ids;
  for (const auto& m : c.mismatches)
    if (!m.rule.empty() && std::find(ids.begin(), ids.end(), m.rule) == ids.end())
      ids.push_back(m.rule);
  return ids;
}

const RuleOutcome* outcome_of(const CaseResult& c, const std::string& id) {
  for (const auto& o : c.result.rules)
    if (o.id == id) return &o;
  return nullptr;
}

// Everything a failing case has to say, each line after `indent`.
std::string failure_body(const CaseResult& c, std::string_view indent) {
  std::string out;
  for (const auto& m : c.mismatches)
    if (m.rule.empty()) out += fmt::format("{}{}\n", indent, mismatch_text(m));
  for (const auto& id : rules_named(c)) {
    out += fmt::format("{}{}:\n", indent, printable(id));
    for (const auto& m : c.mismatches)
      if (m.rule == id) out += fmt::format("{}  {}\n", indent, mismatch_text(m));
    const RuleOutcome* o = outcome_of(c, id);
    if (!o) continue;
    out += fmt::format("{}  outcome: {} \"{}\"\n", indent, status_name(o->status),
                       printable(o->message));
    for (const auto& note : o->notes) out += fmt::format("{}    {}\n", indent, printable(note));
    for (const auto& e : o->evidence) out += fmt::format("{}    {}\n", indent, evidence_line(e));
    if (o->decided_by.line != 0)
      out += fmt::format("{}    decided by {}\n", indent, printable(o->decided_by.to_string()));
  }
  for (const auto& e : c.errors) out += fmt::format("{}{}\n", indent, printable(e.to_string()));
  return out;
}

}  // namespace

std::string suite_text(const SuiteResult& suite, const PolicyInfo&, bool color) {
  std::string out;
  for (const auto& c : suite.cases) {
    std::string word(state_word(c.state));
    const std::size_t width = 6;
    std::string padded = word + std::string(width - word.size(), ' ');
    out += color ? fmt::format("{}{}{}", state_color(c.state), padded, kReset) : padded;
    out += printable(c.file);
    if (!c.description.empty()) out += fmt::format("  {}", printable(c.description));
    out += '\n';
    if (c.state != CaseResult::State::ok) out += failure_body(c, "      ");
  }
  out += counts_text(suite);
  out += '\n';
  return out;
}

std::string suite_junit(const SuiteResult& suite, const PolicyInfo& policy) {
  using report_detail::xml_escape;
  const std::size_t n = suite.cases.size(), failures = suite.count(CaseResult::State::fail),
                    errors = suite.count(CaseResult::State::error);
  std::string name = policy.title.empty() ? policy.id : policy.title.in(Lang::en);
  if (!policy.revision.empty()) name += fmt::format(" (revision {})", policy.revision);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
                     xml_escape("tekigo test: " + name, true), n, failures, errors);
  out += fmt::format(
      "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\">\n",
      xml_escape(policy.id, true), n, failures, errors);
  out += "    <properties>\n";
  out +=
      fmt::format("      <property name=\"policy\" value=\"{}\"/>\n", xml_escape(policy.id, true));
  out += fmt::format("      <property name=\"policy.revision\" value=\"{}\"/>\n",
                     xml_escape(policy.revision, true));
  out += fmt::format("      <property name=\"policy.file\" value=\"{}\"/>\n",
                     xml_escape(policy.file, true));
  out += "    </properties>\n";
  for (const auto& c : suite.cases) {
    std::string case_name = c.file;
    if (!c.description.empty()) case_name += ": " + c.description;
    // The policy is the package, the case file the class (dots would move Jenkins' split).
    std::string cls = c.file;
    std::replace(cls.begin(), cls.end(), '.', '_');
    out += fmt::format("    <testcase classname=\"{}\" name=\"{}\"",
                       xml_escape(policy.id + "." + cls, true), xml_escape(case_name, true));
    if (c.state == CaseResult::State::ok) {
      out += "/>\n";
      continue;
    }
    const std::string body = failure_body(c, "");
    if (c.state == CaseResult::State::fail) {
      out += fmt::format(">\n      <failure type=\"mismatch\" message=\"{}\">{}</failure>\n",
                         xml_escape(mismatch_text(c.mismatches.front()), true), xml_escape(body));
    } else {
      const std::string first = c.errors.empty() ? "error" : c.errors.front().to_string();
      out += fmt::format(">\n      <error type=\"error\" message=\"{}\">{}</error>\n",
                         xml_escape(first, true), xml_escape(body));
    }
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

std::string suite_json(const SuiteResult& suite, const PolicyInfo& policy) {
  auto str = [](std::string_view s) { return "\"" + json_escape(s) + "\""; };
  std::string out = fmt::format(
      "{{\"policy\":{{\"id\":{},\"title\":{},\"revision\":{},\"file\":{}}},\"cases\":[",
      str(policy.id), str(policy.title.in(Lang::en)), str(policy.revision), str(policy.file));
  for (std::size_t i = 0; i < suite.cases.size(); ++i) {
    const auto& c = suite.cases[i];
    if (i) out += ',';
    out += fmt::format("{{\"file\":{},\"description\":{},\"state\":\"{}\"", str(c.file),
                       str(c.description),
                       c.state == CaseResult::State::ok     ? "ok"
                       : c.state == CaseResult::State::fail ? "fail"
                                                            : "error");
    if (c.state != CaseResult::State::error)
      out += fmt::format(",\"verdict\":\"{}\"", verdict_name(c.result.verdict));
    out += ",\"mismatches\":[";
    for (std::size_t k = 0; k < c.mismatches.size(); ++k) {
      const auto& m = c.mismatches[k];
      out += fmt::format("{}{{\"rule\":{},\"what\":{},\"expected\":{},\"actual\":{}}}",
                         k ? "," : "", m.rule.empty() ? "null" : str(m.rule), str(m.what),
                         str(m.expected), str(m.actual));
    }
    out += "],\"errors\":[";
    for (std::size_t k = 0; k < c.errors.size(); ++k) {
      const auto& e = c.errors[k];
      out += fmt::format("{}{{\"file\":{},\"line\":{},\"column\":{},\"message\":{}}}", k ? "," : "",
                         str(e.file), e.line, e.column, str(e.message));
    }
    out += "]}";
  }
  out +=
      fmt::format("],\"passed\":{},\"failed\":{},\"errors\":{}", suite.count(CaseResult::State::ok),
                  suite.count(CaseResult::State::fail), suite.count(CaseResult::State::error));
  if (suite.coverage) out += ",\"coverage\":" + suite.coverage->json();
  out += "}\n";
  return out;
}

}  // namespace tekigo::engine
