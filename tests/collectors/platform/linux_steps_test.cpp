// Tests for collectors/platform/linux_parse and linux_steps: the parsers on outputs recorded on
// Debian 12 (tests/recordings/linux/), and the collection steps run for real on this machine.
#include <sys/statvfs.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "collectors/collector.hpp"
#include "collectors/platform/linux_parse.hpp"
#include "collectors/seams/command.hpp"
#include "engine/facts/fact_dump.hpp"

using namespace tekigo;
using namespace tekigo::collectors;

namespace {
std::string recording(const char* name) {
  std::ifstream in(std::string(TEKIGO_SOURCE_DIR "/tests/recordings/linux/") + name);
  REQUIRE(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST_CASE("os-release: quoted and bare values, comments and blank lines", "[linux]") {
  auto os = parse_os_release(recording("debian-12-os-release.txt"));
  CHECK(os.find("name")->as_string() == "Debian GNU/Linux 12 (bookworm)");
  CHECK(os.find("version")->as_string() == "12");
  CHECK(os.find("id")->as_string() == "debian");
  auto odd = parse_os_release(
      "# comment\n\nNAME='Fedora Linux'\nVERSION_ID=39\nPRETTY_NAME=\"Fedora \\\"39\\\"\"\r\n");
  CHECK(odd.find("version")->as_string() == "39");
  CHECK(odd.find("name")->as_string() == "Fedora \"39\"");
}

TEST_CASE("dpkg-query listing: installed packages only, with version and maintainer", "[linux]") {
  auto list = parse_dpkg_list(recording("debian-12-dpkg-query.txt"));
  REQUIRE(list.is_list());
  CHECK(list.as_list().size() >= 30);
  const auto& first = list.as_list().front();
  CHECK(first.find("name")->as_string() == "adduser");
  CHECK(first.find("version")->as_string() == "3.134");
  // Removed packages whose configuration remains ("rc") are not installed.
  auto rc =
      parse_dpkg_list("kept\t1.0\tMe <me@example.org>\tii \ngone\t2.0\tMe <me@example.org>\trc \n");
  REQUIRE(rc.as_list().size() == 1);
  CHECK(rc.as_list()[0].find("name")->as_string() == "kept");
}

TEST_CASE("browser --version lines give the version", "[linux]") {
  CHECK(parse_browser_version(recording("chromium-version.txt")) == "156.0.8078.108");
  CHECK(parse_browser_version(
            "Chromium 120.0.6099.224 built on Debian 12.4, running on Debian 12.4\n") ==
        "120.0.6099.224");
  CHECK(parse_browser_version("Mozilla Firefox 115.6.0esr\n") == "115.6.0esr");
  CHECK(parse_browser_version("Google Chrome 120.0.6099.129 \n") == "120.0.6099.129");
  CHECK_FALSE(parse_browser_version("error while loading shared libraries").has_value());
}

TEST_CASE("systemctl listings: state and start mode per service", "[linux]") {
  // The column layout systemctl prints with --no-legend --plain (UNIT LOAD ACTIVE SUB DESCRIPTION).
  auto services = parse_systemctl_units(
      "cron.service loaded active running Regular background program processing daemon\n"
      "ssh.service loaded inactive dead OpenBSD Secure Shell server\n"
      "foo.socket loaded active listening not a service\n",
      "cron.service enabled enabled\nssh.service disabled enabled\n");
  REQUIRE(services.as_list().size() == 2);
  CHECK(services.as_list()[0].find("name")->as_string() == "cron");
  CHECK(services.as_list()[0].find("state")->as_string() == "running");
  CHECK(services.as_list()[0].find("start")->as_string() == "auto");
  CHECK(services.as_list()[1].find("state")->as_string() == "stopped");
  CHECK(services.as_list()[1].find("start")->as_string() == "manual");
}

TEST_CASE("the Linux steps report this machine's real facts", "[linux][live]") {
  CollectOptions options;
  auto os = collect_linux_os(options);
  REQUIRE(os.errors.empty());
  CHECK(os.facts.find("os")->find("family")->as_string() == "linux");
  CHECK(os.facts.find("os")->find("name")->as_string() ==
        parse_os_release(recording("debian-12-os-release.txt")).find("name")->as_string());

  auto software = collect_linux_software(options);
  REQUIRE(software.facts.find("software"));
  CommandResult count = run_command("dpkg-query", {"-W", "-f=${db:Status-Abbrev}\n"});
  REQUIRE(count.ok());
  std::size_t installed = 0;
  for (std::size_t pos = 0; (pos = count.out.find("ii", pos)) != std::string::npos; pos += 2)
    ++installed;
  CHECK(software.facts.find("software")->as_list().size() == installed);
  CHECK(software.facts.find("browsers")->is_list());

  auto disk = collect_linux_disk(options);
  REQUIRE(disk.errors.empty());
  struct statvfs s {};
  REQUIRE(statvfs("/", &s) == 0);
  auto free_bytes = disk.facts.find("disk")->find("system_free_bytes")->as_int();
  auto expected = static_cast<std::int64_t>(s.f_bavail) * static_cast<std::int64_t>(s.f_frsize);
  CHECK(std::llabs(free_bytes - expected) <
        (std::int64_t{256} << 20));  // the disk is in use meanwhile

  auto network = collect_linux_network(options);
  std::size_t interfaces = 0;
  for (const auto& e : std::filesystem::directory_iterator("/sys/class/net"))
    interfaces += e.path().filename() != "lo";
  CHECK(network.facts.find("network")->find("adapters")->as_list().size() == interfaces);
  CHECK(network.facts.find("network")->find("proxy"));
}

TEST_CASE(
    "a whole collection without network is a valid dump; failed steps are recorded, not faked",
    "[linux][live]") {
  CollectOptions options;
  options.subject = "test-terminal";
  options.network = false;
  engine::CollectionPlan plan;
  plan.names = {"sec.ccr.ncc.go.jp"};
  plan.fact_paths = {"os.family", "services", "software"};
  std::vector<std::string> parts;
  auto dump = collect(&plan, options, [&](const StepResult& part) { parts.push_back(part.step); });
  auto problems = engine::validate_facts(dump, "collected");
  for (const auto& p : problems) INFO(p.to_string());
  CHECK(problems.empty());
  CHECK(dump.find("subject")->as_string() == "test-terminal");
  CHECK(dump.find("dns") == nullptr);   // no network: no made-up resolution
  CHECK(dump.find("disk") == nullptr);  // the policy does not read it: not collected
  CHECK(parts == std::vector<std::string>{"os", "software", "services"});
  const auto* errors = dump.find("collected")->find("errors");
  REQUIRE(errors);
  bool skipped = false;
  for (const auto& e : errors->as_list()) skipped |= e.find("step")->as_string() == "dns, reach";
  CHECK(skipped);
  // On a machine without systemd, services are left out and the reason recorded.
  if (!dump.find("services")) {
    bool said = false;
    for (const auto& e : errors->as_list()) said |= e.find("step")->as_string() == "services";
    CHECK(said);
  }
  // Written as JSON and read back, it is the same dump.
  auto back =
      engine::parse_facts(engine::write_facts_json(dump), "back.json", engine::FactFormat::json);
  REQUIRE(back.errors.empty());
  CHECK(back.documents[0].root == dump);
  auto yaml =
      engine::parse_facts(engine::write_facts_yaml(dump), "back.yaml", engine::FactFormat::yaml);
  REQUIRE(yaml.errors.empty());
  CHECK(yaml.documents[0].root == dump);
}
