// engine/facts: JSON dumps (and each line of JSON Lines) into FactValue trees, with simdjson.
#include <simdjson.h>

#include <iterator>
#include <new>
#include <string>

#include "engine/common/text_file.hpp"
#include "engine/common/utf8.hpp"
#include "engine/facts/fact_reader.hpp"
#include "engine/facts/fact_reading.hpp"

namespace tekigo::engine::reading {

namespace {

// Where the first byte that is not UTF-8 is, which simdjson does not say: ": line L, column C:
// invalid UTF-8 (byte 0xff)", columns counting characters as a policy's do.
std::string where_not_utf8(std::string_view text) {
  std::size_t line = 1, column = 1, i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    const auto cp = decode_utf8(text, i);
    if (!cp)
      return fmt::format(": line {}, column {}: invalid UTF-8 (byte 0x{:02x})", line, column,
                         static_cast<unsigned char>(text[start]));
    if (*cp == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "";
}

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
      // size() saturates at 2^24 - 1 elements: count a longer array, so that the list is
      // allocated once (growing it by doubling would hold 1.5 times its size at the peak).
      std::size_t count = array.size();
      if (count == 0xFFFFFF)
        count = static_cast<std::size_t>(std::distance(array.begin(), array.end()));
      items.resize(count);
      std::size_t i = 0;
      for (simdjson::dom::element child : array) {
        if (i == items.size()) items.emplace_back();
        at_step([&] { from_json(items[i], child, depth + 1, max_depth); }, i);
        ++i;
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
        entries[i].first.assign(field.key);
        at_step([&] { from_json(entries[i].second, field.value, depth + 1, max_depth); },
                entries[i].first);
        ++i;
      }
      entries.resize(i);
      if (auto twice = duplicate_key(entries)) throw DuplicateKey(entries[*twice].first);
      return;
    }
    case T::INT64:
      dst = FactValue::integer(e.get_int64().value_unsafe());
      return;
    case T::UINT64:  // 2^63 and above: no fact is an integer that large
      throw NumberOutOfRange(std::to_string(e.get_uint64().value_unsafe()), 0, 0);
    case T::DOUBLE:
      dst = real_number(e.get_double().value_unsafe());
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

// Where the first out-of-range number of a JSON text is, as a fact path ("os.service_pack",
// "software[3].size"): simdjson's DOM parser refuses the whole text naming no place, so the
// text is walked again on demand, only when that happened.
std::string locate_json_number(std::string_view text, std::string& token) {
  simdjson::ondemand::parser parser;
  simdjson::padded_string copy(text);
  simdjson::ondemand::document doc;
  if (parser.iterate(copy).get(doc) != simdjson::SUCCESS) return "";
  std::string found;
  struct Walk {
    std::string& found;
    std::string& token;
    std::size_t depth = 0;
    bool value(simdjson::ondemand::value v, const std::string& path) {
      if (++depth > 1024) return false;
      simdjson::ondemand::json_type type;
      if (v.type().get(type) != simdjson::SUCCESS) return false;
      bool done = false;
      switch (type) {
        case simdjson::ondemand::json_type::object: {
          simdjson::ondemand::object object;
          if (v.get_object().get(object) != simdjson::SUCCESS) break;
          for (auto field : object) {
            std::string_view key;
            simdjson::ondemand::value child;
            if (field.unescaped_key().get(key) != simdjson::SUCCESS ||
                field.value().get(child) != simdjson::SUCCESS)
              break;
            if ((done =
                     value(child, path.empty() ? std::string(key) : path + "." + std::string(key))))
              break;
          }
          break;
        }
        case simdjson::ondemand::json_type::array: {
          simdjson::ondemand::array array;
          if (v.get_array().get(array) != simdjson::SUCCESS) break;
          std::size_t i = 0;
          for (auto element : array) {
            simdjson::ondemand::value child;
            if (element.get(child) != simdjson::SUCCESS) break;
            if ((done = value(child, fmt::format("{}[{}]", path, i++)))) break;
          }
          break;
        }
        case simdjson::ondemand::json_type::number: {
          std::string_view raw = v.raw_json_token();
          simdjson::ondemand::number number;
          if (v.get_number().get(number) != simdjson::SUCCESS ||
              number.get_number_type() == simdjson::ondemand::number_type::unsigned_integer) {
            found = path.empty() ? "(top level)" : path;
            token = std::string(raw.substr(0, raw.find_first_of(" \t\r\n,]}")));
            done = true;
          }
          break;
        }
        default:
          break;
      }
      --depth;
      return done;
    }
  };
  simdjson::ondemand::value root;
  if (doc.get_value().get(root) != simdjson::SUCCESS) return "";
  Walk{found, token}.value(root, "");
  return found;
}

static_assert(kParsePadding >= simdjson::SIMDJSON_PADDING);

// One parser per thread, reused: its buffers grow once instead of per dump.
simdjson::dom::parser& json_parser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

// Every JSON document comes through here (files, each JSON Lines line, --facts files): a
// leading byte-order mark, which simdjson leaves to the caller, is dropped here, so that a
// mark at the start of any line of JSON Lines is ignored too (files joined with `cat` keep
// each one's mark). Dropping it keeps the padding after the text.
}  // namespace

void parse_json_document(std::string_view text, std::string source, const FactLoadOptions& options,
                         FactLoad& out, bool padded, FactValue* reuse) {
  simdjson::dom::parser& parser = json_parser();
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
    if (error == simdjson::NUMBER_ERROR) {
      std::string token;
      std::string path = locate_json_number(text, token);
      if (!path.empty()) {
        out.errors.push_back({std::move(source), std::move(path), out_of_range_message(token)});
        return;
      }
    }
    out.errors.push_back(
        {std::move(source), "",
         fmt::format("not valid JSON: {}{}{}", simdjson::error_message(error),
                     error == simdjson::UTF8_ERROR ? where_not_utf8(text) : "", utf16_hint(text))});
    return;
  }
  try {
    FactValue root = reuse ? std::move(*reuse) : FactValue();
    from_json(root, element, 0, options.max_depth);  // may throw: keep `source` until it returns
    finish(std::move(root), std::move(source), options, out);
  } catch (const DuplicateKey& d) {
    out.errors.push_back({std::move(source), d.path, duplicate_key_message(d)});
  } catch (const TooDeep&) {
    out.errors.push_back({std::move(source), "", too_deep(options)});
  } catch (const std::bad_alloc&) {
    out.errors.push_back({std::move(source), "", kOutOfMemory});
  } catch (const NumberOutOfRange& n) {
    std::string token;
    std::string path = locate_json_number(text, token);
    out.errors.push_back(
        {std::move(source), std::move(path), out_of_range_message(token.empty() ? n.text : token)});
  }
}

}  // namespace tekigo::engine::reading
