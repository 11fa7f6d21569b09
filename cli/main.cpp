// cli: the `tekigo` command, the outermost layer — arguments (CLI11) → compile the policy
// (dsl) → load and merge fact dumps, evaluate them (engine) → stream the report (engine).
// Maps results to exit codes: 0 pass, 1 fail, 3 unknown, 2 usage, policy or dump errors.
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
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

#include "collectors/collector.hpp"
#include "collectors/osquery_import.hpp"
#include "dsl/ast/diagnostic.hpp"
#include "dsl/compiler.hpp"
#include "engine/batch.hpp"
#include "engine/evaluator.hpp"
#include "engine/fact_dump.hpp"
#include "engine/report.hpp"
#include "engine/text_file.hpp"

#ifndef TEKIGO_VERSION
#define TEKIGO_VERSION "0.0.0"
#endif

namespace {

namespace dsl = tekigo::dsl;
namespace engine = tekigo::engine;

constexpr int kExitPass = 0;     // every terminal passes (warnings allowed)
constexpr int kExitFail = 1;     // some terminal fails
constexpr int kExitError = 2;    // usage error, policy error, or a dump that could not be read
constexpr int kExitUnknown = 3;  // none fails, but some cannot be decided

constexpr unsigned kMaxJobs = 256;  // --jobs

void complain(std::string_view message) {
  std::cerr << "tekigo: " << message << '\n';
}

// Colour for a stream: `always`, `never`, or `auto` (a terminal and NO_COLOR not set).
bool use_color(const std::string& mode, int fd) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return isatty(fd) == 1;
}

// Compiles one policy, printing its diagnostics (warnings too) to stderr.
dsl::CompileResult compile_policy(const std::string& path, bool color) {
  dsl::CompileResult result = dsl::compile_file(path);
  if (!result.io_error.empty()) complain(result.io_error);
  if (result.source && !result.diagnostics.empty())
    std::cerr << dsl::render_all(result.diagnostics, *result.source, color);
  if (!result.ok() && result.io_error.empty() && result.diagnostics.empty())
    complain(fmt::format("{}: the policy could not be compiled", path));
  std::cerr.flush();
  return result;
}

std::size_t count_severity(const std::vector<dsl::Diagnostic>& diagnostics,
                           dsl::Severity severity) {
  std::size_t n = 0;
  for (const auto& d : diagnostics) n += d.severity == severity;
  return n;
}

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// The progress line of `check` on standard error when that is a terminal: redrawn in place
// ("\r\x1b[2K" returns to the line's start and erases it). It has no newline, so anything
// else written to the terminal while it shows would continue it ("…8 unknowntekigo: …"):
// clear() it first, and the next draw() brings it back.
class ProgressLine {
 public:
  ProgressLine(std::ostream& out, bool enabled) : out_(out), enabled_(enabled) {}
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  ~ProgressLine() { clear(); }  // also when check ends by an exception: the message follows

  bool enabled() const { return enabled_; }

  void draw(std::string_view text) {
    if (!enabled_) return;
    out_ << "\r\x1b[2K" << text;
    out_.flush();
    shown_ = true;
  }

  void clear() {
    if (!shown_) return;
    out_ << "\r\x1b[2K";
    out_.flush();
    shown_ = false;
  }

 private:
  std::ostream& out_;
  bool enabled_;
  bool shown_ = false;
};

// ---- check ---------------------------------------------------------------------------------

struct CheckArgs {
  std::string policy;
  std::vector<std::string> dumps;
  std::string format = "text";
  std::string lang = "en";  // the report's own words: en or ja
  std::vector<std::string> facts;
  std::string color = "auto";
  bool quiet = false;
  bool verbose = false;
  bool show_passing_evidence = false;
  bool hide_passing = false;  // text and markdown: only the rules to act on
  unsigned jobs = 0;          // 0: every core
  bool live = false;          // collect this terminal's facts instead of reading dumps
  bool no_network = false;
  std::string subject;
  double timeout = 5;
};

// Extra facts from --facts files, merged into every dump. Their `schema` and `subject`
// are dropped: the dump keeps its own identity.
std::optional<std::vector<engine::FactValue>> load_extra_facts(
    const std::vector<std::string>& files) {
  std::vector<engine::FactValue> parts;
  bool ok = true;
  engine::FactLoadOptions options;
  options.require_header = false;
  for (const auto& file : files) {
    engine::FactLoad load = engine::load_fact_file(file, options);
    for (const auto& error : load.errors) {
      complain(fmt::format("--facts {}", error.to_string()));
      ok = false;
    }
    if (load.errors.empty() && load.documents.empty()) {
      complain(fmt::format("--facts {}: holds no facts", file));
      ok = false;
    }
    for (auto& doc : load.documents) {
      if (!doc.root.is_map()) continue;  // validation guarantees a map; be safe anyway
      engine::FactValue::Map kept;
      for (auto& [key, value] : doc.root.as_map())
        if (key != "schema" && key != "subject") kept.emplace_back(key, std::move(value));
      parts.push_back(engine::FactValue::map(std::move(kept)));
    }
  }
  if (!ok) return std::nullopt;
  return parts;
}

int exit_code_of(engine::Verdict worst) {
  switch (worst) {
    case engine::Verdict::error:
      return kExitError;
    case engine::Verdict::fail:
      return kExitFail;
    case engine::Verdict::unknown:
      return kExitUnknown;
    case engine::Verdict::warn:
    case engine::Verdict::pass:
      return kExitPass;
  }
  return kExitError;
}

tekigo::collectors::CollectOptions collect_options(const std::string& subject, double timeout,
                                                   bool no_network) {
  tekigo::collectors::CollectOptions options;
  options.subject = subject;
  options.command_timeout = std::chrono::milliseconds(static_cast<long>(timeout * 1000));
  options.probe_deadline =
      std::chrono::milliseconds(static_cast<long>(std::min(timeout, 4.0) * 1000));
  options.network = !no_network;
  return options;
}

// `check --live`: collect this terminal's facts and feed them to one Evaluation as each part
// arrives (probes finish last); only what a part changes is re-evaluated.
int run_live_check(const CheckArgs& args, const dsl::CompiledPolicy& policy,
                   const std::vector<engine::FactValue>& extra) {
  engine::Evaluation evaluation(policy.graph);
  for (const auto& part : extra) evaluation.feed(part);
  auto progress = [&](const tekigo::collectors::StepResult& part) {
    evaluation.feed(part.facts);
    const auto& outcomes = evaluation.outcomes();
    std::size_t decided = std::count_if(
        outcomes.begin(), outcomes.end(),
        [](const engine::RuleOutcome& r) { return r.status != engine::Status::unknown; });
    if (!args.quiet)
      std::cerr << fmt::format("tekigo: collected {}: {} of {} rules decided\n", part.step, decided,
                               outcomes.size());
  };
  engine::FactValue dump = tekigo::collectors::collect(
      &policy.plan, collect_options(args.subject, args.timeout, args.no_network), progress);
  // The header and collected.errors, which the steps do not carry.
  engine::FactValue header = engine::FactValue::map();
  for (const char* key : {"schema", "subject", "collected"})
    if (const engine::FactValue* v = dump.find(key)) header.set(key, *v);
  evaluation.feed(header);
  for (const auto& part : extra) evaluation.feed(part);  // attested facts win over collected ones

  engine::TerminalResult result;
  result.source = "live";
  result.subject = dump.find("subject")->as_string();
  result.rules = evaluation.outcomes();
  result.verdict = engine::verdict_of(result.rules);

  engine::ReportOptions options;
  options.color = use_color(args.color, STDOUT_FILENO);
  options.verbose = args.verbose;
  options.show_passing_evidence = args.show_passing_evidence;
  options.hide_passing = args.hide_passing;
  options.lang = engine::parse_report_lang(args.lang).value_or(engine::ReportLang::en);
  options.tool_version = TEKIGO_VERSION;
  engine::SummaryBuilder summary;
  summary.add(result);
  if (!args.quiet) {
    auto writer = engine::make_report_writer(
        engine::parse_report_format(args.format).value_or(engine::ReportFormat::text), std::cout,
        options);
    writer->begin(policy.info);
    writer->terminal(result);
    writer->end(summary.summary());
  }
  std::cout.flush();
  return exit_code_of(summary.summary().worst());
}

struct CollectArgs {
  std::string policy;
  std::string output;
  std::string format;
  std::string subject;
  double timeout = 5;
  bool no_network = false;
};

// `collect`: write this terminal's dump (what the policy needs, or everything).
int run_collect(const CollectArgs& args) {
  std::optional<dsl::CompileResult> compiled;
  if (!args.policy.empty()) {
    compiled = compile_policy(args.policy, use_color("auto", STDERR_FILENO));
    if (!compiled->ok()) return kExitError;
  }
  engine::FactValue dump =
      tekigo::collectors::collect(compiled ? &compiled->policy->plan : nullptr,
                                  collect_options(args.subject, args.timeout, args.no_network));
  std::string format = args.format;
  if (format.empty())
    format = args.output.ends_with(".yaml") || args.output.ends_with(".yml") ? "yaml" : "json";
  std::string text =
      format == "yaml" ? engine::write_facts_yaml(dump) : engine::write_facts_json(dump);
  if (args.output.empty() || args.output == "-") {
    std::cout << text;
    std::cout.flush();
    return std::cout ? kExitPass : kExitError;
  }
  std::ofstream out(args.output, std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    complain(fmt::format("{}: cannot write", args.output));
    return kExitError;
  }
  if (const engine::FactValue* errors = dump.find("collected")->find("errors"))
    for (const auto& e : errors->as_list())
      complain(fmt::format("collect: {}: {}", e.find("step")->as_string(),
                           e.find("message")->as_string()));
  return kExitPass;
}

struct ImportArgs {
  std::vector<std::string> inputs;
  std::string subject;
  std::string policy;
  std::string output;
  std::string format;
};

// `import osquery`: osqueryi --json results → one v1 dump.
int run_import_osquery(const ImportArgs& args) {
  std::vector<std::pair<std::string, std::string>> inputs;
  for (const auto& input : args.inputs) {
    // TABLE=FILE names the table (needed for empty results or partial column selections).
    std::string file = input, label = input;
    if (auto eq = input.find('='); eq != std::string::npos && !std::filesystem::exists(input))
      file = input.substr(eq + 1);
    std::string error;
    auto text = engine::read_text_file(file, 256u << 20, error);
    if (!text) {
      complain(fmt::format("{}: {}", file, error));
      return kExitError;
    }
    inputs.emplace_back(label, std::move(*text));
  }
  tekigo::collectors::OsqueryImportOptions options;
  if (!args.policy.empty()) {
    dsl::CompileResult compiled = compile_policy(args.policy, use_color("auto", STDERR_FILENO));
    if (!compiled.ok()) return kExitError;
    options.dns_names = compiled.policy->plan.names;
  }
  auto imported = tekigo::collectors::import_osquery(inputs, args.subject, options);
  for (const auto& problem : imported.problems)
    complain(fmt::format("import osquery: {}", problem));
  std::string format = args.format;
  if (format.empty())
    format = args.output.ends_with(".yaml") || args.output.ends_with(".yml") ? "yaml" : "json";
  std::string text = format == "yaml" ? engine::write_facts_yaml(imported.facts)
                                      : engine::write_facts_json(imported.facts);
  if (args.output.empty() || args.output == "-") {
    std::cout << text;
    std::cout.flush();
    return std::cout ? kExitPass : kExitError;
  }
  std::ofstream out(args.output, std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    complain(fmt::format("{}: cannot write", args.output));
    return kExitError;
  }
  return kExitPass;
}

int run_check(const CheckArgs& args) {
  dsl::CompileResult compiled = compile_policy(args.policy, use_color(args.color, STDERR_FILENO));
  if (!compiled.ok()) return kExitError;
  const dsl::CompiledPolicy& policy = *compiled.policy;

  auto extra = load_extra_facts(args.facts);
  if (!extra) return kExitError;

  if (args.live) return run_live_check(args, policy, *extra);

  std::vector<engine::FactError> walk_errors;
  std::vector<std::filesystem::path> roots;
  bool read_stdin = false;
  for (const auto& d : args.dumps) {
    if (d == "-")
      read_stdin = true;  // JSON Lines on standard input
    else
      roots.emplace_back(d);
  }
  const std::vector<std::filesystem::path> files = engine::collect_fact_files(roots, walk_errors);
  if (files.empty() && walk_errors.empty() && !read_stdin) {
    complain("no dumps found (looked for .json, .jsonl, .ndjson, .yaml and .yml files)");
    return kExitError;
  }

  engine::ReportOptions options;
  options.color = use_color(args.color, STDOUT_FILENO);
  options.verbose = args.verbose;
  options.show_passing_evidence = args.show_passing_evidence;
  options.hide_passing = args.hide_passing;
  options.lang = engine::parse_report_lang(args.lang).value_or(engine::ReportLang::en);
  options.tool_version = TEKIGO_VERSION;
  const auto format = engine::parse_report_format(args.format).value_or(engine::ReportFormat::text);
  std::unique_ptr<engine::ReportWriter> writer;
  if (!args.quiet) writer = engine::make_report_writer(format, std::cout, options);
  engine::SummaryBuilder summary;

  ProgressLine progress(std::cerr, !args.quiet && isatty(STDERR_FILENO) == 1);
  // The report reaches the same screen when standard output is a terminal too (most likely
  // the same one): the progress line must make way for it as for an error line.
  const bool report_on_terminal = writer && progress.enabled() && isatty(STDOUT_FILENO) == 1;

  auto emit = [&](const engine::TerminalResult& result) {
    if (writer) {
      if (report_on_terminal) progress.clear();
      writer->terminal(result);
    }
    summary.add(result);
  };
  // Bad dumps: a line on stderr per problem, one error result per dump, which carries the
  // dump's subject when it had one (so that a jsonl line still names the terminal).
  auto emit_errors = [&](const std::vector<engine::FactError>& errors) {
    struct BadDump {
      std::string source, subject, message;
    };
    std::vector<BadDump> by_source;
    for (const auto& error : errors) {
      progress.clear();
      complain(error.to_string());
      std::string message =
          error.path.empty() ? error.message : fmt::format("{}: {}", error.path, error.message);
      auto it = std::find_if(by_source.begin(), by_source.end(),
                             [&](const BadDump& e) { return e.source == error.source; });
      if (it == by_source.end()) {
        by_source.push_back({error.source, error.subject, std::move(message)});
      } else {
        it->message += "; " + message;
        if (it->subject.empty()) it->subject = error.subject;
      }
    }
    for (auto& bad : by_source)
      emit(engine::error_result(std::move(bad.source), std::move(bad.message),
                                std::move(bad.subject)));
  };

  if (writer) writer->begin(policy.info);
  emit_errors(walk_errors);

  // Dumps are read, parsed and evaluated on all cores; results arrive here in input order.
  engine::BatchOptions batch_options;
  batch_options.jobs = args.jobs;
  batch_options.extra_facts = *extra;
  batch_options.evaluation.evidence = true;
  // Passing rules' evidence costs more than deciding them; it is collected when asked for.
  batch_options.evaluation.pass_evidence = args.show_passing_evidence;
  // Whatever is written reaches the reader whenever the batch waits for more input: results
  // read from a slow producer on stdin (a Kafka consumer, Spark's pipe) come out line by line
  // instead of when the stdout buffer fills. One flush per wait: cheap. The writers keep no
  // buffer of their own (markdown and html hold their details back by design).
  batch_options.on_idle = [] { std::cout.flush(); };
  std::size_t inputs_done = 0;
  std::vector<std::filesystem::path> inputs(files.begin(), files.end());
  if (read_stdin) inputs.emplace_back("-");
  const bool one_dump_per_input =
      !read_stdin && std::none_of(inputs.begin(), inputs.end(), [](const auto& file) {
        return engine::format_of(file) == engine::FactFormat::json_lines;
      });
  // Each dump is one item: out of the number of files when every input is one dump, a plain
  // count when JSON Lines (or stdin) hold an unknown number.
  auto draw_progress = [&] {
    if (!progress.enabled()) return;
    // Report lines written since the line was cleared go out first, above it (std::cerr's
    // tie would flush them too; said here, where it matters).
    if (report_on_terminal) std::cout.flush();
    progress.draw(
        fmt::format("tekigo: {} checked — {} fail, {} unknown",
                    one_dump_per_input ? fmt::format("{}/{} {}", inputs_done, inputs.size(),
                                                     inputs.size() == 1 ? "file" : "files")
                                       : plural(inputs_done, "dump"),
                    summary.count(engine::Verdict::fail), summary.count(engine::Verdict::unknown)));
  };
  engine::run_batch(policy.graph, inputs, batch_options, [&](engine::BatchItem&& item) {
    for (const auto& result : item.results) emit(result);
    emit_errors(item.errors);
    ++inputs_done;
    if (inputs_done % 64 == 0) draw_progress();
  });
  // The final count (unless just drawn), then the line makes way for the summary.
  if (inputs_done % 64 != 0) draw_progress();
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

// ---- graph, lint ---------------------------------------------------------------------------

int run_graph(const std::string& policy_path, const std::string& color) {
  dsl::CompileResult compiled = compile_policy(policy_path, use_color(color, STDERR_FILENO));
  if (!compiled.ok()) return kExitError;
  std::cout << compiled.policy->graph->to_dot(compiled.policy->info.id);
  std::cout.flush();
  return std::cout ? kExitPass : kExitError;
}

int run_lint(const std::vector<std::string>& policies, const std::string& color) {
  int code = kExitPass;
  for (const auto& path : policies) {
    dsl::CompileResult compiled = compile_policy(path, use_color(color, STDERR_FILENO));
    const std::size_t warnings = count_severity(compiled.diagnostics, dsl::Severity::warning);
    const std::string warned = warnings ? fmt::format(", {}", plural(warnings, "warning")) : "";
    if (compiled.ok()) {
      const engine::GraphStats& stats = compiled.policy->graph->stats();
      std::cout << fmt::format("{}: ok — {}, {} ({} shared){}\n", path, plural(stats.rules, "rule"),
                               plural(stats.nodes, "node"), stats.shared, warned);
    } else {
      const std::size_t errors = count_severity(compiled.diagnostics, dsl::Severity::error);
      std::cout << fmt::format("{}: failed — {}{}\n", path,
                               errors ? plural(errors, "error") : std::string("unreadable"),
                               warned);
      code = kExitError;
    }
  }
  return code;
}

int run(int argc, char** argv) {
  CLI::App app{"tekigo — check terminals' fact dumps against a declarative policy.", "tekigo"};
  app.set_version_flag("--version", "tekigo " TEKIGO_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 every terminal passes (warnings allowed), 1 some terminal fails,\n"
      "3 none fails but some cannot be decided, 2 usage, policy or dump errors.");

  CheckArgs check_args;
  CLI::App* check = app.add_subcommand("check", "Check fact dumps against a policy.");
  check->add_option("POLICY", check_args.policy, "The policy file (.tkg).")->required();
  check->add_option("DUMP", check_args.dumps,
                    "Fact dumps: files (.json, .jsonl, .yaml), directories searched recursively, "
                    "or - for JSON Lines on stdin.");
  check
      ->add_option("--jobs,-j", check_args.jobs,
                   fmt::format("Evaluate on this many threads, at most {} (default, and 0: every "
                               "core).",
                               kMaxJobs))
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            // More threads than this only cost memory and start-up, and a huge number fails
            // to start; refused as a usage error before anything runs.
            unsigned long long jobs = 0;
            const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), jobs);
            if (ec == std::errc::result_out_of_range ||
                (ec == std::errc() && end == value.data() + value.size() && jobs > kMaxJobs))
              return fmt::format("at most {}", kMaxJobs);
            return {};  // anything else is for CLI11's conversion to judge
          },
          fmt::format("0-{}", kMaxJobs)));
  check->add_flag("--live", check_args.live,
                  "Collect this terminal's facts and check them (no dumps are read).");
  check->add_flag("--no-network", check_args.no_network,
                  "With --live: do not probe names and ports.");
  check->add_option("--subject", check_args.subject,
                    "With --live: the terminal's id (default: host name).");
  check
      ->add_option("--timeout", check_args.timeout,
                   "With --live: seconds allowed for each command.")
      ->check(CLI::PositiveNumber);
  check
      ->add_option("--format,-f", check_args.format,
                   "Report format: text, json, jsonl (a line per terminal), junit (JUnit XML), "
                   "sarif (SARIF 2.1.0), markdown or html (one self-contained page); "
                   "see docs/reports.md.")
      ->check(CLI::IsMember({"text", "json", "jsonl", "junit", "sarif", "markdown", "html"}))
      ->capture_default_str();
  check
      ->add_option("--lang", check_args.lang,
                   "Language of the report's own words (statuses, headings): en or ja. "
                   "Policy messages are shown as written; json and jsonl are never translated.")
      ->check(CLI::IsMember({"en", "ja"}))
      ->capture_default_str();
  check
      ->add_option("--facts", check_args.facts,
                   "Extra facts merged into every dump, in order (e.g. a facility attestation).")
      ->allow_extra_args(false);
  check->add_option("--color", check_args.color, "Colour the text report.")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  check->add_flag("--quiet,-q", check_args.quiet,
                  "Print no report; the exit code tells the result.");
  check->add_flag("--verbose,-v", check_args.verbose,
                  "Show rule titles and where each decision was made.");
  check->add_flag("--show-passing-evidence", check_args.show_passing_evidence,
                  "Show evidence under passing rules too.");
  check->add_flag("--hide-passing", check_args.hide_passing,
                  "List only the rules to act on (warn, fail, unknown, manual) and count the "
                  "rest; a passing terminal is one line. text and markdown only.");

  CollectArgs collect_args;
  CLI::App* collect = app.add_subcommand("collect", "Collect this terminal's facts into a dump.");
  collect->add_option(
      "--policy,-p", collect_args.policy,
      "Collect what this policy needs (its facts, names and ports); default: everything.");
  collect->add_option("--output,-o", collect_args.output,
                      "Write the dump here (.json or .yaml); default: stdout.");
  collect
      ->add_option("--format,-f", collect_args.format,
                   "json or yaml (default: from the file name).")
      ->check(CLI::IsMember({"json", "yaml"}));
  collect->add_option("--subject", collect_args.subject,
                      "The terminal's id (default: the host name).");
  collect->add_option("--timeout", collect_args.timeout, "Seconds allowed for each command.")
      ->check(CLI::PositiveNumber);
  collect->add_flag("--no-network", collect_args.no_network,
                    "Do not probe names and ports (their facts are left out: rules read unknown).");

  ImportArgs import_args;
  CLI::App* import = app.add_subcommand("import", "Turn another tool's results into a fact dump.");
  import->require_subcommand(1);
  CLI::App* osquery =
      import->add_subcommand("osquery",
                             "osqueryi --json results (os_version, programs, apps, "
                             "deb_packages, etc_hosts, interface_details) → one dump.");
  osquery->add_option("RESULTS", import_args.inputs, "Result files; TABLE=FILE names the table.")
      ->required();
  osquery->add_option("--subject", import_args.subject, "The terminal's id.")->required();
  osquery->add_option("--policy,-p", import_args.policy,
                      "Take dns entries from etc_hosts for the names this policy needs.");
  osquery->add_option("--output,-o", import_args.output,
                      "Write the dump here (.json or .yaml); default: stdout.");
  osquery
      ->add_option("--format,-f", import_args.format, "json or yaml (default: from the file name).")
      ->check(CLI::IsMember({"json", "yaml"}));

  std::string graph_policy;
  std::string graph_color = "auto";
  CLI::App* graph =
      app.add_subcommand("graph", "Print a policy's evaluation graph (Graphviz DOT).");
  graph->add_option("POLICY", graph_policy, "The policy file (.tkg).")->required();
  graph->add_option("--color", graph_color, "Colour diagnostics.")
      ->check(CLI::IsMember({"auto", "always", "never"}));

  std::vector<std::string> lint_policies;
  std::string lint_color = "auto";
  CLI::App* lint = app.add_subcommand("lint", "Compile policies and report problems.");
  lint->alias("compile");
  lint->add_option("POLICY", lint_policies, "Policy files (.tkg).")->required();
  lint->add_option("--color", lint_color, "Colour diagnostics.")
      ->check(CLI::IsMember({"auto", "always", "never"}));

  // CLI11 would call an unknown command a missing one; name it instead.
  if (argc > 1 && argv[1][0] != '-') {
    const std::string name = argv[1];
    if (app.get_subcommands([&](CLI::App* sub) { return sub->check_name(name); }).empty()) {
      complain(
          fmt::format("unknown command `{}`; the commands are check, collect, import, graph and "
                      "lint (alias compile)",
                      name));
      std::cerr << "Run with --help for more information.\n";
      return kExitError;
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help, the version or the error
    return code == 0 ? kExitPass : kExitError;
  }

  if (check->parsed()) {
    if (!check_args.live && check_args.dumps.empty()) {
      complain("check: give dumps to check, or --live to collect this terminal's facts");
      return kExitError;
    }
    if (check_args.live && !check_args.dumps.empty()) {
      complain("check: --live collects this terminal's facts; give no dumps with it");
      return kExitError;
    }
    // The validator above refuses plain decimal numbers over the cap with CLI11's message;
    // anything CLI11 converts in its own ways (0x200, +300) is judged here, on the number.
    if (check_args.jobs > kMaxJobs) {
      complain(fmt::format("check: --jobs: at most {}", kMaxJobs));
      return kExitError;
    }
    if (check_args.hide_passing && check_args.show_passing_evidence) {
      complain(
          "check: --hide-passing leaves out the passing rules whose evidence "
          "--show-passing-evidence asks for; give one or the other");
      return kExitError;
    }
    // The other formats are for tools, which filter for themselves, or html, which has its own
    // filter: the option changes nothing there, and saying so beats silently ignoring it.
    if (check_args.hide_passing && check_args.format != "text" && check_args.format != "markdown")
      complain(fmt::format("--hide-passing applies to text and markdown; ignored for {}",
                           check_args.format));
    return run_check(check_args);
  }
  if (collect->parsed()) return run_collect(collect_args);
  if (osquery->parsed()) return run_import_osquery(import_args);
  if (graph->parsed()) return run_graph(graph_policy, graph_color);
  if (lint->parsed()) return run_lint(lint_policies, lint_color);
  complain("no command given; run `tekigo --help`");
  return kExitError;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cout.flush();
    complain(fmt::format("internal error: {}", e.what()));
  } catch (...) {
    std::cout.flush();
    complain("internal error");
  }
  return kExitError;
}
