// Fuzz targets `dump_json`, `dump_yaml` and `dump_jsonl` (this file, built once per format with
// TEKIGO_FUZZ_FORMAT): a dump's bytes through reading, validation and normalisation
// (parse_facts), each document read evaluated under a frozen policy (Russian-doll of matrices,
// quantifiers and patterns: tests/fixtures/policies/registry-2020.tkg) and written out in the
// json, text, junit and sarif reports. Invariants: nothing throws; a document read is written
// back (write_facts_json) to a dump that reads again without error and writes the same text.
#include <sstream>
#include <string>

#include "engine/eval/evaluator.hpp"
#include "engine/facts/fact_reader.hpp"
#include "engine/facts/fact_writer.hpp"
#include "engine/report/report.hpp"
#include "engine/report/summary.hpp"
#include "fuzz/frozen_policy.hpp"
#include "fuzz/fuzz_target.hpp"

using namespace tekigo;

namespace {

constexpr engine::FactFormat kFormat = engine::FactFormat::TEKIGO_FUZZ_FORMAT;

void write_reports(const fuzz::FrozenPolicy& policy, const engine::TerminalResult& result) {
  engine::SummaryBuilder summary;
  summary.add(result);
  for (auto format : {engine::ReportFormat::json, engine::ReportFormat::text,
                      engine::ReportFormat::junit, engine::ReportFormat::sarif}) {
    std::ostringstream out;
    auto writer = engine::make_report_writer(format, out, {});
    writer->begin(policy.info);
    writer->terminal(result);
    writer->end(summary.summary());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& policy = fuzz::frozen_policy("registry-2020.tkg");
  engine::FactLoad load = engine::parse_facts(fuzz::text_of(data, size), "fuzz", kFormat);
  for (auto& error : load.errors)
    if (error.to_string().empty()) fuzz::fuzz_failure("an error without words");
  for (auto& document : load.documents) {
    const std::string written = engine::write_facts_json(document.root);
    engine::FactLoad reread = engine::parse_facts(written, "written", engine::FactFormat::json);
    if (!reread.errors.empty() || reread.documents.size() != 1)
      fuzz::fuzz_failure(
          "a dump read and written back does not read again",
          written + "\n" + (reread.errors.empty() ? "" : reread.errors[0].to_string()));
    if (engine::write_facts_json(reread.documents[0].root) != written)
      fuzz::fuzz_failure("a dump written, read and written again changed", written);

    engine::Evaluation evaluation(policy.graph);
    evaluation.reset(std::move(document.root));
    engine::TerminalResult result;
    result.source = document.source;
    result.subject = document.subject();
    result.rules = evaluation.outcomes();
    result.verdict = engine::verdict_of(result.rules);
    result.warnings = evaluation.warnings();
    write_reports(policy, result);
  }
  return 0;
}
