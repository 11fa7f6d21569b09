// engine/facts: reading fact dumps — JSON, JSON Lines and YAML into FactValue; what every format
// shares (fact_reading.hpp). The readers: fact_reader_json.cpp, fact_reader_yaml.cpp.
#include "engine/facts/fact_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "engine/common/sha256.hpp"
#include "engine/common/text.hpp"
#include "engine/common/text_file.hpp"
#include "engine/common/utf8.hpp"
#include "engine/facts/fact_reading.hpp"
#include "engine/facts/fact_validator.hpp"

namespace tekigo::engine {

FactFormat format_of(const std::filesystem::path& file) {
  // In any case: dumps copied from Windows may be named PC01.JSON.
  const std::string ext = ascii_lower(file.extension().string());
  if (ext == ".jsonl" || ext == ".ndjson") return FactFormat::json_lines;
  if (ext == ".yaml" || ext == ".yml") return FactFormat::yaml;
  return FactFormat::json;
}

namespace reading {

// The index of a key that appears a second time in `entries`: pairwise for the small maps of
// a dump, by sorting the indices by key for a large one, so a map of 300,000 keys takes
// milliseconds, not the minutes that comparing each key with every earlier one did.
std::optional<std::size_t> duplicate_key(const FactValue::Map& entries) {
  constexpr std::size_t kPairwise = 16;
  if (entries.size() <= kPairwise) {
    for (std::size_t i = 1; i < entries.size(); ++i)
      for (std::size_t k = 0; k < i; ++k)
        if (entries[k].first == entries[i].first) return i;
    return std::nullopt;
  }
  std::vector<std::size_t> order(entries.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  // Stable: of two equal keys the later one comes second.
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return entries[a].first < entries[b].first;
  });
  auto at = std::adjacent_find(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return entries[a].first == entries[b].first;
  });
  if (at == order.end()) return std::nullopt;
  return *std::next(at);
}

// A real number of zero has no sign in a fact: -0 and 0 are the same value (and print alike).
FactValue real_number(double d) {
  return FactValue::number(d == 0 ? 0.0 : d);
}

// How a text that is not UTF-8 probably came to be: PowerShell 5.1's `>` and Out-File write
// UTF-16 LE with a byte-order mark, which is the usual way a dump made on Windows arrives so
// (ASCII in UTF-16: every other byte NUL). A file that starts with NUL bytes on both counts
// is no UTF-16 but a file of zeros: one cut short by a crash or a full disk, or a sparse file.
std::string utf16_hint(std::string_view text) {
  if (text.size() >= 2 && text[0] == '\0' && text[1] == '\0')
    return "; it starts with NUL bytes, as a file is that a crash or a full disk cut short "
           "(or a sparse file): collect the dump again";
  const bool bom = text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF");
  const bool nul_pairs = text.size() >= 4 && (text[1] == '\0' || text[0] == '\0');
  if (!bom && !nul_pairs) return "";
  return "; it looks like UTF-16 (Windows PowerShell 5.1's `>` and Out-File write UTF-16): "
         "save the dump as UTF-8 (Out-File -Encoding utf8, or Set-Content -Encoding UTF8)";
}

std::string out_of_range_message(std::string_view number) {
  return fmt::format(
      "the number {} is out of range: a fact's integers lie between -2^63 and 2^63-1, its real "
      "numbers within ±1.8e308",
      number.size() > 40 ? std::string(number.substr(0, 40)) + "…" : std::string(number));
}

// "duplicate key `K` in one map", after the line and column of the second one in YAML.
std::string duplicate_key_message(const DuplicateKey& d) {
  std::string key = d.key;
  if (key.size() > 80) {  // a key may be megabytes long; cut where a character starts
    std::size_t cut = 80;
    while (cut > 0 && (static_cast<unsigned char>(key[cut]) & 0xC0) == 0x80) --cut;
    key = key.substr(0, cut) + "…";
  }
  if (d.line == 0) return fmt::format("duplicate key `{}` in one map", key);
  return fmt::format("line {}, column {}: duplicate key `{}` in one map", d.line, d.column, key);
}

void finish(FactValue root, std::string source, const FactLoadOptions& options, FactLoad& out) {
  if (!root.is_map()) {
    out.errors.push_back(
        {source, "", fmt::format("a dump must be a map, got {}", kind_name(root.kind()))});
    return;
  }
  auto problems = options.validate ? validate_facts(root, source, options.require_header)
                                   : std::vector<FactError>{};
  if (!problems.empty()) {
    for (auto& p : problems) out.errors.push_back(std::move(p));
    return;
  }
  out.documents.push_back({std::move(source), std::move(root)});
}

std::string too_deep(const FactLoadOptions& options) {
  return fmt::format("nested deeper than {} levels", options.max_depth);
}

}  // namespace reading

using namespace reading;

bool blank_json_line(std::string_view line) {
  if (line.starts_with(kUtf8Bom)) line.remove_prefix(kUtf8Bom.size());
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

FactLoad parse_facts(std::string_view text, std::string_view source, FactFormat format,
                     const FactLoadOptions& options) {
  FactLoad out;
  if (text.size() > options.max_file_bytes) {
    out.errors.push_back(
        {std::string(source), "",
         fmt::format("larger than {} bytes; refusing to read it", options.max_file_bytes)});
    return out;
  }
  switch (format) {
    case FactFormat::json:
      parse_json_document(text, std::string(source), options, out);
      break;
    case FactFormat::json_lines: {
      std::size_t line_no = 0, pos = 0;
      while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        ++line_no;
        // No line can be over the limit here: the whole text is within it (checked above).
        if (!blank_json_line(line))
          parse_json_document(line, fmt::format("{}:{}", source, line_no), options, out);
        pos = end + 1;
      }
      break;
    }
    case FactFormat::yaml:
      parse_yaml_document(text, source, options, out);
      break;
  }
  return out;
}

FactLoad parse_facts_in_place(std::string& text, std::string_view source, FactFormat format,
                              const FactLoadOptions& options, FactValue* reuse) {
  if (format != FactFormat::json || text.size() > options.max_file_bytes)
    return parse_facts(text, source, format, options);
  // The padding is read by simdjson (and ignored): write it once, so that no tool sees a read
  // of bytes that were never written.
  const std::size_t size = text.size();
  text.append(kParsePadding, '\0');
  text.resize(size);
  FactLoad out;
  parse_json_document(text, std::string(source), options, out, true, reuse);
  return out;
}

FactLoad load_fact_file(const std::filesystem::path& file, const FactLoadOptions& options) {
  std::string error;
  auto text = read_text_file(file, options.max_file_bytes, error);
  if (!text) {
    FactLoad out;
    out.errors.push_back({utf8_of(file), "", std::move(error)});
    return out;
  }
  std::string digest = sha256_hex(*text);  // before the in-place parse writes over it
  FactLoad load = parse_facts_in_place(*text, utf8_of(file), format_of(file), options);
  load.sha256 = std::move(digest);
  return load;
}

FactLoad load_fact_part(const std::filesystem::path& file) {
  FactLoadOptions options;
  options.require_header = false;
  FactLoad load = load_fact_file(file, options);
  for (auto& doc : load.documents) {
    if (!doc.root.is_map()) continue;  // validation guarantees a map
    std::erase_if(doc.root.as_map(), [](const auto& entry) {
      return entry.first == "schema" || entry.first == "subject";
    });
  }
  return load;
}

}  // namespace tekigo::engine
