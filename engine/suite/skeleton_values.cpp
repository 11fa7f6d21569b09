// engine/suite: places in a dump and candidate values for the skeleton search (see
// skeleton_values.hpp).
#include "engine/suite/skeleton_values.hpp"

#include <algorithm>
#include <string_view>
#include <type_traits>
#include <variant>

#include "engine/common/text.hpp"
#include "engine/values/date.hpp"
#include "engine/values/windows_release.hpp"

namespace tekigo::engine::skeleton_search {

namespace {

// Release ids in time order, to find one before or after another: Windows 10's, then the
// Windows 11 ones after Windows 10's last.
const std::vector<std::string_view>& releases_in_order() {
  static const std::vector<std::string_view> order = [] {
    std::vector<std::string_view> out;
    for (const auto& r : windows_releases())
      if (std::find(out.begin(), out.end(), r.release) == out.end()) out.push_back(r.release);
    return out;
  }();
  return order;
}

std::string version_text(const Version& v) {
  if (!v.wildcard()) return v.text();
  std::vector<std::string> parts;
  for (auto p : v.parts()) parts.push_back(std::to_string(p));
  return join(parts, ".");
}

}  // namespace

Location extended(Location at, const FactPath& path) {
  for (const auto& key : path) at.push_back({key, 0, false});
  return at;
}

const FactValue* find_at(const FactValue& root, const Location& at) {
  const FactValue* v = &root;
  for (const auto& step : at) {
    if (step.is_index) {
      if (!v->is_list() || step.index >= v->as_list().size()) return nullptr;
      v = &v->as_list()[step.index];
    } else {
      v = v->find(step.key);
      if (!v) return nullptr;
    }
  }
  return v;
}

// The value at `at`, made (maps along the way) when absent; nullptr when something that is not
// a map or a list is in the way.
FactValue* make_at(FactValue& root, const Location& at) {
  FactValue* v = &root;
  for (const auto& step : at) {
    if (step.is_index) {
      if (!v->is_list() || step.index >= v->as_list().size()) return nullptr;
      v = &v->as_list()[step.index];
      continue;
    }
    if (v->is_null()) *v = FactValue::map();
    if (!v->is_map()) return nullptr;
    FactValue* child = v->find(step.key);
    if (!child) {
      v->set(step.key, FactValue());
      child = v->find(step.key);
    }
    v = child;
  }
  return v;
}

// The contract's node for a place (list indices step into the element), or nullptr.
const SchemaNode* schema_at(const Location& at) {
  const SchemaNode* s = &fact_schema();
  for (const auto& step : at) {
    if (step.is_index) {
      if (s->type != FactType::list || !s->element) return nullptr;
      s = s->element.get();
    } else {
      s = s->field(step.key);
      if (!s) return nullptr;
    }
  }
  return s;
}

// A value of a contract type for a fact nothing constrains (or a new list element's).
FactValue default_value(const SchemaNode& s) {
  switch (s.type) {
    case FactType::string:
    case FactType::scalar:
      return FactValue::string("skeleton");
    case FactType::integer:
    case FactType::size:
      return FactValue::integer(0);
    case FactType::boolean:
      return FactValue::boolean(false);
    case FactType::version:
      return FactValue::string("1.0");
    case FactType::release:
      return FactValue::string("20H2");
    case FactType::timestamp:
      return FactValue::string("2000-01-01T00:00:00Z");
    case FactType::date:  // only the check date has this type: no dump holds it
      return FactValue::string("2000-01-01");
    case FactType::address:
      return FactValue::string("192.0.2.1");
    case FactType::fqdn:
      return FactValue::string("example.com");
    case FactType::port:
      return FactValue::integer(443);
    case FactType::enumeration:
      return FactValue::string(s.values.empty() ? std::string() : s.values.front());
    case FactType::list:
      return FactValue::list();
    case FactType::map:
      return FactValue::map();
  }
  return FactValue();
}

// Values a comparison may be met or missed with: its literals first, then values beside them
// (one more, one less), then other values of the type. The caller keeps those that give the
// answer wanted.
std::vector<FactValue> candidates(const Node& compare, const SchemaNode* schema, bool want) {
  std::vector<FactValue> near, other;
  const bool timestamp = schema && schema->type == FactType::timestamp;
  for (const Scalar& value : compare.literal.values) {
    std::visit(
        [&](const auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, bool>) {
            near.push_back(FactValue::boolean(v));
            other.push_back(FactValue::boolean(!v));
          } else if constexpr (std::is_same_v<V, std::int64_t>) {
            near.push_back(FactValue::integer(v));
            other.push_back(FactValue::integer(v + 1));
            if (v > 0) other.push_back(FactValue::integer(v - 1));
          } else if constexpr (std::is_same_v<V, std::string>) {
            near.push_back(FactValue::string(v));
          } else if constexpr (std::is_same_v<V, Version>) {
            near.push_back(FactValue::string(version_text(v)));
            if (v.scheme() == VersionScheme::windows_release) {
              for (auto r : releases_in_order()) other.push_back(FactValue::string(std::string(r)));
            } else {
              std::vector<std::uint64_t> parts(v.parts().begin(), v.parts().end());
              auto text_of = [](const std::vector<std::uint64_t>& p) {
                std::vector<std::string> s;
                for (auto x : p) s.push_back(std::to_string(x));
                return join(s, ".");
              };
              auto up = parts;
              ++up.back();
              other.push_back(FactValue::string(text_of(up)));
              if (parts.back() > 0) {
                auto down = parts;
                --down.back();
                other.push_back(FactValue::string(text_of(down)));
              }
              other.push_back(FactValue::string("0"));
            }
          } else if constexpr (std::is_same_v<V, ByteSize>) {
            const auto bytes = static_cast<std::int64_t>(v.bytes);
            near.push_back(FactValue::integer(bytes));
            other.push_back(FactValue::integer(bytes + 1));
            if (bytes > 0) other.push_back(FactValue::integer(bytes - 1));
          } else if constexpr (std::is_same_v<V, Date>) {
            auto text = [&](const Date& d) {
              return FactValue::string(timestamp ? d.to_string() + "T00:00:00Z" : d.to_string());
            };
            near.push_back(text(v));
            other.push_back(text(Date::from_days_since_epoch(v.days_since_epoch() + 1)));
            other.push_back(text(Date::from_days_since_epoch(v.days_since_epoch() - 1)));
          } else {
            near.push_back(FactValue::string(v.text()));
          }
        },
        value);
  }
  if (schema && schema->type == FactType::enumeration)
    for (const auto& word : schema->values) other.push_back(FactValue::string(word));
  if (schema) other.push_back(default_value(*schema));
  other.push_back(FactValue::string("other"));
  std::vector<FactValue> out;
  for (auto& v : want ? near : other) out.push_back(std::move(v));
  for (auto& v : want ? other : near) out.push_back(std::move(v));
  return out;
}

}  // namespace tekigo::engine::skeleton_search
