// engine/report: the impact report as one JSON document, for tools; never translated.
//   {"baseline": {policy}, "policy": {policy}, "as_of": "2025-06-01" | null,
//    "terminals": [{source, subject, verdict, baseline_verdict, changed: [ids],
//                   changes: [{id, from, to}], error?}, …],          every terminal, in input order
//    "summary": {terminals, evaluated, verdict_changes, status_changes,
//                verdicts: {baseline: {pass: n, …}, revised: {…}},
//                transitions: [{from, to, terminals}],                 non-zero, OLD's order
//                rules: [{id, cite, title, nature, changed, transitions: [{from, to, terminals}]}],
//                unknown_rules: [{id, cite, title, nature, unknown, unknown_before, collect_again,
//                                 missing: [{kind, path, wanted, target, probe, terminals,
//                                 new_in_plan}]}],
//                error_sources: [...]}}
// A status on the side without the rule is null. docs/reports.md describes every member.
#include <fmt/format.h>

#include "engine/report/impact_writers.hpp"
#include "engine/report/json_members.hpp"
#include "engine/report/spool.hpp"
#include "engine/report/words.hpp"

namespace tekigo::engine::report_detail {

namespace {

void side_status_field(std::string& s, std::string_view key, SideStatus status, bool comma = true) {
  s += fmt::format("{}\"{}\":", comma ? "," : "", key);
  if (status)
    json_string(s, status_name(*status));
  else
    s += "null";
}

std::string_view missing_kind(MissingFact::Kind kind) {
  switch (kind) {
    case MissingFact::Kind::fact:
      return "fact";
    case MissingFact::Kind::name:
      return "name";
    case MissingFact::Kind::probe:
      return "probe";
  }
  return "fact";
}

class ImpactJsonWriter final : public ImpactWriter {
 public:
  explicit ImpactJsonWriter(std::ostream& out) : out_(out) {}

  void begin(const ImpactHeader& h) override {
    std::string s = "{\"baseline\":";
    policy(s, h.baseline);
    s += ",\"policy\":";
    policy(s, h.revised);
    s += ",\"as_of\":";
    if (h.as_of)
      json_string(s, h.as_of->to_string());
    else
      s += "null";
    s += ",\"terminals\":[";
    write_to(out_, s);
    begun_ = true;
  }

  void terminal(const TerminalImpact& t) override {
    if (!begun_) begin({});
    std::string s = first_ ? "\n{" : ",\n{";
    first_ = false;
    json_field(s, "source", t.source, false);
    json_field(s, "subject", t.subject);
    json_field(s, "verdict", verdict_name(t.verdict));
    json_field(s, "baseline_verdict", verdict_name(t.baseline_verdict));
    if (!t.error.empty()) json_field(s, "error", t.error);
    s += ",\"changed\":[";
    for (std::size_t i = 0; i < t.changed.size(); ++i) {
      if (i) s += ',';
      json_string(s, t.changed[i].id);
    }
    s += "],\"changes\":[";
    for (std::size_t i = 0; i < t.changed.size(); ++i) {
      s += i ? ",{" : "{";
      json_field(s, "id", t.changed[i].id, false);
      side_status_field(s, "from", t.changed[i].from);
      side_status_field(s, "to", t.changed[i].to);
      s += '}';
    }
    s += "]}";
    write_to(out_, s);
  }

  void end(const FleetImpact& impact) override {
    if (!begun_) begin({});
    std::string s = first_ ? "]," : "\n],";
    s += fmt::format(
        "\"summary\":{{\"terminals\":{},\"evaluated\":{},\"verdict_changes\":{},"
        "\"status_changes\":{},\"verdicts\":{{\"baseline\":{{",
        impact.terminals, impact.evaluated, impact.verdict_changes, impact.status_changes);
    const char* sep = "";
    for (Verdict v : kVerdicts) {
      s += fmt::format("{}\"{}\":{}", sep, verdict_name(v), impact.count_under_old(v));
      sep = ",";
    }
    s += "},\"revised\":{";
    sep = "";
    for (Verdict v : kVerdicts) {
      s += fmt::format("{}\"{}\":{}", sep, verdict_name(v), impact.count_under_new(v));
      sep = ",";
    }
    s += "}},\"transitions\":[";
    sep = "";
    for (Verdict from : kVerdicts)
      for (Verdict to : kVerdicts)
        if (const std::size_t n = impact.count(from, to)) {
          s += fmt::format("{}{{\"from\":\"{}\",\"to\":\"{}\",\"terminals\":{}}}", sep,
                           verdict_name(from), verdict_name(to), n);
          sep = ",";
        }
    s += "],\"rules\":[";
    for (std::size_t i = 0; i < impact.rules.size(); ++i) {
      const RuleImpact& r = impact.rules[i];
      s += i ? ",{" : "{";
      json_field(s, "id", r.id, false);
      json_field(s, "cite", r.cite);
      json_field(s, "title", r.title);
      json_field(s, "nature", rule_nature_name(r.nature));
      s += fmt::format(",\"changed\":{},\"transitions\":[", r.changed);
      bool first = true;
      for (std::size_t from = 0; from < kSideStates; ++from)
        for (std::size_t to = 0; to < kSideStates; ++to)
          if (const std::size_t n = r.transitions[from][to]) {
            s += first ? "{" : ",{";
            first = false;
            side_status_field(s, "from", side_status(from), false);
            side_status_field(s, "to", side_status(to));
            s += fmt::format(",\"terminals\":{}}}", n);
          }
      s += "]}";
    }
    s += "],\"unknown_rules\":[";
    for (std::size_t i = 0; i < impact.unknown_rules.size(); ++i) {
      const UnknownRule& u = impact.unknown_rules[i];
      s += i ? ",{" : "{";
      json_field(s, "id", u.id, false);
      json_field(s, "cite", u.cite);
      json_field(s, "title", u.title);
      json_field(s, "nature", rule_nature_name(u.nature));
      s += fmt::format(",\"unknown\":{},\"unknown_before\":{},\"collect_again\":{},\"missing\":[",
                       u.unknown, u.unknown_before, u.collect_again() ? "true" : "false");
      for (std::size_t j = 0; j < u.missing.size(); ++j) {
        const MissingFact& m = u.missing[j];
        s += j ? ",{" : "{";
        json_field(s, "kind", missing_kind(m.kind), false);
        json_field(s, "path", m.path);
        json_field(s, "wanted", m.wanted);
        json_field(s, "target", m.target);
        json_field(s, "probe", m.probe);
        s += fmt::format(",\"terminals\":{},\"new_in_plan\":{}}}", m.dumps,
                         m.new_in_plan ? "true" : "false");
      }
      s += "]}";
    }
    s += "],\"error_sources\":[";
    for (std::size_t i = 0; i < impact.error_sources.size(); ++i) {
      if (i) s += ',';
      json_string(s, impact.error_sources[i]);
    }
    s += "]}}\n";
    write_to(out_, s);
    out_.flush();
  }

 private:
  static void policy(std::string& s, const PolicyInfo& p) {
    s += '{';
    json_field(s, "id", p.id, false);
    json_field(s, "title", p.title.in(Lang::en));
    json_field(s, "revision", p.revision);
    json_field(s, "effective", p.effective);
    json_field(s, "source", p.source);
    json_field(s, "file", p.file);
    s += '}';
  }

  std::ostream& out_;
  bool begun_ = false;
  bool first_ = true;
};

}  // namespace

std::unique_ptr<ImpactWriter> make_impact_json_writer(std::ostream& out) {
  return std::make_unique<ImpactJsonWriter>(out);
}

}  // namespace tekigo::engine::report_detail
