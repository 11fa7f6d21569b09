// dsl: the facade of the pipeline — text → parse (dsl/grammar) → the passes of
// dsl/checks/passes.hpp in their order: the AST passes, then typing while lowering each rule
// (dsl/lower), then the passes that read typed rules → the graph and the collection plan.
#include "dsl/compiler.hpp"

#include <fmt/format.h>

#include "dsl/checks/passes.hpp"
#include "dsl/grammar/parser.hpp"
#include "dsl/lower/collection_plan.hpp"
#include "dsl/lower/lowering.hpp"
#include "engine/common/sha256.hpp"
#include "engine/common/text_file.hpp"

namespace tekigo::dsl {

CompileResult compile_text(std::string name, std::string text, const CompileOptions& options) {
  CompileResult result;
  if (text.size() > options.max_file_bytes) {
    result.io_error =
        fmt::format("{}: larger than {} bytes; refusing to read it", name, options.max_file_bytes);
    return result;
  }
  // The bytes as read, before anything is taken off: what a report's policy hash names.
  std::string digest = engine::sha256_hex(text);
  if (text.rfind("\xEF\xBB\xBF", 0) == 0)
    text.erase(0, 3);  // a UTF-8 byte-order mark is not part of the policy
  auto source = std::make_shared<SourceFile>(std::move(name), std::move(text));
  result.source = source;
  ParseOptions parse_options;
  parse_options.max_errors = options.max_errors;
  parse_options.max_depth = options.max_depth;
  ParseResult parsed = parse(*source, parse_options);
  result.diagnostics = std::move(parsed.diagnostics);
  // The passes run on whatever parsed (broken rules were skipped), so that one run reports
  // every mistake of the file; the AST passes need the header to have parsed.
  using Stage = checks::CheckPass::Stage;
  checks::PassInput input{parsed.file, *source};
  if (!parsed.file.header.id.value.empty())
    checks::run_passes(Stage::ast, input, result.diagnostics);
  lower::Lowering lowering(*source, result.diagnostics);
  lowering.untagged = ast::untagged_lang(parsed.file.header);
  lower::lower_items(parsed.file.items, lowering);  // the pass `typing`, rule by rule
  input.typed_rules = &lowering.typed_rules;
  checks::run_passes(Stage::typed, input, result.diagnostics);
  sort_diagnostics(result.diagnostics);
  if (result.diagnostics.size() > options.max_errors) result.diagnostics.resize(options.max_errors);
  // Lowering is done: nothing points into the parse result any more.
  auto file = std::make_shared<ast::PolicyFile>(std::move(parsed.file));
  result.file = file;
  if (has_errors(result.diagnostics)) return result;
  CompiledPolicy policy;
  const auto& h = file->header;
  policy.info.id = h.id.value;
  policy.info.title = ast::local_text(h.title, lowering.untagged);
  policy.info.language = lowering.untagged;
  policy.info.revision = h.revision ? h.revision->value : "";
  policy.info.effective = h.effective ? h.effective->value : "";
  policy.info.source = h.source ? h.source->value : "";
  policy.info.file = source->name();
  policy.info.sha256 = std::move(digest);
  if (auto effective = h.effective ? engine::Date::parse(h.effective->value) : std::nullopt)
    lowering.builder.set_effective(*effective);  // its warnings (Evaluation::warnings)
  policy.graph = std::move(lowering.builder).build();
  for (const auto& r : policy.graph->rules())
    policy.info.rules.push_back(
        {r.id, r.cite, r.title, r.section, r.kind, r.where, r.rationale, r.clauses});
  policy.info.removed = std::move(lowering.removed);
  policy.info.outline = std::move(lowering.outline);
  policy.plan = std::move(lowering.plan);
  lower::add_fact_paths(policy.plan, *policy.graph);
  result.policy = std::move(policy);
  return result;
}

CompileResult compile_file(const std::filesystem::path& file, const CompileOptions& options) {
  std::string error;
  auto text = engine::read_text_file(file, options.max_file_bytes, error);
  if (!text) {
    CompileResult result;
    result.io_error = fmt::format("{}: {}", engine::utf8_of(file), error);
    return result;
  }
  return compile_text(engine::utf8_of(file), std::move(*text), options);
}

}  // namespace tekigo::dsl
