// engine/facts: the minor versions of tekigo.facts/1 and the since table (contract_version.hpp).
// A new field of the contract gets a row here with the next minor, kFactContractMinor goes up,
// and docs/facts.md ("Contract versions") says what the minor added; the since test fails
// for a path of docs/facts.schema.json or of fact_schema() without a row.
#include "engine/facts/contract_version.hpp"

#include <fmt/format.h>

#include <string>

#include "engine/facts/fact_schema.hpp"

namespace tekigo::engine {

namespace {

// 1.0 is commit 5b4b07b (2026-11-25), the contract as first published; 1.1 is 8e67334
// (2026-12-02), the attestation block. Nothing else was added to the contract since 1.0
// (git log -p docs/facts.schema.json docs/facts.md engine/facts/fact_schema.cpp).
constexpr FactSince kTable[] = {
    {"schema", 0, "", ""},
    {"subject", 0, "", ""},
    {"collected", 0, "", ""},
    {"collected.at", 0, "", ""},
    {"collected.by", 0, "", ""},
    {"collected.errors", 0, "", ""},
    {"collected.errors[].step", 0, "", ""},
    {"collected.errors[].message", 0, "", ""},
    {"os", 0, "", ""},
    {"os.family", 0, "", ""},
    {"os.name", 0, "", ""},
    {"os.version", 0, "", ""},
    {"os.release", 0, "", ""},
    {"os.build", 0, "", ""},
    {"os.edition", 0, "", ""},
    {"os.service_pack", 0, "", ""},
    {"os.arch", 0, "", ""},
    {"browsers", 0, "", ""},
    {"browsers[].id", 0, "", ""},
    {"browsers[].version", 0, "", ""},
    {"browsers[].name", 0, "", ""},
    {"disk", 0, "", ""},
    {"disk.system_free_bytes", 0, "", ""},
    {"software", 0, "", ""},
    {"software[].name", 0, "", ""},
    {"software[].version", 0, "", ""},
    {"software[].publisher", 0, "", ""},
    {"software[].path", 0, "", ""},
    {"dns", 0, "", ""},
    {"dns[].name", 0, "", ""},
    {"dns[].addresses", 0, "", ""},
    {"dns[].source", 0, "", ""},
    {"dns[].detail", 0, "", ""},
    {"reach", 0, "", ""},
    {"reach[].host", 0, "", ""},
    {"reach[].address", 0, "", ""},
    {"reach[].protocol", 0, "", ""},
    {"reach[].port", 0, "", ""},
    {"reach[].state", 0, "", ""},
    {"reach[].detail", 0, "", ""},
    {"network", 0, "", ""},
    {"network.line", 0, "", ""},
    {"network.internet_via_datacenter", 0, "", ""},
    {"network.proxy", 0, "", ""},
    {"network.adapters", 0, "", ""},
    {"network.adapters[].name", 0, "", ""},
    {"network.adapters[].description", 0, "", ""},
    {"network.layered_service_providers", 0, "", ""},
    {"network.layered_service_providers[].name", 0, "", ""},
    {"network.layered_service_providers[].path", 0, "", ""},
    {"features", 0, "", ""},
    {"features.internet_connection_sharing", 0, "", ""},
    {"features.mobile_hotspot", 0, "", ""},
    {"services", 0, "", ""},
    {"services[].name", 0, "", ""},
    {"services[].state", 0, "", ""},
    {"services[].start", 0, "", ""},
    {"services[].display_name", 0, "", ""},
    {"attested", 0, "", ""},
    {"attested.ipsec_vpn_over_path", 0, "", ""},
    {"attested.facility_path_supports_ipsec", 0, "", ""},
    {"attested.load_balancer", 0, "", ""},
    {"attested.dsl_router", 0, "", ""},
    // 1.1: who vouches for `attested`, written by the facility (no collector writes it).
    {"attestation", 1, "", ""},
    {"attestation.by", 1, "", ""},
    {"attestation.at", 1, "", ""},
    {"attestation.facility", 1, "", ""},
    {"attestation.covers", 1, "", ""},
};

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::optional<DeclaredContract> parse_schema_id(std::string_view schema) {
  if (schema == kFactSchemaMajor) return DeclaredContract{};
  if (schema.size() <= kFactSchemaMajor.size() + 1 ||
      schema.substr(0, kFactSchemaMajor.size()) != kFactSchemaMajor ||
      schema[kFactSchemaMajor.size()] != '.')
    return std::nullopt;
  std::string_view minor = schema.substr(kFactSchemaMajor.size() + 1);
  // A decimal without leading zeros (1.01 is no minor), at most 9 digits (an int).
  if (!all_digits(minor) || minor.size() > 9 || (minor.size() > 1 && minor.front() == '0'))
    return std::nullopt;
  int n = 0;
  for (char c : minor) n = n * 10 + (c - '0');
  return DeclaredContract{n};
}

std::string schema_id_of_minor(int minor) {
  return fmt::format("{}.{}", kFactSchemaMajor, minor);
}

std::span<const FactSince> fact_since_table() {
  return kTable;
}

const FactSince* fact_since(std::string_view path) {
  // "software[3].version" → "software[].version"
  std::string key;
  key.reserve(path.size());
  for (std::size_t i = 0; i < path.size(); ++i) {
    key += path[i];
    if (path[i] == '[') {
      while (i + 1 < path.size() && path[i + 1] != ']') ++i;
    }
  }
  while (!key.empty()) {
    for (const auto& row : kTable)
      if (row.path == key) return &row;
    // The parent: drop a trailing "[]" or the last ".key".
    if (key.size() >= 2 && key.ends_with("[]")) {
      key.resize(key.size() - 2);
      continue;
    }
    auto dot = key.rfind('.');
    if (dot == std::string::npos) break;
    key.resize(dot);
  }
  return nullptr;
}

}  // namespace tekigo::engine
