// collectors/platform: the Windows steps of `tekigo collect` — the reg.exe, PowerShell and
// netsh.exe commands of docs/collectors.md, run through Boost.Process, their output handed to
// the parsers of windows_parse.hpp. They compile everywhere and are chosen at run time; on
// Linux they are exercised with stub commands that print recorded outputs.
#include <cstdint>
#include <cstdlib>
#include <optional>

#include "collectors/platform/steps.hpp"
#include "collectors/platform/windows_parse.hpp"
#include "collectors/seams/command.hpp"
#include "collectors/seams/system_api.hpp"

namespace tekigo::collectors {

using engine::FactValue;

namespace {

const std::string kPowerShellPrefix =
    "$ErrorActionPreference = 'Stop'; [Console]::OutputEncoding = [Text.Encoding]::UTF8; ";

CommandResult powershell(const CollectOptions& o, const std::string& script) {
  return run_command("powershell.exe",
                     {"-NoProfile", "-NonInteractive", "-Command", kPowerShellPrefix + script},
                     step_command_options(o, 2));
}

CommandResult reg(const CollectOptions& o, std::vector<std::string> args, int factor = 1) {
  args.insert(args.begin(), "query");
  return run_command("reg.exe", args, step_command_options(o, factor));
}

}  // namespace

void collect_windows(const CollectOptions& o, const std::function<void(StepResult)>& take) {
  {
    StepResult step("os");
    CommandResult r = reg(o, {"HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"});
    if (r.ok()) {
      FactFragment os = windows_os_from_reg(decode_command_output(r.out, &step.errors));
      if (os.found) {
        const char* arch = std::getenv("PROCESSOR_ARCHITEW6432");
        if (!arch) arch = std::getenv("PROCESSOR_ARCHITECTURE");
        std::string a = arch ? windows_arch(arch) : std::string();
        if (!a.empty()) os.value.set("arch", FactValue::string(a));
      }
      place_fragment(step, "os", os);
    } else {
      record_command_failure(step, r);
    }
    take(std::move(step));
  }
  {
    StepResult step("software");
    std::vector<std::string> outputs;
    bool complete = true;
    for (const char* view : {"/reg:64", "/reg:32"}) {
      CommandResult r =
          reg(o, {"HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall", "/s", view}, 12);
      if (r.ok())
        outputs.push_back(decode_command_output(r.out, &step.errors));
      else {
        complete = false;
        record_command_failure(step, r);
      }
    }
    CommandResult hku = reg(o, {"HKU"});
    if (hku.ok()) {
      for (const auto& sid : windows_user_hives(decode_command_output(hku.out, &step.errors))) {
        CommandResult r = reg(
            o, {"HKU\\" + sid + "\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall", "/s"},
            12);
        if (r.ok()) {
          outputs.push_back(decode_command_output(r.out, &step.errors));
          continue;
        }
        // A user without per-user installs has no Uninstall key: reg.exe exits 1, nothing
        // lost. It exits 1 as well when the hive may not be read (another user's, without
        // administrator rights), in words of the terminal's language: the user's Software key,
        // always there, tells the two apart.
        if (!reg(o, {"HKU\\" + sid + "\\Software"}).ok()) {
          complete = false;
          record_command_failure(step, r);
          step.errors.push_back("software: HKU\\" + sid +
                                " could not be read (another user's programs need administrator "
                                "rights)");
        }
      }
    } else {
      complete = false;
      record_command_failure(step, hku);
    }
    // A partial list would make absent programs look absent for certain: leave it out.
    if (complete) place_fragment(step, "software", windows_software_from_reg(outputs));

    WindowsBrowserOutputs b;
    auto text_of = [&](CommandResult r) {
      return r.ok() ? decode_command_output(r.out, &step.errors) : std::string();
    };
    b.internet_explorer =
        text_of(reg(o, {"HKLM\\SOFTWARE\\Microsoft\\Internet Explorer", "/reg:64"}));
    const std::string edge =
        "\\SOFTWARE\\Microsoft\\EdgeUpdate\\Clients\\{56EB18F8-B008-4CBD-B6D2-8C97FE7E9062}";
    const std::string chrome =
        "\\SOFTWARE\\Google\\Update\\Clients\\{8A69D345-D564-463C-AFF1-A69D9E530F96}";
    for (const auto& [root, view] : std::vector<std::pair<std::string, std::string>>{
             {"HKLM", "/reg:32"}, {"HKLM", "/reg:64"}, {"HKCU", "/reg:64"}}) {
      b.edge.push_back(text_of(reg(o, {root + edge, "/v", "pv", view})));
      b.chrome.push_back(text_of(reg(o, {root + chrome, "/v", "pv", view})));
    }
    // A 32-bit Firefox on 64-bit Windows writes its key under WOW6432Node.
    for (const char* view : {"/reg:64", "/reg:32"})
      b.firefox.push_back(text_of(
          reg(o, {"HKLM\\SOFTWARE\\Mozilla\\Mozilla Firefox", "/v", "CurrentVersion", view})));
    StepResult browsers("browsers");
    place_fragment(browsers, "browsers", windows_browsers_from_reg(b));
    for (auto& e : browsers.errors) step.errors.push_back(std::move(e));
    if (const FactValue* v = browsers.facts.find("browsers")) step.facts.set("browsers", *v);
    take(std::move(step));
  }
  {
    StepResult step("disk");
    // In the binary on Windows: GetDiskFreeSpaceExW on the system volume. Elsewhere (the
    // tests' stub commands), and should that fail: PowerShell's Win32_LogicalDisk.
    std::optional<std::int64_t> native;
    if (this_platform() == Platform::windows) {
      std::string volume = sys::system_volume(), error;
      if (!volume.empty()) native = sys::free_bytes(volume, error);
    }
    if (native) {
      FactValue disk = FactValue::map();
      disk.set("system_free_bytes", FactValue::integer(*native));
      step.facts.set("disk", std::move(disk));
    } else {
      CommandResult r =
          powershell(o,
                     // No double quotes: Boost.Process doubles them on Windows' command
                     // line, and powershell.exe might not read them back as one quote.
                     "Get-CimInstance Win32_LogicalDisk -Filter ('DeviceID=''' + "
                     "$env:SystemDrive + '''') | "
                     "Select-Object DeviceID, FreeSpace | ConvertTo-Json -Compress");
      if (r.ok())
        place_fragment(step, "disk",
                       windows_disk_from_json(decode_command_output(r.out, &step.errors)));
      else
        record_command_failure(step, r);
    }
    take(std::move(step));
  }
  {
    StepResult step("network");
    FactValue network = FactValue::map();
    // Windows 7 has no Get-NetAdapter: there the connections are the adapters with a
    // NetConnectionID, renamed to Get-NetAdapter's properties (as collect.ps1 does).
    CommandResult adapters = powershell(
        o,
        "$a = if (Get-Command Get-NetAdapter -ErrorAction SilentlyContinue) { Get-NetAdapter | "
        "Select-Object Name, InterfaceDescription } else { Get-WmiObject Win32_NetworkAdapter "
        "-Filter 'NetConnectionID IS NOT NULL' | Select-Object @{n='Name';e={$_.NetConnectionID}}, "
        "@{n='InterfaceDescription';e={$_.Description}} }; @($a) | ConvertTo-Json -Depth 4 "
        "-Compress");
    if (adapters.ok()) {
      FactFragment a =
          windows_adapters_from_json(decode_command_output(adapters.out, &step.errors));
      for (const auto& p : a.problems) step.errors.push_back("network: " + p);
      if (a.found) network.set("adapters", a.value);
    } else {
      record_command_failure(step, adapters);
    }
    CommandResult settings =
        reg(o, {"HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings"});
    if (settings.ok()) {
      FactFragment p = windows_proxy_from_reg(decode_command_output(settings.out, &step.errors));
      for (const auto& e : p.problems) step.errors.push_back("network: " + e);
      if (p.found) network.set("proxy", p.value);
    } else {
      record_command_failure(step, settings);
    }
    CommandResult catalog =
        run_command("netsh.exe", {"winsock", "show", "catalog"}, step_command_options(o));
    if (catalog.ok()) {
      FactFragment l = windows_lsp_from_netsh(decode_command_output(catalog.out, &step.errors));
      for (const auto& e : l.problems) step.errors.push_back("network: " + e);
      if (l.found) network.set("layered_service_providers", l.value);
    } else {
      record_command_failure(step, catalog);
    }
    step.facts.set("network", std::move(network));
    take(std::move(step));
  }
  {
    StepResult step("services");
    CommandResult r = powershell(o,
                                 "@(Get-Service | Select-Object Name, DisplayName, Status, "
                                 "StartType) | ConvertTo-Json -Depth 4 -Compress");
    if (r.ok())
      place_fragment(step, "services",
                     windows_services_from_json(decode_command_output(r.out, &step.errors)));
    else
      record_command_failure(step, r);
    take(std::move(step));
  }
  {
    StepResult step("features");
    CommandResult r = powershell(
        o,
        "$s = New-Object -ComObject HNetCfg.HNetShare; $ics = @($s.EnumEveryConnection | "
        "ForEach-Object { $c = "
        "$s.INetSharingConfigurationForINetConnection.Invoke($_); [pscustomobject]@{ Name = "
        "$s.NetConnectionProps.Invoke($_).Name; SharingEnabled = $c.SharingEnabled } }); $h = try "
        "{ $p = "
        "[Windows.Networking.Connectivity.NetworkInformation,Windows.Networking.Connectivity,"
        "ContentType="
        "WindowsRuntime]::GetInternetConnectionProfile(); "
        "[string][Windows.Networking.NetworkOperators.NetworkOperatorTetheringManager,Windows."
        "Networking."
        "NetworkOperators,ContentType=WindowsRuntime]::CreateFromConnectionProfile($p)."
        "TetheringOperationalState } "
        "catch { $null }; [pscustomobject]@{ ics = $ics; hotspot = $h } | ConvertTo-Json -Depth 4 "
        "-Compress");
    if (r.ok())
      place_fragment(step, "features",
                     windows_features_from_json(decode_command_output(r.out, &step.errors)));
    else
      record_command_failure(step, r);
    take(std::move(step));
  }
}

}  // namespace tekigo::collectors
