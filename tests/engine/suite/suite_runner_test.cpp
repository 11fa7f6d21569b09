// Tests for engine/suite: finding a policy's cases, reading a case (every mistake at its line
// and column), building its dump (base, facts, patch), and comparing what the policy says with
// what the case expects — on a graph built with GraphBuilder and case files in a scratch folder.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "engine/eval/graph.hpp"
#include "engine/suite/suite_runner.hpp"
#include "engine/suite/test_case.hpp"

using namespace tekigo::engine;
namespace fs = std::filesystem;

namespace {

struct Scratch {
  fs::path dir;
  Scratch() {
    dir = fs::temp_directory_path() / ("tekigo-suite-test-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() { fs::remove_all(dir); }
  fs::path write(const std::string& name, const std::string& text) const {
    fs::path p = dir / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p;
  }
};

Literal word(std::string w) {
  Literal l;
  l.type = FactType::string;
  l.values.push_back(w);
  l.text = w;
  return l;
}

// One rule `line`: fail "not usable" with note ※1 when network.line == public_wifi, else pass.
std::shared_ptr<const Graph> graph() {
  GraphBuilder b;
  NodeId line = b.fact(0, {"network", "line"}, FactType::string);
  Rule r;
  r.id = "line";
  r.cite = "§2(1)";
  r.title = "The line must be usable.";
  r.notes = {"※1 A slow line may hinder use."};
  Case c;
  c.when = b.compare(line, CompareOp::eq, word("public_wifi"), "network.line == public_wifi");
  c.status = Status::fail;
  c.message = "not usable";
  c.notes = {"※2 Public Wi-Fi cannot be used."};
  r.cases.push_back(c);
  r.otherwise.status = Status::pass;
  r.otherwise.message = "usable";
  b.add_rule(r);
  return std::move(b).build();
}

const char* kBase = R"y(schema: tekigo.facts/1
subject: base
network: {line: fiber, proxy: "p:8080"}
)y";

}  // namespace

TEST_CASE("suite: a policy's cases are the YAML files of <stem>.tests/, without shared ones",
          "[suite]") {
  Scratch s;
  s.write("p.tkg", "");
  s.write("p.tests/b.yaml", "");
  s.write("p.tests/a.yml", "");
  s.write("p.tests/_base.yaml", "");
  s.write("p.tests/notes.txt", "");
  s.write("p.tests/sub/c.yaml", "");
  s.write("p.tests/_shared/d.yaml", "");
  fs::path folder;
  auto found = find_test_cases(s.dir / "p.tkg", &folder);
  CHECK(folder == s.dir / "p.tests");
  REQUIRE(found.size() == 3);
  CHECK(found[0].filename() == "a.yml");
  CHECK(found[1].filename() == "b.yaml");
  CHECK(found[2] == s.dir / "p.tests" / "sub" / "c.yaml");
  CHECK(find_test_cases(s.dir / "q.tkg").empty());
}

TEST_CASE("suite: every mistake in a case file is named at its line and column", "[suite]") {
  Scratch s;
  auto g = graph();
  s.write("_base.yaml", kBase);
  auto bad = read_test_case(s.write("bad.yaml", R"y(dump: _base.yaml
verdict: passes
rules:
  lines: pass
  line: {status: broken, mesage: x, notes: "※1"}
extra: 1
)y"),
                            *g);
  CHECK_FALSE(bad.test);
  std::vector<std::string> errors;
  for (const auto& e : bad.errors)
    errors.push_back(fmt::format("{}:{} {}", e.line, e.column, e.message));
  CHECK(errors ==
        std::vector<std::string>{
            "2:10 unknown verdict `passes` (expected pass, warn, manual, unknown or fail)",
            "4:3 unknown rule `lines`: the policy has no rule of that id",
            "5:18 unknown status `broken` (expected pass, warn, fail, unknown, manual or n/a)",
            "5:26 unknown key `mesage` (expected status, message, notes, cite or title)",
            "5:44 `notes`: expected a list of note labels (※1) or whole note texts",
            "6:1 unknown key `extra` (expected description, dump, patch, facts, as_of, lang, "
            "verdict or rules)"});

  auto yaml = read_test_case(s.write("yaml.yaml", "verdict: pass\nrules: {line: [\n"), *g);
  REQUIRE(yaml.errors.size() == 1);
  CHECK(yaml.errors[0].line == 3);
  CHECK(yaml.errors[0].message.starts_with("not valid YAML: "));
  CHECK(yaml.errors[0].to_string().starts_with((s.dir / "yaml.yaml").string() + ":3:"));

  auto none = read_test_case(s.write("none.yaml", "dump: _base.yaml\n"), *g);
  REQUIRE(none.errors.size() == 1);
  CHECK(none.errors[0].message.starts_with("missing `verdict`"));

  auto absent = read_test_case(s.dir / "absent.yaml", *g);
  REQUIRE(absent.errors.size() == 1);
  CHECK(absent.errors[0].to_string() == (s.dir / "absent.yaml").string() + ": no such file");

  // a FIFO named like a case is found, and refused unopened (it would block for ever)
  const auto pipe = s.dir / "pipe.yaml";
  REQUIRE(mkfifo(pipe.c_str(), 0600) == 0);
  const auto found = cases_under(s.dir);
  CHECK(std::find(found.begin(), found.end(), pipe) != found.end());
  auto fifo = read_test_case(pipe, *g);
  REQUIRE(fifo.errors.size() == 1);
  CHECK(fifo.errors[0].to_string() ==
        pipe.string() +
            ": not a regular file but a named pipe (FIFO): only regular files are read");
  std::filesystem::remove(pipe);

  // a case larger than a dump may be (a sparse file here) is refused unread
  const auto huge = s.write("huge.yaml", "verdict: pass\n");
  std::filesystem::resize_file(huge, (64u << 20) + 1);
  auto big = read_test_case(huge, *g);
  REQUIRE(big.errors.size() == 1);
  CHECK(big.errors[0].to_string() ==
        huge.string() + ": larger than 67108864 bytes; refusing to read it");
}

TEST_CASE("suite: a case's dump is its base, the facts merged in, then its patch", "[suite]") {
  Scratch s;
  auto g = graph();
  s.write("_base.yaml", kBase);
  s.write("_facts.yaml", "schema: tekigo.facts/1\nsubject: other\nnetwork: {line: public_wifi}\n");
  auto wifi = s.write("wifi.yaml", R"y(dump: _base.yaml
facts: [_facts.yaml]
verdict: fail
rules:
  line: {status: fail, message: not usable, notes: ["※1", "※2 Public Wi-Fi cannot be used."],
         cite: "§2(1)", title: "The line must be usable."}
)y");
  auto patched = s.write("patched.yaml", R"y(dump: _base.yaml
facts: _facts.yaml
patch:
  network: {line: fiber, proxy: null}
verdict: pass
rules: {line: pass}
)y");
  auto broken = s.write("broken.yaml", R"y(dump: _base.yaml
patch: {subject: null, network: {line: 42}}
verdict: pass
)y");
  SuiteResult suite = run_suite(g, {wifi, patched, broken});
  REQUIRE(suite.cases.size() == 3);
  CHECK(suite.cases[0].state == CaseResult::State::ok);
  CHECK(suite.cases[0].result.subject == "base");  // the facts file's subject is left out
  CHECK(suite.cases[1].state == CaseResult::State::ok);
  CHECK(suite.count(CaseResult::State::ok) == 2);
  REQUIRE(suite.cases[2].state == CaseResult::State::error);
  std::vector<std::string> errors;
  for (const auto& e : suite.cases[2].errors) errors.push_back(e.message);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0] ==
        "the case's dump: (top level): missing required key `subject` (the terminal's id)");
  CHECK(errors[1].starts_with("the case's dump: network.line: expected "));
  // Coverage saw the rule pass and fail, the case hold and not.
  CHECK(suite.coverage->covered() == 4);
}

TEST_CASE("suite: every expectation the outcome does not meet is a mismatch", "[suite]") {
  Scratch s;
  auto g = graph();
  s.write("_base.yaml", kBase);
  auto wrong = s.write("wrong.yaml", R"y(dump: _base.yaml
patch: {network: {line: public_wifi}}
verdict: warn
rules:
  line: {status: fail, message: "not usable!", notes: ["※1 A slow line"], cite: "§2(2)", title: "t"}
)y");
  auto labels = s.write("labels.yaml", R"y(dump: _base.yaml
patch: {network: {line: public_wifi}}
verdict: fail
rules:
  line: {notes: ["※2", "※1", "※1"]}
)y");
  SuiteResult suite = run_suite(g, {wrong, labels});
  REQUIRE(suite.cases[0].state == CaseResult::State::fail);
  std::vector<std::string> what;
  for (const auto& m : suite.cases[0].mismatches) what.push_back(m.rule + " " + m.what);
  // A whole text must be the note's whole text: "※1 A slow line" is neither label nor text.
  CHECK(what == std::vector<std::string>{" verdict", "line message", "line notes", "line cite",
                                         "line title"});
  CHECK(suite.cases[0].mismatches[0].expected == "warn");
  CHECK(suite.cases[0].mismatches[0].actual == "fail");
  // Labels in any order, but as many as the notes.
  REQUIRE(suite.cases[1].mismatches.size() == 1);
  CHECK(suite.cases[1].mismatches[0].what == "notes");

  const std::string text = suite_text(suite, PolicyInfo{});
  CHECK(text.find("FAIL  " + wrong.string()) != std::string::npos);
  CHECK(text.find("verdict: expected warn, got fail") != std::string::npos);
  CHECK(text.find("network.line = public_wifi   (expected == public_wifi)") != std::string::npos);
  CHECK(text.ends_with("0 passed, 2 failed\n"));
  const std::string junit = suite_junit(suite, PolicyInfo{});
  CHECK(junit.find("tests=\"2\" failures=\"2\" errors=\"0\"") != std::string::npos);
}
