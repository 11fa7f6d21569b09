// Tests for collectors/macos_parse on recorded outputs (tests/recordings/macos, see
// SOURCES.md there): real captures where public ones exist, synthetic/ for the rest.
#include <catch2/catch.hpp>

#include "collectors/platform/macos_parse.hpp"
#include "engine/facts/fact_dump.hpp"
#include "support/recordings.hpp"

using namespace tekigo::collectors;
using tekigo::engine::FactValue;

namespace {

std::string recording(std::string_view name) {
  return tekigo::test::recording("macos", name);
}

void check_contract(const std::string& key, const FactValue& fragment) {
  tekigo::test::check_contract(key, fragment, "test/mac");
}

using tekigo::test::str;

}  // namespace

TEST_CASE("sw_vers: tabs (10.11, 10.13), spaces (10.15), double tabs and RSR extra (13.3.1)",
          "[macos][os]") {
  auto a = macos_os_from_sw_vers(recording("sw_vers-10.11.6.txt"));
  REQUIRE(a.found);
  CHECK(str(a.value, "family") == "macos");
  CHECK(str(a.value, "name") == "Mac OS X");
  CHECK(str(a.value, "version") == "10.11.6");
  CHECK(str(a.value, "build") == "15G31");
  check_contract("os", a.value);
  CHECK(str(macos_os_from_sw_vers(recording("sw_vers-10.13.txt")).value, "version") == "10.13");
  CHECK(str(macos_os_from_sw_vers(recording("sw_vers-10.15.5.txt")).value, "build") == "19F101");
  auto rsr = macos_os_from_sw_vers(recording("sw_vers-13.3.1-rsr.txt"));
  REQUIRE(rsr.found);
  CHECK(str(rsr.value, "name") == "macOS");
  CHECK(str(rsr.value, "version") == "13.3.1");
  CHECK(str(rsr.value, "version_extra") == "(a)");
  CHECK(str(rsr.value, "build") == "22E772610a");
  check_contract("os", rsr.value);
  CHECK_FALSE(macos_os_from_sw_vers("sw_vers: command not found\n").found);
  CHECK(macos_arch("x86_64\n") == "x64");
  CHECK(macos_arch("arm64") == "arm64");
}

TEST_CASE("system_profiler: software once per name+version, browsers, Developer ID publisher",
          "[macos][software]") {
  auto apps = macos_applications_from_system_profiler(
      recording("synthetic/system_profiler-applications.json"));
  REQUIRE(apps.software.found);
  REQUIRE(apps.browsers.found);
  const auto& sw = apps.software.value.as_list();
  REQUIRE(sw.size() == 5);  // the second Google Chrome copy is the same name+version
  CHECK(str(sw[1], "publisher") == "Google LLC");
  CHECK(sw[0].find("publisher") == nullptr);  // Apple's "Software Signing" names no developer
  CHECK(str(sw[3], "name") == "Cisco AnyConnect Secure Mobility Client");
  CHECK(str(sw[4], "name") == "Hos-CanR \"Plus\" Viewer");
  CHECK(sw[4].find("version") == nullptr);
  check_contract("software", apps.software.value);
  const auto& br = apps.browsers.value.as_list();
  REQUIRE(br.size() == 3);
  CHECK(str(br[0], "id") == "safari");
  CHECK(str(br[0], "version") == "13.1.2");
  CHECK(str(br[1], "id") == "chrome");
  CHECK(str(br[2], "id") == "firefox");
  check_contract("browsers", apps.browsers.value);
  auto broken = macos_applications_from_system_profiler("{\"SPApplicationsDataType\" : [");
  CHECK_FALSE(broken.software.found);
  CHECK_FALSE(broken.browsers.found);
}

TEST_CASE("df: the row mounted on / in 512-byte (real df) and 1024-byte (df -k) blocks",
          "[macos][disk]") {
  auto a = macos_disk_from_df(recording("df-10.14.6.txt"));
  REQUIRE(a.found);
  CHECK(a.value.find("system_free_bytes")->as_int() == 660310352LL * 512);
  auto b = macos_disk_from_df(recording("df-diskusage-fragment.txt"));
  CHECK(b.value.find("system_free_bytes")->as_int() == 432383256LL * 512);
  auto k = macos_disk_from_df(recording("synthetic/df-k-root.txt"));
  REQUIRE(k.found);
  CHECK(k.value.find("system_free_bytes")->as_int() == 330155176LL * 1024);
  check_contract("disk", k.value);
  // GNU df (Linux) layout with a wrapped filesystem name.
  auto gnu = macos_disk_from_df(
      "Filesystem     1K-blocks    Used Available Use% Mounted on\n/dev/mapper/vg-root\n  20511312 "
      "9876543   9569812  51% /\n");
  CHECK(gnu.value.find("system_free_bytes")->as_int() == 9569812LL * 1024);
  CHECK_FALSE(macos_disk_from_df("Filesystem  Size Used Avail Capacity Mounted on\n").found);
}

TEST_CASE("scutil --proxy: PAC (real), HTTPS proxy, none", "[macos][proxy]") {
  auto pac = macos_proxy_from_scutil(recording("scutil-proxy-pac.txt"));
  REQUIRE(pac.found);
  CHECK(pac.value.as_string() == "pac+http://wpad.company.com/wpad.dat");
  auto https = macos_proxy_from_scutil(recording("synthetic/scutil-proxy-https.txt"));
  CHECK(https.value.as_string() == "http://proxy.hospital.local:8443");
  auto none = macos_proxy_from_scutil(recording("synthetic/scutil-proxy-none.txt"));
  REQUIRE(none.found);
  CHECK(none.value.is_null());
  check_contract("network.proxy", pac.value);
  CHECK_FALSE(macos_proxy_from_scutil("").found);
}

TEST_CASE("networksetup: Device is the name, Hardware Port the description", "[macos][adapters]") {
  auto r = macos_adapters_from_networksetup(recording("networksetup-listallhardwareports.txt"));
  REQUIRE(r.found);
  const auto& a = r.value.as_list();
  REQUIRE(a.size() == 6);
  CHECK(str(a[0], "name") == "en0");
  CHECK(str(a[0], "description") == "Wi-Fi");
  CHECK(str(a[5], "name") == "bridge0");
  check_contract("network.adapters", r.value);
  auto usb = macos_adapters_from_networksetup(
      recording("networksetup-listallhardwareports-usb-ethernet-fragment.txt"));
  REQUIRE(usb.value.as_list().size() == 9);
  CHECK(str(usb.value.as_list()[2], "description") == "AX88179A");
}

TEST_CASE("launchctl list: a PID means running, '-' stopped", "[macos][services]") {
  auto r = macos_services_from_launchctl(recording("launchctl-list-10.11-fragment.txt"));
  REQUIRE(r.found);
  CHECK(r.problems.empty());
  const auto& s = r.value.as_list();
  REQUIRE(s.size() == 34);
  CHECK(str(s[0], "name") == "com.apple.CoreAuthentication.daemon");
  CHECK(str(s[0], "state") == "stopped");
  CHECK(str(s[3], "name") == "com.apple.Finder");
  CHECK(str(s[3], "state") == "running");
  CHECK(s[3].find("start") == nullptr);
  check_contract("services", r.value);
  auto sys = macos_services_from_launchctl(recording("launchctl-list-system-fragment.txt"));
  bool clamxav = false;
  for (const auto& e : sys.value.as_list())
    clamxav = clamxav || (str(e, "name") == "uk.co.canimaansoftware.ClamXAV.HelperTool" &&
                          str(e, "state") == "running");
  CHECK(clamxav);
  CHECK_FALSE(macos_services_from_launchctl("Could not find service\n").found);
}
