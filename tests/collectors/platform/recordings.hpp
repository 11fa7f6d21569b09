// Shared by the parser tests of tests/collectors: reading a recorded command output from
// tests/recordings/FOLDER/, reading text out of a parsed fragment, and checking a fragment
// against the v1 fact contract. Include after <catch2/catch.hpp>.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "engine/fact_dump.hpp"
#include "engine/fact_value.hpp"

namespace tekigo::test {

// The bytes of tests/recordings/FOLDER/NAME, as recorded (CRLF and encodings kept).
inline std::string recording(std::string_view folder, std::string_view name) {
  std::ifstream in(std::string(TEKIGO_SOURCE_DIR) + "/tests/recordings/" + std::string(folder) +
                       "/" + std::string(name),
                   std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Text at `key` of a map fragment, or "<absent>".
inline std::string str(const engine::FactValue& map, std::string_view key) {
  const engine::FactValue* v = map.find(key);
  return v && v->is_string() ? v->as_string() : std::string("<absent>");
}

// The fragment placed at `key` ("software", "network.adapters") of a minimal dump for
// `subject` passes the v1 contract.
inline void check_contract(const std::string& key, const engine::FactValue& fragment,
                           std::string_view subject) {
  using engine::FactValue;
  FactValue dump = FactValue::map({{"schema", FactValue::string("tekigo.facts/1")},
                                   {"subject", FactValue::string(std::string(subject))}});
  if (key.rfind("network.", 0) == 0)
    dump.set("network", FactValue::map({{key.substr(8), fragment}}));
  else
    dump.set(key, fragment);
  auto errors = engine::validate_facts(dump, "test");
  for (const auto& e : errors) INFO(e.to_string());
  CHECK(errors.empty());
}

}  // namespace tekigo::test
