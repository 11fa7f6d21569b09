// engine: checking many dumps — a reader streams inputs (files, JSON Lines read line by
// line, standard input), workers parse and evaluate them on all cores with one shared
// Graph, and results come back to the caller in input order. Memory stays flat: at most
// `window` inputs are in flight, whatever the number of dumps. With a baseline graph (the
// impact of a revision, impact.hpp) each dump, read and parsed once, is evaluated under both.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/eval/evaluator.hpp"
#include "engine/eval/graph.hpp"
#include "engine/eval/outcome.hpp"
#include "engine/facts/fact_dump.hpp"

namespace tekigo::engine {

struct BatchOptions {
  unsigned jobs = 0;         // worker threads; 0 = the machine's cores
  std::size_t window = 512;  // inputs in flight at most
  // Merged into every dump (--facts), in order; a part whose attestation does not cover a
  // dump's subject is refused for that dump (an error naming both, engine/facts/attestation.hpp).
  std::vector<FactPart> extra_facts;
  EvaluationOptions evaluation;
  // When set, every dump is evaluated under this graph too, after the merge of extra_facts
  // and with `baseline_evaluation`: one read and one parse feed both evaluations, and the
  // baseline's results come in BatchItem::baseline. `impact` evaluates OLD here.
  std::shared_ptr<const Graph> baseline;
  EvaluationOptions baseline_evaluation;
  FactLoadOptions load;
  // Called on the calling thread (the sink's) when the next result is not ready yet and
  // delivery is about to wait: a streaming writer flushes its output here.
  std::function<void()> on_idle;
};

// What happened to one input (a file, or one line of a JSON Lines stream): the terminals
// it held, evaluated, and the problems that kept others out.
struct BatchItem {
  std::vector<TerminalResult> results;
  // Under BatchOptions::baseline, when one is given: one per element of `results`, in the same
  // order (the same dump); empty otherwise.
  std::vector<TerminalResult> baseline;
  std::vector<FactError> errors;
};

// Runs the batch. `inputs` are files (".jsonl"/".ndjson" are read line by line) or "-" for
// JSON Lines on standard input. `sink` is called on the calling thread, in input order, once
// per input. Never throws for bad input; a dump that cannot be evaluated is an error result.
// Whatever `sink` leaves in the item it is given (it may move parts out) is reused for later
// results.
void run_batch(std::shared_ptr<const Graph> graph, const std::vector<std::filesystem::path>& inputs,
               const BatchOptions& options, const std::function<void(BatchItem&&)>& sink);

}  // namespace tekigo::engine
