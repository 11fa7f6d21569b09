// Tests for engine/facts/contract_version: the schema ids of tekigo.facts/1 and its minors,
// the validator's reading of them, and the since table — which must name every path of
// docs/facts.schema.json and of fact_schema(), so that a field added to the contract without
// the minor that brought it fails here.
#include <simdjson.h>
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "engine/facts/contract_version.hpp"
#include "engine/facts/fact_dump.hpp"
#include "engine/facts/fact_schema.hpp"

using namespace tekigo::engine;

namespace {

std::vector<std::string> errors_of(const std::string& schema) {
  auto load = parse_facts(R"({"schema": ")" + schema + R"(", "subject": "t1"})", "d.json",
                          FactFormat::json);
  std::vector<std::string> out;
  for (const auto& e : load.errors) out.push_back(e.to_string());
  return out;
}

// Every path of the JSON schema: object properties, and `[]` for arrays of objects. A property
// whose schema is `"not": {}` is a refused key (attested.attested_by), no path of the contract.
void schema_paths(simdjson::dom::object node, const std::string& prefix,
                  std::set<std::string>& out) {
  simdjson::dom::object properties;
  if (node["properties"].get(properties) != simdjson::SUCCESS) return;
  for (auto [key, value] : properties) {
    simdjson::dom::object child;
    if (value.get(child) != simdjson::SUCCESS) continue;
    if (simdjson::dom::element refused; child["not"].get(refused) == simdjson::SUCCESS) continue;
    std::string path = prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
    out.insert(path);
    schema_paths(child, path, out);
    simdjson::dom::object items;
    if (child["items"].get(items) == simdjson::SUCCESS) schema_paths(items, path + "[]", out);
  }
}

// Every path of the engine's contract tree, the same way.
void engine_paths(const SchemaNode& node, const std::string& prefix, std::set<std::string>& out) {
  for (const auto& [key, child] : node.fields) {
    std::string path = prefix.empty() ? key : prefix + "." + key;
    out.insert(path);
    engine_paths(child, path, out);
    if (child.type == FactType::list && child.element)
      engine_paths(*child.element, path + "[]", out);
  }
}

}  // namespace

TEST_CASE("contract: schema ids of tekigo.facts/1 and its minors", "[facts][contract]") {
  CHECK(parse_schema_id("tekigo.facts/1") == DeclaredContract{});
  CHECK(parse_schema_id("tekigo.facts/1")->minor == std::nullopt);
  CHECK(parse_schema_id("tekigo.facts/1.0")->minor == 0);
  CHECK(parse_schema_id("tekigo.facts/1.1")->minor == 1);
  CHECK(parse_schema_id("tekigo.facts/1.12")->minor == 12);
  CHECK(parse_schema_id("tekigo.facts/1.999999999")->minor == 999999999);
  for (const char* bad :
       {"tekigo.facts/2", "tekigo.facts/2.0", "tekigo.facts/1.", "tekigo.facts/1.01",
        "tekigo.facts/1.1.0", "tekigo.facts/1.x", "tekigo.facts/1.-1", "tekigo.facts/1.1234567890",
        "tekigo.facts/10", "tekigo.facts/1 ", "TEKIGO.FACTS/1", ""}) {
    INFO(bad);
    CHECK_FALSE(parse_schema_id(bad));
  }
  // What tekigo's collectors write is the newest minor it knows.
  CHECK(kFactSchemaId == schema_id_of_minor(kFactContractMinor));
  CHECK(parse_schema_id(kFactSchemaId)->minor == kFactContractMinor);
}

TEST_CASE("contract: the validator reads every minor, a newer one too", "[facts][contract]") {
  for (const char* ok :
       {"tekigo.facts/1", "tekigo.facts/1.0", "tekigo.facts/1.1", "tekigo.facts/1.7"}) {
    INFO(ok);
    CHECK(errors_of(ok).empty());
  }
  CHECK(errors_of("tekigo.facts/2") ==
        std::vector<std::string>{"d.json: schema: expected tekigo.facts/1 or "
                                 "tekigo.facts/1.MINOR (such as tekigo.facts/1.1), got "
                                 "\"tekigo.facts/2\""});
  CHECK(errors_of("tekigo.facts/1.01").size() == 1);

  // A newer minor's dump that cannot be read says that the minor may be why; an older or the
  // current one does not.
  auto newer =
      parse_facts(R"({"schema": "tekigo.facts/1.7", "subject": "t1", "os": {"family": "bsd"}})",
                  "d.json", FactFormat::json);
  REQUIRE(newer.errors.size() == 2);
  CHECK(newer.errors[1].path == "schema");
  CHECK(newer.errors[1].message.find("tekigo.facts/1.7 is newer than tekigo.facts/1.1") == 0);
  auto current =
      parse_facts(R"({"schema": "tekigo.facts/1.1", "subject": "t1", "os": {"family": "bsd"}})",
                  "d.json", FactFormat::json);
  CHECK(current.errors.size() == 1);
}

TEST_CASE("contract: the since table names every path of the contract, each once",
          "[facts][contract]") {
  std::ifstream in(std::string(TEKIGO_SOURCE_DIR) + "/docs/facts.schema.json");
  REQUIRE(in.good());
  std::ostringstream text;
  text << in.rdbuf();
  simdjson::dom::parser parser;
  simdjson::padded_string padded(text.str());
  simdjson::dom::object root;
  REQUIRE(parser.parse(padded).get(root) == simdjson::SUCCESS);
  std::set<std::string> documented, engine, table;
  schema_paths(root, "", documented);
  engine_paths(fact_schema(), "", engine);
  REQUIRE(documented.size() > 50);
  REQUIRE(engine.size() > 50);

  for (const auto& row : fact_since_table()) {
    INFO(row.path);
    CHECK(table.insert(std::string(row.path)).second);  // each path once
    CHECK((documented.count(std::string(row.path)) || engine.count(std::string(row.path))));
    CHECK(row.minor >= 0);
    CHECK(row.minor <= kFactContractMinor);
    // A field of 1.0 needs no word on who collects it; a later one says which tekigo's
    // collectors do (or none: the facility declares it).
    if (row.minor == 0) CHECK(row.collectors.empty());
    CHECK(row.collectors.empty() == row.tekigo_version.empty());
  }
  for (const auto& path : documented) {
    INFO("docs/facts.schema.json has `" << path << "`, the since table does not");
    CHECK(table.count(path));
  }
  for (const auto& path : engine) {
    INFO("fact_schema() has `" << path << "`, the since table does not");
    CHECK(table.count(path));
  }
  // The newest minor brought something.
  bool newest = false;
  for (const auto& row : fact_since_table()) newest |= row.minor == kFactContractMinor;
  CHECK(newest);
}

TEST_CASE("contract: a fact path is looked up as the evaluator names it", "[facts][contract]") {
  REQUIRE(fact_since("software[3].version"));
  CHECK(fact_since("software[3].version")->path == "software[].version");
  CHECK(fact_since("dns[0].addresses[1]")->path == "dns[].addresses");
  CHECK(fact_since("attested.x-ticket")->path == "attested");
  CHECK(fact_since("features.some_new_switch")->path == "features");
  CHECK(fact_since("attestation.facility")->minor == 1);
  CHECK(fact_since("network.layered_service_providers")->minor == 0);
  CHECK(fact_since("software[0].version_text")->path == "software");  // the importer's extra key
  CHECK(fact_since("x-asset-tag") == nullptr);
}
