// engine/suite: clause → rules → cases → examples for the rendered document (doc_trace.hpp).
#include "engine/suite/doc_trace.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include "engine/common/text_file.hpp"

namespace tekigo::engine {

namespace {

struct Walk {
  const TraceInputs& inputs;
  Traceability out;
  std::map<std::string, std::size_t> clause_at;  // cite → index in out.clauses

  TraceClause& clause(const std::string& cite, const LocalText& title) {
    auto found = clause_at.find(cite);
    if (found != clause_at.end()) return out.clauses[found->second];
    clause_at[cite] = out.clauses.size();
    out.clauses.push_back({cite, title, false, {}, {}});
    return out.clauses.back();
  }

  bool case_ok(const std::string& file) const {
    for (const auto& c : inputs.suite->cases)
      if (c.file == file) return c.state == CaseResult::State::ok;
    return false;
  }

  TraceRule rule(const DocRule& r) const {
    TraceRule t;
    t.id = r.id;
    if (inputs.suite) {
      if (inputs.cases)
        for (const auto& c : *inputs.cases)
          for (const auto& e : c.rules) {
            if (e.rule != r.id) continue;
            t.cases.push_back({utf8_of(path_from_utf8(c.file).filename()),
                               e.status ? std::string(status_name(*e.status)) : std::string(),
                               case_ok(c.file)});
          }
      if (inputs.suite->coverage)
        for (const auto& rc : inputs.suite->coverage->rules())
          if (rc.id == r.id) {
            t.sides = rc.sides();
            t.covered = rc.covered();
          }
    }
    if (inputs.examples)
      for (const auto& e : *inputs.examples)
        for (const auto& o : e.rules)
          if (o.id == r.id)
            t.examples.push_back(
                {utf8_of(path_from_utf8(e.source).filename()), std::string(status_name(o.status))});
    return t;
  }

  void section(const DocSection& s) {
    if (s.rules.empty() && s.sections.empty() && s.clauses.empty()) {
      TraceClause& c = clause(s.cite, s.title);
      c.informational = s.informational;
    }
    // The outline first, in the document's order: each clause with the rules that encode it.
    for (const auto& c : s.clauses) {
      TraceClause& t = clause(c.cite, c.title);
      t.informational = c.informational;
      for (const auto& r : s.rules)
        if (std::find(r.clauses.begin(), r.clauses.end(), c.cite) != r.clauses.end())
          t.rules.push_back(rule(r));
    }
    for (const auto& r : s.removed) clause(r.cite, r.title).removed_in.push_back(r.revision);
    // Rules that name no clause of an outline, by their own citation.
    for (const auto& r : s.rules) {
      if (!s.clauses.empty() && !r.clauses.empty()) continue;
      LocalText title = r.own_cite.empty() ? s.title : LocalText{};
      clause(r.cite, title).rules.push_back(rule(r));
    }
    for (const auto& inner : s.sections) section(inner);
  }
};

}  // namespace

Traceability trace_document(const PolicyDocument& doc, const TraceInputs& inputs) {
  Walk walk{inputs, {}, {}};
  walk.out.has_cases = inputs.suite != nullptr;
  walk.out.has_examples = inputs.examples != nullptr;
  walk.out.cases_folder = inputs.cases_folder;
  if (inputs.suite) {
    walk.out.case_count = inputs.suite->cases.size();
    walk.out.case_failures =
        inputs.suite->cases.size() - inputs.suite->count(CaseResult::State::ok);
  }
  for (const auto& r : doc.loose_rules) walk.clause(r.cite, {}).rules.push_back(walk.rule(r));
  for (const auto& s : doc.sections) walk.section(s);
  return walk.out;
}

}  // namespace tekigo::engine
