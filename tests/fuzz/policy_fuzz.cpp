// Fuzz target `policy`: policy text through parse, the named passes and lowering (compile_text),
// then `tekigo fmt` of it. Invariants: compiling never throws; a policy that compiles and
// formats compiles again from its formatted text to the same graph (layout aside) and formats
// to the same text again (the formatter is idempotent).
#include <string>

#include "dsl/compiler.hpp"
#include "dsl/format/format.hpp"
#include "engine/eval/graph_text.hpp"
#include "fuzz/fuzz_target.hpp"

using namespace tekigo;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const dsl::CompileResult compiled =
      dsl::compile_text("fuzz.tkg", std::string(fuzz::text_of(data, size)));
  if (!compiled.source) fuzz::fuzz_failure("compile_text read no source", compiled.io_error);
  const dsl::format::FormatResult formatted = dsl::format::format_source(*compiled.source);
  if (!compiled.ok() || !formatted.ok()) return 0;

  const dsl::CompileResult again = dsl::compile_text("fuzz.tkg", formatted.text);
  if (!again.ok()) fuzz::fuzz_failure("the formatted policy does not compile", formatted.text);
  const engine::GraphTextOptions loose{.layout_insensitive = true};
  if (engine::graph_text(*again.policy->graph, loose) !=
      engine::graph_text(*compiled.policy->graph, loose))
    fuzz::fuzz_failure("the formatted policy compiles to another graph", formatted.text);
  const dsl::format::FormatResult twice = dsl::format::format_source(*again.source);
  if (!twice.ok() || twice.text != formatted.text)
    fuzz::fuzz_failure("formatting the formatted policy changes it", twice.text);
  return 0;
}
