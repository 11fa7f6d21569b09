// collectors/platform: what the parsers of platform command output share, whatever the
// platform — the fact fragment a parser returns, and the decoding of the output itself
// (byte-order marks, UTF-16LE, invalid UTF-8), its lines and its JSON. windows_parse.hpp and
// macos_parse.hpp build on it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/facts/fact_value.hpp"

namespace tekigo::collectors {

// One fact as a parser read it from a command's output. `value` is null when nothing usable
// was read (the collector then leaves the fact out and records `problems` under
// collected.errors); otherwise it is the fact's value (a map, a list, a string, or — for
// network.proxy — null wrapped by `found`).
struct FactFragment {
  engine::FactValue value;
  bool found = false;                 // value holds a collected fact (it may itself be null)
  std::vector<std::string> problems;  // what could not be read; empty when all went well
};

// A fragment that holds `value`, with the problems met on the way (skipped items).
FactFragment fact_found(engine::FactValue value, std::vector<std::string> problems = {});

// A fragment without a fact: `problem` says why.
FactFragment fact_missing(std::string problem);

// Command output as UTF-8 text: a UTF-8 byte-order mark is dropped; UTF-16LE (with a BOM, or
// recognised by its NUL high bytes — Windows PowerShell 5.1 writes it when redirected) is
// converted. Invalid UTF-8 (an OEM code page such as CP932) is replaced by U+FFFD and reported.
std::string decode_command_output(std::string_view bytes,
                                  std::vector<std::string>* problems = nullptr);

// Lines without their end (LF, CRLF or CR).
std::vector<std::string_view> split_lines(std::string_view text);

// JSON text (after decode_command_output) as a FactValue tree: integers stay integers,
// other numbers become numbers. Null when the text is not JSON; the reason goes to `problems`.
engine::FactValue parse_command_json(std::string_view text, std::vector<std::string>& problems);

}  // namespace tekigo::collectors
