// engine: the junit report — JUnit XML as Jenkins, GitLab and most CI servers read it. One
// <testsuite> per terminal, written as it arrives; one <testcase> per rule:
//   fail → <failure>, unknown → <error> (the rule could not be decided: not a failed
//   assertion, but no pass either), manual → <error type="manual"> (a check nobody attested
//   for: <skipped> would let CI servers count it as neither failed nor pending, which hides
//   it; the terminal's verdict is `manual`, not pass), n/a → <skipped>, warn → passes with the
//   warning in <system-out>. A dump that could not be read → a testsuite with one <error>.
// The SHA-256 of the policy, the dump and the facts files, and the attestations, are
// properties of each testsuite.
// A testcase's classname is "terminal.citation" (see classname()).
// <testsuites> carries no totals: they are known only at the end (CI servers add them up).
#include <fmt/format.h>

#include <algorithm>

#include "engine/report/escaping.hpp"
#include "engine/report/json_members.hpp"
#include "engine/report/spool.hpp"
#include "engine/report/words.hpp"
#include "engine/report/writers.hpp"

namespace tekigo::engine::report_detail {

namespace {

class JunitWriter final : public ReportWriter {
 public:
  JunitWriter(std::ostream& out, const ReportOptions& options)
      : out_(out),
        w_(words(options.lang)),
        lang_(options.lang),
        as_of_(options.as_of ? options.as_of->to_string() : ""),
        facts_files_(options.facts_files) {}

  void begin(const PolicyInfo& policy) override {
    policy_ = policy.id;
    revision_ = policy.revision;
    policy_sha256_ = policy.sha256;
    std::string name = policy.title.empty() ? policy.id : policy.title.in(lang_);
    if (!policy.revision.empty()) name += fmt::format(" ({} {})", w_.revision, policy.revision);
    std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"";
    s += xml_escape(name, true);
    s += "\">\n";
    write_to(out_, s);
    begun_ = true;
  }

  void terminal(const TerminalResult& r) override {
    if (!begun_) begin({});
    const std::string& name = r.subject.empty() ? r.source : r.subject;
    std::string s;
    if (r.verdict == Verdict::error) {
      s += fmt::format(
          "  <testsuite name=\"{}\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n",
          xml_escape(name, true));
      properties(s, r);
      s += fmt::format("    <testcase classname=\"{}\" name=\"{}\">\n",
                       xml_escape(classname(name, "tekigo"), true),
                       xml_escape(fmt::format(fmt::runtime(w_.cannot_read), r.source), true));
      s += fmt::format("      <error type=\"error\" message=\"{}\">{}</error>\n",
                       xml_escape(r.error, true), xml_escape(r.error));
      s += "    </testcase>\n  </testsuite>\n";
      write_to(out_, s);
      return;
    }

    const auto counts = status_counts(r);
    const auto n = [&](Status st) { return counts[static_cast<std::size_t>(st)]; };
    s += fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">\n",
        xml_escape(name, true), r.rules.size(), n(Status::fail),
        n(Status::unknown) + n(Status::manual), n(Status::not_applicable));
    properties(s, r);
    for (const auto& rule : r.rules) testcase(s, name, r, rule);
    // The terminal's warnings: about the check as a whole, no test case's.
    if (!r.warnings.empty()) {
      std::string out;
      for (const auto& warning : r.warnings)
        out += fmt::format("{}{}: {}", out.empty() ? "" : "\n", w_.warning, warning);
      s += fmt::format("    <system-out>{}</system-out>\n", xml_escape(out));
    }
    s += "  </testsuite>\n";
    write_to(out_, s);
  }

  void end(const BatchSummary&) override {
    if (!begun_) begin({});
    write_to(out_, "</testsuites>\n");
    out_.flush();
  }

 private:
  void properties(std::string& s, const TerminalResult& r) const {
    s += "    <properties>\n";
    property(s, "source", r.source);
    property(s, "subject", r.subject);
    property(s, "verdict", verdict_name(r.verdict));
    property(s, "policy", policy_);
    property(s, "policy.revision", revision_);
    if (!as_of_.empty()) property(s, "as_of", as_of_);
    if (!policy_sha256_.empty()) property(s, "policy.sha256", policy_sha256_);
    if (!r.sha256.empty()) property(s, "sha256", r.sha256);
    for (std::size_t i = 0; i < facts_files_.size(); ++i) {
      property(s, fmt::format("facts.{}", i + 1), facts_files_[i].file);
      property(s, fmt::format("facts.{}.sha256", i + 1), facts_files_[i].sha256);
    }
    for (std::size_t i = 0; i < r.attestations.size(); ++i)
      property(s, fmt::format("attestation.{}", i + 1),
               attestation_phrase(w_, r.attestations[i], true));
    s += "    </properties>\n";
  }

  static void property(std::string& s, std::string_view name, std::string_view value) {
    s += fmt::format("      <property name=\"{}\" value=\"{}\"/>\n", name, xml_escape(value, true));
  }

  // The message, the notes, the evidence and where the decision was made, one per line.
  std::string body(const TerminalResult& r, const RuleOutcome& rule) const {
    std::string b = rule.message.empty() ? rule.title : rule.message;
    if (!rule.rationale.empty()) b += fmt::format("\n{}: {}", w_.rationale, rule.rationale);
    if (const Attestation* a = rule_attestation(r, rule))
      b += "\n" + attestation_phrase(w_, *a, true);
    for (const auto& note : rule.notes) {
      b += '\n';
      b += note;
    }
    for (const auto& e : rule.evidence) {
      b += fmt::format("\n{} = {}", e.path, e.absent ? std::string(w_.absent) : e.value);
      if (!e.expected.empty()) b += fmt::format("   ({} {})", w_.expected, e.expected);
    }
    if (rule.decided_by.line != 0)
      b += fmt::format("\n{} {}", w_.decided_by, rule.decided_by.to_string());
    return b;
  }

  // JUnit's classname is a dotted "package.Class": Jenkins splits it at the last dot into a
  // package and a class, GitLab and Azure DevOps group cases by it. The terminal is the
  // package and the rule's citation the class, so that each terminal's cases group apart (a
  // citation alone would merge the same clause of every terminal into one class). A dot in the
  // citation ("§4.2") would move the split, so the class spells it "_" ("§4_2"); dots in the
  // terminal's name (a host name) only make the package dotted, as packages are.
  static std::string classname(std::string_view terminal, std::string_view rule) {
    std::string cls(rule);
    std::replace(cls.begin(), cls.end(), '.', '_');
    return fmt::format("{}.{}", terminal, cls);
  }

  void testcase(std::string& s, std::string_view terminal, const TerminalResult& r,
                const RuleOutcome& rule) const {
    std::string name = rule.id;
    if (!rule.title.empty()) name += ": " + rule.title;
    s += fmt::format("    <testcase classname=\"{}\" name=\"{}\"",
                     xml_escape(classname(terminal, rule.cite.empty() ? rule.id : rule.cite), true),
                     xml_escape(name, true));
    const std::string& message = rule.message.empty() ? rule.title : rule.message;
    const std::string label(status_label(w_, rule.status));
    switch (rule.status) {
      case Status::pass:
        if (const Attestation* a = rule_attestation(r, rule)) {
          s += fmt::format(">\n      <system-out>{}</system-out>\n    </testcase>\n",
                           xml_escape(attestation_phrase(w_, *a, true)));
          return;
        }
        s += "/>\n";
        return;
      case Status::fail:
        s += fmt::format(">\n      <failure type=\"fail\" message=\"{}\">{}</failure>\n",
                         xml_escape(message, true), xml_escape(body(r, rule)));
        break;
      case Status::unknown:
        s += fmt::format(">\n      <error type=\"unknown\" message=\"{}\">{}</error>\n",
                         xml_escape(message, true), xml_escape(body(r, rule)));
        break;
      case Status::manual:
        s += fmt::format(">\n      <error type=\"manual\" message=\"{}\">{}</error>\n",
                         xml_escape(label + ": " + message, true), xml_escape(body(r, rule)));
        break;
      case Status::not_applicable:
        s += fmt::format(">\n      <skipped message=\"{}\"/>\n",
                         xml_escape(label + ": " + message, true));
        break;
      case Status::warn:
        s += fmt::format(">\n      <system-out>{}</system-out>\n",
                         xml_escape(label + ": " + body(r, rule)));
        break;
    }
    s += "    </testcase>\n";
  }

  std::ostream& out_;
  const Words& w_;
  Lang lang_;
  std::string as_of_;
  std::vector<HashedFile> facts_files_;
  std::string policy_, revision_, policy_sha256_;
  bool begun_ = false;
};

}  // namespace

std::unique_ptr<ReportWriter> make_junit_writer(std::ostream& out, const ReportOptions& options) {
  return std::make_unique<JunitWriter>(out, options);
}

}  // namespace tekigo::engine::report_detail
