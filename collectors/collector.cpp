// collectors: `tekigo collect` — the steps on Linux (for real on this machine), the
// orchestration of steps and probes, and the policy-driven choice of steps.
#include "collectors/collector.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "collectors/probes/probe.hpp"
#include "collectors/seams/command.hpp"
#include "collectors/seams/system_api.hpp"
#include "engine/fact_dump.hpp"

namespace tekigo::collectors {

using engine::FactValue;

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    pos = end + 1;
  }
  return out;
}

std::vector<std::string_view> split(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (true) {
    std::size_t end = line.find(sep, pos);
    out.push_back(
        line.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return out;
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string unquote(std::string_view v) {
  v = trim(v);
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) {
    std::string out;
    for (std::size_t i = 1; i + 1 < v.size(); ++i) {
      if (v[i] == '\\' && i + 2 < v.size()) ++i;
      out += v[i];
    }
    return out;
  }
  return std::string(v);
}

// `path` under the root the options read from (tests use a fake one); with the real root
// the path is used as it is (on Windows it has a drive letter that the root would drop).
std::filesystem::path under(const CollectOptions& o, std::string_view path) {
  if (o.root == "/") return std::filesystem::path(path);
  return std::filesystem::path(o.root) / std::filesystem::path(path).relative_path();
}

CommandOptions command_options(const CollectOptions& o) {
  CommandOptions c;
  c.timeout = o.command_timeout;
  c.environment = {{"LC_ALL", "C.UTF-8"}};
  return c;
}

std::string now_rfc3339() {
  return sys::local_rfc3339(std::time(nullptr));
}

}  // namespace

// ---- pure parsers ----------------------------------------------------------------------

FactValue parse_os_release(std::string_view text) {
  FactValue out = FactValue::map();
  for (std::string_view line : lines_of(text)) {
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    auto eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string key(trim(line.substr(0, eq)));
    std::string value = unquote(line.substr(eq + 1));
    if (key == "PRETTY_NAME")
      out.set("name", FactValue::string(value));
    else if (key == "VERSION_ID")
      out.set("version", FactValue::string(value));
    else if (key == "ID")
      out.set("id", FactValue::string(value));
    else if (key == "ID_LIKE")
      out.set("id_like", FactValue::string(value));
  }
  return out;
}

FactValue parse_dpkg_list(std::string_view text) {
  FactValue::List items;
  for (std::string_view line : lines_of(text)) {
    auto f = split(line, '\t');
    if (f.size() < 4 || trim(f[0]).empty()) continue;
    if (trim(f[3]).substr(0, 2) != "ii") continue;  // installed, not just known
    FactValue item = FactValue::map();
    item.set("name", FactValue::string(std::string(trim(f[0]))));
    if (!trim(f[1]).empty()) item.set("version", FactValue::string(std::string(trim(f[1]))));
    if (!trim(f[2]).empty()) item.set("publisher", FactValue::string(std::string(trim(f[2]))));
    items.push_back(std::move(item));
  }
  return FactValue::list(std::move(items));
}

FactValue parse_rpm_list(std::string_view text) {
  FactValue::List items;
  for (std::string_view line : lines_of(text)) {
    auto f = split(line, '\t');
    if (f.empty() || trim(f[0]).empty()) continue;
    FactValue item = FactValue::map();
    item.set("name", FactValue::string(std::string(trim(f[0]))));
    if (f.size() > 1 && !trim(f[1]).empty())
      item.set("version", FactValue::string(std::string(trim(f[1]))));
    if (f.size() > 2 && !trim(f[2]).empty() && trim(f[2]) != "(none)")
      item.set("publisher", FactValue::string(std::string(trim(f[2]))));
    items.push_back(std::move(item));
  }
  return FactValue::list(std::move(items));
}

std::optional<std::string> parse_browser_version(std::string_view text) {
  // The first word that starts with a digit and holds a dot: "Mozilla Firefox 115.6.0esr" →
  // 115.6.0esr.
  for (std::string_view line : lines_of(text)) {
    std::size_t pos = 0;
    while (pos < line.size()) {
      std::size_t end = line.find(' ', pos);
      if (end == std::string_view::npos) end = line.size();
      std::string_view word = line.substr(pos, end - pos);
      if (!word.empty() && std::isdigit(static_cast<unsigned char>(word.front())) &&
          word.find('.') != std::string_view::npos)
        return std::string(word);
      pos = end + 1;
    }
  }
  return std::nullopt;
}

FactValue parse_systemctl_units(std::string_view units, std::string_view unit_files) {
  std::map<std::string, std::string> start;
  for (std::string_view line : lines_of(unit_files)) {
    std::istringstream in{std::string(line)};
    std::string unit, state;
    if (!(in >> unit >> state)) continue;
    if (unit.size() > 8 && unit.ends_with(".service")) unit.resize(unit.size() - 8);
    if (state == "enabled" || state == "enabled-runtime")
      start[unit] = "auto";
    else if (state == "disabled")
      start[unit] = "manual";
    else if (state == "masked")
      start[unit] = "disabled";
  }
  FactValue::List items;
  for (std::string_view line : lines_of(units)) {
    // UNIT LOAD ACTIVE SUB DESCRIPTION…
    std::istringstream in{std::string(line)};
    std::string unit, load, active, sub;
    if (!(in >> unit >> load >> active >> sub)) continue;
    if (!unit.ends_with(".service")) continue;
    std::string name = unit.substr(0, unit.size() - 8);
    std::string description;
    std::getline(in, description);
    FactValue item = FactValue::map();
    item.set("name", FactValue::string(name));
    item.set("state",
             FactValue::string(active == "active" && sub == "running" ? "running" : "stopped"));
    if (auto it = start.find(name); it != start.end())
      item.set("start", FactValue::string(it->second));
    if (!trim(description).empty())
      item.set("display_name", FactValue::string(std::string(trim(description))));
    items.push_back(std::move(item));
  }
  return FactValue::list(std::move(items));
}

// ---- Linux steps -------------------------------------------------------------------------

StepResult collect_linux_os(const CollectOptions& o) {
  StepResult r("os");
  auto text = read_file(under(o, "/etc/os-release"));
  if (!text) text = read_file(under(o, "/usr/lib/os-release"));
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
  CommandOptions c = command_options(o);
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
  for (auto it = std::filesystem::directory_iterator(under(o, "/sys/class/net"), ec);
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
        for (std::string_view line : lines_of(*uevent))
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
    if (auto env = read_file(under(o, "/etc/environment")))
      for (std::string_view line : lines_of(*env)) {
        auto eq = line.find('=');
        if (eq == std::string_view::npos) continue;
        std::string key(trim(line.substr(0, eq)));
        if (key.rfind("export ", 0) == 0) key = std::string(trim(std::string_view(key).substr(7)));
        if ((key == "https_proxy" || key == "HTTPS_PROXY" || key == "http_proxy" ||
             key == "HTTP_PROXY") &&
            !unquote(line.substr(eq + 1)).empty()) {
          proxy = unquote(line.substr(eq + 1));
          break;
        }
      }
  network.set("proxy", proxy ? FactValue::string(*proxy) : FactValue());
  r.facts.set("network", std::move(network));
  return r;
}

StepResult collect_linux_services(const CollectOptions& o) {
  StepResult r("services");
  CommandOptions c = command_options(o);
  CommandResult units = run_command(
      "systemctl",
      {"list-units", "--type=service", "--all", "--no-legend", "--no-pager", "--plain"}, c);
  if (!units.ok()) {
    std::string why = units.error;
    if (!trim(units.err).empty()) why += ": " + std::string(trim(lines_of(units.err).front()));
    r.errors.push_back("services: " + why);
    return r;
  }
  CommandResult files = run_command(
      "systemctl", {"list-unit-files", "--type=service", "--no-legend", "--no-pager"}, c);
  r.facts.set("services", parse_systemctl_units(units.out, files.ok() ? files.out : std::string()));
  return r;
}

// ---- orchestration -------------------------------------------------------------------------

Platform this_platform() {
#if defined(_WIN32)
  return Platform::windows;
#elif defined(__APPLE__)
  return Platform::macos;
#else
  return Platform::linux;
#endif
}

namespace {

// Does the plan read anything under one of `roots`? Without a plan, everything is wanted.
bool wanted(const engine::CollectionPlan* plan, std::initializer_list<std::string_view> roots) {
  if (!plan) return true;
  for (const auto& path : plan->fact_paths)
    for (std::string_view root : roots)
      if (path == root || path.rfind(std::string(root) + ".", 0) == 0 ||
          std::string_view(root).rfind(path + ".", 0) == 0)
        return true;
  return false;
}

}  // namespace

FactValue collect(const engine::CollectionPlan* plan, const CollectOptions& options,
                  const std::function<void(const StepResult&)>& on_part) {
  FactValue dump = FactValue::map();
  dump.set("schema", FactValue::string("tekigo.facts/1"));
  std::string subject = options.subject;
  if (subject.empty()) {
    subject = sys::host_name();
  }
  dump.set("subject", FactValue::string(subject.empty() ? "unknown-host" : subject));
  std::vector<std::string> errors;

  auto take = [&](StepResult part) {
    merge_facts(dump, part.facts, nullptr);
    for (auto& e : part.errors) errors.push_back(std::move(e));
    if (on_part) on_part(part);
  };

  switch (options.platform) {
    case Platform::linux:
      if (wanted(plan, {"os"})) take(collect_linux_os(options));
      if (wanted(plan, {"software", "browsers"})) take(collect_linux_software(options));
      if (wanted(plan, {"disk"})) take(collect_linux_disk(options));
      if (wanted(plan, {"network.adapters", "network.proxy", "dns"}))
        take(collect_linux_network(options));
      if (wanted(plan, {"services"})) take(collect_linux_services(options));
      break;
    case Platform::windows:
    case Platform::macos: {
      // The platform steps run together; what the policy does not read is dropped.
      auto keep = [&](StepResult part) {
        static const std::vector<std::pair<std::string, std::vector<std::string_view>>> roots = {
            {"os", {"os"}},
            {"software", {"software", "browsers"}},
            {"disk", {"disk"}},
            {"network", {"network", "dns"}},
            {"services", {"services"}},
            {"features", {"features"}}};
        for (const auto& [step, wanted_roots] : roots)
          if (part.step == step) {
            bool any = false;
            for (auto r : wanted_roots) any |= wanted(plan, {r});
            if (!any) return;
          }
        take(std::move(part));
      };
      if (options.platform == Platform::windows)
        collect_windows(options, keep);
      else
        collect_macos(options, keep);
      break;
    }
  }

  // Probes: the names and ports the policy names, at the addresses this terminal resolves.
  if (plan && (!plan->names.empty() || !plan->probes.empty())) {
    if (!options.network) {
      errors.push_back("dns, reach: skipped (--no-network)");
    } else {
      ProbeOptions p;
      p.deadline = options.probe_deadline;
      p.hosts_file = under(options, sys::hosts_file()).string();
      p.resolv_conf = under(options, "/etc/resolv.conf").string();
      // Windows keeps its DNS servers in the adapters' settings, not in resolv.conf.
      if (auto servers = sys::system_nameservers()) {
        p.nameservers = servers->addresses;
        p.nameservers_source = servers->addresses.empty() ? servers->error : servers->source;
        p.resolv_conf.clear();
      }
      if (const FactValue* network = dump.find("network"))
        if (const FactValue* proxy = network->find("proxy"); proxy && proxy->is_string())
          p.proxy = proxy->as_string();
      StepResult part("probes");
      part.facts = probe_facts(*plan, p);
      take(std::move(part));
    }
  }

  FactValue collected = FactValue::map();
  collected.set("at", FactValue::string(now_rfc3339()));
  collected.set("by", FactValue::string("tekigo collect 0.1.0"));
  if (!errors.empty()) {
    FactValue::List list;
    for (const auto& e : errors) {
      FactValue item = FactValue::map();
      auto colon = e.find(':');
      item.set("step",
               FactValue::string(colon == std::string::npos ? "collect" : e.substr(0, colon)));
      item.set("message", FactValue::string(colon == std::string::npos
                                                ? e
                                                : std::string(trim(e.substr(colon + 1)))));
      list.push_back(std::move(item));
    }
    collected.set("errors", FactValue::list(std::move(list)));
  }
  // `collected` goes right after the header, as in the contract's examples.
  FactValue ordered = FactValue::map();
  ordered.set("schema", *dump.find("schema"));
  ordered.set("subject", *dump.find("subject"));
  ordered.set("collected", std::move(collected));
  for (auto& [key, value] : dump.as_map())
    if (key != "schema" && key != "subject") ordered.set(key, std::move(value));
  return ordered;
}

}  // namespace tekigo::collectors
