// tekigo-collect-steps-as PLATFORM SUBJECT OUT: the collection steps of one platform
// (windows, macos, linux), run here without the network, their dump written as JSON to OUT.
// The Pester suite (collect.Tests.ps1) runs it with stub reg.exe/powershell.exe/netsh.exe first
// in PATH, printing the recordings a scenario names, so that the C++ Windows parsers and
// collect.ps1 read the same terminal and their dumps can be compared. A test program only:
// `tekigo collect` has no platform option, a terminal is what it is.
#include <fstream>
#include <iostream>
#include <string>

#include "collectors/collector.hpp"
#include "engine/facts/fact_writer.hpp"

int main(int argc, char** argv) {
  using tekigo::collectors::Platform;
  if (argc != 4) {
    std::cerr << "usage: tekigo-collect-steps-as windows|macos|linux SUBJECT OUT\n";
    return 2;
  }
  const std::string platform = argv[1];
  tekigo::collectors::CollectOptions options;
  if (platform == "windows")
    options.platform = Platform::windows;
  else if (platform == "macos")
    options.platform = Platform::macos;
  else if (platform == "linux")
    options.platform = Platform::linux;
  else {
    std::cerr << "tekigo-collect-steps-as: unknown platform '" << platform << "'\n";
    return 2;
  }
  options.subject = argv[2];
  options.network = false;
  const auto dump = tekigo::collectors::collect(nullptr, options);
  std::ofstream out(argv[3], std::ios::binary);
  out << tekigo::engine::write_facts_json(dump);
  if (!out) {
    std::cerr << "tekigo-collect-steps-as: cannot write " << argv[3] << "\n";
    return 2;
  }
  return 0;
}
