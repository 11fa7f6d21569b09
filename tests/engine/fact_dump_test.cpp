// Tests for engine/fact_dump: reading dumps (JSON, JSON Lines, YAML), validating them
// against the v1 contract, and merging parts.
#include <catch2/catch.hpp>

#include "engine/fact_dump.hpp"

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
  CHECK(e[0] == "d.json: duplicate key `version` in one map");
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
  FactValue b = parse_facts(R"({"network": {"line": "adsl"}, "attested": {"dsl_router": false}})",
                            "b", FactFormat::json, {.require_header = false})
                    .documents[0]
                    .root;
  std::vector<std::string> changed;
  merge_facts(a, b, &changed);
  CHECK(a.find("network")->find("line")->as_string() == "adsl");
  CHECK(a.find("network")->find("proxy")->is_null());
  CHECK(a.find("attested")->find("dsl_router")->as_bool() == false);
  CHECK(changed == std::vector<std::string>{"network.line", "attested"});
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
          "x-extra": [[1, 2.5, null, false], {"k": "v"}, "text"]})",
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
