// Tests for collectors/windows_parse on recorded outputs (tests/recordings/windows, see
// SOURCES.md there): real captures where public ones exist, synthetic/ for the rest.
#include <catch2/catch.hpp>

#include "collectors/platform/windows_parse.hpp"
#include "engine/facts/fact_dump.hpp"
#include "support/recordings.hpp"

using namespace tekigo::collectors;
using tekigo::engine::FactValue;

namespace {

std::string recording(std::string_view name) {
  return tekigo::test::recording("windows", name);
}

void check_contract(const std::string& key, const FactValue& fragment) {
  tekigo::test::check_contract(key, fragment, "test/windows");
}

using tekigo::test::str;

}  // namespace

TEST_CASE("reg.exe output: keys, values with spaces in names and data, empty data, trailer",
          "[windows]") {
  auto keys = parse_reg_query(recording("reg-currentversion-win10-22h2-regsz.txt"));
  REQUIRE(keys.size() == 1);
  CHECK(keys[0].path == "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion");
  CHECK(keys[0].values.size() == 22);  // "End of search: 22 match(es) found."
  CHECK(keys[0].find("currenttype")->data == "Multiprocessor Free");
  CHECK(keys[0].find("EditionSubManufacturer")->data.empty());
  auto spaced = parse_reg_query(
      "HKEY_CURRENT_USER\\X\r\n    User Agent    REG_SZ    Mozilla/4.0 (compatible;    MSIE)\r\n");
  REQUIRE(spaced.size() == 1);
  CHECK(spaced[0].values[0].name == "User Agent");
  CHECK(spaced[0].values[0].data == "Mozilla/4.0 (compatible;    MSIE)");
  std::uint64_t n = 0;
  CHECK(reg_number("0x116c", n));
  CHECK(n == 4460);
  CHECK_FALSE(reg_number("x", n));
}

TEST_CASE("os from a real Windows 10 22H2 capture (REG_SZ values only)", "[windows][os]") {
  auto r = windows_os_from_reg(recording("reg-currentversion-win10-22h2-regsz.txt"));
  REQUIRE(r.found);
  CHECK(r.problems.empty());
  const FactValue& os = r.value;
  CHECK(str(os, "family") == "windows");
  CHECK(str(os, "name") == "Windows 10 Enterprise");
  CHECK(str(os, "version") == "10");  // CurrentVersion 6.3 is frozen; build 19045 says 10
  CHECK(str(os, "release") == "22H2");
  CHECK(str(os, "build") == "19045");  // no UBR in a /t REG_SZ listing: not invented
  CHECK(str(os, "edition") == "Enterprise");
  CHECK(os.find("service_pack")->as_int() == 0);
  check_contract("os", os);
}

TEST_CASE("os: UTF-16LE with BOM and CRLF (PowerShell 5.1 redirection) reads the same",
          "[windows][os]") {
  std::vector<std::string> problems;
  std::string text = decode_command_output(
      recording("synthetic/reg-currentversion-win10-22h2-regsz.utf16le.txt"), &problems);
  CHECK(problems.empty());
  auto a = windows_os_from_reg(text);
  auto b = windows_os_from_reg(recording("reg-currentversion-win10-22h2-regsz.txt"));
  REQUIRE(a.found);
  CHECK(a.value == b.value);
}

TEST_CASE("os: Windows 11 says Windows 10 in ProductName, build.UBR from the DWORD",
          "[windows][os]") {
  auto r = windows_os_from_reg(recording("synthetic/reg-currentversion-win11-23h2.txt"));
  REQUIRE(r.found);
  CHECK(str(r.value, "name") == "Windows 11 Pro");
  CHECK(str(r.value, "version") == "11");
  CHECK(str(r.value, "release") == "23H2");
  CHECK(str(r.value, "build") == "22631.4460");
  CHECK(str(r.value, "edition") == "Professional");
  check_contract("os", r.value);
}

TEST_CASE("os: Windows 7 SP1 from CurrentVersion 6.1 and CSDVersion, no release", "[windows][os]") {
  auto r = windows_os_from_reg(recording("synthetic/reg-currentversion-win7-sp1.txt"));
  REQUIRE(r.found);
  CHECK(str(r.value, "version") == "7");
  CHECK(r.value.find("release") == nullptr);
  CHECK(str(r.value, "build") == "7601.1513");
  CHECK(r.value.find("service_pack")->as_int() == 1);
}

TEST_CASE("os: a /v fragment gives only what it shows", "[windows][os]") {
  auto r = windows_os_from_reg(recording("reg-currentversion-editionid-education-fragment.txt"));
  REQUIRE(r.found);
  CHECK(str(r.value, "edition") == "Education");  // "EditionId": names compare without case
  CHECK(r.value.find("version") == nullptr);
  CHECK(r.value.find("service_pack") == nullptr);  // absence of CSDVersion proves nothing here
  // ReleaseId alone names no version: nothing usable (release is only read with a version).
  CHECK_FALSE(
      windows_os_from_reg(recording("reg-currentversion-releaseid-1803-fragment.txt")).found);
  CHECK_FALSE(windows_os_from_reg(
                  "ERROR: The system was unable to find the specified registry key or value.\r\n")
                  .found);
}

TEST_CASE("software from three hives: updates and nameless keys skipped, duplicates once",
          "[windows][software]") {
  std::vector<std::string> outputs{recording("synthetic/reg-uninstall-hklm.txt"),
                                   recording("synthetic/reg-uninstall-wow6432.txt"),
                                   recording("synthetic/reg-uninstall-hku.txt")};
  auto r = windows_software_from_reg(outputs);
  REQUIRE(r.found);
  const auto& list = r.value.as_list();
  std::vector<std::string> names;
  for (const auto& e : list) names.push_back(str(e, "name"));
  CHECK(names == std::vector<std::string>{
                     "7-Zip 19.00 (x64)", "Cisco AnyConnect Secure Mobility Client ",
                     "Microsoft Visual C++ 2015-2019 Redistributable (x64) - 14.28.29325",
                     "Hos-CanR Plus", "Soliton KeyManager", "Microsoft Edge",
                     "Microsoft Edge Update", "Microsoft OneDrive", "Lhaplus"});
  CHECK(str(list[1], "version") == "4.9.05042");  // kept as stored, trailing space included
  CHECK(list[3].find("version") == nullptr);      // no DisplayVersion: absent, not ""
  CHECK(list[6].find("publisher") == nullptr);
  check_contract("software", r.value);

  UninstallOptions hide;
  hide.keep_system_components = false;
  CHECK(windows_software_from_reg(outputs, hide).value.as_list().size() == list.size() - 1);
  CHECK_FALSE(windows_software_from_reg(
                  {"ERROR: The system was unable to find the specified registry key or value."})
                  .found);
}

TEST_CASE(
    "software from a real HKLM Uninstall /s capture: legacy keys without DisplayName, "
    "empty REG_SZ values, SystemComponent MSI entries",
    "[windows][software][real]") {
  // tests/recordings/SOURCES.md: appium-windows-driver's capture of a machine with
  // WinAppDriver 1.2.99.0 and the .NET 5.0.7 host.
  const std::string out = recording("reg-uninstall-hklm-winappdriver-appium.txt");
  auto keys = parse_reg_query(out);
  REQUIRE(keys.size() == 15);  // 13 legacy keys (AddressBook … WIC) and two MSI products
  CHECK(keys[0].path ==
        "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\AddressBook");
  CHECK(keys[0].values.empty());
  CHECK(keys[1].find("SystemComponent")->data == "0x1");
  const RegKey& host = keys[13];
  CHECK(host.values.size() == 25);
  CHECK(host.find("Comments")->type == "REG_SZ");
  CHECK(host.find("Comments")->data.empty());  // "    Comments    REG_SZ" with no data
  CHECK(host.find("InstallSource")->data ==
        "C:\\ProgramData\\Package Cache\\{12B6D916-FD64-471C-8EF7-C04443A75F8D}v40.28.30105\\");
  CHECK(host.find("ModifyPath")->type == "REG_EXPAND_SZ");
  std::uint64_t n = 0;
  CHECK(reg_number(host.find("Version")->data, n));
  CHECK(n == 0x281c7599);
  CHECK(keys[14].values.size() == 24);  // no NoModify

  auto r = windows_software_from_reg({out});
  REQUIRE(r.found);
  CHECK(r.problems.empty());
  const auto& list = r.value.as_list();
  REQUIRE(list.size() == 2);  // the 13 keys without DisplayName are not programs
  CHECK(str(list[0], "name") == "Microsoft .NET Host - 5.0.7 (x64)");
  CHECK(str(list[0], "version") == "40.28.30105");
  CHECK(str(list[0], "publisher") == "Microsoft Corporation");
  CHECK(str(list[1], "name") == "Windows Application Driver");
  CHECK(str(list[1], "version") == "1.2.99.0");
  CHECK(str(list[1], "publisher") == "Microsoft Corporation");
  check_contract("software", r.value);

  // Both products are SystemComponent=1 (installed by a bundle): hiding system components
  // leaves a collected, empty list, not a failed step.
  UninstallOptions hide;
  hide.keep_system_components = false;
  auto hidden = windows_software_from_reg({out}, hide);
  REQUIRE(hidden.found);
  CHECK(hidden.value.as_list().empty());

  // The same capture as reg.exe writes it to a pipe (CRLF), and as Windows PowerShell 5.1
  // redirection stores it (UTF-16LE with a BOM), reads the same.
  std::string crlf;
  for (char c : out) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  std::string utf16 = "\xFF\xFE";
  for (char c : crlf) {
    utf16 += c;
    utf16 += '\0';
  }
  std::vector<std::string> problems;
  auto decoded = windows_software_from_reg({decode_command_output(utf16, &problems)});
  CHECK(problems.empty());
  CHECK(decoded.value == r.value);
  CHECK(windows_software_from_reg({crlf}).value == r.value);
}

TEST_CASE("user hives from reg query HKU", "[windows][software]") {
  CHECK(windows_user_hives(recording("synthetic/reg-query-hku.txt")) ==
        std::vector<std::string>{"S-1-5-21-1004336348-1177238915-682003330-1001"});
}

TEST_CASE("browsers: IE from svcVersion, not Version, Edge from pv, IE 8 from Version",
          "[windows][browsers]") {
  WindowsBrowserOutputs out;
  out.internet_explorer = recording("synthetic/reg-ie-win10.txt");
  out.edge = {"", recording("synthetic/reg-edge-pv.txt")};
  out.firefox = {
      "\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Mozilla\\Mozilla Firefox\r\n    CurrentVersion    REG_SZ  "
      "  85.0 (x64 ja)\r\n",
      recording("synthetic/reg-firefox-wow6432.txt")};
  auto r = windows_browsers_from_reg(out);
  REQUIRE(r.found);
  const auto& b = r.value.as_list();
  REQUIRE(b.size() == 3);
  CHECK(str(b[0], "id") == "ie");
  CHECK(str(b[0], "version") == "11.789.19041.0");
  CHECK(str(b[1], "id") == "edge");
  CHECK(str(b[1], "version") == "87.0.664.75");
  CHECK(str(b[2], "version") == "85.0");  // the 64-bit one first, listed once
  check_contract("browsers", r.value);
  out.firefox = {"", recording("synthetic/reg-firefox-wow6432.txt")};
  r = windows_browsers_from_reg(out);
  REQUIRE(r.value.as_list().size() == 3);
  CHECK(str(r.value.as_list()[2], "version") == "115.6.0esr");  // 32-bit, "(x86 ja)" dropped

  WindowsBrowserOutputs win7;
  win7.internet_explorer = recording("synthetic/reg-ie8-win7.txt");
  auto ie8 = windows_browsers_from_reg(win7);
  CHECK(str(ie8.value.as_list().at(0), "version") == "8.0.7601.17514");

  WindowsBrowserOutputs lying;
  lying.internet_explorer =
      "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Internet Explorer\n    Version    REG_SZ    "
      "9.11.9600.19596\n";
  auto l = windows_browsers_from_reg(lying);
  REQUIRE(l.value.as_list().size() == 1);
  CHECK(l.value.as_list()[0].find("version") == nullptr);  // IE is there; "9.11" is not its version
  CHECK_FALSE(l.problems.empty());
}

TEST_CASE("proxy: https= entry of a per-protocol list, PAC, disabled proxy is none",
          "[windows][proxy]") {
  auto p = windows_proxy_from_reg(recording("synthetic/reg-internet-settings-proxy.txt"));
  REQUIRE(p.found);
  CHECK(p.value.as_string() == "http://proxy.hospital.local:8443");
  auto pac = windows_proxy_from_reg(recording("synthetic/reg-internet-settings-pac.txt"));
  CHECK(pac.value.as_string() == "pac+http://wpad.hospital.local/wpad.dat");
  auto direct = windows_proxy_from_reg(recording("synthetic/reg-internet-settings-direct.txt"));
  REQUIRE(direct.found);
  CHECK(direct.value.is_null());
  check_contract("network.proxy", p.value);
  check_contract("network.proxy", direct.value);
  CHECK_FALSE(windows_proxy_from_reg("").found);
}

TEST_CASE("adapters: UTF-16LE pretty 5.1 JSON with Japanese names, one adapter is one object",
          "[windows][json]") {
  auto r = windows_adapters_from_json(recording("synthetic/ps51-netadapter.json"));
  REQUIRE(r.found);
  CHECK(r.problems.empty());
  const auto& a = r.value.as_list();
  REQUIRE(a.size() == 3);
  CHECK(str(a[0], "name") == "イーサネット");
  CHECK(str(a[2], "description") == "VirtualBox Host-Only Ethernet Adapter");
  check_contract("network.adapters", r.value);
  auto single = windows_adapters_from_json(recording("synthetic/ps51-netadapter-single.json"));
  REQUIRE(single.value.as_list().size() == 1);
  CHECK(str(single.value.as_list()[0], "name") == "Wi-Fi");
  CHECK_FALSE(windows_adapters_from_json("Get-NetAdapter : The term is not recognized").found);
}

TEST_CASE("services: numeric enums of 5.1 and names of 7 map alike", "[windows][json]") {
  auto r = windows_services_from_json(recording("synthetic/ps51-services.json"));
  REQUIRE(r.found);
  CHECK(r.problems.empty());
  const auto& s = r.value.as_list();
  REQUIRE(s.size() == 5);
  CHECK(str(s[0], "name") == "RemoteAccess");
  CHECK(str(s[0], "state") == "stopped");
  CHECK(str(s[0], "start") == "disabled");
  CHECK(str(s[2], "state") == "running");
  CHECK(str(s[2], "start") == "auto");
  CHECK(str(s[4], "state") == "running");  // StartPending counts as running
  check_contract("services", r.value);
  auto seven = windows_services_from_json(recording("synthetic/ps7-services.json"));
  REQUIRE(seven.value.as_list().size() == 3);
  CHECK(str(seven.value.as_list()[1], "state") == "running");
  CHECK(str(seven.value.as_list()[2], "start") == "auto");  // AutomaticDelayedStart
  auto one = windows_services_from_json(recording("synthetic/ps51-service-single.json"));
  REQUIRE(one.value.as_list().size() == 1);
}

TEST_CASE("features: any shared connection is ICS on, hotspot Off", "[windows][json]") {
  auto r = windows_features_from_json(recording("synthetic/ps51-features.json"));
  REQUIRE(r.found);
  CHECK(r.value.find("internet_connection_sharing")->as_bool());
  CHECK_FALSE(r.value.find("mobile_hotspot")->as_bool());
  check_contract("features", r.value);
  auto unknown = windows_features_from_json(R"({"ics":null,"hotspot":"Unknown"})");
  CHECK_FALSE(unknown.found);  // nothing known: the features stay absent
}

TEST_CASE("disk free bytes from Win32_LogicalDisk JSON", "[windows][json]") {
  auto r = windows_disk_from_json(recording("synthetic/ps51-disk.json"));
  REQUIRE(r.found);
  CHECK(r.value.find("system_free_bytes")->as_int() == 5368709120);
  check_contract("disk", r.value);
  CHECK_FALSE(windows_disk_from_json(R"({"DeviceID":"C:","FreeSpace":null})").found);
}

TEST_CASE("disk free bytes from a real Win32_LogicalDisk ConvertTo-Json of Windows 11",
          "[windows][json][real]") {
  // tests/recordings/SOURCES.md: flutter_server_box's sample of a 1 TB C: drive, 5.1 layout
  // (four-space indent, two spaces after the colon) with Size and FileSystem besides FreeSpace.
  auto r = windows_disk_from_json(recording("ps51-logicaldisk-win11-serverbox.json"));
  REQUIRE(r.found);
  CHECK(r.problems.empty());
  CHECK(r.value.find("system_free_bytes")->as_int() == 386265968640);  // above 2^32
  check_contract("disk", r.value);
}

TEST_CASE("LSP: real catalog fragments with Lavasoft and ASProxy layered providers",
          "[windows][lsp]") {
  auto lava = windows_lsp_from_netsh(recording("netsh-winsock-catalog-lavasoft-fragment.txt"));
  REQUIRE(lava.found);
  REQUIRE(lava.value.as_list().size() == 1);
  CHECK(str(lava.value.as_list()[0], "name") == "LavasoftLSP");
  CHECK(str(lava.value.as_list()[0], "path") == "C:\\WINDOWS\\system32\\LavasoftTcpService64.dll");
  auto asp = windows_lsp_from_netsh(recording("netsh-winsock-catalog-asproxy-fragment.txt"));
  REQUIRE(asp.value.as_list().size() == 1);
  CHECK(str(asp.value.as_list()[0], "name") == "ASProxy");
  check_contract("network.layered_service_providers", asp.value);
  auto base = windows_lsp_from_netsh(recording("netsh-winsock-catalog-base-fragment.txt"));
  REQUIRE(base.found);
  CHECK(base.value.as_list().empty());  // base providers only: collected, none found
  CHECK_FALSE(windows_lsp_from_netsh("Winsock カタログ プロバイダー エントリ\r\n").found);
}

TEST_CASE("decoding: UTF-8 BOM dropped, invalid bytes reported, never thrown", "[windows]") {
  std::vector<std::string> problems;
  CHECK(decode_command_output("\xEF\xBB\xBF{}", &problems) == "{}");
  CHECK(problems.empty());
  std::string cp932 = "\x83\x43\x81\x5B\x83\x54\x83\x6C\x83\x62\x83\x67";  // イーサネット in CP932
  std::string out = decode_command_output(cp932, &problems);
  CHECK_FALSE(problems.empty());
  CHECK(out.find("\xEF\xBF\xBD") != std::string::npos);
  CHECK(windows_arch("AMD64") == "x64");
  CHECK(windows_arch("ARM64") == "arm64");
  CHECK(windows_arch("IA64").empty());
}
