// cli: `tekigo impact OLD NEW DUMP...` — the impact of a revision on a fleet: both policies
// compiled (dsl), every dump evaluated under both on all cores (engine's run_impact: one read,
// two evaluations), the report streamed (engine's impact writers). Exit codes: 0 no terminal
// changes verdict, 1 some do, 2 usage, policy or dump errors. Thin on purpose: everything but
// the options lives in the engine, so that `tekigo diff OLD NEW DUMP...` can take it over.
#include <unistd.h>

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "engine/batch/impact.hpp"
#include "engine/report/impact_report.hpp"

namespace tekigo::cli {

CLI::App* add_impact(CLI::App& app, ImpactArgs& args) {
  CLI::App* impact = app.add_subcommand(
      "impact",
      "The impact of a revision on a fleet: every dump checked under OLD and NEW, and what "
      "changes. Exit codes: 0 no terminal changes verdict, 1 some do, 2 usage, policy or dump "
      "errors.");
  by_name(
      impact->add_option("OLD", args.baseline,
                         "The policy before the revision (.tkg, or an installed policy's name)."))
      ->required();
  by_name(
      impact->add_option("NEW", args.revised,
                         "The policy after the revision (.tkg, or an installed policy's name)."))
      ->required();
  impact
      ->add_option("DUMP", args.dumps,
                   "Fact dumps: files (.json, .jsonl, .yaml), directories searched recursively, "
                   "or - for JSON Lines on stdin.")
      ->required();
  const auto formats = engine::impact_format_names();
  impact
      ->add_option("--format,-f", args.format,
                   "Report format: text, markdown, json or html; see docs/reports.md.")
      ->check(CLI::IsMember(std::vector<std::string>(formats.begin(), formats.end())))
      ->capture_default_str();
  impact
      ->add_option("--lang", args.lang,
                   "Language of the report's own words: en or ja (json is never translated).")
      ->check(CLI::IsMember({"en", "ja"}))
      ->capture_default_str();
  impact->add_option("--as-of", args.as_of,
                     "The check date of both evaluations, YYYY-MM-DD (default: today, UTC).");
  impact
      ->add_option("--facts", args.facts,
                   "Extra facts merged into every dump, in order (e.g. a facility attestation).")
      ->allow_extra_args(false);
  add_jobs_option(*impact, args.jobs);
  impact->add_flag("--quiet,-q", args.quiet, "Print no report; the exit code tells the result.");
  return impact;
}

int run_impact(const ImpactArgs& args) {
  if (!jobs_in_range(args.jobs, "impact")) return kExitError;
  std::optional<engine::Date> as_of =
      args.as_of.empty() ? today_utc() : engine::Date::parse(args.as_of);
  if (!as_of) {
    complain(fmt::format("impact: --as-of: expected a date YYYY-MM-DD, got `{}`", args.as_of));
    return kExitError;
  }
  // Both are compiled, so that the diagnostics of both are shown at once.
  const bool color = use_color("auto", STDERR_FILENO);
  dsl::CompileResult baseline = compile_policy(args.baseline, color);
  dsl::CompileResult revised = compile_policy(args.revised, color);
  if (!baseline.ok() || !revised.ok()) return kExitError;
  auto extra = load_extra_facts(args.facts);
  if (!extra) return kExitError;
  DumpInputs dumps = find_dumps(args.dumps);
  if (!dumps.found) return kExitError;

  engine::ImpactOptions options;
  options.baseline_plan = &baseline.policy->plan;
  options.plan = &revised.policy->plan;
  engine::ImpactBuilder builder(*baseline.policy->graph, *revised.policy->graph, options);

  std::unique_ptr<engine::ImpactWriter> writer;
  if (!args.quiet) {
    engine::ReportOptions report;
    report.lang = engine::parse_report_lang(args.lang).value_or(engine::ReportLang::en);
    report.tool_version = TEKIGO_VERSION;
    writer = engine::make_impact_writer(
        engine::parse_impact_format(args.format).value_or(engine::ImpactFormat::text), std::cout,
        report);
    writer->begin({baseline.policy->info, revised.policy->info, as_of});
  }

  engine::BatchOptions batch;
  batch.jobs = args.jobs;
  batch.extra_facts = std::move(*extra);
  batch.evaluation.evidence = true;  // what unknown rules lack is read from their evidence
  batch.evaluation.pass_evidence = false;
  batch.evaluation.as_of = as_of;
  batch.on_idle = [] { std::cout.flush(); };
  engine::run_impact(
      {baseline.policy->graph, revised.policy->graph}, dumps.inputs, batch, builder,
      [&](const engine::TerminalImpact& terminal) {
        if (writer) writer->terminal(terminal);
      },
      [](const engine::FactError& error) { complain(error.to_string()); }, dumps.walk_errors);

  const engine::FleetImpact impact = builder.impact();
  if (writer) writer->end(impact);
  std::cout.flush();
  if (!std::cout) {
    complain("cannot write the report");
    return kExitError;
  }
  if (!impact.error_sources.empty() || impact.count_under_new(engine::Verdict::error) != 0)
    return kExitError;
  return impact.verdict_changes != 0 ? kExitFail : kExitPass;
}

}  // namespace tekigo::cli
