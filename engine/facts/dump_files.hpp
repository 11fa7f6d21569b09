// engine/facts: finding the dump files under the paths a user gives.
#pragma once

#include <filesystem>
#include <vector>

#include "engine/facts/fact_document.hpp"

namespace tekigo::engine {

// Files to check under `paths`: files as given, directories walked recursively for
// .json/.jsonl/.ndjson/.yaml/.yml in any case, sorted by path. The walk enters hidden
// directories but not symbolic links to directories (no loops); it follows links to files.
// A subdirectory that cannot be read, or a link named like a dump that leads nowhere, is an
// error for that path, and the walk goes on with the rest.
std::vector<std::filesystem::path> collect_fact_files(
    const std::vector<std::filesystem::path>& paths, std::vector<FactError>& errors);

}  // namespace tekigo::engine
