// dsl/doc: what a policy writes, said in words in both languages for the rendered document
// (`tekigo doc`): conditions, OS scopes, browsers, sizes, windows. The words are plain text
// with `code` spans (a fact's path, a pattern, a literal) that the writers set as code.
// Internal to dsl/doc.
#pragma once

#include <string>

#include "dsl/ast/ast.hpp"
#include "engine/report/policy_document.hpp"

namespace tekigo::dsl::doc {

// `e` in words: "`name` matches `^itunes( |$)` and not (`publisher` matches `microsoft`)".
engine::LocalText condition_words(const ast::Expr& e);

// An operand as a value in words: a string or word as written, a list "a, b".
std::string value_words(const ast::Operand& o);

// An `os` clause: "Windows 7, Service Pack 1 or later" / "Windows 7（Service Pack 1 以降）".
engine::LocalText os_words(const ast::OsClause& os);

// A matrix row's browsers: "Internet Explorer 9–11, Microsoft Edge".
engine::LocalText browser_words(const std::vector<ast::BrowserItem>& browsers);

// A minimum free disk space: "at least 100MiB (104,857,600 bytes)".
engine::LocalText disk_words(const ast::Operand& size);

// A `from`/`until` window: "in force from 2024-10-01 until 2025-03-31" (empty when none).
engine::LocalText window_words(const ast::InForce& window);

// The language's status word (pass, warn, fail, unknown, manual).
std::string status_text(ast::CaseStatus status);

}  // namespace tekigo::dsl::doc
