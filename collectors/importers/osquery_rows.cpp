// collectors/importers: osqueryi --json output → rows, and the table they come from (see
// osquery_rows.hpp and osquery_import.hpp).
#include "collectors/importers/osquery_rows.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cctype>

#include "collectors/importers/osquery_import.hpp"
#include "engine/common/utf8.hpp"

namespace tekigo::collectors {

namespace osquery {

std::string step_of(std::string_view table) {
  if (table == "os_version") return "os";
  if (table == "programs" || table == "apps" || table == "deb_packages") return "software";
  if (table == "interface_details") return "network.adapters";
  if (table == "etc_hosts") return "x-etc-hosts";
  return "osquery";
}

void add_problem(std::vector<Problem>& problems, std::string_view table, const std::string& source,
                 std::string message) {
  problems.push_back({step_of(table), fmt::format("{}: {}", engine::printable(source), message)});
}

std::optional<std::vector<Row>> parse_rows(std::string_view text, const std::string& source,
                                           const std::string& step,
                                           std::vector<Problem>& problems) {
  auto problem = [&](std::string message) {
    problems.push_back({step, fmt::format("{}: {}", engine::printable(source), message)});
  };
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (trim_json_whitespace(text).empty()) {
    problem("no output (osqueryi --json prints a JSON array)");
    return std::nullopt;
  }
  simdjson::dom::parser parser;
  simdjson::padded_string padded(text);
  simdjson::dom::element root;
  if (auto error = parser.parse(padded).get(root)) {
    problem(fmt::format("not JSON: {}", simdjson::error_message(error)));
    return std::nullopt;
  }
  simdjson::dom::array array;
  if (root.get(array) != simdjson::SUCCESS) {
    problem("not a JSON array of rows (osqueryi --json prints one object per row in [ ])");
    return std::nullopt;
  }
  std::vector<Row> rows;
  std::size_t index = 0;
  for (simdjson::dom::element item : array) {
    ++index;
    simdjson::dom::object object;
    if (item.get(object) != simdjson::SUCCESS) {
      problem(fmt::format("row {} is not an object; skipped", index));
      continue;
    }
    Row row;
    for (auto field : object) {
      std::string key(field.key);
      std::string_view value;
      const bool text = field.value.get(value) == simdjson::SUCCESS;
      if (key.find('\0') != std::string::npos ||
          (text && value.find('\0') != std::string_view::npos)) {
        // No fact holds a NUL (docs/facts.md): osquery never writes one, so the row is damaged.
        problem(
            fmt::format("row {}: column `{}` holds a NUL character (U+0000); the column is "
                        "ignored",
                        index, engine::printable(key)));
        continue;
      }
      if (row.has(key)) {
        problem(fmt::format("row {}: column `{}` appears twice; the first is kept", index, key));
        continue;
      }
      if (text) {
        row.columns.emplace_back(std::move(key), std::string(value));
      } else if (!field.value.is_null()) {
        // osquery writes every value as text; anything else is not its output.
        problem(
            fmt::format("row {}: column `{}` is not text (osquery writes every value as a "
                        "string); the column is ignored",
                        index, key));
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// ---- table recognition ---------------------------------------------------------------------

bool has_column(const std::vector<std::string>& columns, std::string_view name) {
  return std::find(columns.begin(), columns.end(), name) != columns.end();
}

std::vector<std::string> columns_of(const std::vector<Row>& rows) {
  std::vector<std::string> columns;
  for (const auto& row : rows)
    for (const auto& [k, _] : row.columns)
      if (!has_column(columns, k)) columns.push_back(k);
  return columns;
}

std::pair<std::string, std::string> split_source(const std::string& source) {
  auto eq = source.find('=');
  if (eq == std::string::npos || eq == 0) return {"", source};
  std::string_view prefix(source.data(), eq);
  bool word = std::all_of(prefix.begin(), prefix.end(), [](unsigned char c) {
    return std::islower(c) || std::isdigit(c) || c == '_';
  });
  if (!word) return {"", source};
  return {std::string(prefix), source.substr(eq + 1)};
}

}  // namespace osquery

const std::vector<std::string>& osquery_tables() {
  static const std::vector<std::string> tables{"os_version",   "programs",  "apps",
                                               "deb_packages", "etc_hosts", "interface_details"};
  return tables;
}

std::string osquery_table_of(const std::vector<std::string>& c) {
  auto has = [&](std::string_view name) { return osquery::has_column(c, name); };
  if (has("platform") && ((has("major") && has("minor")) || (has("version") && has("build"))))
    return "os_version";
  if (has("name") && (has("install_location") || has("identifying_number"))) return "programs";
  if (has("bundle_identifier") && (has("path") || has("bundle_short_version"))) return "apps";
  if (has("status") && has("maintainer") && has("arch")) return "deb_packages";
  if (has("address") && has("hostnames")) return "etc_hosts";
  if (has("interface") && has("mac")) return "interface_details";
  return "";
}

}  // namespace tekigo::collectors
