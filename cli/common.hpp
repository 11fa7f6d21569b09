// cli: what the commands share — exit codes, messages on standard error, colour, compiling a
// policy with its diagnostics shown, the collectors' options, and writing a dump.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "collectors/collector.hpp"
#include "dsl/compiler.hpp"
#include "engine/facts/fact_value.hpp"

#ifndef TEKIGO_VERSION
#define TEKIGO_VERSION "0.0.0"
#endif

namespace tekigo::cli {

inline constexpr int kExitPass = 0;   // every terminal passes (warnings allowed)
inline constexpr int kExitFail = 1;   // some terminal fails
inline constexpr int kExitError = 2;  // usage error, policy error, or a dump that could not be read
inline constexpr int kExitUnknown = 3;  // none fails, but some cannot be decided

// "tekigo: MESSAGE" on standard error.
void complain(std::string_view message);

// Colour for a stream: `always`, `never`, or `auto` (a terminal and NO_COLOR not set).
bool use_color(const std::string& mode, int fd);

// "1 rule", "2 rules".
std::string plural(std::size_t n, std::string_view word);

// Compiles one policy, printing its diagnostics (warnings too) to stderr.
dsl::CompileResult compile_policy(const std::string& path, bool color);

// The collectors' options from the command line's (collect, and check --live): commands get
// `timeout` seconds each, probes at most 4.
collectors::CollectOptions collect_options(const std::string& subject, double timeout,
                                           bool no_network);

// Writes a dump to `output` (stdout when empty or "-") as `format` ("json" or "yaml"; when
// empty, yaml for a .yaml or .yml output and json otherwise). Returns kExitPass, or
// kExitError when it could not be written (said on stderr for a file).
int write_dump(const engine::FactValue& dump, const std::string& output, const std::string& format);

}  // namespace tekigo::cli
