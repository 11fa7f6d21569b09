// collectors: osquery results (osqueryi --json) → one fact dump in the v1 contract.
#include "collectors/importers/osquery_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <optional>
#include <string_view>

#include "collectors/importers/osquery_rows.hpp"
#include "collectors/seams/system_api.hpp"
#include "engine/common/text.hpp"
#include "engine/common/utf8.hpp"
#include "engine/facts/fact_dump.hpp"
#include "engine/facts/fact_schema.hpp"
#include "engine/values/fqdn.hpp"
#include "engine/values/ip_address.hpp"
#include "engine/values/version.hpp"

namespace tekigo::collectors {

using engine::ascii_lower;
using engine::FactValue;
using engine::iequals_ascii;
using osquery::Problem;
using osquery::Row;

namespace {

using osquery::columns_of;
using osquery::os_from_os_version;
using osquery::parse_rows;
using osquery::split_source;
using osquery::step_of;
using osquery::trim_json_whitespace;
using osquery::whole_number;

constexpr std::string_view kCollectedBy = "tekigo import osquery";

// ---- text helpers ----------------------------------------------------------------------------

// Does `s` start with `prefix`, A–Z and a–z taken as the same letter?
bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals_ascii(s.substr(0, prefix.size()), prefix);
}

// A version the contract accepts (a dotted number at the start, read leniently).
bool is_version(std::string_view s) {
  return engine::Version::parse(s, engine::VersionScheme::dotted).has_value();
}

std::string now_rfc3339() {
  std::time_t t = std::time(nullptr);
  std::tm tm = sys::utc_time(t);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// ---- browsers --------------------------------------------------------------------------------

struct BrowserHit {
  std::string id;
  std::string version;  // as reported; may be empty
  std::string name;     // as installed
};

std::optional<std::string> browser_of_program(std::string_view display_name) {
  std::string_view n = trim_json_whitespace(display_name);
  if (iequals_ascii(n, "Microsoft Edge")) return "edge";
  if (iequals_ascii(n, "Google Chrome")) return "chrome";
  if (iequals_ascii(n, "Chromium")) return "chromium";
  if (istarts_with(n, "Mozilla Firefox")) return "firefox";  // "Mozilla Firefox (x64 ja)"
  return std::nullopt;
}

std::optional<std::string> browser_of_app(const Row& row) {
  if (auto id = row.get("bundle_identifier")) {
    std::string b = ascii_lower(*id);
    if (b == "com.google.chrome") return "chrome";
    if (b == "com.apple.safari") return "safari";
    if (b == "org.mozilla.firefox") return "firefox";
    if (b == "com.microsoft.edgemac") return "edge";
    if (b == "org.chromium.chromium") return "chromium";
    return std::nullopt;
  }
  if (auto name = row.get("name")) {
    std::string n = ascii_lower(*name);
    if (n == "google chrome.app") return "chrome";
    if (n == "safari.app") return "safari";
    if (n == "firefox.app") return "firefox";
    if (n == "microsoft edge.app") return "edge";
    if (n == "chromium.app") return "chromium";
  }
  return std::nullopt;
}

std::optional<std::string> browser_of_package(std::string_view package) {
  std::string p = ascii_lower(package);
  if (p == "google-chrome-stable") return "chrome";
  if (p == "firefox" || p == "firefox-esr") return "firefox";
  if (p == "chromium" || p == "chromium-browser") return "chromium";
  if (p == "microsoft-edge-stable") return "edge";
  return std::nullopt;
}

// A Debian version without its epoch ("1:115.0+build2-0ubuntu1" → "115.0+build2-0ubuntu1"),
// so that a browser's version compares by the upstream number.
std::string without_epoch(const std::string& version) {
  auto colon = version.find(':');
  if (colon != std::string::npos && whole_number(std::string_view(version).substr(0, colon)))
    return version.substr(colon + 1);
  return version;
}

// ---- the terminal's name ---------------------------------------------------------------------

// A name of the terminal an input gives: what it is, the name, and where it was read.
struct Name {
  std::string what;  // hostIdentifier, system_info.hostname, system_info.computer_name
  std::string value;
  std::string where;  // "results.log:1", "system_info.json"
};

struct Subject {
  std::string value, from, error;
};

// The subject from the names (osquery_import.hpp): the hostIdentifiers, then the hostnames,
// which must all agree; else the computer_names, which must too.
Subject subject_of(const std::vector<Name>& names) {
  auto pick = [&](std::initializer_list<std::string_view> kinds) -> std::optional<Subject> {
    std::vector<const Name*> ordered;
    for (std::string_view kind : kinds)
      for (const auto& n : names)
        if (n.what == kind) ordered.push_back(&n);
    if (ordered.empty()) return std::nullopt;
    const Name& first = *ordered.front();
    for (const Name* n : ordered)
      if (!iequals_ascii(n->value, first.value))
        return Subject{
            "", "",
            fmt::format("the inputs name two terminals: `{}` ({} in {}) and `{}` ({} in {}); "
                        "give the terminal's id with --subject",
                        first.value, first.what, first.where, n->value, n->what, n->where)};
    return Subject{first.value, fmt::format("{} in {}", first.what, first.where), ""};
  };
  if (auto s = pick({"hostIdentifier", "system_info.hostname"})) return *s;
  if (auto s = pick({"system_info.computer_name"})) return *s;
  return {"", "",
          "no subject: give the terminal's id with --subject (no results log has a "
          "hostIdentifier, and no system_info result a hostname or computer_name)"};
}

// ---- the import ------------------------------------------------------------------------------

struct Importer {
  explicit Importer(const OsqueryImportOptions& o) : options(o) {}

  const OsqueryImportOptions& options;
  std::vector<Problem> problems;
  std::vector<std::string> notes;
  std::vector<std::string> tables_seen;
  std::vector<Name> names;  // the terminal's names the inputs give, in input order

  std::optional<FactValue> os;
  FactValue::List software;
  bool software_seen = false, software_failed = false;
  std::vector<BrowserHit> browsers;
  FactValue::List adapters;
  std::vector<std::string> adapter_interfaces;
  bool adapters_seen = false, adapters_failed = false;
  FactValue::List hosts_rows;
  std::vector<Row> hosts;
  bool hosts_seen = false, hosts_failed = false;

  void problem(std::string_view table, const std::string& source, std::string message) {
    osquery::add_problem(problems, table, source, std::move(message));
  }

  void fail(std::string_view table) {
    if (table == "programs" || table == "apps" || table == "deb_packages") software_failed = true;
    if (table == "interface_details") adapters_failed = true;
    if (table == "etc_hosts") hosts_failed = true;
  }

  void add(const std::string& source_in, const std::string& text) {
    auto [explicit_table, source] = split_source(source_in);
    const auto& known = osquery_tables();
    if (!explicit_table.empty() &&
        std::find(known.begin(), known.end(), explicit_table) == known.end()) {
      problem("", source,
              fmt::format("table `{}` is not one this import reads ({})", explicit_table,
                          fmt::join(known, ", ")));
      return;
    }
    if (osquery::is_results_log(text)) return add_log(explicit_table, source, text);
    auto rows = parse_rows(text, source, step_of(explicit_table), problems);
    if (!rows) {
      fail(explicit_table);
      return;
    }
    std::string table = explicit_table;
    if (table.empty()) {
      table = osquery_table_of(columns_of(*rows));
      if (table.empty()) {
        problem(
            "", source,
            rows->empty()
                ? "no rows, so the table cannot be told from its columns; name it as TABLE=" +
                      source
                : fmt::format("columns {} are not those of a table this import reads; name "
                              "the table as TABLE={} if it is one of {}",
                              fmt::join(columns_of(*rows), ", "), source, fmt::join(known, ", ")));
        return;
      }
    }
    take(table, *rows, source);
  }

  // An osqueryd results log: each query whose columns are those of a table read here (or
  // every query, when the table is named) is taken as that table's output.
  void add_log(const std::string& explicit_table, const std::string& source,
               const std::string& text) {
    auto log = osquery::parse_results_log(text, source, step_of(explicit_table), problems);
    if (!log) {
      fail(explicit_table);
      return;
    }
    for (const auto& host : log->hosts)
      names.push_back({"hostIdentifier", host.id, fmt::format("{}:{}", source, host.line)});
    std::vector<std::string> others;
    for (const auto& q : log->queries) {
      std::string table =
          explicit_table.empty() ? osquery_table_of(columns_of(q.rows)) : explicit_table;
      if (table.empty()) {
        others.push_back(q.name);
        continue;
      }
      std::string query_source = fmt::format("{} (query {})", source, q.name);
      if (q.partial) {
        problem(table, query_source,
                "the log starts after the query's first whole result (its first record has a "
                "counter above 0), so its rows are only changes; left out");
        fail(table);
        continue;
      }
      take(table, q.rows, query_source);
    }
    if (!others.empty())
      notes.push_back(fmt::format("{}: queries {} are not of a table this import reads; left out",
                                  source, fmt::join(others, ", ")));
  }

  void take(const std::string& table, const std::vector<Row>& rows, const std::string& source) {
    if (std::find(tables_seen.begin(), tables_seen.end(), table) == tables_seen.end())
      tables_seen.push_back(table);
    if (table == "os_version") return add_os_version(rows, source);
    if (table == "programs") return add_programs(rows, source);
    if (table == "apps") return add_apps(rows, source);
    if (table == "deb_packages") return add_deb_packages(rows, source);
    if (table == "interface_details") return add_interfaces(rows, source);
    if (table == "etc_hosts") return add_etc_hosts(rows, source);
    if (table == "system_info") return add_system_info(rows, source);
  }

  // ---- system_info: the terminal's name ----

  // The row of a table that describes the machine (one row), with a problem when it returned
  // none (nullptr) or several (the first).
  const Row* single_row(std::string_view table, const std::vector<Row>& rows,
                        const std::string& source) {
    if (rows.empty()) {
      problem(table, source, fmt::format("{} returned no rows", table));
      return nullptr;
    }
    if (rows.size() > 1)
      problem(table, source,
              fmt::format("{} returned {} rows; the first is used", table, rows.size()));
    return &rows.front();
  }

  void add_system_info(const std::vector<Row>& rows, const std::string& source) {
    const Row* row = single_row("system_info", rows, source);
    if (!row) return;
    if (auto hostname = row->get("hostname"))
      names.push_back({"system_info.hostname", *hostname, source});
    if (auto computer_name = row->get("computer_name"))
      names.push_back({"system_info.computer_name", *computer_name, source});
  }

  // ---- os_version ----

  void add_os_version(const std::vector<Row>& rows, const std::string& source) {
    const Row* row = single_row("os_version", rows, source);
    if (!row) return;
    if (os) problem("os_version", source, "a second os_version result replaces the first");
    os = os_from_os_version(*row, source, problems);
  }

  // ---- software ----

  static void put_version(FactValue::Map& entry, const std::optional<std::string>& version) {
    if (!version) return;
    entry.emplace_back(is_version(*version) ? "version" : "version_text",
                       FactValue::string(*version));
  }

  void note_browser(std::optional<std::string> id, std::string version, std::string name) {
    if (!id) return;
    for (const auto& b : browsers)
      if (b.id == *id && b.version == version) return;
    browsers.push_back({std::move(*id), std::move(version), std::move(name)});
  }

  void add_programs(const std::vector<Row>& rows, const std::string& source) {
    software_seen = true;
    std::size_t unnamed = 0;
    for (const auto& r : rows) {
      auto name = r.get("name");
      if (!name) {
        ++unnamed;
        continue;
      }
      FactValue::Map e;
      e.emplace_back("name", FactValue::string(*name));
      put_version(e, r.get("version"));
      if (auto publisher = r.get("publisher"))
        e.emplace_back("publisher", FactValue::string(*publisher));
      if (auto path = r.get("install_location")) e.emplace_back("path", FactValue::string(*path));
      e.emplace_back("source", FactValue::string("osquery programs"));
      software.push_back(FactValue::map(std::move(e)));
      note_browser(browser_of_program(*name), r.get("version").value_or(""), *name);
    }
    if (unnamed)
      problem("programs", source, fmt::format("{} row(s) without a name skipped", unnamed));
  }

  void add_apps(const std::vector<Row>& rows, const std::string& source) {
    software_seen = true;
    std::size_t unnamed = 0;
    for (const auto& r : rows) {
      std::optional<std::string> name = r.get("display_name");
      if (!name) {
        name = r.get("name");
        if (name && name->size() > 4 && iequals_ascii(name->substr(name->size() - 4), ".app"))
          name->resize(name->size() - 4);
      }
      if (!name) {
        ++unnamed;
        continue;
      }
      FactValue::Map e;
      e.emplace_back("name", FactValue::string(*name));
      put_version(e, r.get("bundle_short_version"));
      if (auto path = r.get("path")) e.emplace_back("path", FactValue::string(*path));
      e.emplace_back("source", FactValue::string("osquery apps"));
      software.push_back(FactValue::map(std::move(e)));
      note_browser(browser_of_app(r), r.get("bundle_short_version").value_or(""), *name);
    }
    if (unnamed) problem("apps", source, fmt::format("{} row(s) without a name skipped", unnamed));
  }

  void add_deb_packages(const std::vector<Row>& rows, const std::string& source) {
    software_seen = true;
    std::size_t unnamed = 0, without_status = 0;
    for (const auto& r : rows) {
      auto name = r.get("name");
      if (!name) {
        ++unnamed;
        continue;
      }
      auto status = r.get("status");
      if (!status)
        ++without_status;  // osquery before 4.3 has no status column: kept, see the problem
      else if (*status != "install ok installed")
        continue;  // removed with its configuration left, half-installed, …
      FactValue::Map e;
      e.emplace_back("name", FactValue::string(*name));
      put_version(e, r.get("version"));
      if (auto maintainer = r.get("maintainer"))
        e.emplace_back("publisher", FactValue::string(*maintainer));
      e.emplace_back("source", FactValue::string("osquery deb_packages"));
      software.push_back(FactValue::map(std::move(e)));
      if (auto id = browser_of_package(*name))
        note_browser(id, without_epoch(r.get("version").value_or("")), *name);
    }
    if (unnamed)
      problem("deb_packages", source, fmt::format("{} row(s) without a name skipped", unnamed));
    if (without_status)
      problem("deb_packages", source,
              fmt::format("{} row(s) without a status kept: packages removed with their "
                          "configuration left may be among them",
                          without_status));
  }

  // ---- interface_details ----

  void add_interfaces(const std::vector<Row>& rows, const std::string& source) {
    adapters_seen = true;
    for (const auto& r : rows) {
      auto iface = r.get("interface");
      if (!iface) {
        problem("interface_details", source, "a row without an interface skipped");
        continue;
      }
      // Loopback is not an adapter (Get-NetAdapter, networksetup and /sys/class/net without
      // lo leave it out): lo, lo0, and interface type 24 (software loopback) or 772.
      auto type = r.get("type");
      if (*iface == "lo" || *iface == "lo0" || type == "24" || type == "772") continue;
      if (std::find(adapter_interfaces.begin(), adapter_interfaces.end(), *iface) !=
          adapter_interfaces.end())
        continue;  // a join with interface_addresses repeats an interface per address
      adapter_interfaces.push_back(*iface);
      FactValue::Map a;
      // Windows: the connection name ("Ethernet", "イーサネット") is NetConnectionID.
      a.emplace_back("name", FactValue::string(r.get("connection_id").value_or(*iface)));
      if (auto description = r.get("description"))
        a.emplace_back("description", FactValue::string(*description));
      else if (type)
        a.emplace_back("description", FactValue::string(*type));
      adapters.push_back(FactValue::map(std::move(a)));
    }
  }

  // ---- etc_hosts ----

  void add_etc_hosts(const std::vector<Row>& rows, const std::string&) {
    hosts_seen = true;
    for (const auto& r : rows) {
      FactValue::Map m;
      for (const auto& [k, v] : r.columns) m.emplace_back(k, FactValue::string(v));
      hosts_rows.push_back(FactValue::map(std::move(m)));
      hosts.push_back(r);
    }
  }

  FactValue::List dns_entries() {
    FactValue::List out;
    for (const auto& wanted : options.dns_names) {
      auto name = engine::Fqdn::parse(wanted);
      if (!name) {
        problems.push_back({"dns", fmt::format("{}: not a host name; not looked up", wanted)});
        continue;
      }
      bool listed = false;
      FactValue::List addresses;
      std::vector<std::string> skipped;
      for (const auto& r : hosts) {
        auto hostnames = r.get("hostnames");
        auto address = r.get("address");
        if (!hostnames || !address) continue;
        bool match = false;
        std::string_view s = *hostnames;
        while (!s.empty() && !match) {
          s = trim_json_whitespace(s);
          auto end = s.find_first_of(" \t");
          auto token = s.substr(0, end);
          if (auto f = engine::Fqdn::parse(token); f && *f == *name) match = true;
          s = end == std::string_view::npos ? std::string_view() : s.substr(end);
        }
        if (!match) continue;
        listed = true;
        if (!engine::IpAddress::parse(*address)) {
          skipped.push_back(*address);  // "fe80::1%lo0": a zone id is not an address here
          continue;
        }
        FactValue a = FactValue::string(*address);
        if (std::find(addresses.begin(), addresses.end(), a) == addresses.end())
          addresses.push_back(std::move(a));
      }
      if (!skipped.empty())
        problems.push_back({"dns", fmt::format("{}: hosts file addresses {} are not plain "
                                               "addresses; left out",
                                               wanted, fmt::join(skipped, ", "))});
      if (!listed) continue;  // not in the hosts file: not measured here
      if (addresses.empty()) continue;
      out.push_back(FactValue::map({{"name", FactValue::string(wanted)},
                                    {"addresses", FactValue::list(std::move(addresses))},
                                    {"source", FactValue::string("hosts")}}));
    }
    return out;
  }
};

}  // namespace

OsqueryImport import_osquery(const std::vector<std::pair<std::string, std::string>>& inputs,
                             std::string subject, const OsqueryImportOptions& options) {
  Importer im(options);
  for (const auto& [source, text] : inputs) im.add(source, text);

  FactValue dump = FactValue::map();
  dump.set("schema", FactValue::string(std::string(engine::kFactSchemaId)));
  Subject chosen{subject, "--subject", ""};
  if (subject.empty()) chosen = subject_of(im.names);
  dump.set("subject", FactValue::string(chosen.value));
  if (im.os) dump.set("os", std::move(*im.os));
  if (im.software_seen && !im.software_failed) {
    FactValue::List browsers;
    for (auto& b : im.browsers) {
      FactValue::Map m{{"id", FactValue::string(b.id)}};
      if (is_version(b.version)) m.emplace_back("version", FactValue::string(b.version));
      m.emplace_back("name", FactValue::string(b.name));
      browsers.push_back(FactValue::map(std::move(m)));
    }
    dump.set("browsers", FactValue::list(std::move(browsers)));
    dump.set("software", FactValue::list(std::move(im.software)));
  }
  if (im.hosts_seen && !im.hosts_failed) {
    FactValue::List dns = im.dns_entries();
    if (!dns.empty()) dump.set("dns", FactValue::list(std::move(dns)));
  }
  if (im.adapters_seen && !im.adapters_failed)
    dump.set("network", FactValue::map({{"adapters", FactValue::list(std::move(im.adapters))}}));
  if (im.hosts_seen && !im.hosts_failed)
    dump.set("x-etc-hosts", FactValue::list(std::move(im.hosts_rows)));

  auto errors_of = [](const std::vector<Problem>& problems) {
    FactValue::List errors;
    for (const auto& p : problems)
      errors.push_back(FactValue::map(
          // printable: a message may quote an input's name or bytes, and a dump holds text only
          {{"step", FactValue::string(p.step)},
           {"message", FactValue::string(engine::printable(p.message))}}));
    return FactValue::list(std::move(errors));
  };
  FactValue collected = FactValue::map(
      {{"at",
        FactValue::string(options.collected_at.empty() ? now_rfc3339() : options.collected_at)},
       {"by", FactValue::string(std::string(kCollectedBy))},
       {"errors", errors_of(im.problems)}});
  if (chosen.error.empty()) collected.set("x-subject-from", FactValue::string(chosen.from));
  // collected goes right after subject, as in docs/facts.md.
  auto& map = dump.as_map();
  map.insert(map.begin() + 2, {"collected", std::move(collected)});

  // The result must pass the contract; a problem here is a bug in this file (or a bad
  // collected_at), reported rather than hidden.
  auto invalid = chosen.error.empty() ? engine::validate_facts(dump, "osquery import")
                                      : std::vector<engine::FactError>{};
  if (!invalid.empty()) {
    for (const auto& e : invalid) im.problems.push_back({"osquery", e.to_string()});
    dump.find("collected")->set("errors", errors_of(im.problems));
  }

  OsqueryImport out;
  out.facts = std::move(dump);
  for (auto& p : im.problems) out.problems.push_back(std::move(p.message));
  out.notes = std::move(im.notes);
  out.tables_seen = std::move(im.tables_seen);
  out.error = std::move(chosen.error);
  out.subject_from = std::move(chosen.from);
  return out;
}

}  // namespace tekigo::collectors
