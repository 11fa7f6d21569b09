// Tests for collectors/platform/windows_steps and macos_steps: the steps of `tekigo collect`,
// run for real through Boost.Process against stub commands (reg.exe, powershell.exe,
// netsh.exe; sw_vers, system_profiler, df, networksetup, scutil, launchctl) that print the
// recorded outputs of tests/recordings/. What is checked is the orchestration: the right
// commands with the right arguments, outputs routed to the right parsers, failures
// recorded and never faked.
#include <sys/stat.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "collectors/collector.hpp"
#include "engine/facts/fact_dump.hpp"

using namespace tekigo;
using namespace tekigo::collectors;

namespace {

const std::string kRec = TEKIGO_SOURCE_DIR "/tests/recordings/";

// A directory of stub commands, put first in PATH for the test's lifetime.
class Stubs {
 public:
  Stubs() {
    dir_ = std::filesystem::temp_directory_path() / ("tekigo-stubs-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    old_path_ = std::getenv("PATH") ? std::getenv("PATH") : "";
    ::setenv("PATH", (dir_.string() + ":" + old_path_).c_str(), 1);
  }
  ~Stubs() {
    ::setenv("PATH", old_path_.c_str(), 1);
    std::filesystem::remove_all(dir_);
  }
  void add(const std::string& name, const std::string& body) {
    auto file = dir_ / name;
    std::ofstream(file) << "#!/bin/sh\n# stub for " << name << "\nlog=\""
                        << (dir_ / "calls").string() << "\"\necho \"" << name
                        << " $*\" >> \"$log\"\n"
                        << body;
    ::chmod(file.c_str(), 0755);
  }
  std::string calls() const {
    std::ifstream in(dir_ / "calls");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

 private:
  std::filesystem::path dir_;
  std::string old_path_;
};

std::vector<std::string> run(Platform platform, engine::FactValue& dump) {
  CollectOptions options;
  options.platform = platform;
  options.subject = "stub-terminal";
  options.network = false;
  std::vector<std::string> steps;
  dump = collect(nullptr, options, [&](const StepResult& part) { steps.push_back(part.step); });
  return steps;
}

}  // namespace

TEST_CASE("Windows steps: registry, PowerShell and netsh outputs become the v1 facts",
          "[platform][windows]") {
  Stubs stubs;
  const std::string w = kRec + "windows/", s = w + "synthetic/";
  stubs.add("reg.exe",
            "case \"$*\" in\n"
            "  *'Windows NT\\CurrentVersion'*) cat '" +
                s +
                "reg-currentversion-win11-23h2.txt' ;;\n"
                "  *'Uninstall /s /reg:64'*) cat '" +
                s +
                "reg-uninstall-hklm.txt' ;;\n"
                "  *'Uninstall /s /reg:32'*) cat '" +
                s +
                "reg-uninstall-wow6432.txt' ;;\n"
                "  'query HKU') cat '" +
                s +
                "reg-query-hku.txt' ;;\n"
                "  *'S-1-5-21-1004336348-1177238915-682003330-1001\\Software'*) cat '" +
                s +
                "reg-uninstall-hku.txt' ;;\n"
                "  *'Internet Explorer'*) cat '" +
                s +
                "reg-ie-win10.txt' ;;\n"
                "  *'HKLM\\SOFTWARE\\Microsoft\\EdgeUpdate'*'/reg:32') cat '" +
                s +
                "reg-edge-pv.txt' ;;\n"
                "  *'Internet Settings'*) cat '" +
                s +
                "reg-internet-settings-proxy.txt' ;;\n"
                "  *) echo 'ERROR: The system was unable to find the specified registry key or "
                "value.' >&2; exit 1 ;;\n"
                "esac\n");
  stubs.add("powershell.exe",
            "case \"$*\" in\n"
            "  *Win32_LogicalDisk*) cat '" +
                s +
                "ps51-disk.json' ;;\n"
                "  *Get-NetAdapter*) cat '" +
                s +
                "ps51-netadapter.json' ;;\n"
                "  *Get-Service*) cat '" +
                s +
                "ps51-services.json' ;;\n"
                "  *HNetCfg*) cat '" +
                s +
                "ps51-features.json' ;;\n"
                "  *) exit 1 ;;\n"
                "esac\n");
  stubs.add("netsh.exe", "cat '" + w + "netsh-winsock-catalog-lavasoft-fragment.txt'\n");

  engine::FactValue dump;
  auto steps = run(Platform::windows, dump);
  CHECK(steps ==
        std::vector<std::string>{"os", "software", "disk", "network", "services", "features"});
  auto problems = engine::validate_facts(dump, "windows");
  for (const auto& p : problems) INFO(p.to_string());
  CHECK(problems.empty());
  const auto& os = *dump.find("os");
  CHECK(os.find("family")->as_string() == "windows");
  CHECK(os.find("version")->as_string() == "11");
  CHECK(os.find("release")->as_string() == "23H2");
  CHECK(dump.find("software")->as_list().size() >= 5);
  bool edge = false;
  for (const auto& b : dump.find("browsers")->as_list())
    edge |= b.find("id")->as_string() == "edge";
  CHECK(edge);
  CHECK(dump.find("disk")->find("system_free_bytes")->as_int() > 0);
  CHECK(dump.find("network")->find("adapters")->is_list());
  CHECK(dump.find("network")->find("proxy")->is_string());
  CHECK(dump.find("network")->find("layered_service_providers")->is_list());
  CHECK(dump.find("services")->is_list());
  CHECK(dump.find("features")->is_map());
  // The commands ran with their argument vectors, no shell in between.
  std::string calls = stubs.calls();
  CHECK(calls.find("reg.exe query HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall /s "
                   "/reg:32") != std::string::npos);
  CHECK(calls.find("powershell.exe -NoProfile -NonInteractive -Command") != std::string::npos);
}

TEST_CASE("Windows steps that fail leave their facts out and say why", "[platform][windows]") {
  Stubs stubs;
  stubs.add("reg.exe", "echo 'ERROR: Access is denied.' >&2; exit 1\n");
  stubs.add("powershell.exe", "exit 1\n");
  stubs.add("netsh.exe", "exit 1\n");
  engine::FactValue dump;
  run(Platform::windows, dump);
  CHECK(dump.find("os") == nullptr);
  CHECK(dump.find("software") == nullptr);  // never a half or empty list
  CHECK(dump.find("disk") == nullptr);
  CHECK(engine::validate_facts(dump, "windows").empty());
  const auto& errors = dump.find("collected")->find("errors")->as_list();
  std::set<std::string> failed;
  for (const auto& e : errors) failed.insert(e.find("step")->as_string());
  for (const char* step : {"os", "software", "disk", "network", "services", "features"}) {
    INFO(step);
    CHECK(failed.count(step) == 1);
  }
}

TEST_CASE("macOS steps: sw_vers, system_profiler, df, networksetup, scutil, launchctl",
          "[platform][macos]") {
  Stubs stubs;
  const std::string m = kRec + "macos/", s = m + "synthetic/";
  stubs.add("sw_vers", "cat '" + m + "sw_vers-10.13.txt'\n");
  stubs.add("uname", "echo x86_64\n");
  stubs.add("system_profiler", "cat '" + s + "system_profiler-applications.json'\n");
  stubs.add("df", "cat '" + s + "df-k-root.txt'\n");
  stubs.add("networksetup", "cat '" + m + "networksetup-listallhardwareports.txt'\n");
  stubs.add("scutil", "cat '" + m + "scutil-proxy-pac.txt'\n");
  stubs.add("launchctl", "cat '" + m + "launchctl-list-10.11-fragment.txt'\n");
  engine::FactValue dump;
  auto steps = run(Platform::macos, dump);
  CHECK(steps == std::vector<std::string>{"os", "software", "disk", "network", "services"});
  auto problems = engine::validate_facts(dump, "macos");
  for (const auto& p : problems) INFO(p.to_string());
  CHECK(problems.empty());
  CHECK(dump.find("os")->find("family")->as_string() == "macos");
  CHECK(dump.find("os")->find("version")->as_string().rfind("10.13", 0) == 0);
  CHECK(dump.find("os")->find("arch")->as_string() == "x64");
  CHECK(dump.find("software")->as_list().size() > 3);
  CHECK(dump.find("disk")->find("system_free_bytes")->as_int() > 0);
  CHECK(dump.find("network")->find("proxy")->as_string().rfind("pac+", 0) == 0);
  CHECK(stubs.calls().find("system_profiler SPApplicationsDataType -json") != std::string::npos);
}
