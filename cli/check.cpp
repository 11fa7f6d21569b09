// cli: `tekigo check` — compile the policy (dsl), read and evaluate the dumps on all cores
// (engine's batch) or collect this terminal's facts and check them as they come (--live, the
// engine's live check fed by the collectors), and stream the report (engine). Maps results to
// exit codes: 0 pass, 1 fail, 3 unknown, 4 manual (pending attestation), 2 usage, policy or
// dump errors, or an attestation refused.
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "collectors/collector.hpp"
#include "engine/batch/batch.hpp"
#include "engine/batch/dump_errors.hpp"
#include "engine/batch/live_check.hpp"
#include "engine/facts/fact_dump.hpp"
#include "engine/report/progress_line.hpp"
#include "engine/report/report.hpp"

namespace tekigo::cli {

namespace {

// The progress line is redrawn after this many inputs (and once at the end).
constexpr std::size_t kProgressEvery = 64;

int exit_code_of(engine::Verdict worst) {
  switch (worst) {
    case engine::Verdict::error:
      return kExitError;
    case engine::Verdict::fail:
      return kExitFail;
    case engine::Verdict::unknown:
      return kExitUnknown;
    case engine::Verdict::manual:
      return kExitManual;
    case engine::Verdict::warn:
    case engine::Verdict::pass:
      return kExitPass;
  }
  return kExitError;
}

// The check date: --as-of, or today's date in UTC. `usable` has refused a malformed --as-of
// already.
engine::Date check_date(const CheckArgs& args) {
  if (auto given = engine::Date::parse(args.as_of)) return *given;
  return today_utc();
}

// The language of the outcomes is the report's (`--lang`): the evaluation writes every text
// in it, so that every format agrees.
engine::EvaluationOptions evaluation_options(const CheckArgs& args, engine::Date as_of) {
  engine::EvaluationOptions options;
  options.as_of = as_of;
  options.lang = engine::parse_lang(args.lang).value_or(engine::Lang::en);
  return options;
}

engine::ReportFormat report_format(const CheckArgs& args) {
  return engine::parse_report_format(args.format).value_or(engine::ReportFormat::text);
}

engine::ReportOptions report_options(const CheckArgs& args, engine::Date as_of,
                                     const std::vector<engine::FactPart>& facts) {
  engine::ReportOptions options;
  for (const auto& part : facts) options.facts_files.push_back({part.source, part.sha256});
  options.color = use_color(args.color, STDOUT_FILENO);
  options.verbose = args.verbose;
  options.show_passing_evidence = args.show_passing_evidence;
  options.hide_passing = args.hide_passing;
  options.lang = engine::parse_report_lang(args.lang).value_or(engine::ReportLang::en);
  options.tool_version = TEKIGO_VERSION;
  options.as_of = as_of;
  return options;
}

// What the options parser cannot refuse alone; false (said on stderr) for a usage error.
bool usable(const CheckArgs& args) {
  if (!args.live && args.dumps.empty()) {
    complain("check: give dumps to check, or --live to collect this terminal's facts");
    return false;
  }
  if (args.live && !args.dumps.empty()) {
    complain("check: --live collects this terminal's facts; give no dumps with it");
    return false;
  }
  if (!jobs_in_range(args.jobs, "check")) return false;
  if (!args.as_of.empty() && !engine::Date::parse(args.as_of)) {
    complain(fmt::format("check: --as-of: expected a date YYYY-MM-DD such as 2024-10-01, not `{}`",
                         args.as_of));
    return false;
  }
  if (args.hide_passing && args.show_passing_evidence) {
    complain(
        "check: --hide-passing leaves out the passing rules whose evidence "
        "--show-passing-evidence asks for; give one or the other");
    return false;
  }
  // The other formats are for tools, which filter for themselves, or html, which has its own
  // filter: the option changes nothing there, and saying so beats silently ignoring it.
  const engine::ReportFormat format = report_format(args);
  if (args.hide_passing && format != engine::ReportFormat::text &&
      format != engine::ReportFormat::markdown)
    complain(
        fmt::format("--hide-passing applies to text and markdown; ignored for {}", args.format));
  return true;
}

// `check --live`: this terminal's facts, collected and fed to the engine's live check as each
// part arrives (probes finish last).
int run_live_check(const CheckArgs& args, engine::Date as_of, const dsl::CompiledPolicy& policy,
                   const std::vector<engine::FactPart>& attested) {
  auto collect = [&](const engine::CollectedPartSink& on_part) {
    return collectors::collect(
        &policy.plan, collect_options(args.subject, args.timeout, args.no_network),
        [&](const collectors::StepResult& part) { on_part(part.step, part.facts); });
  };
  auto on_progress = [&](const engine::LiveProgress& progress) {
    if (!args.quiet)
      std::cerr << fmt::format("tekigo: collected {}: {} of {} rules decided\n", progress.step,
                               progress.decided, progress.rules);
  };
  const engine::TerminalResult result = engine::check_live(
      policy.graph, attested, collect, on_progress, evaluation_options(args, as_of));

  engine::SummaryBuilder summary;
  summary.add(result);
  if (!args.quiet) {
    auto writer = engine::make_report_writer(report_format(args), std::cout,
                                             report_options(args, as_of, attested));
    writer->begin(policy.info);
    writer->terminal(result);
    writer->end(summary.summary());
  }
  std::cout.flush();
  return exit_code_of(summary.summary().worst());
}

// `check POLICY DUMP…`: the dumps read, parsed and evaluated on all cores by the engine's
// batch; results arrive here in input order and are streamed to the report.
int run_batch_check(const CheckArgs& args, engine::Date as_of, const dsl::CompiledPolicy& policy,
                    std::vector<engine::FactPart> extra) {
  DumpInputs dumps = find_dumps(args.dumps);
  if (!dumps.found) return kExitError;

  std::unique_ptr<engine::ReportWriter> writer;
  if (!args.quiet)
    writer = engine::make_report_writer(report_format(args), std::cout,
                                        report_options(args, as_of, extra));
  engine::SummaryBuilder summary;

  const bool show_progress = !args.quiet && isatty(STDERR_FILENO) == 1;
  // The report reaches the same screen when standard output is a terminal too (most likely
  // the same one): the progress line must make way for it as for an error line.
  const bool report_on_terminal = writer && isatty(STDOUT_FILENO) == 1;
  engine::ProgressLine progress(std::cerr, show_progress,
                                report_on_terminal ? &std::cout : nullptr);

  auto emit = [&](const engine::TerminalResult& result) {
    if (writer) {
      progress.make_way_for_report();
      writer->terminal(result);
    }
    summary.add(result);
  };
  // Bad dumps: a line on stderr per problem, then one error result per dump.
  auto emit_errors = [&](const std::vector<engine::FactError>& errors) {
    for (const auto& error : errors) {
      progress.clear();
      complain(error.to_string());
    }
    for (const auto& result : engine::error_results(errors)) emit(result);
  };

  if (writer) writer->begin(policy.info);
  emit_errors(dumps.walk_errors);

  engine::BatchOptions batch_options;
  batch_options.jobs = args.jobs;
  batch_options.extra_facts = std::move(extra);
  batch_options.evaluation = evaluation_options(args, as_of);
  batch_options.evaluation.evidence = true;
  // Passing rules' evidence costs more than deciding them; it is collected when asked for.
  batch_options.evaluation.pass_evidence = args.show_passing_evidence;
  // Whatever is written reaches the reader whenever the batch waits for more input: results
  // read from a slow producer on stdin (a Kafka consumer, Spark's pipe) come out line by line
  // instead of when the stdout buffer fills. One flush per wait: cheap. The writers keep no
  // buffer of their own (markdown and html hold their details back by design).
  batch_options.on_idle = [] { std::cout.flush(); };
  engine::ProgressCounts counts;
  if (dumps.one_dump_per_input) counts.files = dumps.inputs.size();
  auto draw_progress = [&] {
    counts.fail = summary.count(engine::Verdict::fail);
    counts.unknown = summary.count(engine::Verdict::unknown);
    progress.draw(counts);
  };
  engine::run_batch(policy.graph, dumps.inputs, batch_options, [&](engine::BatchItem&& item) {
    for (const auto& result : item.results) emit(result);
    emit_errors(item.errors);
    ++counts.done;
    if (counts.done % kProgressEvery == 0) draw_progress();
  });
  // The final count (unless just drawn), then the line makes way for the summary.
  if (counts.done % kProgressEvery != 0) draw_progress();
  progress.clear();

  const engine::BatchSummary batch = summary.summary();
  if (writer) writer->end(batch);
  std::cout.flush();
  if (!std::cout) {
    complain("cannot write the report");
    return kExitError;
  }
  return exit_code_of(batch.worst());
}

}  // namespace

CLI::App* add_check(CLI::App& app, CheckArgs& args) {
  CLI::App* check = app.add_subcommand("check", "Check fact dumps against a policy.");
  check->footer(
      "Verdicts, worst first: fail > unknown > manual > warn > pass (manual: only manual checks "
      "nobody attested for are open — pending attestation).\n"
      "Exit status: 0 every terminal passes (warnings allowed), 1 some terminal fails, 3 none "
      "fails but some is unknown, 4 none fails or is unknown but some is pending attestation, "
      "2 a usage, policy or dump error, or an attestation refused for a dump outside its "
      "scope.");
  by_name(check->add_option("POLICY", args.policy,
                            "The policy file (.tkg), or an installed policy's name."))
      ->required();
  check->add_option("DUMP", args.dumps,
                    "Fact dumps: files (.json, .jsonl, .yaml), directories searched recursively, "
                    "or - for JSON Lines on stdin.");
  add_jobs_option(*check, args.jobs);
  check->add_option("--as-of", args.as_of,
                    "The check date, YYYY-MM-DD: what `today` and the policy's from/until "
                    "windows are judged at (default: today's date in UTC).");
  check->add_flag("--live", args.live,
                  "Collect this terminal's facts and check them (no dumps are read).");
  check->add_flag("--no-network", args.no_network, "With --live: do not probe names and ports.");
  check->add_option("--subject", args.subject,
                    "With --live: the terminal's id (default: host name).");
  check->add_option("--timeout", args.timeout, "With --live: seconds allowed for each command.")
      ->check(CLI::PositiveNumber);
  const auto formats = engine::report_format_names();
  check
      ->add_option("--format,-f", args.format,
                   "Report format: text, json, jsonl (a line per terminal), junit (JUnit XML), "
                   "sarif (SARIF 2.1.0), markdown or html (one self-contained page); "
                   "see docs/reports.md.")
      ->check(CLI::IsMember(std::vector<std::string>(formats.begin(), formats.end())))
      ->capture_default_str();
  check
      ->add_option("--lang", args.lang,
                   "Language of the report: en or ja. Its own words, the engine's explanations "
                   "and the policy's sentences where the policy gives them in that language "
                   "(else in the other); json and jsonl say it in \"lang\".")
      ->check(CLI::IsMember({"en", "ja"}))
      ->capture_default_str();
  check
      ->add_option("--facts", args.facts,
                   "Extra facts merged into every dump, in order (e.g. a facility attestation).")
      ->allow_extra_args(false);
  add_color_option(check, args.color, "Colour the text report.");
  check->add_flag("--quiet,-q", args.quiet, "Print no report; the exit code tells the result.");
  check->add_flag("--verbose,-v", args.verbose,
                  "Show rule titles and where each decision was made.");
  check->add_flag("--show-passing-evidence", args.show_passing_evidence,
                  "Show evidence under passing rules too.");
  check->add_flag("--hide-passing", args.hide_passing,
                  "List only the rules to act on (warn, fail, unknown, manual) and count the "
                  "rest; a passing terminal is one line. text and markdown only.");
  return check;
}

int run_check(const CheckArgs& args) {
  if (!usable(args)) return kExitError;
  dsl::CompileResult compiled = compile_policy(args.policy, use_color(args.color, STDERR_FILENO));
  if (!compiled.ok()) return kExitError;
  const dsl::CompiledPolicy& policy = *compiled.policy;

  auto extra = load_extra_facts(args.facts);
  if (!extra) return kExitError;

  const engine::Date as_of = check_date(args);  // once: every evaluation and the report agree
  if (args.live) return run_live_check(args, as_of, policy, *extra);
  return run_batch_check(args, as_of, policy, std::move(*extra));
}

}  // namespace tekigo::cli
