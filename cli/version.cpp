// cli: the version line; TEKIGO_COMMIT comes from a header written at every build
// (scripts/tekigo_commit.cmake), so only this file is recompiled when the commit changes.
#include "cli/version.hpp"

#include "cli/tekigo_commit.hpp"  // generated in the build tree (cli/CMakeLists.txt)

#ifndef TEKIGO_VERSION
#define TEKIGO_VERSION "0.0.0"
#endif

namespace tekigo::cli {

std::string version_line() {
  return "tekigo " TEKIGO_VERSION " (" TEKIGO_COMMIT ")";
}

}  // namespace tekigo::cli
