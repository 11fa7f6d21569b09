// cli: what the commands share (see common.hpp).
#include "cli/common.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "dsl/ast/diagnostic.hpp"
#include "engine/common/text.hpp"
#include "engine/common/text_file.hpp"
#include "engine/common/utf8.hpp"
#include "engine/facts/fact_dump.hpp"

namespace tekigo::cli {

void complain(std::string_view message) {
  // Messages quote their input (a dump's key, a file's name from a USB stick): a control
  // character in it would reach the terminal as it is, an ESC sequence included.
  std::cerr << "tekigo: " << engine::printable(message) << '\n';
}

void add_jobs_option(CLI::App& app, unsigned& jobs, std::string_view what) {
  app.add_option("--jobs,-j", jobs,
                 fmt::format("{}, at most {} (default, and 0: every core).", what, kMaxJobs))
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            unsigned long long n = 0;
            const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (ec == std::errc::result_out_of_range ||
                (ec == std::errc() && end == value.data() + value.size() && n > kMaxJobs))
              return fmt::format("at most {}", kMaxJobs);
            return {};  // anything else is for CLI11's conversion to judge
          },
          fmt::format("0-{}", kMaxJobs)));
}

bool jobs_in_range(unsigned jobs, std::string_view command) {
  if (jobs <= kMaxJobs) return true;
  complain(fmt::format("{}: --jobs: at most {}", command, kMaxJobs));
  return false;
}

CLI::Option* add_color_option(CLI::App* command, std::string& mode, const std::string& what) {
  return command->add_option("--color", mode, what)
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
}

bool use_color(const std::string& mode, int fd) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return isatty(fd) == 1;
}

engine::Date today_utc() {
  const auto now = std::chrono::system_clock::now();
  const auto days = std::chrono::floor<std::chrono::days>(now).time_since_epoch().count();
  return engine::Date::from_days_since_epoch(days);
}

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

namespace {

bool bare_name(std::string_view arg) {
  return !arg.empty() && arg != "-" && arg.find('/') == std::string_view::npos &&
         arg.find('\\') == std::string_view::npos;
}

std::string policy_file_name(std::string_view name) {
  return name.ends_with(".tkg") ? std::string(name) : std::string(name) + ".tkg";
}

}  // namespace

std::vector<std::filesystem::path> policy_folders() {
  namespace fs = std::filesystem;
  std::vector<fs::path> folders;
  std::error_code ec;
  auto add = [&](const fs::path& folder) {
    if (!folder.empty() && fs::is_directory(folder, ec) &&
        std::find(folders.begin(), folders.end(), folder) == folders.end())
      folders.push_back(folder);
  };
  if (const char* listed = std::getenv("TEKIGO_POLICY_PATH")) {
    std::string_view rest = listed;
    while (!rest.empty()) {
      const std::size_t colon = std::min(rest.find(':'), rest.size());
      add(fs::path(rest.substr(0, colon)));
      rest.remove_prefix(std::min(colon + 1, rest.size()));
    }
  }
#ifndef _WIN32
  // bin/tekigo → share/tekigo/policies: where `cmake --install` and the package put them,
  // whatever the prefix (a build tree's cli/tekigo has none beside it).
  if (const fs::path self = fs::read_symlink("/proc/self/exe", ec); !ec)
    add(self.parent_path().parent_path() / "share" / "tekigo" / "policies");
#endif
  return folders;
}

std::string policy_file(const std::string& arg) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!bare_name(arg) || fs::exists(fs::symlink_status(engine::path_from_utf8(arg), ec)))
    return arg;
  for (const fs::path& folder : policy_folders())
    if (const fs::path candidate = folder / policy_file_name(arg);
        fs::is_regular_file(candidate, ec))
      return engine::utf8_of(candidate);
  return arg;
}

CLI::Option* by_name(CLI::Option* option) {
  return option->transform(CLI::Validator(
      [](std::string& value) -> std::string {
        value = policy_file(value);
        return {};
      },
      ""));
}

dsl::CompileResult compile_policy(const std::string& path, bool color) {
  dsl::CompileResult result = dsl::compile_file(engine::path_from_utf8(path));
  std::error_code ec;
  if (!result.io_error.empty() && bare_name(path) &&
      !std::filesystem::exists(std::filesystem::symlink_status(engine::path_from_utf8(path), ec))) {
    // A bare name that is no file here and no installed policy: say where it was looked for.
    std::vector<std::string> looked, found;
    for (const auto& folder : policy_folders()) {
      looked.push_back(engine::utf8_of(folder));
      for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
        if (entry.path().extension() == ".tkg") found.push_back(entry.path().stem().string());
    }
    std::sort(found.begin(), found.end());
    result.io_error +=
        looked.empty()
            ? fmt::format(
                  "; no policy of that name either: no folder of installed "
                  "policies (TEKIGO_POLICY_PATH, share/tekigo/policies)")
            : fmt::format("; no policy of that name in {} either ({})", engine::join(looked, ", "),
                          found.empty() ? std::string("none there")
                                        : "there: " + engine::join(found, ", "));
  }
  if (!result.io_error.empty()) complain(result.io_error);
  if (result.source && !result.diagnostics.empty())
    std::cerr << dsl::render_all(result.diagnostics, *result.source, color);
  if (!result.ok() && result.io_error.empty() && result.diagnostics.empty())
    complain(fmt::format("{}: the policy could not be compiled", path));
  std::cerr.flush();
  return result;
}

collectors::CollectOptions collect_options(const std::string& subject, double timeout,
                                           bool no_network) {
  collectors::CollectOptions options;
  options.subject = subject;
  options.command_timeout = std::chrono::milliseconds(static_cast<long>(timeout * 1000));
  options.probe_deadline =
      std::chrono::milliseconds(static_cast<long>(std::min(timeout, 4.0) * 1000));
  options.network = !no_network;
  return options;
}

std::optional<std::vector<engine::FactPart>> load_extra_facts(
    const std::vector<std::string>& files) {
  std::vector<engine::FactPart> parts;
  bool ok = true;
  for (const auto& file : files) {
    if (file == "-") {  // a path to nothing: say what `-` means instead
      complain(
          "--facts -: facts files are read from files, not standard input (`-` is for the "
          "dumps): give its path");
      ok = false;
      continue;
    }
    engine::FactLoad load = engine::load_fact_part(engine::path_from_utf8(file));
    for (const auto& error : load.errors) {
      complain(fmt::format("--facts {}", error.to_string()));
      ok = false;
    }
    if (load.errors.empty() && load.documents.empty()) {
      complain(fmt::format("--facts {}: holds no facts", file));
      ok = false;
    }
    for (auto& doc : load.documents) {
      // Read before load_fact_part's tree is merged anywhere: the file's own attestation.
      auto attestation = engine::read_attestation(doc.root, file, load.sha256);
      parts.push_back({std::move(doc.root), file, load.sha256, std::move(attestation)});
    }
  }
  if (!ok) return std::nullopt;
  return parts;
}

DumpInputs find_dumps(const std::vector<std::string>& dumps) {
  DumpInputs out;
  std::vector<std::filesystem::path> roots;
  bool read_stdin = false;
  for (const auto& d : dumps) {
    if (d == "-")
      read_stdin = true;  // JSON Lines on standard input
    else
      roots.push_back(engine::path_from_utf8(d));
  }
  out.inputs = engine::collect_fact_files(roots, out.walk_errors);
  if (out.inputs.empty() && out.walk_errors.empty() && !read_stdin) {
    complain("no dumps found (looked for .json, .jsonl, .ndjson, .yaml and .yml files)");
    out.found = false;
    return out;
  }
  // Each dump is one input when every input is a dump file; JSON Lines (or stdin) hold an
  // unknown number.
  out.one_dump_per_input =
      !read_stdin && std::none_of(out.inputs.begin(), out.inputs.end(), [](const auto& file) {
        return engine::format_of(file) == engine::FactFormat::json_lines;
      });
  if (read_stdin) out.inputs.emplace_back("-");
  return out;
}

int write_dump(const engine::FactValue& dump, const std::string& output,
               const std::string& format) {
  const bool yaml =
      format.empty() ? output.ends_with(".yaml") || output.ends_with(".yml") : format == "yaml";
  const std::string text = yaml ? engine::write_facts_yaml(dump) : engine::write_facts_json(dump);
  if (output.empty() || output == "-") {
    std::cout << text;
    std::cout.flush();
    return std::cout ? kExitPass : kExitError;
  }
  std::ofstream out(engine::path_from_utf8(output), std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    complain(fmt::format("{}: cannot write", output));
    return kExitError;
  }
  return kExitPass;
}

}  // namespace tekigo::cli
