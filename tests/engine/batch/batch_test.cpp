// Tests for engine/batch: many dumps on several threads, results in input order, bad
// dumps reported where they stand, JSON Lines read line by line.
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "engine/batch/batch.hpp"
#include "support/stdin_pipe.hpp"

using namespace tekigo::engine;
using tekigo::test::StdinPipe;

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

// What a sink saw of a batch fed slowly on standard input: line 1 is written, then the
// producer waits (up to 5 s) for the sink to receive its result — and, with the idle hook,
// for the hook to be called after it (delivery then waits for line 2's result, which cannot
// be ready: line 2 is not written yet) — before writing line 2.
struct TrickleRun {
  bool first_before_second = false;  // result 1 arrived before line 2 was written
  std::vector<std::string> subjects;
  std::vector<std::size_t> idle_at;  // results delivered when on_idle was called
};

TrickleRun run_trickle(bool with_idle_hook) {
  TrickleRun run;
  StdinPipe in;
  std::mutex m;
  std::condition_variable got_first;
  std::size_t delivered = 0;
  bool idle_after_first = false;
  std::thread producer([&] {
    in.write(dump(1) + "\n");
    {
      std::unique_lock lock(m);
      got_first.wait_for(lock, std::chrono::seconds(5),
                         [&] { return delivered >= 1 && (!with_idle_hook || idle_after_first); });
      run.first_before_second = delivered >= 1;
    }
    in.write(dump(2) + "\n");
    in.close();
  });
  BatchOptions options;
  options.jobs = 2;
  if (with_idle_hook)
    options.on_idle = [&] {
      std::lock_guard lock(m);
      run.idle_at.push_back(delivered);
      if (delivered >= 1) idle_after_first = true;
      got_first.notify_all();
    };
  run_batch(windows_graph(), {"-"}, options, [&](BatchItem&& item) {
    std::lock_guard lock(m);
    for (const auto& r : item.results) run.subjects.push_back(r.subject);
    ++delivered;
    got_first.notify_all();
  });
  producer.join();
  return run;
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
      {FactValue::map({{"os", FactValue::map({{"family", FactValue::string("windows")}})}}),
       "facts.yaml", "", std::nullopt});
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

TEST_CASE("a batch that reuses outcome storage reports what a fresh evaluation does", "[batch]") {
  // The workers decide each dump into outcome vectors that earlier dumps used (handed back
  // after delivery). Dumps that alternate between statuses with and without notes, evidence
  // and long messages must each come out exactly as a fresh Evaluation gives them.
  GraphBuilder b;
  NodeId software = b.fact(0, {"software"}, FactType::list);
  NodeId name = b.fact(1, {"name"}, FactType::string);
  NodeId itunes = b.exists(software, b.match(name, "^itunes", "name ~ \"^itunes\""),
                           "any software (name ~ \"^itunes\")");
  NodeId bonjour = b.exists(software, b.match(name, "bonjour", "name ~ \"bonjour\""),
                            "any software (name ~ \"bonjour\")");
  Rule forbid;
  forbid.id = "forbid";
  forbid.cite = "§3(3) 別表";
  forbid.title = "software the document forbids must not be installed";
  forbid.notes = {"※1 a note on the rule"};
  forbid.report_all_matches = true;
  Case c1;
  c1.when = itunes;
  c1.status = Status::fail;
  c1.message = "installed: iTunes, which the document forbids on the terminal";
  c1.notes = {"※2 a note of the iTunes case"};
  Case c2;
  c2.when = bonjour;
  c2.status = Status::fail;
  c2.message = "installed: Bonjour";
  forbid.cases = {c1, c2};
  forbid.otherwise.status = Status::pass;
  forbid.otherwise.message = "none of the forbidden software is installed";
  b.add_rule(forbid);
  auto graph = std::move(b).build();

  auto dir = temp_dir();
  auto lines = dir / "fleet.jsonl";
  std::vector<std::string> texts;
  for (int i = 0; i < 300; ++i) {
    std::string programs;
    if (i % 5 != 4) programs = R"({"name": "7-Zip"}, {"name": "Microsoft Office"})";
    if (i % 3 == 0) programs += std::string(programs.empty() ? "" : ", ") + R"({"name": "iTunes"})";
    if (i % 4 == 0)
      programs += std::string(programs.empty() ? "" : ", ") + R"({"name": "Bonjour"})";
    texts.push_back(
        fmt::format(R"({{"schema": "tekigo.facts/1", "subject": "t{}"{}}})", i,
                    i % 7 == 6 ? std::string() : fmt::format(R"(, "software": [{}])", programs)));
  }
  {
    std::ofstream out(lines);
    for (const auto& t : texts) out << t << "\n";
  }
  BatchOptions options;
  options.jobs = 2;
  options.window = 64;
  std::vector<TerminalResult> results;
  run_batch(graph, {lines}, options, [&](BatchItem&& item) {
    for (const auto& r : item.results) results.push_back(r);  // copies: the rest is reused
  });
  REQUIRE(results.size() == texts.size());
  Evaluation fresh(graph, options.evaluation);
  std::size_t statuses[8] = {};
  for (std::size_t i = 0; i < texts.size(); ++i) {
    auto load = parse_facts(texts[i], "fleet.jsonl", FactFormat::json);
    REQUIRE(load.documents.size() == 1);
    fresh.reset(load.documents[0].root);
    const auto& want = fresh.outcomes();
    const auto& got = results[i].rules;
    INFO("dump " << i);
    REQUIRE(got.size() == want.size());
    for (std::size_t r = 0; r < got.size(); ++r) {
      CHECK(got[r].id == want[r].id);
      CHECK(got[r].cite == want[r].cite);
      CHECK(got[r].title == want[r].title);
      CHECK(got[r].status == want[r].status);
      CHECK(got[r].message == want[r].message);
      CHECK(got[r].notes == want[r].notes);
      CHECK(got[r].decided_by.line == want[r].decided_by.line);
      REQUIRE(got[r].evidence.size() == want[r].evidence.size());
      for (std::size_t e = 0; e < got[r].evidence.size(); ++e) {
        CHECK(got[r].evidence[e].path == want[r].evidence[e].path);
        CHECK(got[r].evidence[e].value == want[r].evidence[e].value);
        CHECK(got[r].evidence[e].expected == want[r].evidence[e].expected);
        CHECK(got[r].evidence[e].absent == want[r].evidence[e].absent);
      }
      ++statuses[static_cast<int>(got[r].status)];
    }
  }
  // The fleet mixes passes, fails and unknowns (no software list).
  CHECK(statuses[static_cast<int>(Status::pass)] > 10);
  CHECK(statuses[static_cast<int>(Status::fail)] > 10);
  CHECK(statuses[static_cast<int>(Status::unknown)] > 10);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a leading byte-order mark is ignored in files, JSON Lines and standard input",
          "[batch]") {
  const std::string bom = "\xEF\xBB\xBF";
  auto dir = temp_dir();
  std::ofstream(dir / "one.json", std::ios::binary) << bom << dump(1);
  std::ofstream(dir / "more.jsonl", std::ios::binary) << bom << dump(2) << "\n" << dump(3) << "\n";
  std::vector<std::string> subjects, errors;
  auto sink = [&](BatchItem&& item) {
    for (const auto& r : item.results) subjects.push_back(r.subject);
    for (const auto& e : item.errors) errors.push_back(e.to_string());
  };
  {
    StdinPipe in;
    std::thread producer([&] {
      in.write(bom + dump(4) + "\n" + dump(5) + "\n");
      in.close();
    });
    run_batch(windows_graph(), {dir / "one.json", dir / "more.jsonl", "-"}, {}, sink);
    producer.join();
  }
  CHECK(errors.empty());
  CHECK(subjects == std::vector<std::string>{"t1", "t2", "t3", "t4", "t5"});
  std::filesystem::remove_all(dir);
}

TEST_CASE("a JSON Lines line over the size limit is an error and the next lines are read",
          "[batch]") {
  // A line of 3 MiB spans several of the reader's 1 MiB blocks; a line of 5,000 bytes fits in
  // one. Both are over the limit and refused on their own; their neighbours are checked.
  auto dir = temp_dir();
  auto lines = dir / "big.jsonl";
  {
    std::ofstream out(lines, std::ios::binary);
    out << dump(1) << "\n";
    out << "{\"subject\": \"" << std::string(3u << 20, 'y') << "\"}\n";
    out << dump(3) << "\n";
    out << "{\"subject\": \"" << std::string(5000, 'y') << "\"}\r\n";
    out << dump(5) << "\n";
    out << "{\"subject\": \"" << std::string(2u << 20, 'y');  // last, without a newline
  }
  BatchOptions options;
  options.jobs = 2;
  options.load.max_file_bytes = 1000;
  std::vector<std::string> subjects, errors;
  run_batch(windows_graph(), {lines}, options, [&](BatchItem&& item) {
    for (const auto& r : item.results) subjects.push_back(r.subject);
    for (const auto& e : item.errors) errors.push_back(e.to_string());
  });
  CHECK(subjects == std::vector<std::string>{"t1", "t3", "t5"});
  REQUIRE(errors.size() == 3);
  CHECK(errors[0] == lines.string() + ":2: larger than 1000 bytes; refusing to read it");
  CHECK(errors[1] == lines.string() + ":4: larger than 1000 bytes; refusing to read it");
  CHECK(errors[2] == lines.string() + ":6: larger than 1000 bytes; refusing to read it");
  std::filesystem::remove_all(dir);
}

TEST_CASE("a JSON Lines line over the size limit on standard input stops the reading there",
          "[batch]") {
  // 96 MiB in one line on standard input, limit 1,000 bytes: the reader must not gather the
  // line (peak memory grew by the line's size, twice) and must not read on, since a line on a
  // pipe may never end (/dev/zero). ru_maxrss is the process's peak: the check is sharp when
  // this test runs alone (ctest runs each test case in a process of its own).
  constexpr std::size_t kLine = 96u << 20;
  rusage before{};
  ::getrusage(RUSAGE_SELF, &before);
  auto* previous_sigpipe = std::signal(SIGPIPE, SIG_IGN);
  StdinPipe in;
  std::size_t sent = 0;
  std::thread producer([&] {
    in.write(dump(1) + "\n{\"subject\": \"");
    std::string block(1u << 20, 'y');
    for (; sent < kLine; sent += block.size())
      if (!in.write(block)) return;  // the reader stopped
    in.write("\"}\n" + dump(3) + "\n");
    in.close();
  });
  BatchOptions options;
  options.jobs = 2;
  options.load.max_file_bytes = 1000;
  std::vector<std::string> subjects, errors;
  run_batch(windows_graph(), {"-"}, options, [&](BatchItem&& item) {
    for (const auto& r : item.results) subjects.push_back(r.subject);
    for (const auto& e : item.errors) errors.push_back(e.to_string());
  });
  in.stop_reading();
  producer.join();
  std::signal(SIGPIPE, previous_sigpipe);
  rusage after{};
  ::getrusage(RUSAGE_SELF, &after);
  CHECK(subjects == std::vector<std::string>{"t1"});
  CHECK(errors == std::vector<std::string>{
                      "stdin:2: larger than 1000 bytes; refusing to read it, and stopped reading "
                      "stdin there: a line may never end"});
  INFO("the producer had written " << sent << " bytes of the line");
  CHECK(sent < kLine);  // blocked on the full pipe until the reader stopped
  const long grown_kib = after.ru_maxrss - before.ru_maxrss;  // Linux: KiB
  INFO("peak memory grew by " << grown_kib << " KiB");
  CHECK(grown_kib < 32 * 1024);
}

TEST_CASE("results from standard input are delivered as their lines arrive", "[batch]") {
  TrickleRun run = run_trickle(false);
  CHECK(run.first_before_second);
  CHECK(run.subjects == std::vector<std::string>{"t1", "t2"});
}

TEST_CASE("the idle hook is called when delivery is about to wait", "[batch]") {
  TrickleRun run = run_trickle(true);
  CHECK(run.first_before_second);
  CHECK(run.subjects == std::vector<std::string>{"t1", "t2"});
  // Called while waiting for line 2's result, with line 1's delivered: a streaming writer
  // flushes result 1 there. Once per wait, not in a spin: a few calls in all.
  CHECK(std::count(run.idle_at.begin(), run.idle_at.end(), std::size_t{1}) >= 1);
  CHECK(run.idle_at.size() <= 5);
}

TEST_CASE("every dump of a batch is judged at the batch's check date, with its warnings",
          "[batch][check-date]") {
  // A rule in force from 2024-10-01 on, in a policy effective on that day.
  GraphBuilder b;
  Literal from;
  from.type = FactType::date;
  from.values = {*Date::parse("2024-10-01")};
  from.text = "2024-10-01";
  Rule r;
  r.id = "dated";
  r.title = "in force from October";
  r.in_force = b.compare(b.check_date("today"), CompareOp::ge, from, "today >= 2024-10-01");
  r.in_force_text = "from 2024-10-01";
  r.otherwise.status = Status::pass;
  b.add_rule(r);
  b.set_effective(*Date::parse("2024-10-01"));
  auto graph = std::move(b).build();

  auto dir = temp_dir();
  std::ofstream(dir / "lines.jsonl")
      << R"({"schema": "tekigo.facts/1", "subject": "t1", "collected": {"at": "2024-09-01T10:00:00+09:00"}})"
      << "\n"
      << R"({"schema": "tekigo.facts/1", "subject": "t2", "collected": {"at": "2024-10-02T10:00:00+09:00"}})"
      << "\n";
  auto run = [&](std::string_view as_of) {
    BatchOptions options;
    options.jobs = 2;
    options.evaluation.as_of = Date::parse(as_of);
    std::vector<TerminalResult> results;
    run_batch(graph, {dir / "lines.jsonl"}, options, [&](BatchItem&& item) {
      for (auto& result : item.results) results.push_back(std::move(result));
    });
    REQUIRE(results.size() == 2);
    return results;
  };
  const auto early = run("2024-09-15");
  for (const auto& result : early) {
    CHECK(result.rules.at(0).status == Status::not_applicable);
    // The check date before the effective date: said for every terminal.
    REQUIRE_FALSE(result.warnings.empty());
    CHECK(result.warnings[0].find("checked as of 2024-09-15") == 0);
  }
  CHECK(early[0].warnings.size() == 2);  // …and t1 was collected before it too
  const auto late = run("2024-10-15");
  CHECK(late[0].rules.at(0).status == Status::pass);
  CHECK(late[0].warnings.size() == 1);  // collected on 2024-09-01
  CHECK(late[1].warnings.empty());
  std::filesystem::remove_all(dir);
}
