// engine/facts: the dump files under directories, walked one directory at a time.
#include "engine/facts/dump_files.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "engine/common/text.hpp"
#include "engine/facts/fact_reader.hpp"

namespace tekigo::engine {

namespace {

bool dump_extension(const std::filesystem::path& file) {
  const std::string ext = ascii_lower(file.extension().string());  // PC01.JSON too
  return ext == ".json" || ext == ".jsonl" || ext == ".ndjson" || ext == ".yaml" || ext == ".yml";
}

// Walks `dir` one directory at a time, so that a subdirectory that cannot be read costs only
// its own files (recursive_directory_iterator ends the whole walk at the first such error).
// Entries are visited in name order (see collect_fact_files).
void walk_directory(const std::filesystem::path& dir, std::vector<std::filesystem::path>& files,
                    std::vector<FactError>& errors) {
  namespace fs = std::filesystem;
  std::vector<fs::directory_entry> entries;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    entries.push_back(*it);
  if (ec) {
    errors.push_back({dir.string(), "", fmt::format("cannot walk: {}", ec.message())});
    return;
  }
  std::sort(entries.begin(), entries.end());
  for (const auto& entry : entries) {
    std::error_code entry_ec;
    const fs::file_status own = entry.symlink_status(entry_ec);
    if (fs::is_symlink(own)) {
      // Links to directories are not followed (a link to an ancestor would loop); links to
      // dumps are. A dangling link named like a dump is a dump that went missing: say so.
      if (!dump_extension(entry.path())) continue;
      const fs::file_status target = fs::status(entry.path(), entry_ec);
      if (fs::is_regular_file(target))
        files.push_back(entry.path());
      else if (target.type() == fs::file_type::not_found)
        errors.push_back({entry.path().string(), "", "broken symbolic link"});
      else if (entry_ec)
        errors.push_back(
            {entry.path().string(), "", fmt::format("cannot read: {}", entry_ec.message())});
    } else if (fs::is_directory(own)) {
      walk_directory(entry.path(), files, errors);
    } else if (fs::is_regular_file(own) && dump_extension(entry.path())) {
      files.push_back(entry.path());
    }
  }
}

}  // namespace

std::vector<std::filesystem::path> collect_fact_files(
    const std::vector<std::filesystem::path>& paths, std::vector<FactError>& errors) {
  std::vector<std::filesystem::path> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      // Each directory's entries in name order, depth first: that is path order (paths
      // compare element by element), so no sort is needed afterwards.
      walk_directory(path, files, errors);
    } else if (std::filesystem::exists(path, ec)) {
      files.push_back(path);
    } else {
      errors.push_back({path.string(), "", "no such file or directory"});
    }
  }
  return files;
}

}  // namespace tekigo::engine
