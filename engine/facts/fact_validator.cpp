// engine/facts: validation and normalisation of a fact tree against the v1 contract; merging.
#include "engine/facts/fact_validator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "engine/common/text.hpp"
#include "engine/facts/attestation.hpp"
#include "engine/facts/contract_version.hpp"
#include "engine/facts/fact_schema.hpp"
#include "engine/values/byte_size.hpp"
#include "engine/values/date.hpp"
#include "engine/values/fqdn.hpp"
#include "engine/values/ip_address.hpp"
#include "engine/values/port.hpp"
#include "engine/values/version.hpp"
#include "engine/values/windows_release.hpp"

namespace tekigo::engine {

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
    // A real number that is whole (0.0, -0.0, 1e3) shows as one: "expected an integer, got
    // 1000" would read as a contradiction.
    if (v.kind() == FactValue::Kind::number && std::isfinite(v.as_number()) &&
        v.as_number() == std::trunc(v.as_number()) && std::fabs(v.as_number()) < 1e15)
      return fmt::format("got {:.1f}", v.as_number());
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
      case FactType::date:
        if (want_text(v, path, "a date") && !Date::parse(v.as_string()))
          problem(path, fmt::format("expected a date such as 2026-11-20, {}", got(v)));
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

// Text holds no NUL: JSON's "\u0000" and YAML's "\0" decode to one, and C APIs, terminals and
// reports would cut the text there. Keys and values, anywhere in the tree.
void refuse_nul(const FactValue& v, const std::string& path, Validator& validator) {
  constexpr std::string_view kNul("\0", 1);
  if (v.is_string()) {
    if (v.as_string().find('\0') != std::string::npos)
      validator.problem(path.empty() ? "(top level)" : path,
                        "text holds a NUL character (U+0000), which no fact contains");
  } else if (v.is_list()) {
    const auto& items = v.as_list();
    for (std::size_t i = 0; i < items.size(); ++i)
      refuse_nul(items[i], fmt::format("{}[{}]", path, i), validator);
  } else if (v.is_map()) {
    for (const auto& [key, value] : v.as_map()) {
      const std::string child = path.empty() ? key : path + "." + key;
      if (key.find(kNul) != std::string::npos)
        validator.problem(path.empty() ? "(top level)" : path,
                          "a key holds a NUL character (U+0000)");
      else
        refuse_nul(value, child, validator);
    }
  }
}

// Records that the fact at `path` was read as another value than the dump's `read`, decided by
// the fact at `from` (fact_validator.hpp, kReconciledKey): the dump says what tekigo changed, and
// every report says it under the terminal (Evaluation::warnings).
void note_reconciled(FactValue& root, std::string_view path, std::string_view read,
                     std::string_view from) {
  FactValue* collected = root.find("collected");
  if (!collected) {
    root.set("collected", FactValue::map());
    collected = root.find("collected");
  }
  if (!collected->is_map()) return;  // already a problem
  FactValue* notes = collected->find(kReconciledKey);
  if (!notes || !notes->is_list()) {
    collected->set(std::string(kReconciledKey), FactValue::list());
    notes = collected->find(kReconciledKey);
  }
  notes->as_list().push_back(FactValue::map({{"path", FactValue::string(std::string(path))},
                                             {"read", FactValue::string(std::string(read))},
                                             {"from", FactValue::string(std::string(from))}}));
}

// os.release against os.build on Windows 10 and 11, whose builds name their releases
// (windows_release.hpp). A collector that read the registry's ReleaseId reports "2009" from
// 20H2 on (frozen there): with a build that says which release it is, the release is the
// build's — a contract slip must not become a false failure. A release left out stays out
// (absent is not collected, whatever the build says). A release or version that contradicts the
// build is a problem, said as such. A release read as the build's is noted (note_reconciled).
void reconcile_windows_release(FactValue& root, Validator& validator) {
  FactValue* os = root.is_map() ? root.find("os") : nullptr;
  if (!os || !os->is_map()) return;
  const FactValue* family = os->find("family");
  if (!family || !family->is_string() || family->as_string() != "windows") return;
  const FactValue* release = os->find("release");
  if (release && !release->is_string()) return;  // already a problem
  const FactValue* build = os->find("build");
  const WindowsRelease* known = nullptr;
  if (build && build->is_string())
    if (auto number = windows_build_number(build->as_string()))
      known = windows_release_of_build(*number);
  const bool frozen = release && release->as_string() == kFrozenReleaseId;
  if (!known) {
    if (frozen)
      validator.problem(
          "os.release",
          fmt::format("\"{}\" is the registry's ReleaseId, frozen at {} on every release from "
                      "20H2 on, so it names none of them; report DisplayVersion (20H2, 22H2…), "
                      "or os.build, whose number tells the releases apart",
                      kFrozenReleaseId, kFrozenReleaseId));
    return;
  }
  const std::string build_text = build->as_string();
  const std::string is = fmt::format("which is Windows {} {}", known->version, known->release);
  // "11" on a Windows 10 build cannot be; "10" on a Windows 11 build can (Windows Server 2022
  // and 2025 share 11's builds and are major version 10).
  if (const FactValue* version = os->find("version");
      version && version->is_string() && version->as_string() == "11" && known->version == "10")
    validator.problem("os.version", fmt::format("\"{}\" disagrees with os.build \"{}\", {}",
                                                version->as_string(), build_text, is));
  if (!release) return;  // not collected: rules on it are unknown, as for any absent fact
  if (frozen && known->build > 19041) {
    os->set("release", FactValue::string(std::string(known->release)));
    note_reconciled(root, "os.release", kFrozenReleaseId, "os.build");
  } else if (ascii_lower(release->as_string()) != ascii_lower(known->release)) {
    validator.problem("os.release", fmt::format("\"{}\" disagrees with os.build \"{}\", {}",
                                                release->as_string(), build_text, is));
  }
}

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
    else if (!schema->is_string() || !parse_schema_id(schema->as_string()))
      validator.problem("schema",
                        fmt::format("expected {} or {}.MINOR (such as {}), {}", kFactSchemaMajor,
                                    kFactSchemaMajor, kFactSchemaId, Validator::got(*schema)));
    if (!root.find("subject"))
      validator.problem("(top level)", "missing required key `subject` (the terminal's id)");
  }
  validator.check(root, fact_schema(), PathLink{});
  refuse_nul(root, "", validator);
  if (validator.problems.empty()) reconcile_windows_release(root, validator);
  // A facts file to merge (no header required) must say which terminals its attestation covers.
  check_attestation(root, source, !require_header, validator.problems);
  // A dump of a newer minor is read like any other (its new keys are unknown keys here); when
  // it cannot be, the minor may be why.
  if (const FactValue* schema = root.is_map() ? root.find("schema") : nullptr;
      !validator.problems.empty() && schema && schema->is_string())
    if (auto declared = parse_schema_id(schema->as_string());
        declared && declared->minor && *declared->minor > kFactContractMinor)
      validator.problem(
          "schema", fmt::format("{} is newer than {}, the newest minor this tekigo knows: a value "
                                "above that it cannot read may be one the newer contract allows; "
                                "a newer tekigo may read this dump",
                                schema->as_string(), kFactSchemaId));
  // After the check, which has normalised it (YAML `subject: 42` is text "42" now).
  if (const FactValue* subject = root.is_map() ? root.find("subject") : nullptr;
      subject && subject->is_string())
    for (auto& p : validator.problems) p.subject = subject->as_string();
  return std::move(validator.problems);
}

void merge_facts(FactValue& into, const FactValue& part, std::vector<std::string>* changed,
                 MergeNull null) {
  struct Merge {
    std::vector<std::string>* changed;
    MergeNull null;
    void run(FactValue& dst, const FactValue& src, const std::string& path) {
      if (dst.is_map() && src.is_map()) {
        for (const auto& [key, value] : src.as_map()) {
          std::string child = path.empty() ? key : path + "." + key;
          if (null == MergeNull::remove && value.is_null()) {
            auto& entries = dst.as_map();
            const auto before = entries.size();
            std::erase_if(entries, [&key = key](const auto& entry) { return entry.first == key; });
            if (changed && entries.size() != before) changed->push_back(child);
          } else if (FactValue* existing = dst.find(key)) {
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
  Merge{changed, null}.run(into, part, "");
}

}  // namespace tekigo::engine
