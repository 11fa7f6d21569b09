// Tests for engine/fact_dump: reading dumps (JSON, JSON Lines, YAML), validating them
// against the v1 contract, and merging parts.
#include <catch2/catch.hpp>

#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "engine/facts/fact_dump.hpp"

using namespace tekigo::engine;

namespace {
std::vector<std::string> errors_of(std::string_view text, FactFormat format = FactFormat::json) {
  std::vector<std::string> out;
  for (const auto& e : parse_facts(text, "d.json", format).errors) out.push_back(e.to_string());
  return out;
}
const char* kHead = R"("schema": "tekigo.facts/1", "subject": "t1")";
}  // namespace

TEST_CASE("a valid dump loads in JSON, JSON Lines and YAML alike", "[facts]") {
  std::string json = std::string("{") + kHead +
                     R"(, "os": {"family": "Windows", "version": "10", "service_pack": 0}})";
  auto a = parse_facts(json, "d.json", FactFormat::json);
  REQUIRE(a.errors.empty());
  CHECK(a.documents[0].root.find("os")->find("family")->as_string() ==
        "windows");  // words are lower-cased
  auto b = parse_facts(json + "\n\n" + json + "\n", "d.jsonl", FactFormat::json_lines);
  REQUIRE(b.documents.size() == 2);
  CHECK(b.documents[1].source == "d.jsonl:3");
  auto c = parse_facts(
      "schema: tekigo.facts/1\nsubject: t1\nos: {family: windows, version: '10', service_pack: "
      "0}\n",
      "d.yaml", FactFormat::yaml);
  REQUIRE(c.errors.empty());
  CHECK(c.documents[0].root == a.documents[0].root);
}

TEST_CASE("contract violations name the file and the path", "[facts]") {
  auto e = errors_of(std::string("{") + kHead + R"(, "os": {"service_pack": "one"}})");
  REQUIRE(e.size() == 1);
  CHECK(e[0] == R"(d.json: os.service_pack: expected an integer, got "one")");
  e = errors_of(
      std::string("{") + kHead +
      R"(, "reach": [{"host": "a.example", "protocol": "udp", "port": 500, "state": "open"},
                                                          {"host": "a.example", "protocol": "udp", "port": 500, "state": "opened"}]})");
  REQUIRE(e.size() == 1);
  CHECK(e[0] ==
        R"(d.json: reach[1].state: expected one of open, closed, filtered, error, got "opened")");
  e = errors_of(std::string("{") + kHead + R"(, "dns": [{"name": "a.example", "source": "dns"}]})");
  REQUIRE(e.size() == 1);
  CHECK(e[0] == "d.json: dns[0]: missing required key `addresses` (source is dns)");
  e = errors_of(std::string("{") + kHead + R"(, "software": [{"version": "1.0"}]})");
  REQUIRE(e.size() == 1);
  CHECK(e[0] == "d.json: software[0]: missing required key `name`");
  e = errors_of(R"({"schema": "tekigo.facts/1"})");
  REQUIRE(e.size() == 1);
  CHECK(e[0] == "d.json: (top level): missing required key `subject` (the terminal's id)");
  e = errors_of(std::string("{") + kHead + R"(, "os": {"version": "10", "version": "11"}})");
  REQUIRE(e.size() == 1);
  CHECK(e[0] == "d.json: os: duplicate key `version` in one map");
  e = errors_of("schema: tekigo.facts/1\nsubject: t1\nos:\n  version: 10.10\n", FactFormat::yaml);
  REQUIRE(e.size() == 1);
  CHECK(e[0].find("os.version: expected a version as text") != std::string::npos);
  e = errors_of("{\"schema\": ");
  REQUIRE(e.size() == 1);
  CHECK(e[0].rfind("d.json: not valid JSON", 0) == 0);
  e = errors_of("a: [", FactFormat::yaml);
  REQUIRE(e.size() == 1);
  CHECK(e[0].find("not valid YAML: line 1") != std::string::npos);
}

TEST_CASE("null is a value only where the contract allows it", "[facts]") {
  CHECK(errors_of(std::string("{") + kHead +
                  R"(, "network": {"proxy": null}, "software": [{"name": "x", "version": null}]})")
            .empty());
  auto e = errors_of(std::string("{") + kHead + R"(, "os": {"version": null}})");
  REQUIRE(e.size() == 1);
  CHECK(e[0].find("leave the key out") != std::string::npos);
}

TEST_CASE("merging parts: maps key by key, the later part wins, changed paths are reported",
          "[facts]") {
  FactValue a =
      parse_facts(std::string("{") + kHead + R"(, "network": {"line": "fiber", "proxy": null}})",
                  "a", FactFormat::json)
          .documents[0]
          .root;
  FactValue b = parse_facts(R"({"network": {"line": "adsl"}, "attested": {"dsl_router": false},
                                 "attestation": {"by": "x", "at": "2021-01-18", "covers": ["*"]}})",
                            "b", FactFormat::json, {.require_header = false})
                    .documents[0]
                    .root;
  std::vector<std::string> changed;
  merge_facts(a, b, &changed);
  CHECK(a.find("network")->find("line")->as_string() == "adsl");
  CHECK(a.find("network")->find("proxy")->is_null());
  CHECK(a.find("attested")->find("dsl_router")->as_bool() == false);
  CHECK(changed == std::vector<std::string>{"network.line", "attested", "attestation"});
}

TEST_CASE("a tree built in the storage of another is the tree built afresh", "[facts]") {
  // The batch runner parses each dump into the previous dump's tree (parse_facts_in_place with
  // `reuse`). Whatever the two shapes, the result must equal a fresh parse.
  const std::vector<std::string> dumps = {
      R"({"schema": "tekigo.facts/1", "subject": "a", "software": [
           {"name": "Microsoft Visual C++ 2019 X64 Minimum Runtime", "version": "14.27.29016"},
           {"name": "7-Zip", "version": "19.00", "publisher": "Igor Pavlov"},
           {"name": "iTunes"}], "os": {"family": "windows", "version": "10"}})",
      R"({"subject": "b", "schema": "tekigo.facts/1", "os": {"version": "10.13.6", "family": "macos"},
          "software": [{"version": "1", "name": "A much longer program name than any before it"}]})",
      R"({"schema": "tekigo.facts/1", "subject": "c", "software": [], "attested": {"dsl_router": true},
          "attestation": {"by": "x", "at": "2021-01-18"}, "x-extra": [[1, 2.5, null, false], {"k": "v"}, "text"]})",
      R"({"schema": "tekigo.facts/1", "subject": "d", "x-extra": {"nested": [{"a": [1]}]},
          "software": [{"name": "x"}, {"name": "y", "version": "2"}, {"name": "z"},
                       {"name": "w", "publisher": null}]})",
      R"({"schema": "tekigo.facts/1", "subject": "e", "os": {"family": "windows"}, "os": 1})",
      R"({"schema": "tekigo.facts/1", "subject": "f"})",
  };
  for (std::size_t from = 0; from < dumps.size(); ++from) {
    for (std::size_t to = 0; to < dumps.size(); ++to) {
      INFO("building dump " << to << " in the tree of dump " << from);
      std::string first = dumps[from];
      FactLoad previous = parse_facts_in_place(first, "prev.json", FactFormat::json);
      FactValue spare = previous.documents.empty() ? FactValue() : previous.documents[0].root;
      std::string text = dumps[to];
      FactLoad reused = parse_facts_in_place(text, "next.json", FactFormat::json, {}, &spare);
      FactLoad fresh = parse_facts(dumps[to], "next.json", FactFormat::json);
      REQUIRE(reused.documents.size() == fresh.documents.size());
      REQUIRE(reused.errors.size() == fresh.errors.size());
      for (std::size_t i = 0; i < fresh.errors.size(); ++i)
        CHECK(reused.errors[i].to_string() == fresh.errors[i].to_string());
      if (!fresh.documents.empty()) CHECK(reused.documents[0].root == fresh.documents[0].root);
    }
  }
  // The duplicate key in dump "e" is an error either way.
  std::string e = dumps[4];
  auto load = parse_facts_in_place(e, "e.json", FactFormat::json);
  REQUIRE(load.errors.size() == 1);
  CHECK(load.errors[0].message.find("duplicate key `os`") != std::string::npos);
}

TEST_CASE("a leading UTF-8 byte-order mark is ignored", "[facts]") {
  // Windows editors and PowerShell 5 (Out-File -Encoding utf8) start files with EF BB BF.
  const std::string bom = "\xEF\xBB\xBF";
  const std::string json = std::string("{") + kHead + "}";
  auto a = parse_facts(bom + json, "d.json", FactFormat::json);
  CHECK(a.errors.empty());
  CHECK(a.documents.size() == 1);
  // JSON Lines: the first line, and any line (files concatenated with `cat` keep theirs).
  auto b = parse_facts(bom + json + "\n" + bom + json + "\n" + bom + "\n", "d.jsonl",
                       FactFormat::json_lines);
  CHECK(b.errors.empty());
  CHECK(b.documents.size() == 2);
  std::string in_place = bom + json;
  auto c = parse_facts_in_place(in_place, "d.json", FactFormat::json);
  CHECK(c.errors.empty());
  CHECK(c.documents.size() == 1);
  auto d = parse_facts(bom + "schema: tekigo.facts/1\nsubject: t1\n", "d.yaml", FactFormat::yaml);
  CHECK(d.errors.empty());
  // --facts files go through load_fact_file.
  auto file = std::filesystem::temp_directory_path() /
              ("tekigo-bom-" + std::to_string(::getpid()) + ".json");
  std::ofstream(file, std::ios::binary)
      << bom
      << R"({"attested": {"dsl_router": false}, "attestation": {"by": "x", "at": "2021-01-18", "covers": ["*"]}})";
  auto e = load_fact_file(file, {.require_header = false});
  std::filesystem::remove(file);
  for (const auto& error : e.errors) INFO(error.to_string());
  CHECK(e.errors.empty());
  CHECK(e.documents.size() == 1);
  // Only a leading mark: one elsewhere is still an error.
  CHECK(parse_facts(json + bom, "d.json", FactFormat::json).errors.size() == 1);
}

TEST_CASE("JSON and YAML nested too deep say how deep a dump may be", "[facts]") {
  // 2,000 arrays: deeper than simdjson's own limit (1024), which must not show through.
  std::string deep = std::string("{") + kHead + R"(, "x-deep": )" + std::string(2000, '[') +
                     std::string(2000, ']') + "}";
  auto e = errors_of(deep);
  REQUIRE(e.size() == 1);
  CHECK(e[0] == "d.json: nested deeper than 64 levels");
  std::string in_place = deep;
  auto load = parse_facts_in_place(in_place, "d.json", FactFormat::json);
  REQUIRE(load.errors.size() == 1);
  CHECK(load.errors[0].message == "nested deeper than 64 levels");
  // Deeper than ours (64) but within simdjson's.
  e = errors_of(std::string("{") + kHead + R"(, "x-deep": )" + std::string(100, '[') +
                std::string(100, ']') + "}");
  REQUIRE(e.size() == 1);
  CHECK(e[0] == "d.json: nested deeper than 64 levels");

  const std::string yaml_head = "schema: tekigo.facts/1\nsubject: t1\nx-deep: ";
  e = errors_of(yaml_head + std::string(100, '[') + std::string(100, ']') + "\n", FactFormat::yaml);
  REQUIRE(e.size() == 1);
  CHECK(e[0] == "d.json: nested deeper than 64 levels");
  // Deeper than yaml-cpp's own guard: an error, not a crash, whether balanced or not.
  e = errors_of(yaml_head + std::string(5000, '[') + std::string(5000, ']') + "\n",
                FactFormat::yaml);
  REQUIRE(e.size() == 1);
  CHECK(e[0] == "d.json: nested deeper than 64 levels");
  e = errors_of(yaml_head + std::string(5000, '[') + "\n", FactFormat::yaml);
  CHECK(e.size() == 1);
}

TEST_CASE("validation problems carry the dump's subject", "[facts]") {
  // A report traces an invalid dump to its terminal by the subject (jsonl output).
  auto load = parse_facts(std::string("{") + kHead + R"(, "os": {"service_pack": "one"}})",
                          "d.json", FactFormat::json);
  REQUIRE(load.errors.size() == 1);
  CHECK(load.errors[0].subject == "t1");
  load = parse_facts("schema: tekigo.facts/1\nsubject: pc-07\nos:\n  service_pack: one\n", "d.yaml",
                     FactFormat::yaml);
  REQUIRE(load.errors.size() == 1);
  CHECK(load.errors[0].subject == "pc-07");
  std::string text = R"({"subject": "t9", "os": {"service_pack": "one"}})";
  load = parse_facts_in_place(text, "d.json", FactFormat::json);
  REQUIRE(load.errors.size() == 2);  // no schema, bad service_pack
  CHECK(load.errors[0].subject == "t9");
  CHECK(load.errors[1].subject == "t9");
  // No subject to give: a subject that is not text, none at all, a file that is not JSON.
  load = parse_facts(R"({"schema": "tekigo.facts/1", "subject": [5]})", "d.json", FactFormat::json);
  REQUIRE(load.errors.size() == 1);
  CHECK(load.errors[0].subject.empty());
  load = parse_facts(R"({"schema": "tekigo.facts/1"})", "d.json", FactFormat::json);
  REQUIRE(load.errors.size() == 1);
  CHECK(load.errors[0].subject.empty());
  load = parse_facts(R"({"subject": "t1",)", "d.json", FactFormat::json);
  REQUIRE(load.errors.size() == 1);
  CHECK(load.errors[0].subject.empty());
}

namespace {

namespace fs = std::filesystem;

// A directory under the system's temporary directory that everyone may read (0755), so that
// a walk run as `nobody` sees what the test made; removed with everything in it.
struct WalkDir {
  fs::path root;
  WalkDir() {
    std::string pattern = (fs::temp_directory_path() / "tekigo-walk-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    root = pattern;
    fs::permissions(root, fs::perms(0755));
  }
  ~WalkDir() {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (it->is_directory(ec) && !it->is_symlink(ec))
        fs::permissions(it->path(), fs::perms(0755), ec);
    fs::remove_all(root, ec);
  }
  fs::path dir(const fs::path& relative) const {
    fs::create_directories(root / relative);
    fs::permissions(root / relative, fs::perms(0755));
    return root / relative;
  }
  fs::path file(const fs::path& relative) const {
    std::ofstream(root / relative) << "{}";
    fs::permissions(root / relative, fs::perms(0644));
    return root / relative;
  }
};

struct Walk {
  std::vector<std::string> files;   // relative to `under`
  std::vector<std::string> errors;  // FactError::to_string(), `under` cut off
};

Walk walk(const std::vector<fs::path>& paths, const fs::path& under) {
  std::vector<FactError> errors;
  Walk out;
  for (const auto& f : collect_fact_files(paths, errors))
    out.files.push_back(f.lexically_relative(under).generic_string());
  for (const auto& e : errors) {
    std::string text = e.to_string();
    const std::string prefix = under.string() + "/";
    for (auto at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at))
      text.erase(at, prefix.size());
    out.errors.push_back(text);
  }
  return out;
}

// The walk as an unprivileged user. As root (CI), permissions deny nothing: the walk runs in
// a child that has become `nobody` (65534) and sends its findings back through a pipe.
Walk walk_unprivileged(const std::vector<fs::path>& paths, const fs::path& under) {
  if (::geteuid() != 0) return walk(paths, under);
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(fds[0]);
    if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(3);
    Walk w = walk(paths, under);
    std::string text;
    for (const auto& f : w.files) text += "F" + f + "\n";
    for (const auto& e : w.errors) text += "E" + e + "\n";
    for (std::size_t done = 0; done < text.size();) {
      ssize_t n = ::write(fds[1], text.data() + done, text.size() - done);
      if (n <= 0) ::_exit(4);
      done += static_cast<std::size_t>(n);
    }
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;)
    text.append(buffer, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  Walk out;
  for (std::size_t pos = 0, end; (end = text.find('\n', pos)) != std::string::npos; pos = end + 1)
    (text[pos] == 'F' ? out.files : out.errors).push_back(text.substr(pos + 1, end - pos - 1));
  return out;
}

}  // namespace

TEST_CASE("a directory walk reports an unreadable subdirectory and checks the rest", "[facts]") {
  WalkDir tmp;
  tmp.dir("d2");
  tmp.file("d2/a.json");
  tmp.file("d2/b.json");
  tmp.dir("d2/c");
  tmp.file("d2/c/hidden-by-mode.json");
  tmp.file("d2/e.json");
  tmp.file("d2/f.json");
  fs::permissions(tmp.root / "d2/c", fs::perms::none);
  Walk w = walk_unprivileged({tmp.root / "d2"}, tmp.root);
  CHECK(w.files == std::vector<std::string>{"d2/a.json", "d2/b.json", "d2/e.json", "d2/f.json"});
  CHECK(w.errors == std::vector<std::string>{"d2/c: cannot walk: Permission denied"});
}

TEST_CASE("only regular files are dumps: devices, FIFOs and link loops are errors, not skips",
          "[facts]") {
  WalkDir tmp;
  tmp.dir("d");
  tmp.file("d/a.json");
  REQUIRE(::mkfifo((tmp.root / "d/fifo.json").c_str(), 0600) == 0);        // would block a reader
  REQUIRE(::mkfifo((tmp.root / "d/fifo.txt").c_str(), 0600) == 0);         // not named like a dump
  fs::create_symlink("/dev/zero", tmp.root / "d/zero.jsonl");              // would never end
  fs::create_symlink(tmp.root / "d/loop.yaml", tmp.root / "d/loop.yaml");  // itself
  Walk w = walk({tmp.root / "d"}, tmp.root);
  CHECK(w.files == std::vector<std::string>{"d/a.json"});
  const std::string fifo =
      "d/fifo.json: not a regular file but a named pipe (FIFO): only regular files are read";
  const std::string loop =
      "d/loop.yaml: cannot read: a link that points at itself or loops (Too many levels of "
      "symbolic links)";
  CHECK(w.errors ==
        std::vector<std::string>{
            fifo, loop,
            "d/zero.jsonl: not a regular file but a character device: only regular files are "
            "read"});
  // Given directly, the same answers, and a missing path is said to be missing.
  Walk direct = walk({tmp.root / "d/fifo.json", tmp.root / "d/loop.yaml", "/dev/zero",
                      tmp.root / "d/none.json", tmp.root / "d/a.json"},
                     tmp.root);
  CHECK(direct.files == std::vector<std::string>{"d/a.json"});
  CHECK(direct.errors ==
        std::vector<std::string>{
            fifo, loop,
            "/dev/zero: not a regular file but a character device: only regular files are read",
            "d/none.json: no such file or directory"});
}

TEST_CASE("a directory walk matches extensions in any case and reports broken links", "[facts]") {
  WalkDir tmp;
  tmp.dir("d/.hidden");
  tmp.dir("elsewhere");
  tmp.file("d/A.JSON");
  tmp.file("d/b.Jsonl");
  tmp.file("d/c.YML");
  tmp.file("d/notes.txt");
  tmp.file("d/.hidden/g.json");
  tmp.file("elsewhere/h.json");
  tmp.file("elsewhere/real.json");
  fs::create_directory_symlink(tmp.root / "elsewhere", tmp.root / "d/linked-dir");  // not followed
  fs::create_symlink(tmp.root / "missing.json", tmp.root / "d/x.json");  // dangling: an error
  fs::create_symlink(tmp.root / "missing.txt", tmp.root / "d/y.txt");    // not a dump: ignored
  fs::create_symlink(tmp.root / "elsewhere/real.json", tmp.root / "d/z.json");  // followed
  Walk w = walk({tmp.root / "d"}, tmp.root);
  CHECK(w.files == std::vector<std::string>{"d/.hidden/g.json", "d/A.JSON", "d/b.Jsonl", "d/c.YML",
                                            "d/z.json"});
  CHECK(w.errors == std::vector<std::string>{
                        "d/x.json: broken symbolic link (to missing.json, which does not exist)"});
  CHECK(format_of("D.JSON") == FactFormat::json);
  CHECK(format_of("fleet.Jsonl") == FactFormat::json_lines);
  CHECK(format_of("fleet.NDJSON") == FactFormat::json_lines);
  CHECK(format_of("pc.YML") == FactFormat::yaml);
  CHECK(format_of("pc.Yaml") == FactFormat::yaml);
}

TEST_CASE("merging a patch: a null removes the key, where a dump's null is a value", "[facts]") {
  FactValue a =
      parse_facts(std::string("{") + kHead + R"(, "network": {"line": "fiber", "proxy": "p:8080"},
                  "os": {"family": "windows", "release": "20H2"}})",
                  "a", FactFormat::json)
          .documents[0]
          .root;
  FactValue patch =
      parse_facts(R"({"network": {"proxy": null}, "os": {"release": null, "x": null}})", "b",
                  FactFormat::json, {.require_header = false, .validate = false})
          .documents[0]
          .root;
  FactValue kept = a;
  merge_facts(kept, patch, nullptr);  // MergeNull::set: the values become null
  CHECK(kept.find("network")->find("proxy")->is_null());
  CHECK(kept.find("os")->find("release")->is_null());

  std::vector<std::string> changed;
  merge_facts(a, patch, &changed, MergeNull::remove);
  CHECK(a.find("network")->find("proxy") == nullptr);
  CHECK(a.find("network")->find("line")->as_string() == "fiber");
  CHECK(a.find("os")->find("release") == nullptr);
  CHECK(a.find("os")->find("x") == nullptr);  // nothing to remove, and nothing added
  CHECK(changed == std::vector<std::string>{"network.proxy", "os.release"});
}

TEST_CASE("a fact file read without validation keeps what the contract would refuse", "[facts]") {
  const std::string text = R"({"os": {"release": null, "service_pack": "one"}})";
  CHECK(!parse_facts(text, "p.json", FactFormat::json, {.require_header = false}).errors.empty());
  FactLoad raw =
      parse_facts(text, "p.json", FactFormat::json, {.require_header = false, .validate = false});
  REQUIRE(raw.errors.empty());
  CHECK(raw.documents[0].root.find("os")->find("release")->is_null());
  CHECK(raw.documents[0].root.find("os")->find("service_pack")->as_string() == "one");
  // Still a dump: a tree that is not a map is refused.
  CHECK(
      !parse_facts("[1]", "p.json", FactFormat::json, {.require_header = false, .validate = false})
           .errors.empty());
}

TEST_CASE("hostile dumps: numbers out of range name their fact path", "[facts][hostile]") {
  for (const std::string number :
       {"1e400", "-1e400", "18446744073709551616", "9223372036854775808"}) {
    INFO(number);
    const std::string json =
        std::string("{") + kHead + R"(, "os": {"service_pack": )" + number + "}}";
    CHECK(errors_of(json) ==
          std::vector<std::string>{"d.json: os.service_pack: the number " + number +
                                   " is out of range: a fact's integers lie between -2^63 and "
                                   "2^63-1, its real numbers within ±1.8e308"});
    const std::string yaml =
        "schema: tekigo.facts/1\nsubject: t1\nos:\n  service_pack: " + number + "\n";
    CHECK(errors_of(yaml, FactFormat::yaml) ==
          std::vector<std::string>{"d.json: os.service_pack: line 4, column 17: the number " +
                                   number +
                                   " is out of range: a fact's integers lie between -2^63 and "
                                   "2^63-1, its real numbers within ±1.8e308"});
  }
  // -0 is 0: an integer where one is expected (YAML and JSON alike)
  CHECK(
      errors_of("schema: tekigo.facts/1\nsubject: t1\nos:\n  service_pack: -0\n", FactFormat::yaml)
          .empty());
}

TEST_CASE("hostile dumps: text that is not UTF-8, control characters and NUL", "[facts][hostile]") {
  CHECK(errors_of("schema: tekigo.facts/1\nsubject: \"t\xff\"\n", FactFormat::yaml) ==
        std::vector<std::string>{
            "d.json: not UTF-8 text: line 2, column 12: invalid UTF-8 (byte 0xff)"});
  CHECK(errors_of("schema: tekigo.facts/1\nsubject: \"t\x1b[31m\"\n", FactFormat::yaml) ==
        std::vector<std::string>{
            "d.json: not UTF-8 text: line 2, column 12: a control character (U+001B, ESC)"});
  CHECK(errors_of("schema: tekigo.facts/1\nsubject: \"t\\0\"\n", FactFormat::yaml) ==
        std::vector<std::string>{
            "d.json: subject: text holds a NUL character (U+0000), which no fact contains"});
  CHECK(errors_of(std::string("{") + kHead + R"(, "os": {"name": "Win\u0000dows"}})") ==
        std::vector<std::string>{
            "d.json: os.name: text holds a NUL character (U+0000), which no fact contains"});
  // UTF-16 LE with its mark, as Windows PowerShell 5.1's `>` writes: the error says so
  const std::string utf16("\xFF\xFE{\0\"\0s\0", 8);
  auto e = errors_of(utf16);
  REQUIRE(e.size() == 1);
  CHECK(e[0].find("it looks like UTF-16") != std::string::npos);
  // JSON: simdjson's words, then where the byte is
  CHECK(errors_of(std::string("{") + kHead + ",\n  \"os\": {\"name\": \"あ\xff\"}}") ==
        std::vector<std::string>{"d.json: not valid JSON: The input is not valid UTF-8: line 2, "
                                 "column 20: invalid UTF-8 (byte 0xff)"});
  // a file of zeros (a crash, a full disk, a sparse file) is no UTF-16: said so, JSON or YAML
  const std::string zeros(4096, '\0');
  const std::string said =
      "it starts with NUL bytes, as a file is that a crash or a full disk "
      "cut short (or a sparse file): collect the dump again";
  for (FactFormat format : {FactFormat::json, FactFormat::yaml}) {
    e = errors_of(zeros, format);
    REQUIRE(e.size() == 1);
    CHECK(e[0].find(said) != std::string::npos);
    CHECK(e[0].find("UTF-16") == std::string::npos);
  }
  // YAML that is ASCII in UTF-16 starts with a character and a NUL: still UTF-16
  e = errors_of(std::string("s\0c\0h\0", 6), FactFormat::yaml);
  REQUIRE(e.size() == 1);
  CHECK(e[0].find("it looks like UTF-16") != std::string::npos);
}

TEST_CASE("hostile dumps: YAML alias bombs are refused before they expand", "[facts][hostile]") {
  std::string yaml = "schema: tekigo.facts/1\nsubject: bomb\na0: &a0 [x,x,x,x,x,x,x,x,x,x]\n";
  for (int i = 1; i < 12; ++i) {  // 10^12 values if expanded
    yaml += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) yaml += (k ? ",*a" : "*a") + std::to_string(i - 1);
    yaml += "]\n";
  }
  CHECK(errors_of(yaml, FactFormat::yaml) ==
        std::vector<std::string>{"d.json: its aliases (*name) expand to more values than " +
                                 std::to_string(yaml.size()) +
                                 " bytes of YAML can hold; a dump needs no aliases"});
  // an alias or two in a real dump is fine
  CHECK(
      errors_of("schema: tekigo.facts/1\nsubject: t1\nx-a: &v [1, 2]\nx-b: *v\n", FactFormat::yaml)
          .empty());
}

TEST_CASE("YAML is read from the parser's events as yaml-cpp's nodes read it", "[facts][hostile]") {
  const std::string head = "schema: tekigo.facts/1\nsubject: t1\n";
  auto root = [&](const std::string& yaml) {
    FactLoad load = parse_facts(head + yaml, "d.yaml", FactFormat::yaml);
    REQUIRE(load.errors.empty());
    return load.documents.at(0).root;
  };
  // aliases copy their anchor's value, a key included; quoted text stays text
  FactValue r = root("x-a: &v [1, \"2\", {k: ~}]\nx-b: *v\nx-k: &key name\nx-m: {*key : 3}\n");
  CHECK(*r.find("x-b") == *r.find("x-a"));
  CHECK(r.find("x-a")->as_list()[1] == FactValue::string("2"));
  CHECK(r.find("x-a")->as_list()[2].find("k")->is_null());
  CHECK(*r.find("x-m")->find("name") == FactValue::integer(3));
  // a null key is the key "null"; only the first document is read
  CHECK(root("~: 1\n").find("null"));
  CHECK_FALSE(root("x: 1\n---\ny: 2\n").find("y"));
  // a list or a map where a key belongs is refused where it is
  CHECK(errors_of(head + "[a]: 1\n", FactFormat::yaml) ==
        std::vector<std::string>{"d.json: not valid YAML: line 3, column 1: bad conversion"});
  // an alias inside its own anchor's value never ends: too deep
  CHECK(errors_of(head + "x: &r [*r]\n", FactFormat::yaml) ==
        std::vector<std::string>{"d.json: nested deeper than 64 levels"});
  // an alias is as deep as its copy: 40 levels named under 30 more are 70
  const std::string forty = std::string(40, '[') + "1" + std::string(40, ']');
  CHECK(errors_of(head + "x: &d " + forty + "\ny: " + std::string(30, '[') + "*d" +
                      std::string(30, ']') + "\n",
                  FactFormat::yaml) ==
        std::vector<std::string>{"d.json: nested deeper than 64 levels"});
  CHECK(errors_of(head + "x: &d " + forty + "\ny: " + std::string(20, '[') + "*d" +
                      std::string(20, ']') + "\n",
                  FactFormat::yaml)
            .empty());
  // a number out of range deep in lists and maps: its path and place
  CHECK(errors_of(head + "software:\n  - name: a\n  - name: b\n    x: [1, 1e400]\n",
                  FactFormat::yaml) ==
        std::vector<std::string>{"d.json: software[1].x[1]: line 6, column 12: the number 1e400 "
                                 "is out of range: a fact's integers lie between -2^63 and "
                                 "2^63-1, its real numbers within ±1.8e308"});
}

TEST_CASE("hostile dumps: duplicate keys are found in large maps, in either format",
          "[facts][hostile]") {
  std::string json = std::string("{") + kHead + R"(, "x-big": {)";
  std::string yaml = "schema: tekigo.facts/1\nsubject: t1\nx-big:\n";
  for (int i = 0; i < 200000; ++i) {
    json += (i ? ",\"k" : "\"k") + std::to_string(i) + "\": 1";
    yaml += "  k" + std::to_string(i) + ": 1\n";
  }
  CHECK(errors_of(json + "}}").empty());
  CHECK(errors_of(yaml, FactFormat::yaml).empty());
  CHECK(errors_of(json + R"(, "k77": 2}})") ==
        std::vector<std::string>{"d.json: x-big: duplicate key `k77` in one map"});
  CHECK(errors_of(yaml + "  k77: 2\n", FactFormat::yaml) ==
        std::vector<std::string>{
            "d.json: x-big: line 200004, column 3: duplicate key `k77` in one map"});
}

TEST_CASE("hostile dumps: a duplicate key names its map's path (and in YAML its place)",
          "[facts][hostile]") {
  // the top level has no path
  CHECK(errors_of(std::string("{") + kHead + R"(, "os": {}, "os": {}})") ==
        std::vector<std::string>{"d.json: duplicate key `os` in one map"});
  CHECK(errors_of("schema: tekigo.facts/1\nsubject: t1\nos: {}\nos: {}\n", FactFormat::yaml) ==
        std::vector<std::string>{"d.json: line 4, column 1: duplicate key `os` in one map"});
  // inside lists and maps: the map's path, as a fact path elsewhere
  CHECK(errors_of(std::string("{") + kHead +
                  R"(, "software": [{"name": "a"}, {"name": "a", "x": {"k": 1, "k": 2}}]})") ==
        std::vector<std::string>{"d.json: software[1].x: duplicate key `k` in one map"});
  CHECK(errors_of("schema: tekigo.facts/1\nsubject: t1\nsoftware:\n  - name: a\n  - name: a\n"
                  "    name: b\n",
                  FactFormat::yaml) ==
        std::vector<std::string>{
            "d.json: software[1]: line 6, column 5: duplicate key `name` in one map"});
  // a list at the top of a path: `[0]` follows its key without a dot
  CHECK(errors_of(std::string("{") + kHead + R"(, "x": [[{"a": 1, "a": 1}]]})") ==
        std::vector<std::string>{"d.json: x[0][0]: duplicate key `a` in one map"});
  // the key is quoted cut short when it is long; its control characters are the printer's
  // business (the command line shows them as escapes)
  const std::string long_key(1000, 'k');
  CHECK(
      errors_of(std::string("{") + kHead + ", \"" + long_key + "\": 1, \"" + long_key + "\": 2}") ==
      std::vector<std::string>{"d.json: duplicate key `" + std::string(80, 'k') + "…` in one map"});
}

TEST_CASE("hostile dumps: a whole real number where an integer belongs shows as real",
          "[facts][hostile]") {
  auto disk = [](std::string_view number) {
    return errors_of(std::string("{") + kHead + R"(, "disk": {"system_free_bytes": )" +
                     std::string(number) + "}}");
  };
  const std::string expected =
      "d.json: disk.system_free_bytes: expected a byte count (a whole number ≥ 0), got ";
  CHECK(disk("0.0") == std::vector<std::string>{expected + "0.0"});
  CHECK(disk("-0.0") == std::vector<std::string>{expected + "0.0"});
  CHECK(disk("1e3") == std::vector<std::string>{expected + "1000.0"});
  CHECK(disk("1.5") == std::vector<std::string>{expected + "1.5"});
  CHECK(disk("-1") == std::vector<std::string>{expected + "-1"});
  CHECK(disk("-0").empty());  // -0 is the integer 0
}

TEST_CASE("Windows release and build are reconciled: ReleaseId 2009, contradictions",
          "[facts][release]") {
  auto load = [](std::string_view os) {
    return parse_facts(
        std::string("{") + kHead + R"(, "os": {"family": "windows", )" + std::string(os) + "}}",
        "d.json", FactFormat::json);
  };
  auto release_of = [&](std::string_view os) -> std::string {
    auto l = load(os);
    if (!l.errors.empty()) return "error: " + l.errors[0].to_string();
    const FactValue* r = l.documents.at(0).root.find("os")->find("release");
    return r ? r->as_string() : "absent";
  };
  // the registry's frozen ReleaseId with a build that names the release: the build's release
  CHECK(release_of(R"("version": "10", "release": "2009", "build": "19042.746")") == "20H2");
  CHECK(release_of(R"("version": "10", "release": "2009", "build": "19045.3803")") == "22H2");
  CHECK(release_of(R"("version": "11", "release": "2009", "build": "22631.2861")") == "23H2");
  // consistent, absent (not collected stays absent), unknown builds: as they are
  CHECK(release_of(R"("version": "10", "release": "20h2", "build": "19042")") == "20h2");
  CHECK(release_of(R"("version": "10", "build": "19042.746")") == "absent");
  CHECK(release_of(R"("version": "11", "release": "24H2", "build": "26120.1")") == "24H2");
  // Windows Server 2025 is version 10 on a Windows 11 build
  CHECK(release_of(R"("version": "10", "release": "24H2", "build": "26100.1742")") == "24H2");
  // contradictions are said as such
  CHECK(release_of(R"("version": "10", "release": "1909", "build": "19042.746")") ==
        "error: d.json: os.release: \"1909\" disagrees with os.build \"19042.746\", which "
        "is Windows 10 20H2");
  CHECK(release_of(R"("version": "11", "release": "20H2", "build": "19042.746")") ==
        "error: d.json: os.version: \"11\" disagrees with os.build \"19042.746\", which "
        "is Windows 10 20H2");
  CHECK(release_of(R"("version": "10", "release": "2009")")
            .rfind("error: d.json: os.release: \"2009\" is the registry's ReleaseId", 0) == 0);
  // 2004 had ReleaseId 2004: "2009" on its build is a contradiction
  CHECK(release_of(R"("version": "10", "release": "2009", "build": "19041.1")").find("disagrees") !=
        std::string::npos);
}

TEST_CASE(
    "A release read as its build's is noted in the dump, and written back it stays noted once",
    "[facts][release]") {
  const std::string dump = std::string("{") + kHead +
                           R"(, "os": {"family": "windows", "version": "10", "release": "2009", )"
                           R"("build": "19042.746"}})";
  auto noted = [](const FactValue& root) {
    const FactValue* collected = root.find("collected");
    const FactValue* notes = collected ? collected->find(kReconciledKey) : nullptr;
    return notes ? notes->render() : std::string("none");
  };
  auto first = parse_facts(dump, "d.json", FactFormat::json);
  REQUIRE(first.errors.empty());
  const std::string note = "[{path: os.release, read: 2009, from: os.build}]";
  CHECK(noted(first.documents.at(0).root) == note);
  // written back and read again: the release is now the build's, nothing new is noted
  auto again =
      parse_facts(write_facts_json(first.documents.at(0).root), "e.json", FactFormat::json);
  REQUIRE(again.errors.empty());
  CHECK(noted(again.documents.at(0).root) == note);
  // a release the dump got right is not noted
  auto right = parse_facts(std::string("{") + kHead +
                               R"(, "os": {"family": "windows", "release": "20H2", )"
                               R"("build": "19042.746"}})",
                           "r.json", FactFormat::json);
  REQUIRE(right.errors.empty());
  CHECK(noted(right.documents.at(0).root) == "none");
}
