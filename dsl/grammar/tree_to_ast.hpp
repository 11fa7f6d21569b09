// dsl/grammar: turning PEGTL's parse tree into the AST. Private to dsl/grammar: it names
// PEGTL's node type, so only parser.cpp, tree_to_ast.cpp and doc_comments.cpp include it.
#pragma once

#include <tao/pegtl/contrib/parse_tree.hpp>

#include <vector>

#include "dsl/ast/ast.hpp"
#include "dsl/ast/diagnostic.hpp"
#include "dsl/ast/source.hpp"

namespace tekigo::dsl {

using ParseNode = tao::pegtl::parse_tree::node;

// The AST of a parse tree whose root holds a policy_file (its header first). A word where
// an item belongs (an unknown_item) becomes E0002; a skipped_item, whose syntax error is
// already recorded, is left out.
ast::PolicyFile to_ast(const ParseNode& root, std::vector<Diagnostic>& diagnostics);

// Doc comments: the comments directly above a rule, section, `removed` entry or `clause` (no blank
// line between), each on a line of its own — a comment after code (`section "§1" { # …`) is not
// one. `comments` sorted by position.
void attach_doc_comments(const SourceFile& source, const std::vector<ast::Comment>& comments,
                         std::vector<ast::Item>& items);

}  // namespace tekigo::dsl
