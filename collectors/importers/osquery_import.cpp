// collectors: osquery results (osqueryi --json) → one fact dump in the v1 contract.
#include "collectors/importers/osquery_import.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <ctime>
#include <optional>
#include <string_view>

#include "collectors/seams/system_api.hpp"
#include "engine/facts/fact_dump.hpp"
#include "engine/values/fqdn.hpp"
#include "engine/values/ip_address.hpp"
#include "engine/values/version.hpp"

namespace tekigo::collectors {

using engine::FactValue;

namespace {

constexpr std::string_view kSchemaId = "tekigo.facts/1";
constexpr std::string_view kCollectedBy = "tekigo import osquery";

// ---- text helpers ----------------------------------------------------------------------------

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && lower(a) == lower(b);
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool icontains(std::string_view s, std::string_view part) {
  return lower(s).find(lower(part)) != std::string::npos;
}

// A whole non-negative decimal number ("7601"); nullopt for anything else ("", "-1", "6.1").
std::optional<unsigned long> whole_number(std::string_view s) {
  unsigned long v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

// The leading digits of `s` as a number ("22631.3447" → 22631); nullopt without any.
std::optional<unsigned long> leading_number(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && std::isdigit(static_cast<unsigned char>(s[n]))) ++n;
  return whole_number(s.substr(0, n));
}

// The leading "digits(.digits)*" of `s` ("20.04.1 LTS (Focal Fossa)" → "20.04.1"); "" when
// `s` does not start with a digit.
std::string leading_dotted(std::string_view s) {
  std::size_t i = 0;
  while (true) {
    std::size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == start) {  // no digits after a dot (or at the start): drop the dot
      if (start > 0) i = start - 1;
      break;
    }
    if (i + 1 < s.size() && s[i] == '.' && std::isdigit(static_cast<unsigned char>(s[i + 1])))
      ++i;
    else
      break;
  }
  return std::string(s.substr(0, i));
}

// Dotted numbers only ("10.14.6"): the whole text, no suffix.
bool is_dotted(std::string_view s) {
  return !s.empty() && engine::Version::parse_dotted_strict(s).has_value();
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

// ---- rows ------------------------------------------------------------------------------------

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

std::string step_of(std::string_view table) {
  if (table == "os_version") return "os";
  if (table == "programs" || table == "apps" || table == "deb_packages") return "software";
  if (table == "interface_details") return "network.adapters";
  if (table == "etc_hosts") return "x-etc-hosts";
  return "osquery";
}

// The rows of an osqueryi --json output, or nullopt when it is not such an output at all.
std::optional<std::vector<Row>> parse_rows(std::string_view text, const std::string& source,
                                           const std::string& step,
                                           std::vector<Problem>& problems) {
  auto problem = [&](std::string message) {
    problems.push_back({step, fmt::format("{}: {}", source, message)});
  };
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (trim(text).empty()) {
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
      if (row.has(key)) {
        problem(fmt::format("row {}: column `{}` appears twice; the first is kept", index, key));
        continue;
      }
      std::string_view value;
      if (field.value.get(value) == simdjson::SUCCESS) {
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

// "TABLE=name" → (TABLE, name) when TABLE looks like a table name; otherwise ("", source).
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

// ---- browsers --------------------------------------------------------------------------------

struct BrowserHit {
  std::string id;
  std::string version;  // as reported; may be empty
  std::string name;     // as installed
};

std::optional<std::string> browser_of_program(std::string_view display_name) {
  std::string_view n = trim(display_name);
  if (iequals(n, "Microsoft Edge")) return "edge";
  if (iequals(n, "Google Chrome")) return "chrome";
  if (iequals(n, "Chromium")) return "chromium";
  if (istarts_with(n, "Mozilla Firefox")) return "firefox";  // "Mozilla Firefox (x64 ja)"
  return std::nullopt;
}

std::optional<std::string> browser_of_app(const Row& row) {
  if (auto id = row.get("bundle_identifier")) {
    std::string b = lower(*id);
    if (b == "com.google.chrome") return "chrome";
    if (b == "com.apple.safari") return "safari";
    if (b == "org.mozilla.firefox") return "firefox";
    if (b == "com.microsoft.edgemac") return "edge";
    if (b == "org.chromium.chromium") return "chromium";
    return std::nullopt;
  }
  if (auto name = row.get("name")) {
    std::string n = lower(*name);
    if (n == "google chrome.app") return "chrome";
    if (n == "safari.app") return "safari";
    if (n == "firefox.app") return "firefox";
    if (n == "microsoft edge.app") return "edge";
    if (n == "chromium.app") return "chromium";
  }
  return std::nullopt;
}

std::optional<std::string> browser_of_package(std::string_view package) {
  std::string p = lower(package);
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

// ---- the import ------------------------------------------------------------------------------

struct Importer {
  explicit Importer(const OsqueryImportOptions& o) : options(o) {}

  const OsqueryImportOptions& options;
  std::vector<Problem> problems;
  std::vector<std::string> tables_seen;

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
    problems.push_back({step_of(table), fmt::format("{}: {}", source, message)});
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
    if (std::find(tables_seen.begin(), tables_seen.end(), table) == tables_seen.end())
      tables_seen.push_back(table);
    if (table == "os_version") return add_os_version(*rows, source);
    if (table == "programs") return add_programs(*rows, source);
    if (table == "apps") return add_apps(*rows, source);
    if (table == "deb_packages") return add_deb_packages(*rows, source);
    if (table == "interface_details") return add_interfaces(*rows, source);
    if (table == "etc_hosts") return add_etc_hosts(*rows, source);
  }

  // ---- os_version ----

  void add_os_version(const std::vector<Row>& rows, const std::string& source) {
    if (rows.empty()) {
      problem("os_version", source, "os_version returned no rows");
      return;
    }
    if (rows.size() > 1)
      problem("os_version", source,
              fmt::format("os_version returned {} rows; the first is used", rows.size()));
    if (os) problem("os_version", source, "a second os_version result replaces the first");
    const Row& r = rows.front();
    FactValue::Map m;
    auto platform = r.get("platform");
    std::string family;
    if (!platform) {
      problem("os_version", source, "no platform column: os.family is left out");
    } else if (*platform == "windows") {
      family = "windows";
    } else if (*platform == "darwin") {
      family = "macos";
    } else if (*platform == "freebsd") {
      problem("os_version", source,
              "platform freebsd is not in the contract: os.family is left out");
    } else {
      family = "linux";  // ubuntu, debian, rhel, centos, amzn, … (Linux distribution ids)
    }
    if (!family.empty()) m.emplace_back("family", FactValue::string(family));
    if (auto name = r.get("name")) m.emplace_back("name", FactValue::string(*name));
    if (family == "windows")
      windows_os(r, source, m);
    else if (family == "macos")
      macos_os(r, source, m);
    else if (family == "linux")
      linux_os(r, source, m);
    os = FactValue::map(std::move(m));
  }

  void windows_os(const Row& r, const std::string& source, FactValue::Map& m) {
    // WMI Version "10.0.22621" is split into major, minor and build; read it back when the
    // query selected only some columns.
    std::vector<std::string> parts;
    if (auto v = r.get("version")) {
      std::string_view s = *v;
      while (!s.empty()) {
        auto dot = s.find('.');
        parts.emplace_back(s.substr(0, dot));
        if (dot == std::string_view::npos) break;
        s.remove_prefix(dot + 1);
      }
    }
    auto part = [&](std::size_t i) -> std::optional<std::string> {
      if (i < parts.size() && !parts[i].empty()) return parts[i];
      return std::nullopt;
    };
    auto major_text = r.get("major") ? r.get("major") : part(0);
    auto minor_text = r.get("minor") ? r.get("minor") : part(1);
    auto build_text = r.get("build") ? r.get("build") : part(2);
    // Missing numbers read as 0, which no Windows version has (and which GCC 12 does not
    // mistake for an uninitialised std::optional, as it does with `optional == value`).
    const unsigned long major = major_text ? whole_number(*major_text).value_or(0) : 0;
    const unsigned long minor = minor_text ? whole_number(*minor_text).value_or(0) : 0;
    const std::optional<unsigned long> build_number =
        build_text ? leading_number(*build_text) : std::nullopt;
    const bool has_build = build_number.has_value();
    const unsigned long build = build_number.value_or(0);
    std::string name = r.get("name").value_or("");

    std::string version;
    std::optional<int> service_pack;
    if (major == 10u) {
      if (has_build) {
        version = (build >= 22000 && !icontains(name, "server")) ? "11" : "10";
        service_pack = 0;  // Windows 10 and 11 have no service packs
      } else {
        problem("os_version", source, "Windows 10 or 11: no build number to tell which");
      }
    } else if (major == 6u && minor == 1u) {
      version = "7";
      if (build == 7600u) service_pack = 0;
      if (build == 7601u) service_pack = 1;
    } else if (major == 6u && minor == 2u) {
      version = "8";
      service_pack = 0;
    } else if (major == 6u && minor == 3u) {
      version = "8.1";
      service_pack = 0;
    } else if (major) {
      problem("os_version", source,
              fmt::format("Windows {}.{} is not a version the contract names: os.version is left "
                          "out",
                          *major_text, minor_text.value_or("?")));
    } else {
      problem("os_version", source, "no major version: os.version is left out");
    }
    if (!version.empty()) m.emplace_back("version", FactValue::string(version));
    if (major == 10u && has_build) {
      static const std::pair<unsigned long, const char*> kReleases[] = {
          {10240, "1507"}, {10586, "1511"}, {14393, "1607"}, {15063, "1703"}, {16299, "1709"},
          {17134, "1803"}, {17763, "1809"}, {18362, "1903"}, {18363, "1909"}, {19041, "2004"},
          {19042, "20H2"}, {19043, "21H1"}, {19044, "21H2"}, {19045, "22H2"}, {22000, "21H2"},
          {22621, "22H2"}, {22631, "23H2"}, {26100, "24H2"}, {26200, "25H2"}};
      bool found = false;
      for (const auto& [b, release] : kReleases)
        if (b == build) {
          m.emplace_back("release", FactValue::string(release));
          found = true;
        }
      if (!found)
        problem(
            "os_version", source,
            fmt::format("build {} is not a known Windows release: os.release is left out", build));
    }
    if (build_text) {
      std::string full = *build_text;
      auto revision = r.get("revision");
      if (revision && full.find('.') == std::string::npos) full += "." + *revision;
      m.emplace_back("build", FactValue::string(full));
    }
    if (service_pack) m.emplace_back("service_pack", FactValue::integer(*service_pack));
  }

  static std::optional<std::string> unix_arch(const Row& r) {
    auto arch = r.get("arch");
    if (!arch) return std::nullopt;
    std::string a = lower(*arch);
    if (a == "x86_64" || a == "amd64") return "x64";
    if (a == "arm64" || a == "aarch64") return "arm64";
    if (a == "i386" || a == "i686" || a == "x86") return "x86";
    if (a == "arm" || a == "armv7l" || a == "armv6l") return "arm";
    return std::nullopt;
  }

  void macos_os(const Row& r, const std::string& source, FactValue::Map& m) {
    // `version` is ProductVersion ("14.1.2", "13.0"); without it, major.minor[.patch].
    std::string version;
    if (auto v = r.get("version"); v && is_dotted(*v)) {
      version = *v;
    } else if (auto major = r.get("major")) {
      version = *major;
      if (auto minor = r.get("minor")) {
        version += "." + *minor;
        if (auto patch = r.get("patch")) version += "." + *patch;
      }
    }
    if (!version.empty() && is_dotted(version))
      m.emplace_back("version", FactValue::string(version));
    else
      problem("os_version", source, "no macOS version: os.version is left out");
    if (auto build = r.get("build")) m.emplace_back("build", FactValue::string(*build));
    if (auto arch = unix_arch(r)) m.emplace_back("arch", FactValue::string(*arch));
  }

  void linux_os(const Row& r, const std::string& source, FactValue::Map& m) {
    // `version` is os-release VERSION ("20.04.1 LTS (Focal Fossa)", "12 (bookworm)"): its
    // leading number; without it, the major version.
    std::string version;
    if (auto v = r.get("version")) version = leading_dotted(*v);
    if (version.empty())
      if (auto major = r.get("major"); major && is_dotted(*major)) version = *major;
    if (!version.empty())
      m.emplace_back("version", FactValue::string(version));
    else
      problem("os_version", source, "no Linux version: os.version is left out");
    if (auto arch = unix_arch(r)) m.emplace_back("arch", FactValue::string(*arch));
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
        if (name && name->size() > 4 && iequals(name->substr(name->size() - 4), ".app"))
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
          s = trim(s);
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

const std::vector<std::string>& osquery_tables() {
  static const std::vector<std::string> tables{"os_version",   "programs",  "apps",
                                               "deb_packages", "etc_hosts", "interface_details"};
  return tables;
}

std::string osquery_table_of(const std::vector<std::string>& c) {
  auto has = [&](std::string_view name) { return has_column(c, name); };
  if (has("platform") && ((has("major") && has("minor")) || (has("version") && has("build"))))
    return "os_version";
  if (has("name") && (has("install_location") || has("identifying_number"))) return "programs";
  if (has("bundle_identifier") && (has("path") || has("bundle_short_version"))) return "apps";
  if (has("status") && has("maintainer") && has("arch")) return "deb_packages";
  if (has("address") && has("hostnames")) return "etc_hosts";
  if (has("interface") && has("mac")) return "interface_details";
  return "";
}

OsqueryImport import_osquery(const std::vector<std::pair<std::string, std::string>>& inputs,
                             std::string subject, const OsqueryImportOptions& options) {
  Importer im(options);
  for (const auto& [source, text] : inputs) im.add(source, text);

  FactValue dump = FactValue::map();
  dump.set("schema", FactValue::string(std::string(kSchemaId)));
  if (subject.empty()) im.problems.push_back({"subject", "no subject (terminal id) given"});
  dump.set("subject", FactValue::string(std::move(subject)));
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
          {{"step", FactValue::string(p.step)}, {"message", FactValue::string(p.message)}}));
    return FactValue::list(std::move(errors));
  };
  FactValue collected = FactValue::map(
      {{"at",
        FactValue::string(options.collected_at.empty() ? now_rfc3339() : options.collected_at)},
       {"by", FactValue::string(std::string(kCollectedBy))},
       {"errors", errors_of(im.problems)}});
  // collected goes right after subject, as in docs/facts.md.
  auto& map = dump.as_map();
  map.insert(map.begin() + 2, {"collected", std::move(collected)});

  // The result must pass the contract; a problem here is a bug in this file (or a bad
  // collected_at), reported rather than hidden.
  auto invalid = engine::validate_facts(dump, "osquery import");
  if (!invalid.empty()) {
    for (const auto& e : invalid) im.problems.push_back({"osquery", e.to_string()});
    dump.find("collected")->set("errors", errors_of(im.problems));
  }

  OsqueryImport out;
  out.facts = std::move(dump);
  for (auto& p : im.problems) out.problems.push_back(std::move(p.message));
  out.tables_seen = std::move(im.tables_seen);
  return out;
}

}  // namespace tekigo::collectors
