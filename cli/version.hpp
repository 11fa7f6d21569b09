// cli: the line `tekigo --version` prints — the version and the commit it was built from.
#pragma once

#include <string>

namespace tekigo::cli {

// "tekigo 0.1.0 (commit 0123456789ab)", "(commit … + local changes)" when built from a
// checkout with changes, or "(unknown commit)" when built outside git (a tarball).
std::string version_line();

}  // namespace tekigo::cli
