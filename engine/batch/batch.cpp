// engine: the batch runner — one reader thread, N evaluation workers, in-order delivery
// with a bounded window.
#include "engine/batch/batch.hpp"

#include <fmt/format.h>

#ifndef _WIN32
#include <poll.h>
#include <unistd.h>
#endif

#include <cerrno>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>

#include "engine/batch/attestations.hpp"
#include "engine/common/sha256.hpp"
#include "engine/common/text_file.hpp"
#include "engine/report/report.hpp"

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
        read_stdin();
        continue;
      }
      FactFormat format = format_of(input);
      if (format == FactFormat::json_lines) {
        std::string error;
        std::ifstream in;
        if (!regular_file(input, error)) {  // /dev/zero or a FIFO would never end
          add(Input{utf8_of(input), {}, format, std::move(error)});
          continue;
        }
        in.open(input, std::ios::binary);
        if (!in)
          add(Input{utf8_of(input), {}, format, "cannot open"});
        else
          read_lines(stream_reader(in), utf8_of(input), false, nullptr);
        continue;
      }
      Input one{utf8_of(input), {}, format, {}};
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

  // Reads up to `size` bytes into `buffer`: how many (0 at the end of the input), or -1 with
  // `error` set.
  using ReadSome =
      std::function<std::ptrdiff_t(char* buffer, std::size_t size, std::string& error)>;

  // A file fills whole blocks: istream::read waits until the block is full or the file ends.
  static ReadSome stream_reader(std::istream& in) {
    return [&in](char* buffer, std::size_t size, std::string& error) -> std::ptrdiff_t {
      in.read(buffer, static_cast<std::streamsize>(size));
      if (in.bad()) {
        error = "cannot read";
        return -1;
      }
      return static_cast<std::ptrdiff_t>(in.gcount());
    };
  }

  // Standard input is often a producer that writes a dump now and then (a collector over
  // ssh, `tail -f`): read() returns what has arrived, and when nothing more is waiting, the
  // lines read so far go to the workers at once, so that each result follows its line instead
  // of waiting for a full chunk. A fast producer (`cat fleet.jsonl |`, whose reads come 64 KiB
  // at a time) always has more waiting, and its lines go in full chunks as a file's do.
  void read_stdin() {
#ifdef _WIN32
    // Not streamed on Windows (where the engine is only compiled for checks): blocks as files.
    read_lines(stream_reader(std::cin), "stdin", true, nullptr);
#else
    ReadSome read_fd = [](char* buffer, std::size_t size, std::string& error) -> std::ptrdiff_t {
      while (true) {
        ssize_t n = ::read(STDIN_FILENO, buffer, size);
        if (n >= 0) return n;
        if (errno == EINTR) continue;
        error = fmt::format("cannot read: {}", std::generic_category().message(errno));
        return -1;
      }
    };
    auto waiting = [] {
      pollfd fd{STDIN_FILENO, POLLIN, 0};
      return ::poll(&fd, 1, 0) > 0 && (fd.revents & POLLIN) != 0;
    };
    read_lines(read_fd, "stdin", true, waiting);
#endif
  }

  // Lines are cut from large blocks and each is copied once, into a string with room for
  // the parser's padding (parse_facts_in_place then parses it where it is). A line over the
  // size limit is refused as it comes: no more than the limit of it is held. In a file (a
  // regular file: it ends) its bytes are dropped up to its newline and the lines after it are
  // read as usual. On standard input, reading stops at the limit: a line that never ends
  // (/dev/zero, a producer that lost its newlines) cannot be told from a long one, and must
  // not be read on (`stop_when_too_long`). `more_waiting`
  // (standard input, see read_stdin): after a read, when it says no more input is waiting,
  // the lines read so far go to the workers at once.
  void read_lines(const ReadSome& read_some, const std::string& name, bool stop_when_too_long,
                  const std::function<bool()>& more_waiting) {
    constexpr std::size_t kBlock = 1u << 20;
    const std::size_t limit = options_.load.max_file_bytes;
    std::string block(kBlock, '\0');
    std::string partial;    // a line that continues into the next block
    bool too_long = false;  // the current line is over the limit: it is being skipped
    std::size_t number = 0;
    auto emit = [&](std::string_view line) {
      ++number;
      if (blank_json_line(line)) return;
      std::string text;
      text.reserve(line.size() + kParsePadding);
      text.assign(line);
      add(Input{fmt::format("{}:{}", name, number), std::move(text), FactFormat::json, {}});
    };
    auto refuse = [&] {
      ++number;
      add(Input{fmt::format("{}:{}", name, number),
                {},
                FactFormat::json,
                stop_when_too_long
                    ? fmt::format("larger than {} bytes; refusing to read it, and stopped "
                                  "reading {} there: a line may never end",
                                  limit, name)
                    : fmt::format("larger than {} bytes; refusing to read it", limit)});
    };
    // One piece of a line: up to its newline (`ends`) or to the end of the block.
    // `partial` grows to the limit at most (not to twice a line's size, as doubling would),
    // and a line longer than a block gives its memory back once it is done with.
    auto keep = [&](std::string_view piece) {
      const std::size_t needed = partial.size() + piece.size();
      if (needed > partial.capacity())
        partial.reserve(std::min(limit, std::max(needed, 2 * partial.capacity())));
      partial.append(piece);
    };
    auto release = [&] {
      if (partial.capacity() > kBlock)
        std::string().swap(partial);
      else
        partial.clear();
    };
    auto take = [&](std::string_view piece, bool ends) {
      if (!too_long && partial.size() + piece.size() > limit) {
        too_long = true;
        release();
        if (stop_when_too_long) return refuse();
      }
      if (too_long) {
        if (ends) {
          refuse();
          too_long = false;
        }
      } else if (!ends) {
        keep(piece);
      } else if (partial.empty()) {
        emit(piece);
      } else {
        keep(piece);
        emit(partial);
        release();
      }
    };
    while (true) {
      std::string error;
      const std::ptrdiff_t got = read_some(block.data(), block.size(), error);
      if (got < 0) {
        add(Input{name, {}, FactFormat::json, std::move(error)});  // an unfinished line is lost
        return;
      }
      if (got == 0) break;
      std::string_view data(block.data(), static_cast<std::size_t>(got));
      while (!data.empty()) {
        const std::size_t end = data.find('\n');
        if (end == std::string_view::npos) {
          take(data, false);
          break;
        }
        take(data.substr(0, end), true);
        data.remove_prefix(end + 1);
        if (too_long && stop_when_too_long) break;
      }
      if (too_long && stop_when_too_long) return;
      if (more_waiting && !more_waiting()) flush();
    }
    if (too_long)
      refuse();
    else if (!partial.empty())
      emit(partial);
  }

  // ---- workers: parse, merge, evaluate
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

  // One worker's evaluations: under the batch's graph, and under the baseline's when there is
  // one. `spare`: the previous dump's tree, whose storage the next parse reuses.
  struct Evaluations {
    std::optional<Evaluation> main, baseline;
    FactValue spare;
    std::vector<Outcomes> spares;
  };

  // Decides every rule of `evaluation` on `facts` (moved in) into `result`; returns what the
  // evaluation held before.
  static FactValue decide(Evaluation& evaluation, FactValue facts, TerminalResult& result,
                          std::vector<Outcomes>& spares) {
    FactValue previous = evaluation.exchange(std::move(facts));
    result.rules = evaluation.take_outcomes(take_spare_outcomes(spares));
    result.verdict = verdict_of(result.rules);
    result.warnings = evaluation.warnings();
    return previous;
  }

  BatchItem evaluate_input(Input& input, Evaluations& ev) {
    BatchItem item;
    if (!input.read_error.empty()) {
      item.errors.push_back({input.source, "", input.read_error});
      return item;
    }
    // The bytes as read, hashed before the in-place parse writes over them: what was judged.
    const std::string digest = sha256_hex(input.text);
    FactLoad load =
        parse_facts_in_place(input.text, input.source, input.format, options_.load, &ev.spare);
    item.errors = std::move(load.errors);
    const bool paired = options_.baseline != nullptr;
    for (auto& doc : load.documents) {
      TerminalResult result, baseline;
      result.source = doc.source;
      result.subject = doc.subject();
      result.sha256 = digest;
      if (auto refused =
              applied_attestations(read_attestation(doc.root, doc.source, digest),
                                   options_.extra_facts, result.subject, result.attestations)) {
        item.errors.push_back({doc.source, "", std::move(*refused), result.subject});
        continue;
      }
      try {
        FactValue facts = std::move(doc.root);
        for (const auto& part : options_.extra_facts) merge_facts(facts, part.facts, nullptr);
        if (paired) {
          // The tree is lent to the baseline and taken back: both read the same facts.
          if (!ev.baseline) ev.baseline.emplace(options_.baseline, options_.baseline_evaluation);
          baseline.source = result.source;
          baseline.subject = result.subject;
          FactValue held = decide(*ev.baseline, std::move(facts), baseline, ev.spares);
          facts = ev.baseline->exchange(std::move(held));
        }
        if (!ev.main) ev.main.emplace(graph_, options_.evaluation);
        ev.spare = decide(*ev.main, std::move(facts), result, ev.spares);
        attribute_attestations(*graph_, result);
        if (paired) {
          baseline.sha256 = result.sha256;
          baseline.attestations = result.attestations;
          attribute_attestations(*options_.baseline, baseline);
        }
      } catch (const std::exception& e) {
        ev.main.reset();
        ev.baseline.reset();
        result = error_result(doc.source, fmt::format("evaluation failed: {}", e.what()),
                              result.subject);
        baseline = result;
      }
      item.results.push_back(std::move(result));
      if (paired) item.baseline.push_back(std::move(baseline));
    }
    return item;
  }

  void work() {
    Evaluations ev;
    while (true) {
      Work w;
      {
        std::unique_lock lock(mutex_);
        work_ready_.wait(lock, [&] { return !queue_.empty() || reading_done_; });
        if (queue_.empty()) return;
        w = std::move(queue_.front());
        queue_.pop_front();
        const std::size_t wanted = w.inputs.size() * (options_.baseline ? 2 : 1);
        while (ev.spares.size() < wanted && !returned_outcomes_.empty()) {
          ev.spares.push_back(std::move(returned_outcomes_.back()));
          returned_outcomes_.pop_back();
        }
      }
      std::vector<BatchItem> items;
      items.reserve(w.inputs.size());
      for (auto& input : w.inputs) items.push_back(evaluate_input(input, ev));
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
        auto ready = [&] {
          return done_.count(next_to_deliver_) || (reading_done_ && next_to_deliver_ >= total_);
        };
        // About to wait for the next result: the caller may flush what it has written (a
        // streamed report). Called without the lock, which workers need to hand results in;
        // once per wait, then the state is checked afresh.
        if (options_.on_idle && !ready()) {
          lock.unlock();
          options_.on_idle();
          lock.lock();
        }
        delivered_.wait(lock, ready);
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
        // NOLINTBEGIN(bugprone-use-after-move): see run_batch
        for (auto* results : {&item.results, &item.baseline})
          for (auto& result : *results)
            if (!result.rules.empty()) done_with.push_back(std::move(result.rules));
        // NOLINTEND(bugprone-use-after-move)
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
