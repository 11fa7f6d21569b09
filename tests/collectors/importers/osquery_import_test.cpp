// Tests for collectors/osquery_import on recorded osqueryi --json outputs and osqueryd
// results logs (tests/recordings/osquery, see SOURCES.md there). Inline JSON marked "synthetic"
// covers cases no public recording shows (malformed input, browsers from programs, UBR, Server).
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "collectors/importers/osquery_import.hpp"
#include "engine/facts/fact_dump.hpp"
#include "engine/facts/fact_schema.hpp"

using namespace tekigo::collectors;
using tekigo::engine::FactValue;

namespace {

std::string recording(const std::string& name) {
  std::ifstream in(std::string(TEKIGO_SOURCE_DIR) + "/tests/recordings/osquery/" + name,
                   std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const FactValue* at(const FactValue& v, std::string_view path) {
  const FactValue* cur = &v;
  while (cur && !path.empty()) {
    auto dot = path.find('.');
    cur = cur->find(path.substr(0, dot));
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  return cur;
}

std::string str(const FactValue& v, std::string_view path) {
  const FactValue* f = at(v, path);
  return f && f->is_string() ? f->as_string() : std::string("<absent>");
}

bool absent(const FactValue& v, std::string_view path) {
  return at(v, path) == nullptr;
}

// The dump passes the v1 contract, and collected says who made it.
void check_valid(const OsqueryImport& r) {
  FactValue copy = r.facts;
  auto errors = tekigo::engine::validate_facts(copy, "osquery-test");
  for (const auto& e : errors) INFO(e.to_string());
  CHECK(errors.empty());
  CHECK(str(r.facts, "schema") == tekigo::engine::kFactSchemaId);
  CHECK(str(r.facts, "collected.by") == "tekigo import osquery");
  CHECK(str(r.facts, "collected.at") == "2026-01-20T09:42:13+09:00");
  const FactValue* errs = at(r.facts, "collected.errors");
  REQUIRE(errs);
  CHECK(errs->as_list().size() == r.problems.size());
}

OsqueryImport run(std::vector<std::pair<std::string, std::string>> inputs,
                  std::vector<std::string> dns_names = {}) {
  OsqueryImportOptions options;
  options.collected_at = "2026-01-20T09:42:13+09:00";
  options.dns_names = std::move(dns_names);
  auto r = import_osquery(inputs, "hospital-a/reception-01", options);
  for (const auto& p : r.problems) INFO(p);
  check_valid(r);
  return r;
}

// The import with no --subject: the subject comes from the inputs (or there is an error).
OsqueryImport unnamed_run(std::vector<std::pair<std::string, std::string>> inputs) {
  OsqueryImportOptions options;
  options.collected_at = "2026-01-20T09:42:13+09:00";
  auto r = import_osquery(inputs, "", options);
  for (const auto& p : r.problems) INFO(p);
  INFO(r.error);
  if (r.error.empty()) {
    check_valid(r);
    CHECK(str(r.facts, "collected.x-subject-from") == r.subject_from);
  }
  return r;
}

// One recording, its table recognised from its columns.
OsqueryImport file(const std::string& name) {
  return run({{name, recording(name)}});
}

// One recording of a query that selected only some columns: the table is named.
OsqueryImport named(const std::string& table, const std::string& name) {
  return run({{table + "=" + name, recording(name)}});
}

FactValue::Map entry(std::initializer_list<std::pair<const char*, const char*>> kv) {
  FactValue::Map m;
  for (const auto& [k, v] : kv) m.emplace_back(k, FactValue::string(v));
  return m;
}

bool mentions(const std::vector<std::string>& problems, std::string_view text) {
  for (const auto& p : problems)
    if (p.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("osquery: tables are recognised from their columns", "[osquery]") {
  CHECK(osquery_table_of({"build", "major", "minor", "name", "platform"}) == "os_version");
  CHECK(osquery_table_of({"build", "platform", "version"}) == "os_version");
  CHECK(osquery_table_of({"name", "version", "install_location"}) == "programs");
  CHECK(osquery_table_of({"name", "identifying_number"}) == "programs");
  CHECK(osquery_table_of({"name", "path", "bundle_identifier"}) == "apps");
  CHECK(osquery_table_of({"pid", "bundle_identifier", "is_active"}).empty());  // running_apps
  CHECK(osquery_table_of({"name", "status", "maintainer", "arch"}) == "deb_packages");
  CHECK(osquery_table_of({"address", "hostnames"}) == "etc_hosts");
  CHECK(osquery_table_of({"interface", "mac", "type"}) == "interface_details");
  CHECK(osquery_table_of({"interface", "type", "link_speed"}).empty());
  CHECK(osquery_table_of({"uid", "username"}).empty());
  CHECK(osquery_table_of({"hostname", "uuid", "cpu_brand"}) == "system_info");
  CHECK(osquery_table_of({"hostname", "uuid", "computer_name"}) == "system_info");
  CHECK(osquery_table_of({"hostname", "computer_name"}).empty());  // name it: system_info=

  struct Case {
    const char* file;
    const char* table;
  };
  for (const auto& c : {Case{"os_version-windows7-sp1-issue4080.json", "os_version"},
                        Case{"os_version-windows11-21h2-fleet.json", "os_version"},
                        Case{"os_version-windows11-23h2-issue8317.json", "os_version"},
                        Case{"os_version-macos-10.14.6-fleet.json", "os_version"},
                        Case{"os_version-ubuntu-20.04.json", "os_version"},
                        Case{"os_version-ubuntu-16.04-hubble.json", "os_version"},
                        Case{"programs-zentral.json", "programs"},
                        Case{"programs-windows11-24h2-issue8602.json", "programs"},
                        Case{"apps-osquery-apps_tests.json", "apps"},
                        Case{"apps-macos-blog-chrome-slack-zoom.json", "apps"},
                        Case{"deb_packages-ubuntu-20.04-limit1.json", "deb_packages"},
                        Case{"deb_packages-ubuntu-20.04-issue7283.json", "deb_packages"},
                        Case{"deb_packages-zentral.json", "deb_packages"},
                        Case{"etc_hosts-osquery-test_util.json", "etc_hosts"},
                        Case{"interface_details-linux-pr4320.json", "interface_details"},
                        Case{"interface_details-windows-issue2907.json", "interface_details"},
                        Case{"system_info-macos-issue1546.json", "system_info"}}) {
    INFO(c.file);
    auto r = file(c.file);
    CHECK(r.tables_seen == std::vector<std::string>{c.table});
  }

  // Three columns of interface_details cannot be told apart from other tables: name it.
  auto unnamed = run({{"ifaces.json", recording("interface_details-ubuntu-22.04-issue6595.json")}});
  CHECK(unnamed.tables_seen.empty());
  CHECK(mentions(unnamed.problems, "name the table as TABLE=ifaces.json"));
  CHECK(absent(unnamed.facts, "network"));
  auto named_ok = named("interface_details", "interface_details-ubuntu-22.04-issue6595.json");
  CHECK(named_ok.tables_seen == std::vector<std::string>{"interface_details"});
  CHECK(named_ok.problems.empty());
}

TEST_CASE("osquery: Windows os_version", "[osquery]") {
  SECTION("Windows 7 SP1 (osqueryd result log, osquery#4080)") {
    auto r = file("os_version-windows7-sp1-issue4080.json");
    CHECK(r.problems.empty());
    CHECK(*at(r.facts, "os") ==
          FactValue::map({{"family", FactValue::string("windows")},
                          {"name", FactValue::string("Microsoft Windows 7 Professional ")},
                          {"version", FactValue::string("7")},
                          {"build", FactValue::string("7601")},
                          {"service_pack", FactValue::integer(1)}}));
  }
  SECTION("Windows 11 21H2 with every column (Fleet osquery-perf recording)") {
    auto r = file("os_version-windows11-21h2-fleet.json");
    CHECK(r.problems.empty());
    CHECK(*at(r.facts, "os") ==
          FactValue::map({{"family", FactValue::string("windows")},
                          {"name", FactValue::string("Microsoft Windows 11 Enterprise")},
                          {"version", FactValue::string("11")},
                          {"release", FactValue::string("21H2")},
                          {"build", FactValue::string("22000")},
                          {"service_pack", FactValue::integer(0)}}));
    CHECK(absent(r.facts, "os.arch"));  // WMI OSArchitecture: localized, x64 or arm64 unknown
  }
  SECTION("version, build, platform only (osquery issue template query)") {
    struct Case {
      const char* file;
      const char* version;
      const char* release;
      const char* build;
    };
    for (const auto& c :
         {Case{"os_version-windows10-21h2-issue7663.json", "10", "21H2", "19044"},
          Case{"os_version-windows11-22h2-issue7908.json", "11", "22H2", "22621"},
          Case{"os_version-windows11-23h2-issue8317.json", "11", "23H2", "22631"}}) {
      INFO(c.file);
      auto r = named("os_version", c.file);
      CHECK(r.problems.empty());
      CHECK(str(r.facts, "os.family") == "windows");
      CHECK(str(r.facts, "os.version") == c.version);
      CHECK(str(r.facts, "os.release") == c.release);
      CHECK(str(r.facts, "os.build") == c.build);
      CHECK(absent(r.facts, "os.name"));
    }
  }
  SECTION("synthetic: revision (UBR), Windows Server build, unknown build") {
    auto ubr = run(
        {{"os_version=ubr.json",
          R"json([{"build":"22631","major":"10","minor":"0","name":"Microsoft Windows 11 Pro","platform":"windows","revision":"3447","version":"10.0.22631"}])json"}});
    CHECK(str(ubr.facts, "os.build") == "22631.3447");
    CHECK(str(ubr.facts, "os.release") == "23H2");
    auto server = run(
        {{"os_version=server.json",
          R"json([{"build":"26100","major":"10","minor":"0","name":"Microsoft Windows Server 2025 Datacenter","platform":"windows","version":"10.0.26100"}])json"}});
    CHECK(str(server.facts, "os.version") == "10");
    auto insider = run(
        {{"os_version=insider.json",
          R"json([{"build":"26120","major":"10","minor":"0","platform":"windows","version":"10.0.26120"}])json"}});
    CHECK(str(insider.facts, "os.version") == "11");
    CHECK(absent(insider.facts, "os.release"));
    CHECK(mentions(insider.problems, "build 26120 is not a known Windows release"));
  }
}

TEST_CASE("osquery: macOS and Linux os_version", "[osquery]") {
  auto mac = file("os_version-macos-10.14.6-fleet.json");
  CHECK(mac.problems.empty());
  CHECK(*at(mac.facts, "os") == FactValue::map({{"family", FactValue::string("macos")},
                                                {"name", FactValue::string("Mac OS X")},
                                                {"version", FactValue::string("10.14.6")},
                                                {"build", FactValue::string("18G3020")}}));

  auto sonoma = named("os_version", "os_version-macos-14.1.2-issue8210.json");
  CHECK(sonoma.problems.empty());
  CHECK(*at(sonoma.facts, "os") == FactValue::map({{"family", FactValue::string("macos")},
                                                   {"version", FactValue::string("14.1.2")},
                                                   {"build", FactValue::string("23B92")}}));

  auto focal = file("os_version-ubuntu-20.04.json");
  CHECK(focal.problems.empty());
  CHECK(*at(focal.facts, "os") == FactValue::map({{"family", FactValue::string("linux")},
                                                  {"name", FactValue::string("Ubuntu")},
                                                  {"version", FactValue::string("20.04.1")},
                                                  {"arch", FactValue::string("x64")}}));

  auto xenial = file("os_version-ubuntu-16.04-hubble.json");  // has hubble's query_time column
  CHECK(xenial.problems.empty());
  CHECK(*at(xenial.facts, "os") == FactValue::map({{"family", FactValue::string("linux")},
                                                   {"name", FactValue::string("Ubuntu")},
                                                   {"version", FactValue::string("16.04.2")}}));
}

TEST_CASE("osquery: programs, apps and deb_packages become software and browsers", "[osquery]") {
  SECTION("programs") {
    auto r = file("programs-zentral.json");
    CHECK(r.problems.empty());
    FactValue expected =
        FactValue::list({FactValue::map(entry({{"name", "osquery"},
                                               {"version", "4.6.0"},
                                               {"publisher", "osquery"},
                                               {"path", "C:\\Program Files\\osquery\\"},
                                               {"source", "osquery programs"}}))});
    CHECK(*at(r.facts, "software") == expected);
    CHECK(*at(r.facts, "browsers") == FactValue::list());

    auto msix = file("programs-windows11-24h2-issue8602.json");
    CHECK(*at(msix.facts, "software") ==
          FactValue::list({FactValue::map(entry(
              {{"name", "c5e2524a-ea46-4f67-841f-6a9465d9d515"},
               {"version", "10.0.26100.1"},
               {"publisher", "Microsoft Corporation"},
               {"path", "C:\\Windows\\SystemApps\\Microsoft.Windows.FileExplorer_cw5n1h2txyewy"},
               {"source", "osquery programs"}}))}));
  }
  SECTION("apps") {
    auto foobar = file("apps-osquery-apps_tests.json");
    CHECK(*at(foobar.facts, "software") ==
          FactValue::list({FactValue::map(entry({{"name", "Foobar"},
                                                 {"version", "6.0"},
                                                 {"path", "/Applications/Foobar.app"},
                                                 {"source", "osquery apps"}}))}));

    auto r = file("apps-macos-blog-chrome-slack-zoom.json");
    CHECK(r.problems.empty());
    const auto& sw = at(r.facts, "software")->as_list();
    REQUIRE(sw.size() == 3);
    CHECK(sw[0] == FactValue::map(entry({{"name", "Google Chrome"},
                                         {"version", "134.0.6998.89"},
                                         {"path", "/Applications/Google Chrome.app"},
                                         {"source", "osquery apps"}})));
    CHECK(str(sw[1], "name") == "Slack");
    CHECK(str(sw[1], "version") == "4.40.128");
    // display_name "" → the bundle name without ".app"; the version text as reported.
    CHECK(str(sw[2], "name") == "zoom.us");
    CHECK(str(sw[2], "version") == "5.16.10 (25689)");
    CHECK(*at(r.facts, "browsers") ==
          FactValue::list({FactValue::map(entry(
              {{"id", "chrome"}, {"version", "134.0.6998.89"}, {"name", "Google Chrome"}}))}));
  }
  SECTION("deb_packages") {
    auto r = file("deb_packages-ubuntu-20.04-limit1.json");
    CHECK(r.problems.empty());
    CHECK(*at(r.facts, "software") ==
          FactValue::list({FactValue::map(
              entry({{"name", "accountsservice"},
                     {"version", "0.6.55-0ubuntu12~20.04.1"},
                     {"publisher", "Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>"},
                     {"source", "osquery deb_packages"}}))}));
    auto qemu = file("deb_packages-ubuntu-20.04-issue7283.json");
    CHECK(str(at(qemu.facts, "software")->as_list().at(0), "version") ==
          "1.0.0+git-20190109.133f4c4-0ubuntu3.2");
    auto xz = file("deb_packages-zentral.json");
    CHECK(str(at(xz.facts, "software")->as_list().at(0), "publisher") ==
          "Jonathan Nieder <jrnieder@gmail.com>");
  }
  SECTION("synthetic: browsers by installed name, removed packages, odd versions") {
    auto r = run({{"programs.json",
                   R"json([
  {"install_location":"C:\\Program Files (x86)\\Microsoft\\Edge\\Application","name":"Microsoft Edge","publisher":"Microsoft Corporation","version":"87.0.664.75"},
  {"install_location":"","name":"Microsoft Edge Update","publisher":"","version":"1.3.139.59"},
  {"install_location":"C:\\Program Files\\Google\\Chrome\\Application","name":"Google Chrome","publisher":"Google LLC","version":"88.0.4324.104"},
  {"install_location":"C:\\Program Files\\Mozilla Firefox","name":"Mozilla Firefox 85.0 (x64 ja)","publisher":"Mozilla","version":"85.0"},
  {"install_location":"C:\\Program Files\\Cisco","name":"Cisco AnyConnect Secure Mobility Client ","publisher":"Cisco Systems, Inc.","version":"4.9.05042"},
  {"install_location":"C:\\Tools","name":"Beta tool","version":"beta"},
  {"install_location":"C:\\X","name":""}
])json"},
                  {"deb_packages=debs.json",
                   R"json([
  {"arch":"amd64","maintainer":"Debian Mozilla Extension Maintainers","name":"firefox-esr","status":"install ok installed","version":"1:115.6.0esr-1~deb12u1"},
  {"arch":"amd64","maintainer":"Debian Chromium Team","name":"chromium","status":"install ok installed","version":"120.0.6099.224-1~deb12u1"},
  {"arch":"amd64","maintainer":"Chrome Linux Team","name":"google-chrome-stable","status":"deinstall ok config-files","version":"120.0.6099.199-1"}
])json"}});
    const auto& sw = at(r.facts, "software")->as_list();
    REQUIRE(sw.size() == 8);  // 6 named programs + 2 installed packages
    CHECK(str(sw[4], "name") == "Cisco AnyConnect Secure Mobility Client ");  // kept as stored
    CHECK(str(sw[5], "version_text") == "beta");
    CHECK(absent(sw[5], "version"));
    CHECK(mentions(r.problems, "programs.json: 1 row(s) without a name skipped"));
    FactValue::List ids;
    for (const auto& b : at(r.facts, "browsers")->as_list())
      ids.push_back(FactValue::string(str(b, "id") + " " + str(b, "version")));
    CHECK(FactValue::list(ids) ==
          FactValue::list(
              {FactValue::string("edge 87.0.664.75"), FactValue::string("chrome 88.0.4324.104"),
               FactValue::string("firefox 85.0"), FactValue::string("firefox 115.6.0esr-1~deb12u1"),
               FactValue::string("chromium 120.0.6099.224-1~deb12u1")}));
  }
}

TEST_CASE("osquery: interface_details become network.adapters", "[osquery]") {
  auto linux_ = file("interface_details-linux-pr4320.json");
  CHECK(linux_.problems.empty());
  CHECK(*at(linux_.facts, "network.adapters") ==
        FactValue::list({FactValue::map(entry({{"name", "veth94d3cc1"}, {"description", "1"}})),
                         FactValue::map(entry({{"name", "tun0"}, {"description", "254"}}))}));

  auto ubuntu = named("interface_details", "interface_details-ubuntu-22.04-issue6595.json");
  CHECK(*at(ubuntu.facts, "network.adapters") ==
        FactValue::list({FactValue::map(entry({{"name", "ens33"}, {"description", "1"}}))}));

  auto mac = named("interface_details", "interface_details-macos-12.3.1-issue6595.json");
  const auto& adapters = at(mac.facts, "network.adapters")->as_list();
  REQUIRE(adapters.size() == 7);  // lo0 (type 24) left out
  CHECK(adapters[0] == FactValue::map(entry({{"name", "gif0"}, {"description", "55"}})));
  CHECK(str(adapters[2], "name") == "en6");

  auto windows = file("interface_details-windows-issue2907.json");
  CHECK(windows.problems.empty());
  CHECK(*at(windows.facts, "network.adapters") ==
        FactValue::list({FactValue::map(
            entry({{"name", "12"}, {"description", "Microsoft Kernel Debug Network Adapter"}}))}));

  auto named_connection = run(
      {{"ifaces.json",
        R"json([{"connection_id":"イーサネット","description":"Intel(R) Ethernet Connection (7) I219-LM","interface":"7","mac":"00:11:22:33:44:55","type":"6"}])json"}});
  CHECK(*at(named_connection.facts, "network.adapters") ==
        FactValue::list({FactValue::map(
            entry({{"name", "イーサネット"},
                   {"description", "Intel(R) Ethernet Connection (7) I219-LM"}}))}));
}

TEST_CASE("osquery: etc_hosts becomes x-etc-hosts and dns entries for asked names", "[osquery]") {
  auto plain = file("etc_hosts-osquery-test_util.json");
  CHECK(plain.problems.empty());
  CHECK(absent(plain.facts, "dns"));
  const auto& rows = at(plain.facts, "x-etc-hosts")->as_list();
  REQUIRE(rows.size() == 6);
  CHECK(rows[4] ==
        FactValue::map(entry({{"address", "127.0.0.1"}, {"hostnames", "example.com example"}})));

  auto r = run({{"hosts.json", recording("etc_hosts-osquery-test_util.json")},
                {"ics.json", recording("etc_hosts-ics-osquery-test_util.json")}},
               {"localhost", "EXAMPLE.com", "broadcasthost", "vm-q27rkc8son.mshome.net",
                "mio.ccr.ncc.go.jp", "not a name"});
  auto dns = [](const char* name, std::initializer_list<const char*> addresses) {
    FactValue::List a;
    for (const char* x : addresses) a.push_back(FactValue::string(x));
    return FactValue::map({{"name", FactValue::string(name)},
                           {"addresses", FactValue::list(std::move(a))},
                           {"source", FactValue::string("hosts")}});
  };
  CHECK(*at(r.facts, "dns") ==
        FactValue::list({dns("localhost", {"127.0.0.1", "::1"}), dns("EXAMPLE.com", {"127.0.0.1"}),
                         dns("broadcasthost", {"255.255.255.255"}),
                         dns("vm-q27rkc8son.mshome.net", {"192.168.11.81"})}));
  // mio.ccr.ncc.go.jp is not in the hosts file: not measured here, so no entry.
  CHECK(mentions(r.problems, "localhost: hosts file addresses fe80::1%lo0 are not plain"));
  CHECK(mentions(r.problems, "not a name: not a host name"));
  CHECK(at(r.facts, "x-etc-hosts")->as_list().size() == 7);
}

TEST_CASE("osquery: malformed and empty inputs", "[osquery]") {
  SECTION("not JSON") {
    auto r = run({{"broken.json", "osquery> select * from programs;"}});
    CHECK(r.tables_seen.empty());
    CHECK(mentions(r.problems, "broken.json: not JSON"));
    CHECK(absent(r.facts, "software"));
    CHECK(str(at(r.facts, "collected.errors")->as_list().at(0), "step") == "osquery");
    auto named_broken = run({{"programs=p.json", "{\"name\": "}});
    CHECK(str(at(named_broken.facts, "collected.errors")->as_list().at(0), "step") == "software");
    auto nothing = run({{"programs=p.json", "  \n"}});
    CHECK(mentions(nothing.problems, "p.json: no output"));
  }
  SECTION("not an array") {
    auto r = run({{"object.json", R"json({"name":"osquery","version":"4.6.0"})json"}});
    CHECK(mentions(r.problems, "object.json: not a JSON array of rows"));
    CHECK(r.tables_seen.empty());
  }
  SECTION("a row with a number instead of a string, a row that is not an object") {
    auto r = run(
        {{"programs.json",
          R"json([{"install_location":"C:\\X","name":"X","version":1.5},"Y",{"install_location":"C:\\Z","name":"Z","version":"2.0"}])json"}});
    CHECK(r.tables_seen == std::vector<std::string>{"programs"});
    CHECK(mentions(r.problems, "programs.json: row 1: column `version` is not text"));
    CHECK(mentions(r.problems, "programs.json: row 2 is not an object; skipped"));
    const auto& sw = at(r.facts, "software")->as_list();
    REQUIRE(sw.size() == 2);
    CHECK(str(sw[0], "name") == "X");
    CHECK(absent(sw[0], "version"));  // the number is not read as a version
    CHECK(str(sw[1], "version") == "2.0");
  }
  SECTION("NUL characters in a column or a source name (found by the osquery fuzz target)") {
    // A NUL reached the dump before, which then failed its own contract (no fact holds one).
    auto r = run({{"programs.json",
                   R"json([{"install_location":"","name":"Cisco\u0000AnyConnect","version":"4.10"},
                           {"install_location":"C:\\Z","name":"Z","version":"2.0"}])json"}});
    CHECK(mentions(r.problems,
                   "programs.json: row 1: column `name` holds a NUL character (U+0000); the column "
                   "is ignored"));
    const auto& sw = at(r.facts, "software")->as_list();
    REQUIRE(sw.size() == 1);  // the row has no name left, and is skipped as such
    CHECK(str(sw[0], "name") == "Z");
    auto odd_name = run({{std::string("p\0\x1b.json", 8), "not json"}});
    CHECK(mentions(odd_name.problems, "p\\x00\\x1b.json: not JSON"));
  }
  SECTION("an empty result") {
    auto unnamed = run({{"empty.json", "[\n\n]\n"}});
    CHECK(unnamed.tables_seen.empty());
    CHECK(mentions(unnamed.problems, "no rows, so the table cannot be told from its columns"));
    auto programs = run({{"programs=empty.json", "[\n\n]\n"}});
    CHECK(programs.problems.empty());
    CHECK(*at(programs.facts, "software") == FactValue::list());
    CHECK(*at(programs.facts, "browsers") == FactValue::list());
    auto os = run({{"os_version=empty.json", "[]"}});
    CHECK(absent(os.facts, "os"));
    CHECK(mentions(os.problems, "os_version returned no rows"));
  }
  SECTION("a table this import does not read, and no subject") {
    auto r = run({{"users=users.json", R"json([{"uid":"0","username":"root"}])json"}});
    CHECK(mentions(r.problems, "users.json: table `users` is not one this import reads"));
    auto nameless = import_osquery({}, "", {});
    CHECK(nameless.error.find("no subject") == 0);
  }
}

TEST_CASE("osquery: several tables merge into one dump", "[osquery]") {
  auto r = run({{"os.json", recording("os_version-windows11-21h2-fleet.json")},
                {"programs.json", recording("programs-zentral.json")},
                {"programs=msix.json", recording("programs-windows11-24h2-issue8602.json")},
                {"ifaces.json", recording("interface_details-windows-issue2907.json")},
                {"hosts.json", recording("etc_hosts-osquery-test_util.json")},
                {"broken.json", "not json"}},
               {"example.net"});
  CHECK(r.tables_seen ==
        std::vector<std::string>{"os_version", "programs", "interface_details", "etc_hosts"});
  CHECK(r.problems.size() == 1);  // broken.json
  CHECK(str(r.facts, "os.version") == "11");
  CHECK(at(r.facts, "software")->as_list().size() == 2);  // both programs outputs, one list
  CHECK(at(r.facts, "network.adapters")->as_list().size() == 1);
  CHECK(str(at(r.facts, "dns")->as_list().at(0), "name") == "example.net");
  std::vector<std::string> keys;
  for (const auto& [k, _] : r.facts.as_map()) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"schema", "subject", "collected", "os", "browsers",
                                         "software", "dns", "network", "x-etc-hosts"});

  // A broken software input leaves software (and browsers) out rather than half a list.
  auto partial =
      run({{"programs.json", recording("programs-zentral.json")}, {"programs=more.json", "[{"}});
  CHECK(absent(partial.facts, "software"));
  CHECK(absent(partial.facts, "browsers"));

  // The dump merges with a facility's attestation file like any other dump.
  FactValue dump = r.facts;
  FactValue attestation =
      FactValue::map({{"network", FactValue::map({{"line", FactValue::string("fiber")}})},
                      {"attested", FactValue::map({{"dsl_router", FactValue::boolean(false)}})},
                      {"attestation", FactValue::map({{"by", FactValue::string("x")},
                                                      {"at", FactValue::string("2021-01-18")}})}});
  std::vector<std::string> changed;
  tekigo::engine::merge_facts(dump, attestation, &changed);
  CHECK(str(dump, "network.line") == "fiber");
  CHECK(at(dump, "network.adapters")->as_list().size() == 1);
  auto errors = tekigo::engine::validate_facts(dump, "merged");
  CHECK(errors.empty());
}

TEST_CASE("osquery: the subject from a results log or system_info when none is given",
          "[osquery][subject]") {
  SECTION("a snapshot record's hostIdentifier; its apps rows are read as the apps table") {
    auto r = unnamed_run({{"fleet.jsonl", recording("results-apps-snapshot-fleet-blog.jsonl")}});
    CHECK(r.error.empty());
    CHECK(str(r.facts, "subject") == "E0804EAC-481F-5BF3-AA00-8AA4EDE72395");
    CHECK(r.subject_from == "hostIdentifier in fleet.jsonl:1");
    CHECK(r.tables_seen == std::vector<std::string>{"apps"});
    CHECK(r.problems.empty());
    // The same rows as the osqueryi form of this record (apps-macos-blog-chrome-slack-zoom.json).
    auto array = run({{"apps.json", recording("apps-macos-blog-chrome-slack-zoom.json")}});
    CHECK(*at(r.facts, "software") == *at(array.facts, "software"));
    CHECK(*at(r.facts, "browsers") == *at(array.facts, "browsers"));
    CHECK(at(r.facts, "software")->as_list().size() == 3);
  }
  SECTION("an event log of a query no table is read from: its host only, and a note") {
    auto r = unnamed_run({{"login.jsonl", recording("results-login-issue5999.jsonl")}});
    CHECK(r.error.empty());
    CHECK(str(r.facts, "subject") == "t-awsbj-salt-m01");
    CHECK(r.subject_from == "hostIdentifier in login.jsonl:1");
    CHECK(r.tables_seen.empty());
    CHECK(r.problems.empty());
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0] ==
          "login.jsonl: queries login are not of a table this import reads; left out");
  }
  SECTION("system_info: hostname, before computer_name") {
    auto r = unnamed_run({{"si.json", recording("system_info-macos-issue1546.json")}});
    CHECK(str(r.facts, "subject") == "marpaia-mbp.dhcp.thefacebook.com");
    CHECK(r.subject_from == "system_info.hostname in si.json");
    CHECK(r.tables_seen == std::vector<std::string>{"system_info"});
    CHECK(absent(r.facts, "software"));  // system_info gives the subject only
    auto three = unnamed_run({{"system_info=si.json", recording("system_info-macos-pr3370.json")}});
    CHECK(str(three.facts, "subject") == "obelisk-mbp5");  // not its computer_name
    CHECK(three.subject_from == "system_info.hostname in si.json");
  }
  SECTION("synthetic: computer_name when system_info has no hostname") {
    auto r = unnamed_run(
        {{"system_info=si.json", R"json([{"computer_name":"Reception PC","hostname":""}])json"}});
    CHECK(str(r.facts, "subject") == "Reception PC");
    CHECK(r.subject_from == "system_info.computer_name in si.json");
  }
  SECTION("synthetic: a hostIdentifier that agrees with system_info (case aside) wins") {
    auto r = unnamed_run(
        {{"system_info=si.json", recording("system_info-macos-pr3370.json")},
         {"d.jsonl",
          R"json({"name":"pack_os","hostIdentifier":"Obelisk-MBP5","calendarTime":"Thu Jun  1 10:00:00 2017 UTC","unixTime":1496311200,"epoch":0,"counter":0,"columns":{"build":"16F73","major":"10","minor":"12","name":"Mac OS X","patch":"5","platform":"darwin"},"action":"added"})json"}});
    CHECK(r.error.empty());
    CHECK(str(r.facts, "subject") == "Obelisk-MBP5");
    CHECK(r.subject_from == "hostIdentifier in d.jsonl:1");
    CHECK(str(r.facts, "os.version") == "10.12.5");
  }
  SECTION("two results logs of different hosts: an error naming both") {
    auto r = unnamed_run({{"fleet.jsonl", recording("results-apps-snapshot-fleet-blog.jsonl")},
                          {"login.jsonl", recording("results-login-issue5999.jsonl")}});
    CHECK(r.error ==
          "the inputs name two terminals: `E0804EAC-481F-5BF3-AA00-8AA4EDE72395` (hostIdentifier "
          "in fleet.jsonl:1) and `t-awsbj-salt-m01` (hostIdentifier in login.jsonl:1); give the "
          "terminal's id with --subject");
    // --subject always wins.
    auto given = run({{"fleet.jsonl", recording("results-apps-snapshot-fleet-blog.jsonl")},
                      {"login.jsonl", recording("results-login-issue5999.jsonl")}});
    CHECK(given.error.empty());
    CHECK(str(given.facts, "subject") == "hospital-a/reception-01");
    CHECK(str(given.facts, "collected.x-subject-from") == "--subject");
  }
  SECTION("a hostIdentifier and a system_info hostname that differ: an error naming both") {
    auto r = unnamed_run({{"login.jsonl", recording("results-login-issue5999.jsonl")},
                          {"si.json", recording("system_info-macos-issue1546.json")}});
    CHECK(r.error.find("`t-awsbj-salt-m01` (hostIdentifier in login.jsonl:1) and "
                       "`marpaia-mbp.dhcp.thefacebook.com` (system_info.hostname in si.json)") !=
          std::string::npos);
  }
  SECTION("synthetic: one log with records of two hosts") {
    std::string log =
        recording("results-login-issue5999.jsonl") +
        R"json({"name":"login","hostIdentifier":"other-host","unixTime":1572940600,"epoch":0,"counter":1,"columns":{"host":"10.0.0.1","time":"1","username":"x"},"action":"added"})json"
        "\n";
    auto r = unnamed_run({{"login.jsonl", log}});
    CHECK(r.error.find("(hostIdentifier in login.jsonl:1) and `other-host` (hostIdentifier in "
                       "login.jsonl:6)") != std::string::npos);
  }
  SECTION("no name anywhere: an error saying to give --subject") {
    auto r = unnamed_run({{"os.json", recording("os_version-windows11-22h2-issue7908.json")}});
    CHECK(r.error ==
          "no subject: give the terminal's id with --subject (no results log has a "
          "hostIdentifier, and no system_info result a hostname or computer_name)");
  }
}

TEST_CASE("osquery: results logs are read as the result they leave", "[osquery][results-log]") {
  // Synthetic records in osqueryd's event format (the field order of results-login-issue5999),
  // with programs rows.
  auto record = [](int counter, long time, const char* action, const char* name,
                   const char* version) {
    return fmt::format(
        R"json({{"name":"pack_sw_programs","hostIdentifier":"pc-01","calendarTime":"","unixTime":{},"epoch":0,"counter":{},"numerics":false,"columns":{{"identifying_number":"","install_location":"","name":"{}","version":"{}"}},"action":"{}"}})json"
        "\n",
        time, counter, name, version, action);
  };
  auto names = [](const OsqueryImport& r) {
    std::vector<std::string> out;
    if (const FactValue* sw = at(r.facts, "software"))
      for (const auto& e : sw->as_list()) out.push_back(str(e, "name") + " " + str(e, "version"));
    return out;
  };
  SECTION("added and removed rows are applied in order") {
    std::string log =
        record(0, 100, "added", "7-Zip", "19.00") + record(0, 100, "added", "Old Tool", "1.0") +
        record(1, 200, "removed", "Old Tool", "1.0") + record(1, 200, "added", "New Tool", "2.0") +
        record(2, 300, "removed", "7-Zip", "19.00") + record(2, 300, "added", "7-Zip", "23.01");
    auto r = unnamed_run({{"r.log", log}});
    CHECK(r.problems.empty());
    CHECK(names(r) == std::vector<std::string>{"New Tool 2.0", "7-Zip 23.01"});
  }
  SECTION("counter 0 of a new run is the whole result again") {
    std::string log = record(0, 100, "added", "A", "1") + record(0, 100, "added", "B", "1") +
                      record(0, 500, "added", "A", "1");  // restarted without its database
    CHECK(names(unnamed_run({{"r.log", log}})) == std::vector<std::string>{"A 1"});
  }
  SECTION("a log that starts after the first whole result leaves the fact out") {
    std::string log = record(4, 100, "added", "A", "1");
    auto r = unnamed_run({{"r.log", log}});
    CHECK(absent(r.facts, "software"));
    CHECK(mentions(r.problems,
                   "r.log (query pack_sw_programs): the log starts after the "
                   "query's first whole result"));
    CHECK(str(at(r.facts, "collected.errors")->as_list().at(0), "step") == "software");
  }
  SECTION("batch format, numbers as numbers, and lines that are no records") {
    std::string log =
        R"json({"name":"os","hostIdentifier":"pc-01","unixTime":1,"epoch":0,"counter":0,"numerics":true,"diffResults":{"added":[{"build":19045,"major":10,"minor":0,"name":"Microsoft Windows 10 Pro","platform":"windows"}],"removed":[]}})json"
        "\n\nnot json\n[1]\n"
        R"json({"hostIdentifier":"pc-01"})json"
        "\n";
    auto r = unnamed_run({{"batch.log", log}});
    CHECK(str(r.facts, "os.version") == "10");
    CHECK(str(r.facts, "os.build") == "19045");
    CHECK(mentions(r.problems, "batch.log:3: not JSON"));
    CHECK(mentions(r.problems, "batch.log:4: not a results log record"));
    CHECK(mentions(r.problems, "batch.log:5: a record without a query `name`"));
    // Without numerics, a number is not osquery's text.
    auto strict = unnamed_run(
        {{"s.log",
          R"json({"name":"os","hostIdentifier":"pc-01","snapshot":[{"build":19045,"major":"10","minor":"0","platform":"windows"}],"action":"snapshot"})json"}});
    CHECK(mentions(strict.problems, "s.log:1: column `build` is not text"));
  }
  SECTION("a log named as a table, and a log with no record") {
    auto r =
        unnamed_run({{"apps=fleet.jsonl", recording("results-apps-snapshot-fleet-blog.jsonl")}});
    CHECK(r.tables_seen == std::vector<std::string>{"apps"});
    auto empty = unnamed_run(
        {{"programs=e.log", "{\n"}, {"si.json", recording("system_info-macos-issue1546.json")}});
    CHECK(mentions(empty.problems, "e.log:1: not JSON"));
    CHECK(
        mentions(empty.problems,
                 "e.log: not a JSON array of rows (osqueryi --json) nor an osqueryd results log"));
    CHECK(absent(empty.facts, "software"));
  }
}
