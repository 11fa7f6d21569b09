// collectors/platform: the Linux steps of `tekigo collect` — files under /etc, /sys and
// /proc (read under CollectOptions::root), dpkg-query or rpm, each browser's --version,
// statvfs and systemctl, handed to the readers of linux_parse.hpp.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "collectors/platform/linux_parse.hpp"
#include "collectors/platform/steps.hpp"
#include "collectors/seams/command.hpp"
#include "collectors/seams/system_api.hpp"
#include "engine/common/text.hpp"

namespace tekigo::collectors {

using engine::FactValue;
using engine::trim;

namespace {

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A Linux step's command options: the collection's timeout, and LC_ALL=C.UTF-8 as the
// environment (CommandOptions::environment).
CommandOptions linux_command_options(const CollectOptions& o) {
  CommandOptions c;
  c.timeout = o.command_timeout;
  c.environment = {{"LC_ALL", "C.UTF-8"}};
  return c;
}

}  // namespace

StepResult collect_linux_os(const CollectOptions& o) {
  StepResult r("os");
  auto text = read_file(under_root(o, "/etc/os-release"));
  if (!text) text = read_file(under_root(o, "/usr/lib/os-release"));
  FactValue os = FactValue::map();
  os.set("family", FactValue::string("linux"));
  if (!text) {
    r.errors.push_back("os: cannot read /etc/os-release or /usr/lib/os-release");
  } else {
    FactValue parsed = parse_os_release(*text);
    for (const char* key : {"name", "version"})
      if (const FactValue* v = parsed.find(key)) os.set(key, *v);
  }
  if (auto kernel = sys::kernel_info()) {
    os.set("build", FactValue::string(kernel->release));
    os.set("arch", FactValue::string(kernel->machine));
  }
  r.facts.set("os", std::move(os));
  return r;
}

StepResult collect_linux_software(const CollectOptions& o) {
  StepResult r("software");
  CommandOptions c = linux_command_options(o);
  CommandResult dpkg = run_command(
      "dpkg-query", {"-W", "-f=${Package}\t${Version}\t${Maintainer}\t${db:Status-Abbrev}\n"}, c);
  FactValue software;
  if (dpkg.ok()) {
    software = parse_dpkg_list(dpkg.out);
  } else {
    CommandResult rpm =
        run_command("rpm", {"-qa", "--qf", "%{NAME}\t%{VERSION}-%{RELEASE}\t%{VENDOR}\n"}, c);
    if (rpm.ok())
      software = parse_rpm_list(rpm.out);
    else
      r.errors.push_back(fmt::format("software: {}; {}", dpkg.error, rpm.error));
  }
  // Browsers: ask each installed browser for its version; fall back to its package version.
  struct Browser {
    const char* id;
    std::vector<const char*> programs;
    std::vector<const char*> packages;
  };
  const std::vector<Browser> browsers = {
      {"chromium", {"chromium", "chromium-browser"}, {"chromium", "chromium-browser"}},
      {"chrome", {"google-chrome", "google-chrome-stable"}, {"google-chrome-stable"}},
      {"firefox", {"firefox", "firefox-esr"}, {"firefox", "firefox-esr"}},
      {"edge", {"microsoft-edge", "microsoft-edge-stable"}, {"microsoft-edge-stable"}},
  };
  FactValue::List found;
  for (const auto& b : browsers) {
    std::optional<std::string> version;
    for (const char* program : b.programs) {
      CommandResult v = run_command(program, {"--version"}, c);
      if (v.ok()) version = parse_browser_version(v.out);
      if (version) break;
    }
    if (!version && software.is_list())
      for (const auto& item : software.as_list())
        for (const char* package : b.packages)
          if (item.find("name")->as_string() == package && item.find("version")) {
            std::string pv = item.find("version")->as_string();
            if (auto colon = pv.find(':'); colon != std::string::npos)
              pv = pv.substr(colon + 1);  // epoch
            version = pv.substr(0, pv.find('-'));
          }
    if (!version) continue;
    FactValue entry = FactValue::map();
    entry.set("id", FactValue::string(b.id));
    entry.set("version", FactValue::string(*version));
    found.push_back(std::move(entry));
  }
  if (software.is_list()) {
    r.facts.set("software", std::move(software));
    r.facts.set("browsers",
                FactValue::list(std::move(found)));  // complete only when software was readable
  }
  return r;
}

StepResult collect_linux_disk(const CollectOptions& o) {
  StepResult r("disk");
  std::string error;
  auto free = sys::free_bytes(o.root, error);
  if (!free) {
    r.errors.push_back("disk: " + error);
    return r;
  }
  FactValue disk = FactValue::map();
  disk.set("system_free_bytes", FactValue::integer(*free));
  r.facts.set("disk", std::move(disk));
  return r;
}

StepResult collect_linux_network(const CollectOptions& o) {
  StepResult r("network");
  FactValue network = FactValue::map();
  std::error_code ec;
  std::vector<std::filesystem::path> interfaces;
  for (auto it = std::filesystem::directory_iterator(under_root(o, "/sys/class/net"), ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
    interfaces.push_back(it->path());
  if (ec) {
    r.errors.push_back(
        fmt::format("network.adapters: cannot list /sys/class/net: {}", ec.message()));
  } else {
    std::sort(interfaces.begin(), interfaces.end());
    FactValue::List adapters;
    for (const auto& dir : interfaces) {
      std::string name = dir.filename().string();
      if (name == "lo") continue;
      std::string description;
      std::error_code lec;
      auto driver = std::filesystem::read_symlink(dir / "device" / "driver", lec);
      if (!lec) description = driver.filename().string();
      if (auto uevent = read_file(dir / "uevent")) {
        for (std::string_view line : split_lf_lines(*uevent))
          if (line.rfind("DEVTYPE=", 0) == 0)
            description = description.empty() ? std::string(line.substr(8))
                                              : description + " " + std::string(line.substr(8));
      }
      if (description.empty())
        description = std::filesystem::exists(dir / "device") ? "device" : "virtual";
      FactValue a = FactValue::map();
      a.set("name", FactValue::string(name));
      a.set("description", FactValue::string(description));
      adapters.push_back(std::move(a));
    }
    network.set("adapters", FactValue::list(std::move(adapters)));
  }
  // The proxy the browser uses: the environment, then /etc/environment.
  std::optional<std::string> proxy;
  for (const char* var : {"https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"})
    if (const char* v = std::getenv(var); v && *v) {
      proxy = v;
      break;
    }
  if (!proxy)
    if (auto env = read_file(under_root(o, "/etc/environment")))
      for (std::string_view line : split_lf_lines(*env)) {
        auto eq = line.find('=');
        if (eq == std::string_view::npos) continue;
        std::string key(trim(line.substr(0, eq)));
        if (key.rfind("export ", 0) == 0) key = std::string(trim(std::string_view(key).substr(7)));
        if ((key == "https_proxy" || key == "HTTPS_PROXY" || key == "http_proxy" ||
             key == "HTTP_PROXY") &&
            !unquote_value(line.substr(eq + 1)).empty()) {
          proxy = unquote_value(line.substr(eq + 1));
          break;
        }
      }
  network.set("proxy", proxy ? FactValue::string(*proxy) : FactValue());
  r.facts.set("network", std::move(network));
  return r;
}

StepResult collect_linux_services(const CollectOptions& o) {
  StepResult r("services");
  CommandOptions c = linux_command_options(o);
  CommandResult units = run_command(
      "systemctl",
      {"list-units", "--type=service", "--all", "--no-legend", "--no-pager", "--plain"}, c);
  if (!units.ok()) {
    std::string why = units.error;
    if (!trim(units.err).empty())
      why += ": " + std::string(trim(split_lf_lines(units.err).front()));
    r.errors.push_back("services: " + why);
    return r;
  }
  CommandResult files = run_command(
      "systemctl", {"list-unit-files", "--type=service", "--no-legend", "--no-pager"}, c);
  r.facts.set("services", parse_systemctl_units(units.out, files.ok() ? files.out : std::string()));
  return r;
}

}  // namespace tekigo::collectors
