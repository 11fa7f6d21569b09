// cli: `tekigo fmt` — policies in the canonical layout (dsl/format; docs/language.md,
// "Formatting"). Prints the formatted text, rewrites the files (-w), or shows what would
// change (--check). Like gofmt and clang-format, several files and no -w print one after the
// other on standard output.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <system_error>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "dsl/ast/diagnostic.hpp"
#include "dsl/format/format.hpp"
#include "dsl/format/line_diff.hpp"
#include "engine/common/text_file.hpp"

namespace tekigo::cli {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Writes `text` over `path` through a file beside it renamed into place, so that an
// interrupted write never leaves half a policy; the file keeps its permissions, and a
// symbolic link stays one (the file it names is rewritten).
bool rewrite(const std::string& path, const std::string& text) {
  namespace fs = std::filesystem;
  std::error_code link_error;
  fs::path target = engine::path_from_utf8(path);
  if (fs::is_symlink(target, link_error)) target = fs::canonical(target, link_error);
  if (link_error) {
    complain(fmt::format("{}: cannot follow the link: {}", path, link_error.message()));
    return false;
  }
  const fs::path temporary = fs::path(target).concat(".tekigo-fmt");
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
      complain(fmt::format("{}: cannot write", engine::utf8_of(temporary)));
      return false;
    }
  }
  std::error_code ec;
  const auto status = fs::status(target, ec);
  if (!ec) fs::permissions(temporary, status.permissions(), ec);
  fs::rename(temporary, target, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    complain(fmt::format("{}: cannot replace it: {}", path, ec.message()));
    return false;
  }
  return true;
}

}  // namespace

CLI::App* add_fmt(CLI::App& app, FmtArgs& args) {
  CLI::App* sub = app.add_subcommand(
      "fmt", "Print policies in the canonical layout (-w: rewrite them; --check: show the diff).");
  sub->add_option("FILE", args.files, "Policy files (.tkg); `-` reads standard input.")->required();
  sub->add_flag("--check", args.check,
                "Change nothing: show a unified diff of each file that is not formatted, exit 1 "
                "if there is one.");
  sub->add_flag("-w,--write", args.write, "Rewrite each file that is not formatted, in place.");
  add_color_option(sub, args.color);
  sub->footer(
      "Without -w or --check the formatted text goes to standard output (several files: one "
      "after the other).\nExit codes: 0 done (with --check: every file is formatted), 1 with "
      "--check: some file is not,\n2 a file could not be read or written, or does not parse "
      "(it is left as it is).");
  return sub;
}

int run_fmt(const FmtArgs& args) {
  const bool color = use_color(args.color, STDERR_FILENO);
  for (const auto& path : args.files)
    if (path == "-" && args.write) {
      complain("fmt: -w cannot rewrite standard input");
      return kExitError;
    }
  bool errors = false, unformatted = false;
  for (const auto& path : args.files) {
    // Standard input is held to the size limit of a policy file too: it may never end.
    std::string error;
    const std::size_t limit = dsl::CompileOptions{}.max_file_bytes;
    auto read = path == "-" ? engine::read_text_stream(std::cin, limit, error)
                            : engine::read_text_file(engine::path_from_utf8(path), limit, error);
    if (!read) {
      complain(fmt::format("{}: {}", path == "-" ? "<stdin>" : path, error));
      errors = true;
      continue;
    }
    std::string original = std::move(*read);
    std::string text = original;
    if (text.starts_with(kByteOrderMark)) text.erase(0, kByteOrderMark.size());
    const dsl::SourceFile source(path == "-" ? "<stdin>" : path, std::move(text));
    dsl::format::FormatResult result = dsl::format::format_source(source);
    if (!result.diagnostics.empty())
      std::cerr << dsl::render_all(result.diagnostics, source, color);
    if (!result.ok()) {
      errors = true;
      continue;
    }
    const bool changed = result.text != original;
    if (args.check && changed) {
      unformatted = true;
      std::cout << dsl::format::unified_diff(
          original, result.text, source.name() + "\t(as written)", source.name() + "\t(formatted)");
    }
    if (args.write && changed && !rewrite(path, result.text)) errors = true;
    if (!args.check && !args.write) std::cout << result.text;
  }
  std::cout.flush();
  if (!std::cout) return kExitError;
  return errors ? kExitError : unformatted ? kExitFail : kExitPass;
}

}  // namespace tekigo::cli
