// engine/facts: fact trees written as JSON (by hand, keys in order) or YAML (yaml-cpp).
#include "engine/facts/fact_writer.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <sstream>

#include "engine/common/json_text.hpp"

namespace tekigo::engine {

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

}  // namespace tekigo::engine
