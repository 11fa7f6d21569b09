// cli: what the commands share — exit codes, messages on standard error, colour, compiling a
// policy with its diagnostics shown, the collectors' options, and writing a dump.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
class Option;
}  // namespace CLI

#include "collectors/collector.hpp"
#include "dsl/compiler.hpp"
#include "engine/facts/attestation.hpp"
#include "engine/facts/fact_document.hpp"
#include "engine/facts/fact_value.hpp"
#include "engine/values/date.hpp"

#ifndef TEKIGO_VERSION
#define TEKIGO_VERSION "0.0.0"
#endif

namespace tekigo::cli {

inline constexpr int kExitPass = 0;   // every terminal passes (warnings allowed)
inline constexpr int kExitFail = 1;   // some terminal fails
inline constexpr int kExitError = 2;  // usage error, policy error, or a dump that could not be read
inline constexpr int kExitUnknown = 3;  // none fails, but some cannot be decided
inline constexpr int kExitManual = 4;   // none fails or is unknown, but some awaits attestation

// "tekigo: MESSAGE" on standard error, made printable (engine::printable: control characters
// as escapes, bytes that are not UTF-8 as U+FFFD).
void complain(std::string_view message);

// The most threads --jobs takes: more only cost memory and start-up, and a huge number fails
// to start, so it is refused as a usage error before anything runs.
inline constexpr unsigned kMaxJobs = 256;
// `--jobs,-j` on `app`, into `jobs`: 0 (the default) is every core. `what` starts the help.
void add_jobs_option(CLI::App& app, unsigned& jobs,
                     std::string_view what = "Evaluate on this many threads");
// False (and a usage message naming `command`) when `jobs` is over kMaxJobs: CLI11 converts
// some numbers its own ways (0x200, +300), so the number is judged again after parsing.
bool jobs_in_range(unsigned jobs, std::string_view command);

// Colour for a stream: `always`, `never`, or `auto` (a terminal and NO_COLOR not set).
bool use_color(const std::string& mode, int fd);
// The --color option of a subcommand (auto, always or never; its default shown in --help).
CLI::Option* add_color_option(CLI::App* command, std::string& mode,
                              const std::string& what = "Colour diagnostics.");

// Today's date in UTC: the default check date of every command (the engine never reads a
// clock; this is the one place that does).
engine::Date today_utc();

// "1 rule", "2 rules".
std::string plural(std::size_t n, std::string_view word);

// Where a policy argument that is no file is looked up by name: each folder of
// TEKIGO_POLICY_PATH (colon-separated), then the installed policies, share/tekigo/policies
// beside the running command's bin/ (/usr/share/tekigo/policies with the package). A folder
// that does not exist is left out.
std::vector<std::filesystem::path> policy_folders();
// A policy argument as a file to read: `arg` when it is a file, holds a `/` or is `-`; else
// NAME.tkg (or NAME, when it ends in .tkg) in the first of policy_folders() that has it; else
// `arg` as it is, for compile_policy to say that there is no such file.
std::string policy_file(const std::string& arg);
// Makes a policy option (POLICY, OLD, NEW, --policy) take an installed policy's name too
// (policy_file, as a CLI11 transform: the option then holds the file).
CLI::Option* by_name(CLI::Option* option);

// Compiles one policy, printing its diagnostics (warnings too) to stderr. A policy that could
// not be read because no file of that bare name exists is said with the folders looked in and
// the policies there.
dsl::CompileResult compile_policy(const std::string& path, bool color);

// Extra facts from --facts files, merged into every dump; their `schema` and `subject` are
// dropped (each dump keeps its own identity). nullopt, said on stderr, when one is bad.
std::optional<std::vector<engine::FactPart>> load_extra_facts(
    const std::vector<std::string>& files);

// The dumps a command was given, as the batch reads them: files (directories walked for dump
// files), then "-" (JSON Lines on standard input) last when given.
struct DumpInputs {
  std::vector<std::filesystem::path> inputs;
  std::vector<engine::FactError> walk_errors;  // folders that could not be walked
  bool one_dump_per_input = false;             // no JSON Lines among them: each input is one dump
  bool found = true;                           // false (said on stderr): nothing to read at all
};
DumpInputs find_dumps(const std::vector<std::string>& dumps);

// The collectors' options from the command line's (collect, and check --live): commands get
// `timeout` seconds each, probes at most 4.
collectors::CollectOptions collect_options(const std::string& subject, double timeout,
                                           bool no_network);

// Writes a dump to `output` (stdout when empty or "-") as `format` ("json" or "yaml"; when
// empty, yaml for a .yaml or .yml output and json otherwise). Returns kExitPass, or
// kExitError when it could not be written (said on stderr for a file).
int write_dump(const engine::FactValue& dump, const std::string& output, const std::string& format);

}  // namespace tekigo::cli
