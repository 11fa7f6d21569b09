// collectors/platform: the macOS steps of `tekigo collect` — sw_vers, system_profiler, df,
// networksetup, scutil and launchctl (docs/collectors.md), run through Boost.Process, their
// output handed to the parsers of macos_parse.hpp. They compile everywhere and are chosen at
// run time; on Linux they are exercised with stub commands that print recorded outputs.
#include "collectors/platform/macos_parse.hpp"
#include "collectors/platform/steps.hpp"
#include "collectors/seams/command.hpp"

namespace tekigo::collectors {

using engine::FactValue;

void collect_macos(const CollectOptions& o, const std::function<void(StepResult)>& take) {
  CommandOptions clean = step_command_options(o);
  clean.clean_environment = true;  // SYSTEM_VERSION_COMPAT=1 would report Big Sur as 10.16
  {
    StepResult step("os");
    CommandResult r = run_command("sw_vers", {}, clean);
    if (r.ok()) {
      FactFragment os = macos_os_from_sw_vers(r.out);
      CommandResult m = run_command("uname", {"-m"}, step_command_options(o));
      if (os.found && m.ok() && !macos_arch(m.out).empty())
        os.value.set("arch", FactValue::string(macos_arch(m.out)));
      place_fragment(step, "os", os);
    } else {
      record_command_failure(step, r);
    }
    take(std::move(step));
  }
  {
    StepResult step("software");
    CommandResult r = run_command("system_profiler", {"SPApplicationsDataType", "-json"},
                                  step_command_options(o, 24));
    if (r.ok()) {
      MacApplications apps = macos_applications_from_system_profiler(r.out);
      place_fragment(step, "software", apps.software);
      StepResult browsers("software");
      place_fragment(browsers, "browsers", apps.browsers);
      for (auto& e : browsers.errors) step.errors.push_back(std::move(e));
      if (const FactValue* v = browsers.facts.find("browsers")) step.facts.set("browsers", *v);
    } else {
      record_command_failure(step, r);
    }
    take(std::move(step));
  }
  {
    StepResult step("disk");
    CommandResult r = run_command("df", {"-k", "/"}, step_command_options(o));
    if (r.ok())
      place_fragment(step, "disk", macos_disk_from_df(r.out));
    else
      record_command_failure(step, r);
    take(std::move(step));
  }
  {
    StepResult step("network");
    FactValue network = FactValue::map();
    CommandResult ports =
        run_command("networksetup", {"-listallhardwareports"}, step_command_options(o));
    if (ports.ok()) {
      FactFragment a = macos_adapters_from_networksetup(ports.out);
      for (const auto& p : a.problems) step.errors.push_back("network: " + p);
      if (a.found) network.set("adapters", a.value);
    } else {
      record_command_failure(step, ports);
    }
    CommandResult proxy = run_command("scutil", {"--proxy"}, step_command_options(o));
    if (proxy.ok()) {
      FactFragment p = macos_proxy_from_scutil(proxy.out);
      for (const auto& e : p.problems) step.errors.push_back("network: " + e);
      if (p.found) network.set("proxy", p.value);
    } else {
      record_command_failure(step, proxy);
    }
    step.facts.set("network", std::move(network));
    take(std::move(step));
  }
  {
    StepResult step("services");
    CommandResult r = run_command("launchctl", {"list"}, step_command_options(o));
    if (r.ok())
      place_fragment(step, "services", macos_services_from_launchctl(r.out));
    else
      record_command_failure(step, r);
    take(std::move(step));
  }
}

}  // namespace tekigo::collectors
