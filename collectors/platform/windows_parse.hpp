// collectors/platform: Windows command output → fact fragments. Pure functions: the
// collector runs reg.exe, netsh.exe and powershell.exe (argument vectors, see
// docs/collectors.md) and hands their standard output here. Nothing here
// throws, runs a command or invents a value: what the output does not say stays absent, and
// what could not be read is listed in `problems`. By what they read:
// windows_registry_parse.cpp (reg.exe), windows_json_parse.cpp (PowerShell's ConvertTo-Json),
// windows_netsh_parse.cpp (netsh winsock).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "collectors/platform/command_output.hpp"
#include "engine/facts/fact_value.hpp"

namespace tekigo::collectors {

// ---- reg.exe query -----------------------------------------------------------------------

struct RegValue {
  std::string name;  // "(Default)" (localised) for a key's default value
  std::string type;  // REG_SZ, REG_DWORD, …
  std::string data;  // as printed: REG_DWORD as "0x1cf9", REG_SZ verbatim (trailing blanks kept)
};

struct RegKey {
  std::string path;  // "HKEY_LOCAL_MACHINE\SOFTWARE\…"
  std::vector<RegValue> values;
  // Value by name, compared without regard to case (as the registry does); nullptr if absent.
  const RegValue* find(std::string_view name) const;
};

// `reg query KEY [/v NAME] [/s]` output: one RegKey per key heading, in output order.
// Trailer lines ("End of search: …") and error text are ignored.
std::vector<RegKey> parse_reg_query(std::string_view output);

// REG_DWORD / REG_QWORD data ("0x1cf9") as a number; false when it is not one.
bool reg_number(std::string_view data, std::uint64_t& out);

// ---- facts -------------------------------------------------------------------------------

// `os` from `reg query "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion"`.
FactFragment windows_os_from_reg(std::string_view output);

// os.arch from %PROCESSOR_ARCHITECTURE% (AMD64 → x64, x86, ARM64 → arm64, ARM → arm);
// empty when unknown. Pass PROCESSOR_ARCHITEW6432 instead when it is set (32-bit process).
std::string windows_arch(std::string_view processor_architecture);

struct UninstallOptions {
  // docs/facts.md keeps SystemComponent=1 entries (hidden from "Programs and Features", but
  // installed); set to false to drop them.
  bool keep_system_components = true;
};

// `software` from `reg query …\Uninstall /s` of every hive (HKLM 64-bit view, HKLM
// WOW6432Node, each HKU\<SID>), one output per hive. Entries without DisplayName and updates
// (ParentKeyName, ReleaseType Update/Hotfix/Security Update) are skipped; identical
// name+version+publisher entries from several hives are listed once.
FactFragment windows_software_from_reg(const std::vector<std::string>& outputs,
                                       const UninstallOptions& options = {});

// The user hives (SIDs) worth querying from `reg query HKU` output: S-1-5-21-… (and
// S-1-12-1-… for Azure AD accounts), without the "_Classes" hives.
std::vector<std::string> windows_user_hives(std::string_view reg_query_hku_output);

// Outputs of the browser registry queries; an empty string means "key not present".
struct WindowsBrowserOutputs {
  std::string internet_explorer;  // reg query "HKLM\SOFTWARE\Microsoft\Internet Explorer"
  std::vector<std::string>
      edge;  // reg query "…\EdgeUpdate\Clients\{56EB18F8-…}" /v pv (HKLM WOW6432Node, HKLM, HKCU)
  std::vector<std::string> chrome;   // reg query "…\Google\Update\Clients\{8A69D345-…}" /v pv
  std::vector<std::string> firefox;  // reg query "HKLM\SOFTWARE\Mozilla\Mozilla Firefox" /v
                                     // CurrentVersion (/reg:64, /reg:32)
};

// `browsers`: ie from svcVersion (Version only below IE 10), edge/chrome from pv, firefox
// from CurrentVersion ("85.0 (x64 ja)" → "85.0").
FactFragment windows_browsers_from_reg(const WindowsBrowserOutputs& outputs);

// `network.proxy` from `reg query "HKCU\Software\Microsoft\Windows\CurrentVersion\Internet
// Settings"`: the proxy used for https (ProxyEnable=1 and ProxyServer — an https= entry of a
// per-protocol list, or the single entry — as http://host:port), else "pac+" AutoConfigURL,
// else null (collected: no proxy). found=false when the key could not be read.
FactFragment windows_proxy_from_reg(std::string_view output);

// `network.adapters` from `Get-NetAdapter | Select-Object Name, InterfaceDescription |
// ConvertTo-Json` (an array, or one object when there is one adapter).
FactFragment windows_adapters_from_json(std::string_view json);

// `services` from `Get-Service | Select-Object Name, DisplayName, Status, StartType |
// ConvertTo-Json`: Status/StartType as numbers (PowerShell 5.1) or names (7).
FactFragment windows_services_from_json(std::string_view json);

// `features` from the features probe of docs/collectors.md:
// {"ics":[{"Name":…,"SharingEnabled":bool},…] or one object, "hotspot":"On"|"Off"|…}.
// internet_connection_sharing is true when any connection shares; mobile_hotspot when the
// tethering state is On. Missing or unknown parts stay absent.
FactFragment windows_features_from_json(std::string_view json);

// `network.layered_service_providers` from `netsh winsock show catalog` (English labels):
// layered entries (entry type "Layered…" or protocol chain length ≠ 1) whose provider DLL is
// not one of Windows' own, once per description+path.
FactFragment windows_lsp_from_netsh(std::string_view output);

// `disk` from `Get-CimInstance Win32_LogicalDisk -Filter "DeviceID='C:'" | Select-Object
// DeviceID, FreeSpace | ConvertTo-Json` (or Get-PSDrive's "Free").
FactFragment windows_disk_from_json(std::string_view json);

}  // namespace tekigo::collectors
