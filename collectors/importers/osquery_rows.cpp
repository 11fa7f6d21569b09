// collectors/importers: osqueryi --json output → rows, and the table they come from (see
// osquery_rows.hpp and osquery_import.hpp).
#include "collectors/importers/osquery_rows.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>

#include "collectors/importers/osquery_import.hpp"
#include "engine/common/utf8.hpp"

namespace tekigo::collectors {

namespace osquery {

std::string step_of(std::string_view table) {
  if (table == "os_version") return "os";
  if (table == "programs" || table == "apps" || table == "deb_packages") return "software";
  if (table == "interface_details") return "network.adapters";
  if (table == "etc_hosts") return "x-etc-hosts";
  if (table == "system_info") return "subject";
  return "osquery";
}

void add_problem(std::vector<Problem>& problems, std::string_view table, const std::string& source,
                 std::string message) {
  problems.push_back({step_of(table), fmt::format("{}: {}", engine::printable(source), message)});
}

namespace {

// A number's text as osquery would have written it ("42", "0.5").
std::optional<std::string> number_text(simdjson::dom::element value) {
  if (std::int64_t i; value.get(i) == simdjson::SUCCESS) return std::to_string(i);
  if (std::uint64_t u; value.get(u) == simdjson::SUCCESS) return std::to_string(u);
  if (double d; value.get(d) == simdjson::SUCCESS) return fmt::format("{}", d);
  return std::nullopt;
}

// The columns of one row object. `where` names the row in messages ("row 3: "), or is empty;
// `numbers`: a number is read as its text (results logs written with --logger_numerics).
Row read_row(simdjson::dom::object object, const std::string& where, bool numbers,
             const std::function<void(std::string)>& problem) {
  Row row;
  for (auto field : object) {
    std::string key(field.key);
    std::string_view value;
    const bool text = field.value.get(value) == simdjson::SUCCESS;
    if (key.find('\0') != std::string::npos ||
        (text && value.find('\0') != std::string_view::npos)) {
      // No fact holds a NUL (docs/facts.md): osquery never writes one, so the row is damaged.
      problem(fmt::format("{}column `{}` holds a NUL character (U+0000); the column is ignored",
                          where, engine::printable(key)));
      continue;
    }
    if (row.has(key)) {
      problem(fmt::format("{}column `{}` appears twice; the first is kept", where, key));
      continue;
    }
    if (text) {
      row.columns.emplace_back(std::move(key), std::string(value));
    } else if (auto number = numbers ? number_text(field.value) : std::nullopt) {
      row.columns.emplace_back(std::move(key), std::move(*number));
    } else if (!field.value.is_null()) {
      // osquery writes every value as text; anything else is not its output.
      problem(
          fmt::format("{}column `{}` is not text (osquery writes every value as a "
                      "string); the column is ignored",
                      where, key));
    }
  }
  return row;
}

std::string_view without_bom(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

}  // namespace

std::optional<std::vector<Row>> parse_rows(std::string_view text, const std::string& source,
                                           const std::string& step,
                                           std::vector<Problem>& problems) {
  auto problem = [&](std::string message) {
    problems.push_back({step, fmt::format("{}: {}", engine::printable(source), message)});
  };
  text = without_bom(text);
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
    rows.push_back(read_row(object, fmt::format("row {}: ", index), false, problem));
  }
  return rows;
}

// ---- osqueryd results logs ------------------------------------------------------------------

bool is_results_log(std::string_view text) {
  text = trim_json_whitespace(without_bom(text));
  return !text.empty() && text.front() == '{';
}

namespace {

// A whole number written as a number or as text (osquery has written both for counter, epoch
// and unixTime).
std::optional<std::string> counter_text(simdjson::dom::object record, std::string_view key) {
  simdjson::dom::element value;
  if (record[key].get(value) != simdjson::SUCCESS) return std::nullopt;
  if (std::string_view s; value.get(s) == simdjson::SUCCESS) return std::string(s);
  return number_text(value);
}

bool same_row(const Row& a, const Row& b) {
  if (a.columns.size() != b.columns.size()) return false;
  for (const auto& [k, v] : a.columns)
    if (const std::string* w = b.raw(k); !w || *w != v) return false;
  return true;
}

struct QueryState {
  LoggedQuery query;
  bool seen = false;
  std::optional<std::string> run;  // epoch and unixTime of the last record
};

}  // namespace

std::optional<ResultsLog> parse_results_log(std::string_view text, const std::string& source,
                                            const std::string& step,
                                            std::vector<Problem>& problems) {
  auto problem = [&](std::string message) {
    problems.push_back({step, fmt::format("{}: {}", engine::printable(source), message)});
  };
  text = without_bom(text);
  std::vector<QueryState> queries;
  ResultsLog log;
  std::size_t records = 0, line_number = 0;
  simdjson::dom::parser parser;
  while (!text.empty()) {
    ++line_number;
    auto end = text.find('\n');
    std::string_view line = trim_json_whitespace(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (line.empty()) continue;
    auto line_problem = [&](std::string message) {
      problems.push_back(
          {step, fmt::format("{}:{}: {}", engine::printable(source), line_number, message)});
    };
    simdjson::padded_string padded(line);
    simdjson::dom::element root;
    if (auto error = parser.parse(padded).get(root)) {
      line_problem(fmt::format("not JSON: {}; skipped", simdjson::error_message(error)));
      continue;
    }
    simdjson::dom::object record;
    if (root.get(record) != simdjson::SUCCESS) {
      line_problem("not a results log record (a JSON object); skipped");
      continue;
    }
    std::string_view name;
    if (record["name"].get(name) != simdjson::SUCCESS || name.empty()) {
      line_problem("a record without a query `name`; skipped");
      continue;
    }
    simdjson::dom::array snapshot;
    simdjson::dom::object columns, diff;
    bool has_snapshot = record["snapshot"].get(snapshot) == simdjson::SUCCESS;
    bool has_columns = !has_snapshot && record["columns"].get(columns) == simdjson::SUCCESS;
    bool has_diff =
        !has_snapshot && !has_columns && record["diffResults"].get(diff) == simdjson::SUCCESS;
    if (!has_snapshot && !has_columns && !has_diff) {
      line_problem("a record without columns, snapshot or diffResults; skipped");
      continue;
    }
    ++records;
    if (std::string_view host; record["hostIdentifier"].get(host) == simdjson::SUCCESS &&
                               !host.empty() &&
                               std::none_of(log.hosts.begin(), log.hosts.end(),
                                            [&](const LoggedHost& h) { return h.id == host; }))
      log.hosts.push_back({std::string(host), line_number});

    auto state = std::find_if(queries.begin(), queries.end(),
                              [&](const QueryState& q) { return q.query.name == name; });
    if (state == queries.end()) {
      queries.push_back({});
      state = queries.end() - 1;
      state->query.name = std::string(name);
    }
    bool numbers = false;
    for (const char* flag : {"numerics", "logNumericsAsNumbers"})
      if (bool b; record[flag].get(b) == simdjson::SUCCESS && b) numbers = true;
    auto rows_of = [&](simdjson::dom::array array) {
      std::vector<Row> rows;
      for (simdjson::dom::element item : array) {
        simdjson::dom::object object;
        if (item.get(object) != simdjson::SUCCESS) {
          line_problem("a row that is not an object; skipped");
          continue;
        }
        rows.push_back(read_row(object, "", numbers, line_problem));
      }
      return rows;
    };
    auto& rows = state->query.rows;
    auto remove = [&](const Row& row) {
      auto it =
          std::find_if(rows.begin(), rows.end(), [&](const Row& r) { return same_row(r, row); });
      if (it != rows.end()) rows.erase(it);
    };

    if (has_snapshot) {
      rows = rows_of(snapshot);
      state->query.partial = false;
      state->seen = true;
      state->run.reset();
      continue;
    }
    // A differential record: the counter tells a query's first whole result (0) from changes.
    auto counter = counter_text(record, "counter");
    std::string run = counter_text(record, "epoch").value_or("") + "/" +
                      counter_text(record, "unixTime").value_or("");
    if (counter == "0" && state->run != run) {
      rows.clear();  // a new run's whole result
      state->query.partial = false;
    } else if (!state->seen && counter && counter != "0") {
      state->query.partial = true;
    }
    state->seen = true;
    state->run = run;

    if (has_columns) {
      std::string_view action;
      if (record["action"].get(action) != simdjson::SUCCESS)
        action = "added";  // a record without an action is taken as added rows
      Row row = read_row(columns, "", numbers, line_problem);
      if (action == "removed")
        remove(row);
      else if (action == "added")
        rows.push_back(std::move(row));
      else
        line_problem(fmt::format("action `{}` is not added, removed or snapshot; skipped", action));
    } else {
      simdjson::dom::array removed, added;
      if (diff["removed"].get(removed) == simdjson::SUCCESS)
        for (const Row& row : rows_of(removed)) remove(row);
      if (diff["added"].get(added) == simdjson::SUCCESS)
        for (Row& row : rows_of(added)) rows.push_back(std::move(row));
    }
  }
  if (!records) {
    problem(
        "not a JSON array of rows (osqueryi --json) nor an osqueryd results log: no line is a "
        "record with a query name and columns, snapshot or diffResults");
    return std::nullopt;
  }
  for (auto& q : queries) log.queries.push_back(std::move(q.query));
  return log;
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
                                               "deb_packages", "etc_hosts", "interface_details",
                                               "system_info"};
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
  if (has("hostname") && has("uuid") &&
      (has("cpu_brand") || has("computer_name") || has("hardware_model")))
    return "system_info";
  return "";
}

}  // namespace tekigo::collectors
