// dsl: the facade of the pipeline — text → parse → AST → check → lower → engine graph.
// compile() never throws for bad input: every problem is a Diagnostic in the result.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dsl/ast/ast.hpp"
#include "dsl/ast/diagnostic.hpp"
#include "dsl/ast/source.hpp"
#include "engine/eval/graph.hpp"
#include "engine/eval/policy_info.hpp"
#include "engine/facts/collection_plan.hpp"

namespace tekigo::dsl {

struct CompileOptions {
  std::size_t max_file_bytes = 4u << 20;  // policies larger than this are refused
  std::size_t max_errors = 50;            // stop reporting after this many
  std::size_t max_depth = 64;             // nesting depth of expressions
};

// A policy ready to evaluate: its header and its immutable graph (share across threads).
struct CompiledPolicy {
  engine::PolicyInfo info;
  std::shared_ptr<const engine::Graph> graph;
  engine::CollectionPlan plan;  // what a collector must gather for this policy
};

struct CompileResult {
  std::shared_ptr<const SourceFile> source;  // null only when the file could not be read
  // The AST the passes checked, its spans into `source` (comments kept): what `tekigo diff`
  // compares. Set whenever the file was read, even with errors (then only what parsed).
  std::shared_ptr<const ast::PolicyFile> file;
  std::vector<Diagnostic> diagnostics;   // sorted by position
  std::optional<CompiledPolicy> policy;  // set when there is no error
  std::string io_error;                  // could not read the file at all
  bool ok() const { return policy.has_value(); }
};

CompileResult compile_text(std::string name, std::string text, const CompileOptions& options = {});
CompileResult compile_file(const std::filesystem::path& file, const CompileOptions& options = {});

}  // namespace tekigo::dsl
