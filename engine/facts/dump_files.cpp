// engine/facts: the dump files under directories, walked one directory at a time.
#include "engine/facts/dump_files.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "engine/common/text.hpp"
#include "engine/common/text_file.hpp"
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
    errors.push_back({utf8_of(dir), "", fmt::format("cannot walk: {}", ec.message())});
    return;
  }
  std::sort(entries.begin(), entries.end());
  for (const auto& entry : entries) {
    std::error_code entry_ec;
    const fs::file_status own = entry.symlink_status(entry_ec);
    if (fs::is_symlink(own)) {
      // Links to directories are not followed (a link to an ancestor would loop); links to
      // dumps are. A dangling link named like a dump is a dump that went missing: say so.
      // A link named like a dump to anything but a regular file (/dev/zero, a FIFO, a loop,
      // a directory) is an error, not a silent skip: it was meant to be a dump.
      if (!dump_extension(entry.path())) continue;
      std::string error;
      if (regular_file(entry.path(), error))
        files.push_back(entry.path());
      else
        errors.push_back({utf8_of(entry.path()), "", std::move(error)});
    } else if (fs::is_directory(own)) {
      walk_directory(entry.path(), files, errors);
    } else if (dump_extension(entry.path())) {
      std::string error;
      if (fs::is_regular_file(own) || regular_file(entry.path(), error))
        files.push_back(entry.path());
      else
        errors.push_back({utf8_of(entry.path()), "", std::move(error)});
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
    } else if (std::string error; regular_file(path, error)) {
      files.push_back(path);
    } else {
      errors.push_back({utf8_of(path), "", std::move(error)});
    }
  }
  return files;
}

}  // namespace tekigo::engine
