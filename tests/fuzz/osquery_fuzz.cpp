// Fuzz target `osquery`: `tekigo import osquery` on results as osqueryi --json writes them.
// The input is one or more results, split at lines holding only "--" (so that one input can
// combine tables, as the importer does); a first line "TABLE=name" names a result's table, as
// a source name may. An input of odd length is imported without --subject (the subject taken
// from the results: a results log's hostIdentifier, system_info). Invariant: unless the import
// says why there is no dump (no subject, or names that disagree), the imported dump validates
// as a dump (the importer writes the contract) whatever the results held.
#include <string>
#include <utility>
#include <vector>

#include "collectors/importers/osquery_import.hpp"
#include "engine/facts/fact_reader.hpp"
#include "engine/facts/fact_writer.hpp"
#include "fuzz/fuzz_target.hpp"

using namespace tekigo;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::text_of(data, size);
  std::vector<std::pair<std::string, std::string>> inputs;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find("\n--\n", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view part = text.substr(start, end - start);
    std::string source = "input" + std::to_string(inputs.size()) + ".json";
    if (part.starts_with("TABLE=")) {
      const std::size_t newline = part.find('\n');
      source = std::string(part.substr(0, newline));
      part = newline == std::string_view::npos ? std::string_view{} : part.substr(newline + 1);
    }
    inputs.emplace_back(std::move(source), std::string(part));
    start = end + 4;
  }
  collectors::OsqueryImportOptions options;
  options.collected_at = "2026-12-01T09:00:00Z";
  options.dns_names = {"sec.ccr.ncc.go.jp", "localhost"};
  const collectors::OsqueryImport imported =
      collectors::import_osquery(inputs, size % 2 ? "" : "fuzz-host", options);
  if (!imported.error.empty()) return 0;
  const std::string written = engine::write_facts_json(imported.facts);
  const engine::FactLoad reread =
      engine::parse_facts(written, "imported", engine::FactFormat::json);
  if (!reread.errors.empty())
    fuzz::fuzz_failure("the imported dump does not validate",
                       reread.errors[0].to_string() + "\n" + written);
  return 0;
}
