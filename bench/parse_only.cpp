// bench: the baseline for `tekigo check` — read the same bytes and parse every dump with
// simdjson::dom, doing nothing else. No FactValue tree, no validation, no evaluation, no report.
//
//   tekigo_parse_only [--jobs N] PATH...
//
// PATH is a directory (searched recursively for .json files, as `tekigo check` does), a .json
// file, or a .jsonl/.ndjson file (one dump per line). Directories and .json files are read and
// parsed by N worker threads, each with its own dom::parser; a JSON Lines file is read line by
// line by one reader thread that hands batches of lines to N parsing workers (the same shape as
// tekigo's batch runner). Prints the number of documents, bytes and parse errors to stderr;
// exits 1 when any document failed to parse.
#include <simdjson.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Totals {
  std::atomic<std::size_t> documents{0};
  std::atomic<std::size_t> bytes{0};
  std::atomic<std::size_t> errors{0};
  std::atomic<std::size_t> elements{0};  // a use of each parse result, so nothing is optimised away
};

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_lines(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".jsonl" || ext == ".ndjson";
}

void parse_one(simdjson::dom::parser& parser, const char* data, std::size_t size, Totals& totals) {
  simdjson::dom::element root;
  if (parser.parse(data, size, false).get(root) != simdjson::SUCCESS) {
    ++totals.errors;
    return;
  }
  simdjson::dom::object object;
  if (root.get(object) == simdjson::SUCCESS) totals.elements += object.size();
  ++totals.documents;
  totals.bytes += size;
}

// Files: each worker takes the next file, reads it into a padded buffer and parses it.
void parse_files(const std::vector<fs::path>& files, unsigned jobs, Totals& totals) {
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    simdjson::dom::parser parser;
    std::string buffer;
    while (true) {
      const std::size_t i = next++;
      if (i >= files.size()) return;
      std::ifstream in(files[i], std::ios::binary);
      if (!in) {
        ++totals.errors;
        continue;
      }
      std::error_code ec;
      const auto size = static_cast<std::size_t>(fs::file_size(files[i], ec));
      buffer.resize(size + simdjson::SIMDJSON_PADDING);
      in.read(buffer.data(), static_cast<std::streamsize>(size));
      parse_one(parser, buffer.data(), static_cast<std::size_t>(in.gcount()), totals);
    }
  };
  std::vector<std::thread> threads;
  for (unsigned j = 0; j < jobs; ++j) threads.emplace_back(work);
  for (auto& t : threads) t.join();
}

// JSON Lines: one reader, batches of lines to the workers through a bounded queue.
void parse_lines(std::istream& in, unsigned jobs, Totals& totals) {
  constexpr std::size_t kBatch = 32, kMaxBatches = 16;
  std::mutex mutex;
  std::condition_variable ready, space;
  std::deque<std::vector<std::string>> queue;
  bool done = false;
  auto work = [&] {
    simdjson::dom::parser parser;
    while (true) {
      std::vector<std::string> batch;
      {
        std::unique_lock lock(mutex);
        ready.wait(lock, [&] { return !queue.empty() || done; });
        if (queue.empty()) return;
        batch = std::move(queue.front());
        queue.pop_front();
        space.notify_one();
      }
      for (auto& line : batch) {
        const std::size_t size = line.size();
        line.resize(size + simdjson::SIMDJSON_PADDING);
        parse_one(parser, line.data(), size, totals);
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned j = 0; j < jobs; ++j) threads.emplace_back(work);
  std::vector<std::string> batch;
  std::string line;
  auto push = [&] {
    std::unique_lock lock(mutex);
    space.wait(lock, [&] { return queue.size() < kMaxBatches; });
    queue.push_back(std::move(batch));
    batch = {};
    ready.notify_one();
  };
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    batch.push_back(std::move(line));
    line.clear();
    if (batch.size() >= kBatch) push();
  }
  if (!batch.empty()) push();
  {
    std::lock_guard lock(mutex);
    done = true;
  }
  ready.notify_all();
  for (auto& t : threads) t.join();
}

}  // namespace

int main(int argc, char** argv) {
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--jobs" || arg == "-j") && i + 1 < argc) {
      jobs = static_cast<unsigned>(std::max(1, std::atoi(argv[++i])));
    } else if (arg == "--help" || arg == "-h") {
      std::cout << "usage: tekigo_parse_only [--jobs N] DIR|FILE.json|FILE.jsonl...\n";
      return 0;
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) {
    std::cerr << "usage: tekigo_parse_only [--jobs N] DIR|FILE.json|FILE.jsonl...\n";
    return 2;
  }

  Totals totals;
  std::vector<fs::path> files;
  for (const auto& p : paths) {
    if (p == "-") {
      parse_lines(std::cin, jobs, totals);
    } else if (fs::is_directory(p)) {
      std::vector<fs::path> found;
      for (const auto& entry : fs::recursive_directory_iterator(p))
        if (entry.is_regular_file() && ends_with(entry.path().string(), ".json"))
          found.push_back(entry.path());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (is_lines(p)) {
      std::ifstream in(p, std::ios::binary);
      if (!in) {
        std::cerr << "tekigo_parse_only: cannot open " << p << "\n";
        return 2;
      }
      parse_lines(in, jobs, totals);
    } else {
      files.emplace_back(p);
    }
  }
  if (!files.empty()) parse_files(files, jobs, totals);

  std::cerr << "tekigo_parse_only: " << totals.documents << " documents, " << totals.bytes
            << " bytes, " << totals.errors << " errors, " << totals.elements << " top-level keys, "
            << jobs << " threads\n";
  return totals.errors ? 1 : 0;
}
