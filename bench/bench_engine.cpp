// bench: micro-benchmarks of the engine's per-dump costs — compiling the policy, parsing one
// dump, evaluating one parsed dump (with the evidence `tekigo check` collects, and with full
// evidence), feeding one part to an evaluated terminal. See docs/performance.md for the targets
// and the figures.
//
// Inputs: policies/gan-touroku-online.tkg and the generated dumps in bench/data/ (300 software
// entries each; bench/generate_dumps.py --count 1 --software 300 ...). TEKIGO_BENCH_POLICY and
// TEKIGO_BENCH_DUMP override them.
//
//   build/bench/tekigo_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "dsl/compiler.hpp"
#include "engine/common/text_file.hpp"
#include "engine/eval/evaluator.hpp"
#include "engine/eval/literal_filter.hpp"
#include "engine/eval/outcome.hpp"
#include "engine/facts/fact_dump.hpp"

namespace {

using tekigo::engine::Evaluation;
using tekigo::engine::EvaluationOptions;
using tekigo::engine::FactFormat;
using tekigo::engine::FactValue;

std::string path_or(const char* env, const std::string& fallback) {
  const char* value = std::getenv(env);
  return value && *value ? std::string(value) : fallback;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::string& policy_path() {
  static const std::string path =
      path_or("TEKIGO_BENCH_POLICY", TEKIGO_SOURCE_DIR "/policies/gan-touroku-online.tkg");
  return path;
}

const std::string& policy_text() {
  static const std::string text = read_file(policy_path());
  return text;
}

std::shared_ptr<const tekigo::engine::Graph> policy_graph() {
  static const std::shared_ptr<const tekigo::engine::Graph> graph = [] {
    auto compiled = tekigo::dsl::compile_text(policy_path(), policy_text());
    if (!compiled.ok()) throw std::runtime_error("the policy does not compile: " + policy_path());
    return compiled.policy->graph;
  }();
  return graph;
}

// A passing terminal and a failing one (iTunes, Bonjour, VirtualBox, Check Point), 300
// software entries each.
std::string dump_path(int which) {
  if (which == 0)
    return path_or("TEKIGO_BENCH_DUMP", TEKIGO_SOURCE_DIR "/bench/data/terminal-pass-300.json");
  return path_or("TEKIGO_BENCH_DUMP_FAIL", TEKIGO_SOURCE_DIR "/bench/data/terminal-fail-300.json");
}

const std::string& dump_text(int which) {
  static const std::string texts[2] = {read_file(dump_path(0)), read_file(dump_path(1))};
  return texts[which];
}

FactValue parsed_dump(int which) {
  auto load = tekigo::engine::parse_facts(dump_text(which), dump_path(which), FactFormat::json);
  if (load.documents.size() != 1 || !load.errors.empty())
    throw std::runtime_error("not a valid dump: " + dump_path(which));
  return std::move(load.documents.front().root);
}

// The dump's file name without .json: terminal-pass-300, terminal-fail-300, or an override's.
std::string dump_label(int which) {
  return std::filesystem::path(dump_path(which)).stem().string();
}

// ---- compile

void BM_CompilePolicy(benchmark::State& state) {
  const std::string& text = policy_text();
  for (auto _ : state) {
    auto compiled = tekigo::dsl::compile_text(policy_path(), text);
    benchmark::DoNotOptimize(compiled);
    if (!compiled.ok()) state.SkipWithError("the policy does not compile");
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_CompilePolicy)->Unit(benchmark::kMillisecond);

// ---- parse (simdjson → FactValue, then validation against the contract)

void BM_ParseDump(benchmark::State& state) {
  const int which = static_cast<int>(state.range(0));
  const std::string& text = dump_text(which);
  const std::string source = dump_path(which);
  for (auto _ : state) {
    auto load = tekigo::engine::parse_facts(text, source, FactFormat::json);
    benchmark::DoNotOptimize(load);
  }
  state.SetLabel(dump_label(which));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ParseDump)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// As a batch worker parses: the text in a buffer with the parser's padding (the reader thread
// makes that copy; here it is timed too), built into the previous dump's tree.
void BM_ParseDump_Reusing(benchmark::State& state) {
  const int which = static_cast<int>(state.range(0));
  const std::string& text = dump_text(which);
  const std::string source = dump_path(which);
  FactValue spare;
  std::string buffer;
  for (auto _ : state) {
    buffer.reserve(text.size() + tekigo::engine::kParsePadding);
    buffer.assign(text);
    auto load = tekigo::engine::parse_facts_in_place(buffer, source, FactFormat::json, {}, &spare);
    benchmark::DoNotOptimize(load);
    spare = std::move(load.documents.front().root);
  }
  state.SetLabel(dump_label(which));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ParseDump_Reusing)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// One walk over every value of simdjson's document (its type, and each string's length),
// building nothing and applying no rule of the contract: see BM_ParseDump_SimdjsonWalk.
std::size_t walk_dom(simdjson::dom::element e) {
  using T = simdjson::dom::element_type;
  switch (e.type()) {
    case T::ARRAY: {
      simdjson::dom::array array;
      std::size_t n = 1;
      if (e.get(array) == simdjson::SUCCESS)
        for (simdjson::dom::element child : array) n += walk_dom(child);
      return n;
    }
    case T::OBJECT: {
      simdjson::dom::object object;
      std::size_t n = 1;
      if (e.get(object) == simdjson::SUCCESS)
        for (auto field : object) n += field.key.size() + walk_dom(field.value);
      return n;
    }
    case T::STRING:
      return e.get_string().value_unsafe().size();
    default:
      return 1;
  }
}

// The same padded copy and simdjson::dom parse with a reused parser as the baseline, and with
// `walk`, one walk_dom over the result.
void simdjson_loop(benchmark::State& state, bool walk) {
  const int which = static_cast<int>(state.range(0));
  const std::string& text = dump_text(which);
  simdjson::dom::parser parser;
  std::string buffer;
  for (auto _ : state) {
    buffer.reserve(text.size() + simdjson::SIMDJSON_PADDING);
    buffer.assign(text);
    simdjson::dom::element doc;
    if (parser.parse(buffer.data(), buffer.size(), false).get(doc) != simdjson::SUCCESS)
      state.SkipWithError("simdjson refused the dump");
    if (walk)
      benchmark::DoNotOptimize(walk_dom(doc));
    else
      benchmark::DoNotOptimize(doc);
  }
  state.SetLabel(dump_label(which));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

// What the baseline (tekigo_parse_only) does per dump, for comparison with the two above: no
// tree of facts, no checks.
void BM_ParseDump_SimdjsonOnly(benchmark::State& state) {
  simdjson_loop(state, false);
}
BENCHMARK(BM_ParseDump_SimdjsonOnly)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// The least any checking of a dump can add to the baseline: the parse plus one walk over every
// value. Validation touches every value at least this way, so parse + walk + evaluation is a
// floor for a design that evaluates on simdjson's document (docs/performance.md, "Where the
// time goes").
void BM_ParseDump_SimdjsonWalk(benchmark::State& state) {
  simdjson_loop(state, true);
}
BENCHMARK(BM_ParseDump_SimdjsonWalk)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// ---- evaluate one parsed dump
//
// Evaluation::exchange() takes the facts by value, and `tekigo check` moves the parsed tree in.
// Copying a 300-entry tree costs about as much as evaluating it, so copies are made ahead, in
// batches, with the timer paused; the loop times exchange(move) + outcomes() only. The trees
// handed back are freed with the timer paused too: a batch does not free them, it builds the
// next dump in them.

constexpr std::size_t kBatch = 256;

void evaluate_loop(benchmark::State& state, EvaluationOptions options) {
  const int which = static_cast<int>(state.range(0));
  const FactValue facts = parsed_dump(which);
  Evaluation evaluation(policy_graph(), options);
  std::vector<FactValue> copies, spent;
  copies.reserve(kBatch);
  spent.reserve(kBatch);
  const auto before = evaluation.stats();
  for (auto _ : state) {
    if (copies.empty()) {
      state.PauseTiming();
      spent.clear();
      copies.assign(kBatch, facts);
      state.ResumeTiming();
    }
    spent.push_back(evaluation.exchange(std::move(copies.back())));
    const auto& outcomes = evaluation.outcomes();
    benchmark::DoNotOptimize(outcomes.data());
    benchmark::ClobberMemory();
    copies.pop_back();  // moved from: nothing left to free
  }
  // The evaluator's own counts per dump: quantifier predicates evaluated per list element,
  // depth-0 nodes computed, rules decided.
  const auto after = evaluation.stats();
  const double n = static_cast<double>(state.iterations());
  state.counters["elements"] =
      static_cast<double>(after.element_evaluations - before.element_evaluations) / n;
  state.counters["nodes"] =
      static_cast<double>(after.node_evaluations - before.node_evaluations) / n;
  state.counters["rules"] =
      static_cast<double>(after.rule_evaluations - before.rule_evaluations) / n;
  state.SetLabel(dump_label(which));
}

// The same, with two trees handed back and forth: each is in the cache when evaluated, as a
// dump just parsed by a batch worker is.
void evaluate_warm_loop(benchmark::State& state, EvaluationOptions options) {
  const int which = static_cast<int>(state.range(0));
  Evaluation evaluation(policy_graph(), options);
  FactValue other = parsed_dump(which);
  evaluation.exchange(parsed_dump(which));
  for (auto _ : state) {
    other = evaluation.exchange(std::move(other));
    const auto& outcomes = evaluation.outcomes();
    benchmark::DoNotOptimize(outcomes.data());
    benchmark::ClobberMemory();
  }
  state.SetLabel(dump_label(which));
}

// What `tekigo check` collects: evidence for the rules that do not pass.
void BM_EvaluateDump(benchmark::State& state) {
  evaluate_loop(state, EvaluationOptions{.evidence = true, .pass_evidence = false});
}
// `tekigo check --show-passing-evidence`: evidence for every rule.
void BM_EvaluateDump_FullEvidence(benchmark::State& state) {
  evaluate_loop(state, EvaluationOptions{.evidence = true, .pass_evidence = true});
}
// Verdicts only, no evidence at all (what a verdict-only mode could cost).
void BM_EvaluateDump_NoEvidence(benchmark::State& state) {
  evaluate_loop(state, EvaluationOptions{.evidence = false, .pass_evidence = false});
}
void BM_EvaluateDump_Warm(benchmark::State& state) {
  evaluate_warm_loop(state, EvaluationOptions{.evidence = true, .pass_evidence = false});
}
BENCHMARK(BM_EvaluateDump_Warm)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EvaluateDump)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EvaluateDump_FullEvidence)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EvaluateDump_NoEvidence)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// The copy that the evaluate benchmarks keep out of their timing, for reference.
void BM_CopyFacts(benchmark::State& state) {
  const FactValue facts = parsed_dump(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    FactValue copy = facts;
    benchmark::DoNotOptimize(copy);
  }
  state.SetLabel(dump_label(static_cast<int>(state.range(0))));
}
BENCHMARK(BM_CopyFacts)->Arg(0)->Unit(benchmark::kMicrosecond);

// ---- the list scan's literal search over the joined names of one dump (what the scan adds
// per dump, before the few lines found meet the RE2::Set)

void BM_LiteralSearch(benchmark::State& state, bool vector) {
  const FactValue facts = parsed_dump(static_cast<int>(state.range(0)));
  const auto graph = policy_graph();
  if (graph->list_scans().empty()) throw std::runtime_error("the policy has no list scan");
  const auto& filter = graph->literal_filter(graph->list_scans().front().group);
  std::string joined;
  for (const auto& program : facts.find("software")->as_list())
    if (const FactValue* name = program.find("name"); name && name->is_string()) {
      joined += name->as_string();
      joined += '\n';
    }
  std::size_t lines = 0;
  for (auto _ : state) {
    lines = 0;
    for (std::size_t at = 0;
         (at = vector ? filter.find(joined, at) : filter.find_scalar(joined, at, at)) !=
         std::string::npos;) {
      ++lines;
      at = joined.find('\n', at) + 1;
    }
    benchmark::DoNotOptimize(lines);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * joined.size()));
  state.counters["lines"] = static_cast<double>(lines);
  state.SetLabel(dump_label(static_cast<int>(state.range(0))));
}
void BM_LiteralSearch_Vector(benchmark::State& state) {
  BM_LiteralSearch(state, true);
}
void BM_LiteralSearch_Scalar(benchmark::State& state) {
  BM_LiteralSearch(state, false);
}
BENCHMARK(BM_LiteralSearch_Vector)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LiteralSearch_Scalar)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// ---- incremental: a collector streams `reach` to an already evaluated terminal

FactValue reach_part(bool udp4500_open) {
  const std::string state = udp4500_open ? "open" : "filtered";
  const std::string text = R"({"reach": [
    {"host": "sec.ccr.ncc.go.jp", "address": "219.97.232.64", "protocol": "tcp", "port": 443, "state": "open"},
    {"host": "sec.ccr.ncc.go.jp", "address": "219.97.232.64", "protocol": "udp", "port": 443, "state": "open"},
    {"host": "sec.ccr.ncc.go.jp", "address": "219.97.232.64", "protocol": "udp", "port": 500, "state": "open"},
    {"host": "sec.ccr.ncc.go.jp", "address": "219.97.232.64", "protocol": "udp", "port": 4500, "state": ")" +
                           state + R"("},
    {"host": "mio.ccr.ncc.go.jp", "address": "133.162.82.105", "protocol": "tcp", "port": 443, "state": "open"}]})";
  auto load = tekigo::engine::parse_facts(text, "reach.json", FactFormat::json,
                                          tekigo::engine::FactLoadOptions{.require_header = false});
  if (load.documents.size() != 1) throw std::runtime_error("bad reach part");
  return std::move(load.documents.front().root);
}

void BM_EvaluateDump_Incremental(benchmark::State& state) {
  const FactValue parts[2] = {reach_part(false), reach_part(true)};
  Evaluation evaluation(policy_graph(),
                        EvaluationOptions{.evidence = true, .pass_evidence = false});
  evaluation.reset(parsed_dump(0));
  evaluation.outcomes();
  std::size_t i = 0;
  const auto before = evaluation.stats();
  for (auto _ : state) {
    // Alternate between UDP 4500 filtered and open, so every feed changes an outcome.
    evaluation.feed(parts[i++ & 1]);
    const auto& outcomes = evaluation.outcomes();
    benchmark::DoNotOptimize(outcomes.data());
    benchmark::ClobberMemory();
  }
  const auto after = evaluation.stats();
  const double n = static_cast<double>(state.iterations());
  state.counters["rules/feed"] =
      static_cast<double>(after.rule_evaluations - before.rule_evaluations) / n;
  state.counters["nodes/feed"] =
      static_cast<double>(after.node_evaluations - before.node_evaluations) / n;
  state.SetLabel("reach → " + dump_label(0));
}
BENCHMARK(BM_EvaluateDump_Incremental)->Unit(benchmark::kMicrosecond);

// ---- one dump end to end, as a batch worker does it: parse into the previous tree, evaluate,
// build the result

void BM_CheckOneDump(benchmark::State& state) {
  const int which = static_cast<int>(state.range(0));
  const std::string& text = dump_text(which);
  const std::string source = dump_path(which);
  Evaluation evaluation(policy_graph(),
                        EvaluationOptions{.evidence = true, .pass_evidence = false});
  FactValue spare;
  std::string buffer;
  for (auto _ : state) {
    buffer.reserve(text.size() + tekigo::engine::kParsePadding);
    buffer.assign(text);  // the reader thread's copy
    auto load = tekigo::engine::parse_facts_in_place(buffer, source, FactFormat::json, {}, &spare);
    tekigo::engine::TerminalResult result;
    result.source = load.documents.front().source;
    result.subject = load.documents.front().subject();
    spare = evaluation.exchange(std::move(load.documents.front().root));
    result.rules = evaluation.take_outcomes();
    result.verdict = tekigo::engine::verdict_of(result.rules);
    benchmark::DoNotOptimize(result);
  }
  state.SetLabel(dump_label(which));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_CheckOneDump)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
