// engine: the batch runner — one reader thread, N evaluation workers, in-order delivery
// with a bounded window.
#include "engine/batch.hpp"

#include <fmt/format.h>

#include <condition_variable>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "engine/report.hpp"
#include "engine/text_file.hpp"

namespace tekigo::engine {

namespace {

struct Input {
  std::string source;
  std::string text;
  FactFormat format = FactFormat::json;
  std::string read_error;  // the input could not be read at all
};

// Inputs travel in chunks, so that threads synchronise once per chunk, not per dump.
struct Work {
  std::size_t seq = 0;
  std::vector<Input> inputs;
};

constexpr std::size_t kChunkInputs = 32;
constexpr std::size_t kChunkBytes = 1u << 20;

class Pipeline {
 public:
  Pipeline(std::shared_ptr<const Graph> graph, const BatchOptions& options)
      : graph_(std::move(graph)), options_(options) {}

  void run(const std::vector<std::filesystem::path>& inputs,
           const std::function<void(BatchItem&&)>& sink) {
    unsigned jobs =
        options_.jobs ? options_.jobs : std::max(1u, std::thread::hardware_concurrency());
    std::thread reader([&] { read_all(inputs); });
    std::vector<std::thread> workers;
    for (unsigned i = 0; i < jobs; ++i) workers.emplace_back([&] { work(); });
    deliver(sink);
    reader.join();
    for (auto& w : workers) w.join();
  }

 private:
  // ---- reader: inputs → work queue (blocks when the window is full)
  void push(Work w) {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] { return w.seq < next_to_deliver_ + window_chunks(); });
    queue_.push_back(std::move(w));
    work_ready_.notify_one();
  }

  std::size_t window_chunks() const {
    return std::max<std::size_t>(2, options_.window / kChunkInputs);
  }

  void add(Input input) {
    chunk_bytes_ += input.text.size();
    chunk_.inputs.push_back(std::move(input));
    if (chunk_.inputs.size() >= kChunkInputs || chunk_bytes_ >= kChunkBytes) flush();
  }

  void flush() {
    if (chunk_.inputs.empty()) return;
    chunk_.seq = next_seq_++;
    push(std::move(chunk_));
    chunk_ = Work{};
    chunk_bytes_ = 0;
  }

  void read_all(const std::vector<std::filesystem::path>& inputs) {
    for (const auto& input : inputs) {
      if (input == "-") {
        read_lines(std::cin, "stdin");
        continue;
      }
      FactFormat format = format_of(input);
      if (format == FactFormat::json_lines) {
        std::ifstream in(input, std::ios::binary);
        if (!in)
          add(Input{input.string(), {}, format, "cannot open"});
        else
          read_lines(in, input.string());
        continue;
      }
      Input one{input.string(), {}, format, {}};
      std::string error;
      if (auto text = read_text_file(input, options_.load.max_file_bytes, error))
        one.text = std::move(*text);
      else
        one.read_error = std::move(error);
      add(std::move(one));
    }
    flush();
    std::lock_guard lock(mutex_);
    total_ = next_seq_;
    reading_done_ = true;
    work_ready_.notify_all();
    delivered_.notify_all();
  }

  // Lines are cut from large blocks and each is copied once, into a string with room for
  // the parser's padding (parse_facts_in_place then parses it where it is).
  void read_lines(std::istream& in, const std::string& name) {
    constexpr std::size_t kBlock = 1u << 20;
    std::string block(kBlock, '\0');
    std::string partial;  // a line that continues into the next block
    std::size_t number = 0;
    auto emit = [&](std::string_view line) {
      ++number;
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) return;
      std::string text;
      text.reserve(line.size() + kParsePadding);
      text.assign(line);
      add(Input{fmt::format("{}:{}", name, number), std::move(text), FactFormat::json, {}});
    };
    while (in) {
      in.read(block.data(), static_cast<std::streamsize>(block.size()));
      std::string_view data(block.data(), static_cast<std::size_t>(in.gcount()));
      while (!data.empty()) {
        std::size_t end = data.find('\n');
        if (end == std::string_view::npos) {
          partial.append(data);
          break;
        }
        if (partial.empty()) {
          emit(data.substr(0, end));
        } else {
          partial.append(data.substr(0, end));
          emit(partial);
          partial.clear();
        }
        data.remove_prefix(end + 1);
      }
    }
    if (!partial.empty()) emit(partial);
  }

  // ---- workers: parse, merge, evaluate
  // `spare`: the previous dump's tree, whose storage the next parse reuses.
  // Outcome vectors that the sink is done with, handed back to the workers: deciding into
  // them reuses their strings (35 rules × 5 strings per dump, which would otherwise be
  // allocated by a worker and freed on the delivering thread).
  using Outcomes = std::vector<RuleOutcome>;
  static Outcomes take_spare_outcomes(std::vector<Outcomes>& spares) {
    if (spares.empty()) return {};
    Outcomes out = std::move(spares.back());
    spares.pop_back();
    return out;
  }

  BatchItem evaluate_input(Input& input, std::optional<Evaluation>& evaluation, FactValue& spare,
                           std::vector<Outcomes>& spares) {
    BatchItem item;
    if (!input.read_error.empty()) {
      item.errors.push_back({input.source, "", input.read_error});
      return item;
    }
    FactLoad load =
        parse_facts_in_place(input.text, input.source, input.format, options_.load, &spare);
    item.errors = std::move(load.errors);
    for (auto& doc : load.documents) {
      TerminalResult result;
      result.source = doc.source;
      result.subject = doc.subject();
      try {
        FactValue facts = std::move(doc.root);
        for (const auto& part : options_.extra_facts) merge_facts(facts, part, nullptr);
        if (!evaluation) evaluation.emplace(graph_, options_.evaluation);
        spare = evaluation->exchange(std::move(facts));
        result.rules = evaluation->take_outcomes(take_spare_outcomes(spares));
        result.verdict = verdict_of(result.rules);
      } catch (const std::exception& e) {
        evaluation.reset();
        result = error_result(doc.source, fmt::format("evaluation failed: {}", e.what()),
                              result.subject);
      }
      item.results.push_back(std::move(result));
    }
    return item;
  }

  void work() {
    std::optional<Evaluation> evaluation;
    FactValue spare;
    std::vector<Outcomes> spares;
    while (true) {
      Work w;
      {
        std::unique_lock lock(mutex_);
        work_ready_.wait(lock, [&] { return !queue_.empty() || reading_done_; });
        if (queue_.empty()) return;
        w = std::move(queue_.front());
        queue_.pop_front();
        while (spares.size() < w.inputs.size() && !returned_outcomes_.empty()) {
          spares.push_back(std::move(returned_outcomes_.back()));
          returned_outcomes_.pop_back();
        }
      }
      std::vector<BatchItem> items;
      items.reserve(w.inputs.size());
      for (auto& input : w.inputs)
        items.push_back(evaluate_input(input, evaluation, spare, spares));
      std::lock_guard lock(mutex_);
      done_.emplace(w.seq, std::move(items));
      delivered_.notify_all();
    }
  }

  // ---- delivery, in input order, on the calling thread
  void deliver(const std::function<void(BatchItem&&)>& sink) {
    std::vector<Outcomes> done_with;
    while (true) {
      std::vector<BatchItem> items;
      {
        std::unique_lock lock(mutex_);
        // What the sink left of the previous items' outcomes goes back to the workers (a
        // bounded number: the rest is freed).
        for (auto& outcomes : done_with)
          if (returned_outcomes_.size() < kReturnedOutcomes)
            returned_outcomes_.push_back(std::move(outcomes));
        delivered_.wait(lock, [&] {
          return done_.count(next_to_deliver_) || (reading_done_ && next_to_deliver_ >= total_);
        });
        auto it = done_.find(next_to_deliver_);
        if (it == done_.end()) return;
        items = std::move(it->second);
        done_.erase(it);
        ++next_to_deliver_;
        space_.notify_all();
      }
      done_with.clear();  // what was not handed back is freed here, outside the lock
      for (auto& item : items) {
        sink(std::move(item));
        for (auto& result : item.results)  // NOLINT(bugprone-use-after-move): see run_batch
          if (!result.rules.empty()) done_with.push_back(std::move(result.rules));
      }
    }
  }

  std::shared_ptr<const Graph> graph_;
  const BatchOptions& options_;
  std::mutex mutex_;
  std::condition_variable work_ready_, delivered_, space_;
  std::deque<Work> queue_;
  std::map<std::size_t, std::vector<BatchItem>> done_;
  static constexpr std::size_t kReturnedOutcomes = 256;
  std::vector<std::vector<RuleOutcome>> returned_outcomes_;
  Work chunk_;  // reader only
  std::size_t chunk_bytes_ = 0;
  std::size_t next_seq_ = 0;
  std::size_t next_to_deliver_ = 0;
  std::size_t total_ = 0;
  bool reading_done_ = false;
};

}  // namespace

void run_batch(std::shared_ptr<const Graph> graph, const std::vector<std::filesystem::path>& inputs,
               const BatchOptions& options, const std::function<void(BatchItem&&)>& sink) {
  Pipeline pipeline(std::move(graph), options);
  pipeline.run(inputs, sink);
}

}  // namespace tekigo::engine
