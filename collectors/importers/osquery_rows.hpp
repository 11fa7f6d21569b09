// collectors/importers: what the osquery import is made of, shared by its files —
// osqueryi --json output read as rows (osquery_rows.cpp), the os_version table read as the
// os fact (osquery_os.cpp), and the rest of the import (osquery_import.cpp).
#pragma once

#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "engine/facts/fact_value.hpp"

namespace tekigo::collectors::osquery {

// `s` without the JSON whitespace (space, tab, CR, LF) at either end. Narrower than
// engine::trim on purpose, so that the import says what it said before: an output of a lone
// \f is "not JSON", not "no output".
inline std::string_view trim_json_whitespace(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// A whole non-negative decimal number ("7601"); nullopt for anything else ("", "-1", "6.1").
inline std::optional<unsigned long> whole_number(std::string_view s) {
  unsigned long v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

// One row as osquery printed it: column → text, in output order.
struct Row {
  std::vector<std::pair<std::string, std::string>> columns;

  const std::string* raw(std::string_view key) const {
    for (const auto& [k, v] : columns)
      if (k == key) return &v;
    return nullptr;
  }
  // A column with a value: absent and "" (what older osquery writes for NULL) are the same.
  std::optional<std::string> get(std::string_view key) const {
    const std::string* v = raw(key);
    if (!v || v->empty()) return std::nullopt;
    return *v;
  }
  bool has(std::string_view key) const { return raw(key) != nullptr; }
};

// One problem, with the fact path (collected.errors step) that it concerns.
struct Problem {
  std::string step;
  std::string message;  // "source: …"
};

// The collected.errors step of the fact that a table gives ("os" for os_version, …).
std::string step_of(std::string_view table);

// Records `message` as "source: message" under the step of `table`.
void add_problem(std::vector<Problem>& problems, std::string_view table, const std::string& source,
                 std::string message);

// The rows of an osqueryi --json output, or nullopt when it is not such an output at all
// (why goes to `problems` under `step`).
std::optional<std::vector<Row>> parse_rows(std::string_view text, const std::string& source,
                                           const std::string& step, std::vector<Problem>& problems);

// ---- osqueryd results logs ----
// What osqueryd's filesystem logger writes (osqueryd.results.log): JSON Lines, one record per
// line, each with the query's `name` and the `hostIdentifier` of the host, and its rows in one
// of the three forms osquery logs: `columns` with `action` added or removed (event format, the
// default), `snapshot` (a snapshot query: the whole result), or `diffResults` {added, removed}
// (batch format). The rows of a query are its result as the log leaves it: a snapshot replaces
// them, added and removed rows are applied in order, and a record with `counter` 0 of a new run
// (another epoch or unixTime) starts them again (osquery logs a query's whole result as added
// rows when counter is 0). Values that are numbers (--logger_numerics) are read as their text.

// One scheduled query of a results log.
struct LoggedQuery {
  std::string name;
  std::vector<Row> rows;
  // The log starts after the query's first whole result (its first record has a counter above
  // 0 and is no snapshot): the rows are only changes, not the result.
  bool partial = false;
};

// A hostIdentifier of a results log, with the line it first appears on.
struct LoggedHost {
  std::string id;
  std::size_t line = 0;
};

struct ResultsLog {
  std::vector<LoggedQuery> queries;  // in the order they first appear
  std::vector<LoggedHost> hosts;     // each hostIdentifier once, in the order they first appear
};

// Whether `text` is a results log rather than osqueryi --json output: its first character
// (after a byte-order mark and white space) is `{`, where osqueryi prints `[`.
bool is_results_log(std::string_view text);

// The queries and hosts of a results log, or nullopt when no line of it is a record (why goes
// to `problems` under `step`, as "source:LINE: …" for a line that is skipped).
std::optional<ResultsLog> parse_results_log(std::string_view text, const std::string& source,
                                            const std::string& step,
                                            std::vector<Problem>& problems);

// Whether `columns` holds `name`; every column of `rows`, in the order they first appear.
bool has_column(const std::vector<std::string>& columns, std::string_view name);
std::vector<std::string> columns_of(const std::vector<Row>& rows);

// "TABLE=name" → (TABLE, name) when TABLE looks like a table name; otherwise ("", source).
std::pair<std::string, std::string> split_source(const std::string& source);

// The os fact from the first row of an os_version result: family from platform, name, and
// what each platform's columns give (osquery_import.hpp); what cannot be read goes to
// `problems` (step os). In osquery_os.cpp.
engine::FactValue os_from_os_version(const Row& row, const std::string& source,
                                     std::vector<Problem>& problems);

}  // namespace tekigo::collectors::osquery
