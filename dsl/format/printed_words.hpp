// dsl/format: the words of a policy as the printer writes them — strings quoted or left bare,
// operands, note references, in-force windows, version lists — and where a clause's source
// ends (end_of), for the lines' source ranges.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/ast/ast.hpp"

namespace tekigo::dsl::format {

std::string quote(std::string_view s);
bool is_word(std::string_view s);
bool is_host(std::string_view s);
std::string word_or_string(const ast::Text& t);
std::string host_or_string(const ast::Text& t);
std::string bare(std::string_view s);
std::string operand(const ast::Operand& o);
std::string operands(const std::vector<const ast::Operand*>& v);
std::string notes_text(const std::vector<ast::NoteRef>& notes);
std::string local(const ast::Text& text);
std::string message_text(const std::optional<ast::Text>& text,
                         const std::vector<ast::NoteRef>& notes);
std::string in_force_text(const ast::InForce& f);
std::string version_specs(const std::vector<ast::VersionSpec>& specs);
std::uint32_t end_of(std::initializer_list<std::uint32_t> ends);
std::uint32_t end_of(const std::vector<ast::NoteRef>& notes);
std::uint32_t end_of(const std::optional<ast::Text>& t);
std::uint32_t end_of(const ast::InForce& f);

}  // namespace tekigo::dsl::format
