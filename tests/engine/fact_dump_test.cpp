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
