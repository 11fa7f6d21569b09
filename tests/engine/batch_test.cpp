// Tests for engine/batch: many dumps on several threads, results in input order, bad
// dumps reported where they stand, JSON Lines read line by line.
#include <catch2/catch.hpp>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "engine/batch.hpp"

using namespace tekigo::engine;

namespace {

std::shared_ptr<const Graph> windows_graph() {
  GraphBuilder b;
  Literal windows;
  windows.type = FactType::enumeration;
  windows.values = {std::string("windows")};
  windows.text = "windows";
  NodeId is_windows =
      b.compare(b.fact(0, {"os", "family"}, FactType::enumeration), CompareOp::eq, windows, "");
  Rule r;
  r.id = "windows";
  r.cite = "§1";
  r.title = "runs Windows";
  Case c;
  c.when = b.negate(is_windows);
  c.status = Status::fail;
  r.cases = {c};
  r.otherwise.status = Status::pass;
  b.add_rule(r);
  return std::move(b).build();
}

std::filesystem::path temp_dir() {
  auto dir =
      std::filesystem::temp_directory_path() / ("tekigo-batch-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string dump(int i) {
  return "{\"schema\": \"tekigo.facts/1\", \"subject\": \"t" + std::to_string(i) +
         "\", \"os\": {\"family\": \"" + (i % 3 == 0 ? "macos" : "windows") + "\"}}";
}

}  // namespace

TEST_CASE("a batch keeps input order across threads and reports bad dumps in place", "[batch]") {
  auto dir = temp_dir();
  std::vector<std::filesystem::path> inputs;
  for (int i = 0; i < 150; ++i) {
    auto file = dir / fmt::format("d{:03}.json", i);
    std::ofstream(file) << (i == 77
                                ? std::string("{\"schema\": \"tekigo.facts/1\", \"subject\": [5]}")
                                : dump(i));
    inputs.push_back(file);
  }
  auto lines = dir / "more.jsonl";
  {
    std::ofstream out(lines);
    for (int i = 150; i < 400; ++i) out << (i == 300 ? std::string("not json") : dump(i)) << "\n\n";
  }
  inputs.push_back(lines);
  inputs.push_back(dir / "missing.json");

  BatchOptions options;
  options.jobs = 3;
  options.window = 40;  // smaller than the batch: the reader must wait for delivery
  std::vector<std::string> subjects;
  std::vector<std::string> errors;
  std::size_t fails = 0;
  run_batch(windows_graph(), inputs, options, [&](BatchItem&& item) {
    for (const auto& r : item.results) {
      subjects.push_back(r.subject);
      fails += r.verdict == Verdict::fail;
    }
    for (const auto& e : item.errors) errors.push_back(e.to_string());
  });
  REQUIRE(subjects.size() == 398);  // 400 dumps less the bad file and the bad line
  CHECK(subjects.front() == "t0");
  CHECK(subjects[76] == "t76");
  CHECK(subjects[77] == "t78");  // t77 was the bad one
  CHECK(subjects.back() == "t399");
  CHECK(std::is_sorted(subjects.begin(), subjects.end(),
                       [](const std::string& a, const std::string& b) {
                         return std::stoi(a.substr(1)) < std::stoi(b.substr(1));
                       }));
  std::size_t expected_fails = 0;
  for (int i = 0; i < 400; ++i) expected_fails += (i % 3 == 0 && i != 77 && i != 300);
  CHECK(fails == expected_fails);
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].find("d077.json: subject: expected text") != std::string::npos);
  CHECK(errors[1].find("more.jsonl:301: not valid JSON") !=
        std::string::npos);  // line numbers count blank lines
  CHECK(errors[2].find("missing.json") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("facts given for all dumps are merged into each", "[batch]") {
  auto dir = temp_dir();
  auto file = dir / "one.json";
  std::ofstream(file) << R"({"schema": "tekigo.facts/1", "subject": "t1"})";
  BatchOptions options;
  options.extra_facts.push_back(
      FactValue::map({{"os", FactValue::map({{"family", FactValue::string("windows")}})}}));
  std::vector<Verdict> verdicts;
  run_batch(windows_graph(), {file}, options, [&](BatchItem&& item) {
    for (const auto& r : item.results) verdicts.push_back(r.verdict);
  });
  CHECK(verdicts == std::vector<Verdict>{Verdict::pass});
  std::filesystem::remove_all(dir);
}

TEST_CASE("JSON Lines are read whole across the reader's blocks", "[batch]") {
  // The reader takes the file in 1 MiB blocks: lines that straddle a block, a line longer
  // than a block, CRLF endings and a last line without a newline must all arrive whole.
  auto dir = temp_dir();
  auto lines = dir / "big.jsonl";
  std::size_t expected = 0;
  {
    std::ofstream out(lines, std::ios::binary);
    std::string padding(2500, 'x');
    for (int i = 0; i < 1200; ++i) {  // ≈ 3 MB of ordinary lines: many straddle a block
      out << "{\"schema\": \"tekigo.facts/1\", \"subject\": \"t" << i << "\", \"note\": \""
          << padding << "\", \"os\": {\"family\": \"windows\"}}" << (i % 2 ? "\r\n" : "\n");
      ++expected;
    }
    std::string huge(3u << 20, 'y');  // one line of 3 MiB
    out << "{\"schema\": \"tekigo.facts/1\", \"subject\": \"huge\", \"note\": \"" << huge
        << "\", \"os\": {\"family\": \"macos\"}}\n";
    ++expected;
    out << "{\"schema\": \"tekigo.facts/1\", \"subject\": \"last\", \"os\": {\"family\": "
           "\"windows\"}}";  // no newline at the end
    ++expected;
  }
  BatchOptions options;
  options.jobs = 2;
  std::vector<std::string> subjects;
  std::vector<std::string> errors;
  std::vector<Verdict> verdicts;
  run_batch(windows_graph(), {lines}, options, [&](BatchItem&& item) {
    for (const auto& r : item.results) {
      subjects.push_back(r.subject);
      verdicts.push_back(r.verdict);
    }
    for (const auto& e : item.errors) errors.push_back(e.to_string());
  });
  CHECK(errors.empty());
  REQUIRE(subjects.size() == expected);
  for (int i = 0; i < 1200; ++i)
    CHECK(subjects[static_cast<std::size_t>(i)] == fmt::format("t{}", i));
  CHECK(subjects[1200] == "huge");
  CHECK(verdicts[1200] == Verdict::fail);  // macos: the rule fails, so the line was read whole
  CHECK(subjects[1201] == "last");
  std::filesystem::remove_all(dir);
}
