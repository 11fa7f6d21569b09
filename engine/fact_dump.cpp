// engine: reading fact dumps — JSON (simdjson), JSON Lines, YAML (yaml-cpp) into FactValue,
// then validation and normalisation against the v1 contract.
#include "engine/fact_dump.hpp"

#include <fmt/format.h>
#include <simdjson.h>
#include <yaml-cpp/depthguard.h>  // YAML::DeepRecursion
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "engine/byte_size.hpp"
#include "engine/date.hpp"
#include "engine/fact_schema.hpp"
#include "engine/fqdn.hpp"
#include "engine/ip_address.hpp"
#include "engine/port.hpp"
#include "engine/report.hpp"
#include "engine/text_file.hpp"
#include "engine/version.hpp"

namespace tekigo::engine {

std::string FactDocument::subject() const {
  const FactValue* s = root.find("subject");
  return s && s->is_string() ? s->as_string() : std::string();
}

std::string FactError::to_string() const {
  if (path.empty()) return fmt::format("{}: {}", source, message);
  return fmt::format("{}: {}: {}", source, path, message);
}

namespace {

// The extension in lower case: dumps copied from Windows may be named PC01.JSON.
std::string lower_extension(const std::filesystem::path& file) {
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

}  // namespace

FactFormat format_of(const std::filesystem::path& file) {
  const std::string ext = lower_extension(file);
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
  auto problems = validate_facts(root, source, options.require_header);
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
  return parse_facts_in_place(*text, file.string(), format_of(file), options);
}

// ---------------------------------------------------------------------------------------
// Validation against the contract.

namespace {

// Where the validator is, as a chain of links on the stack: rendered ("software[3].name")
// only when a problem is reported, so that a valid dump costs no path strings.
struct PathLink {
  const PathLink* parent = nullptr;
  std::string_view key;  // a map key
  std::size_t index = 0;
  bool is_index = false;  // a list element: `index` instead of `key`

  void render_into(std::string& out) const {
    if (parent) parent->render_into(out);
    if (is_index) {
      out += fmt::format("[{}]", index);
    } else if (parent) {
      if (!out.empty()) out += '.';
      out += key;
    }
  }
  std::string str() const {
    std::string out;
    render_into(out);
    return out;
  }
};

struct Validator {
  std::string_view source;
  std::vector<FactError> problems;

  void problem(const std::string& path, std::string message) {
    if (problems.size() < 50) problems.push_back({std::string(source), path, std::move(message)});
  }
  void problem(const PathLink& path, std::string message) {
    if (problems.size() < 50) problem(path.str(), std::move(message));
  }

  static std::string got(const FactValue& v) {
    if (v.is_string()) return fmt::format("got \"{}\"", v.render(60));
    if (v.is_list() || v.is_map()) return fmt::format("got {}", kind_name(v.kind()));
    return fmt::format("got {}", v.render(60));
  }

  // Integers where text is expected become text (YAML `version: 10`); other kinds are errors.
  bool want_text(FactValue& v, const PathLink& path, std::string_view what) {
    if (v.is_string()) return true;
    if (v.kind() == FactValue::Kind::integer) {
      v = FactValue::string(fmt::format("{}", v.as_int()));
      return true;
    }
    if (v.kind() == FactValue::Kind::number)
      problem(
          path,
          fmt::format(
              "expected {} as text, {} (write it in quotes: a number loses digits such as 10.10)",
              what, got(v)));
    else
      problem(path, fmt::format("expected {}, {}", what, got(v)));
    return false;
  }

  void check(FactValue& v, const SchemaNode& node, const PathLink& path) {
    if (v.is_null()) {
      if (!node.nullable)
        problem(path,
                fmt::format("expected {}, got null (leave the key out when the fact is unknown)",
                            type_name(node.type)));
      return;
    }
    switch (node.type) {
      case FactType::string:
        want_text(v, path, "text");
        break;
      case FactType::version:
        // Any text is a version in a dump ("E84.10" exists in the wild): one that does not
        // read as a dotted number makes comparisons with it unknown, not the dump an error.
        want_text(v, path, "a version");
        break;
      case FactType::release:
        if (want_text(v, path, "a Windows release id") &&
            !Version::parse(v.as_string(), VersionScheme::windows_release))
          problem(path,
                  fmt::format("expected a Windows release id such as 1909 or 20H2, {}", got(v)));
        break;
      case FactType::fqdn:
        if (want_text(v, path, "a host name") && !Fqdn::parse(v.as_string()))
          problem(path, fmt::format("expected a host name, {}", got(v)));
        break;
      case FactType::address:
        if (want_text(v, path, "an IP address") && !IpAddress::parse(v.as_string()))
          problem(path, fmt::format("expected an IPv4 or IPv6 address, {}", got(v)));
        break;
      case FactType::timestamp:
        if (want_text(v, path, "a timestamp") && !Timestamp::parse(v.as_string()))
          problem(path, fmt::format(
                            "expected an RFC 3339 timestamp such as 2026-11-20T10:00:00+09:00, {}",
                            got(v)));
        break;
      case FactType::enumeration: {
        if (!want_text(v, path, "a word")) break;
        std::string lower = v.as_string();
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        if (std::find(node.values.begin(), node.values.end(), lower) == node.values.end()) {
          std::string allowed;
          for (const auto& a : node.values) allowed += (allowed.empty() ? "" : ", ") + a;
          problem(path, fmt::format("expected one of {}, {}", allowed, got(v)));
        } else {
          v = FactValue::string(std::move(lower));
        }
        break;
      }
      case FactType::integer:
        if (v.kind() != FactValue::Kind::integer)
          problem(path, fmt::format("expected an integer, {}", got(v)));
        break;
      case FactType::size:
        if (v.kind() != FactValue::Kind::integer || v.as_int() < 0)
          problem(path, fmt::format("expected a byte count (a whole number ≥ 0), {}", got(v)));
        break;
      case FactType::port:
        if (v.is_string()) {
          if (auto p = parse_port(v.as_string())) v = FactValue::integer(*p);
        }
        if (v.kind() != FactValue::Kind::integer || v.as_int() < 1 || v.as_int() > 65535)
          problem(path, fmt::format("expected a port 1–65535, {}", got(v)));
        break;
      case FactType::boolean:
        if (v.kind() != FactValue::Kind::boolean)
          problem(path, fmt::format("expected true or false, {}", got(v)));
        break;
      case FactType::scalar:
        if (v.is_list() || v.is_map())
          problem(path, fmt::format("expected a single value, {}", got(v)));
        break;
      case FactType::list: {
        if (!v.is_list()) {
          problem(path, fmt::format("expected a list, {}", got(v)));
          break;
        }
        PathLink link{&path, {}, 0, true};
        for (auto& item : v.as_list()) {
          check(item, *node.element, link);
          ++link.index;
        }
        break;
      }
      case FactType::map: {
        if (!v.is_map()) {
          problem(path, fmt::format("expected a map, {}", got(v)));
          break;
        }
        for (auto& [key, child] : v.as_map()) {
          const SchemaNode* field = node.field(key);
          if (!field) continue;  // unknown keys are allowed (forward compatible) and never read
          check(child, *field, PathLink{&path, key, 0, false});
        }
        for (const auto& key : node.required)
          if (!v.find(key))
            problem(path.parent ? path.str() : std::string("(top level)"),
                    fmt::format("missing required key `{}`", key));
        // A name that resolved by DNS or the hosts file says to what.
        if (const FactValue* source = v.find("source");
            source && source->is_string() && node.field("addresses") &&
            (source->as_string() == "dns" || source->as_string() == "hosts")) {
          const FactValue* addresses = v.find("addresses");
          if (!addresses || (addresses->is_list() && addresses->as_list().empty()))
            problem(path, fmt::format("missing required key `addresses` (source is {})",
                                      source->as_string()));
        }
        break;
      }
    }
  }
};

}  // namespace

std::vector<FactError> validate_facts(FactValue& root, std::string_view source,
                                      bool require_header) {
  Validator validator{source, {}};
  if (require_header) {
    const FactValue* schema = root.find("schema");
    if (!schema)
      validator.problem(
          "(top level)",
          fmt::format("missing required key `schema` (a dump starts with `schema: {}`)",
                      kFactSchemaId));
    else if (!schema->is_string() || schema->as_string() != kFactSchemaId)
      validator.problem("schema",
                        fmt::format("expected {}, {}", kFactSchemaId, Validator::got(*schema)));
    if (!root.find("subject"))
      validator.problem("(top level)", "missing required key `subject` (the terminal's id)");
  }
  validator.check(root, fact_schema(), PathLink{});
  // After the check, which has normalised it (YAML `subject: 42` is text "42" now).
  if (const FactValue* subject = root.is_map() ? root.find("subject") : nullptr;
      subject && subject->is_string())
    for (auto& p : validator.problems) p.subject = subject->as_string();
  return std::move(validator.problems);
}

void merge_facts(FactValue& into, const FactValue& part, std::vector<std::string>* changed) {
  struct Merge {
    std::vector<std::string>* changed;
    void run(FactValue& dst, const FactValue& src, const std::string& path) {
      if (dst.is_map() && src.is_map()) {
        for (const auto& [key, value] : src.as_map()) {
          std::string child = path.empty() ? key : path + "." + key;
          if (FactValue* existing = dst.find(key)) {
            run(*existing, value, child);
          } else {
            dst.set(key, value);
            if (changed) changed->push_back(child);
          }
        }
        return;
      }
      dst = src;
      if (changed) changed->push_back(path);
    }
  };
  Merge{changed}.run(into, part, "");
}

namespace {

void json_into(const FactValue& v, std::string& out, bool pretty, int indent) {
  auto newline = [&](int level) {
    if (!pretty) return;
    out += '\n';
    out.append(static_cast<std::size_t>(level) * 2, ' ');
  };
  switch (v.kind()) {
    case FactValue::Kind::null:
      out += "null";
      break;
    case FactValue::Kind::boolean:
      out += v.as_bool() ? "true" : "false";
      break;
    case FactValue::Kind::integer:
      out += fmt::format("{}", v.as_int());
      break;
    case FactValue::Kind::number:
      out += fmt::format("{}", v.as_number());
      break;
    case FactValue::Kind::string:
      out += '"' + json_escape(v.as_string()) + '"';
      break;
    case FactValue::Kind::list: {
      if (v.as_list().empty()) {
        out += "[]";
        break;
      }
      // Lists of scalars stay on one line; lists of maps get a line per item.
      bool flat = std::all_of(v.as_list().begin(), v.as_list().end(),
                              [](const FactValue& x) { return !x.is_list() && !x.is_map(); });
      out += '[';
      bool first = true;
      for (const auto& item : v.as_list()) {
        if (!first) out += flat && pretty ? ", " : ",";
        first = false;
        if (!flat) newline(indent + 1);
        json_into(item, out, pretty, indent + 1);
      }
      if (!flat) newline(indent);
      out += ']';
      break;
    }
    case FactValue::Kind::map: {
      if (v.as_map().empty()) {
        out += "{}";
        break;
      }
      out += '{';
      bool first = true;
      for (const auto& [key, item] : v.as_map()) {
        if (!first) out += ',';
        first = false;
        newline(indent + 1);
        out += '"' + json_escape(key) + (pretty ? "\": " : "\":");
        json_into(item, out, pretty, indent + 1);
      }
      newline(indent);
      out += '}';
      break;
    }
  }
}

void yaml_into(const FactValue& v, YAML::Emitter& out) {
  switch (v.kind()) {
    case FactValue::Kind::null:
      out << YAML::Null;
      break;
    case FactValue::Kind::boolean:
      out << v.as_bool();
      break;
    case FactValue::Kind::integer:
      out << v.as_int();
      break;
    case FactValue::Kind::number:
      out << v.as_number();
      break;
    case FactValue::Kind::string:
      out << YAML::DoubleQuoted << v.as_string();
      break;  // "10.10" stays text
    case FactValue::Kind::list:
      out << YAML::BeginSeq;
      for (const auto& item : v.as_list()) yaml_into(item, out);
      out << YAML::EndSeq;
      break;
    case FactValue::Kind::map:
      out << YAML::BeginMap;
      for (const auto& [key, item] : v.as_map()) {
        out << YAML::Key << key << YAML::Value;
        yaml_into(item, out);
      }
      out << YAML::EndMap;
      break;
  }
}

}  // namespace

std::string write_facts_json(const FactValue& facts, bool pretty) {
  std::string out;
  json_into(facts, out, pretty, 0);
  out += '\n';
  return out;
}

std::string write_facts_yaml(const FactValue& facts) {
  YAML::Emitter out;
  out.SetIndent(2);
  yaml_into(facts, out);
  return std::string(out.c_str()) + "\n";
}

namespace {

bool dump_extension(const std::filesystem::path& file) {
  const std::string ext = lower_extension(file);
  return ext == ".json" || ext == ".jsonl" || ext == ".ndjson" || ext == ".yaml" || ext == ".yml";
}

// Walks `dir` one directory at a time, so that a subdirectory that cannot be read costs only
// its own files (recursive_directory_iterator ends the whole walk at the first such error).
// Entries are visited in name order (see collect_fact_files).
void walk_directory(const std::filesystem::path& dir, std::vector<std::filesystem::path>& files,
                    std::vector<FactError>& errors) {
  namespace fs = std::filesystem;
  std::vector<fs::directory_entry> entries;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    entries.push_back(*it);
  if (ec) {
    errors.push_back({dir.string(), "", fmt::format("cannot walk: {}", ec.message())});
    return;
  }
  std::sort(entries.begin(), entries.end());
  for (const auto& entry : entries) {
    std::error_code entry_ec;
    const fs::file_status own = entry.symlink_status(entry_ec);
    if (fs::is_symlink(own)) {
      // Links to directories are not followed (a link to an ancestor would loop); links to
      // dumps are. A dangling link named like a dump is a dump that went missing: say so.
      if (!dump_extension(entry.path())) continue;
      const fs::file_status target = fs::status(entry.path(), entry_ec);
      if (fs::is_regular_file(target))
        files.push_back(entry.path());
      else if (target.type() == fs::file_type::not_found)
        errors.push_back({entry.path().string(), "", "broken symbolic link"});
      else if (entry_ec)
        errors.push_back(
            {entry.path().string(), "", fmt::format("cannot read: {}", entry_ec.message())});
    } else if (fs::is_directory(own)) {
      walk_directory(entry.path(), files, errors);
    } else if (fs::is_regular_file(own) && dump_extension(entry.path())) {
      files.push_back(entry.path());
    }
  }
}

}  // namespace

std::vector<std::filesystem::path> collect_fact_files(
    const std::vector<std::filesystem::path>& paths, std::vector<FactError>& errors) {
  std::vector<std::filesystem::path> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      // Each directory's entries in name order, depth first: that is path order (paths
      // compare element by element), so no sort is needed afterwards.
      walk_directory(path, files, errors);
    } else if (std::filesystem::exists(path, ec)) {
      files.push_back(path);
    } else {
      errors.push_back({path.string(), "", "no such file or directory"});
    }
  }
  return files;
}

}  // namespace tekigo::engine
