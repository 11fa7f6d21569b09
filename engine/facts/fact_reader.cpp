// engine/facts: reading fact dumps — JSON (simdjson), JSON Lines, YAML (yaml-cpp) into FactValue.
#include "engine/facts/fact_reader.hpp"

#include <fmt/format.h>
#include <simdjson.h>
#include <yaml-cpp/depthguard.h>  // YAML::DeepRecursion
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>

#include "engine/common/sha256.hpp"
#include "engine/common/text.hpp"
#include "engine/common/text_file.hpp"
#include "engine/facts/fact_validator.hpp"

namespace tekigo::engine {

FactFormat format_of(const std::filesystem::path& file) {
  // In any case: dumps copied from Windows may be named PC01.JSON.
  const std::string ext = ascii_lower(file.extension().string());
  if (ext == ".jsonl" || ext == ".ndjson") return FactFormat::json_lines;
  if (ext == ".yaml" || ext == ".yml") return FactFormat::yaml;
  return FactFormat::json;
}

namespace {

struct TooDeep {};
struct DuplicateKey {
  std::string key;
};

// Builds the tree of `e` into `dst`, reusing the strings and vectors `dst` already holds (the
// previous dump's tree, when a batch hands it back): dumps of one fleet have the same shape,
// so most values are assigned into storage that is already there instead of allocated anew.
void from_json(FactValue& dst, simdjson::dom::element e, std::size_t depth, std::size_t max_depth) {
  if (depth > max_depth) throw TooDeep{};
  using T = simdjson::dom::element_type;
  switch (e.type()) {
    case T::ARRAY: {
      simdjson::dom::array array;
      if (e.get(array) != simdjson::SUCCESS) {
        dst = FactValue();
        return;
      }
      if (!dst.is_list()) dst = FactValue::list();
      auto& items = dst.as_list();
      items.resize(array.size());
      std::size_t i = 0;
      for (simdjson::dom::element child : array) {
        if (i == items.size()) items.emplace_back();  // size() saturates at 2^24 - 1 elements
        from_json(items[i++], child, depth + 1, max_depth);
      }
      items.resize(i);
      return;
    }
    case T::OBJECT: {
      simdjson::dom::object object;
      if (e.get(object) != simdjson::SUCCESS) {
        dst = FactValue();
        return;
      }
      if (!dst.is_map()) dst = FactValue::map();
      auto& entries = dst.as_map();
      entries.resize(object.size());
      std::size_t i = 0;
      for (auto field : object) {
        if (i == entries.size()) entries.emplace_back();  // size() saturates as for arrays
        for (std::size_t k = 0; k < i; ++k)
          if (entries[k].first == field.key) throw DuplicateKey{std::string(field.key)};
        entries[i].first.assign(field.key);
        from_json(entries[i].second, field.value, depth + 1, max_depth);
        ++i;
      }
      entries.resize(i);
      return;
    }
    case T::INT64:
      dst = FactValue::integer(e.get_int64().value_unsafe());
      return;
    case T::UINT64:
      dst = FactValue::number(static_cast<double>(e.get_uint64().value_unsafe()));
      return;
    case T::DOUBLE:
      dst = FactValue::number(e.get_double().value_unsafe());
      return;
    case T::STRING: {
      std::string_view text = e.get_string().value_unsafe();
      if (dst.is_string())
        dst.as_string().assign(text);
      else
        dst = FactValue::string(std::string(text));
      return;
    }
    case T::BOOL:
      dst = FactValue::boolean(e.get_bool().value_unsafe());
      return;
    case T::NULL_VALUE:
      dst = FactValue();
      return;
  }
  dst = FactValue();
}

// YAML core schema for plain scalars; quoted scalars (tag "!") stay strings.
FactValue yaml_scalar(const YAML::Node& node) {
  const std::string& text = node.Scalar();
  if (node.Tag() == "!") return FactValue::string(text);
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL")
    return FactValue();
  if (text == "true" || text == "True" || text == "TRUE") return FactValue::boolean(true);
  if (text == "false" || text == "False" || text == "FALSE") return FactValue::boolean(false);
  {
    std::int64_t i = 0;
    std::size_t start = (text[0] == '-' || text[0] == '+') ? 1 : 0;
    if (start < text.size() &&
        std::all_of(text.begin() + static_cast<std::ptrdiff_t>(start), text.end(),
                    [](unsigned char c) { return std::isdigit(c); })) {
      std::istringstream in(text);
      if (in >> i) return FactValue::integer(i);
    }
  }
  {
    char* end = nullptr;
    double d = std::strtod(text.c_str(), &end);
    bool numeric_start = std::isdigit(static_cast<unsigned char>(text[0])) || text[0] == '-' ||
                         text[0] == '+' || text[0] == '.';
    if (numeric_start && end && *end == '\0' && std::isfinite(d)) return FactValue::number(d);
  }
  return FactValue::string(text);
}

FactValue from_yaml(const YAML::Node& node, std::size_t depth, std::size_t max_depth) {
  if (depth > max_depth) throw TooDeep{};
  switch (node.Type()) {
    case YAML::NodeType::Sequence: {
      FactValue::List items;
      for (const auto& child : node) items.push_back(from_yaml(child, depth + 1, max_depth));
      return FactValue::list(std::move(items));
    }
    case YAML::NodeType::Map: {
      FactValue::Map entries;
      for (const auto& kv : node) {
        std::string key = kv.first.as<std::string>();
        for (const auto& [k, _] : entries)
          if (k == key) throw DuplicateKey{key};
        entries.emplace_back(std::move(key), from_yaml(kv.second, depth + 1, max_depth));
      }
      return FactValue::map(std::move(entries));
    }
    case YAML::NodeType::Scalar:
      return yaml_scalar(node);
    default:
      return FactValue();
  }
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

static_assert(kParsePadding >= simdjson::SIMDJSON_PADDING);

// One parser per thread, reused: its buffers grow once instead of per dump.
simdjson::dom::parser& json_parser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

std::string too_deep(const FactLoadOptions& options) {
  return fmt::format("nested deeper than {} levels", options.max_depth);
}

// `padded`: `text` is followed by at least kParsePadding readable bytes (no copy needed).
// `reuse`: a tree whose storage the new tree may take over (see from_json).
// Every JSON document comes through here (files, each JSON Lines line, --facts files): a
// leading byte-order mark, which simdjson leaves to the caller, is dropped here, so that a
// mark at the start of any line of JSON Lines is ignored too (files joined with `cat` keep
// each one's mark). Dropping it keeps the padding after the text.
void parse_json_document(simdjson::dom::parser& parser, std::string_view text, std::string source,
                         const FactLoadOptions& options, FactLoad& out, bool padded = false,
                         FactValue* reuse = nullptr) {
  if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());
  simdjson::padded_string copy;
  if (!padded) copy = simdjson::padded_string(text);
  simdjson::dom::element element;
  auto parsed = padded ? parser.parse(text.data(), text.size(), false)
                       : parser.parse(copy.data(), copy.size(), false);
  if (auto error = parsed.get(element)) {
    // simdjson stops at its own depth limit (1024) before from_json sees ours: the same words.
    if (error == simdjson::DEPTH_ERROR) {
      out.errors.push_back({std::move(source), "", too_deep(options)});
      return;
    }
    out.errors.push_back(
        {std::move(source), "", fmt::format("not valid JSON: {}", simdjson::error_message(error))});
    return;
  }
  try {
    FactValue root = reuse ? std::move(*reuse) : FactValue();
    from_json(root, element, 0, options.max_depth);  // may throw: keep `source` until it returns
    finish(std::move(root), std::move(source), options, out);
  } catch (const DuplicateKey& d) {
    out.errors.push_back(
        {std::move(source), "", fmt::format("duplicate key `{}` in one map", d.key)});
  } catch (const TooDeep&) {
    out.errors.push_back({std::move(source), "", too_deep(options)});
  }
}

}  // namespace

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
    case FactFormat::json: {
      parse_json_document(json_parser(), text, std::string(source), options, out);
      break;
    }
    case FactFormat::json_lines: {
      simdjson::dom::parser& parser = json_parser();
      std::size_t line_no = 0, pos = 0;
      while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        ++line_no;
        // No line can be over the limit here: the whole text is within it (checked above).
        if (!blank_json_line(line))
          parse_json_document(parser, line, fmt::format("{}:{}", source, line_no), options, out);
        pos = end + 1;
      }
      break;
    }
    case FactFormat::yaml: {
      try {
        YAML::Node node = YAML::Load(std::string(text));
        FactValue root = from_yaml(node, 0, options.max_depth);
        finish(std::move(root), std::string(source), options, out);
      } catch (const YAML::DeepRecursion&) {
        // yaml-cpp's own guard (2,000 levels) fires before from_yaml sees ours; its message
        // is "bad file".
        out.errors.push_back({std::string(source), "", too_deep(options)});
      } catch (const YAML::Exception& e) {
        out.errors.push_back({std::string(source), "",
                              fmt::format("not valid YAML: line {}, column {}: {}", e.mark.line + 1,
                                          e.mark.column + 1, e.msg)});
      } catch (const DuplicateKey& d) {
        out.errors.push_back(
            {std::string(source), "", fmt::format("duplicate key `{}` in one map", d.key)});
      } catch (const TooDeep&) {
        out.errors.push_back({std::string(source), "", too_deep(options)});
      }
      break;
    }
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
  parse_json_document(json_parser(), text, std::string(source), options, out, true, reuse);
  return out;
}

FactLoad load_fact_file(const std::filesystem::path& file, const FactLoadOptions& options) {
  std::string error;
  auto text = read_text_file(file, options.max_file_bytes, error);
  if (!text) {
    FactLoad out;
    out.errors.push_back({file.string(), "", std::move(error)});
    return out;
  }
  std::string digest = sha256_hex(*text);  // before the in-place parse writes over it
  FactLoad load = parse_facts_in_place(*text, file.string(), format_of(file), options);
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
