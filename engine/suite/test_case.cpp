// engine/suite: reading a test case (see test_case.hpp). yaml-cpp gives the structure and
// the position of every key; the patch becomes a fact tree through engine/facts' own YAML
// reading, so that a value means in a case what it means in a dump.
#include "engine/suite/test_case.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <system_error>

#include "engine/common/text.hpp"
#include "engine/common/text_file.hpp"
#include "engine/facts/fact_reader.hpp"

namespace tekigo::engine {

std::string CaseError::to_string() const {
  if (line == 0) return fmt::format("{}: {}", file, message);
  return fmt::format("{}:{}:{}: {}", file, line, column, message);
}

namespace {

constexpr std::string_view kCaseKeys =
    "description, dump, patch, facts, as_of, lang, verdict or rules";
constexpr std::string_view kRuleKeys = "status, message, notes, cite or title";
constexpr std::string_view kStatusWords = "pass, warn, fail, unknown, manual or n/a";
constexpr std::string_view kVerdictWords = "pass, warn, manual, unknown or fail";

class Reader {
 public:
  Reader(const std::filesystem::path& file, const Graph& graph)
      : file_(file), name_(utf8_of(file)), graph_(graph) {}

  CaseLoad read() {
    CaseLoad out;
    YAML::Node root;
    std::error_code ec;
    // A FIFO would block the read for ever, /dev/zero never end: what it is instead, in the
    // words of a dump's ("not a regular file but a named pipe (FIFO)…", a link loop, a
    // dangling link).
    if (std::string why; !regular_file(file_, why)) {
      error(0, 0, why == "no such file or directory" ? "no such file" : why);
      out.errors = std::move(errors_);
      return out;
    }
    // A case is a few lines: one larger than a dump may be is refused unread, as a dump is.
    const std::size_t limit = FactLoadOptions{}.max_file_bytes;
    if (const auto size = std::filesystem::file_size(file_, ec); !ec && size > limit) {
      error(0, 0, fmt::format("larger than {} bytes; refusing to read it", limit));
      out.errors = std::move(errors_);
      return out;
    }
    try {
      // Read as bytes here, not by yaml-cpp's LoadFile, which opens a narrow path (Windows: the
      // ANSI code page).
      std::string read_error;
      const auto text = read_text_file(file_, limit, read_error);
      if (!text) throw YAML::BadFile(utf8_of(file_));
      root = YAML::Load(*text);
    } catch (const YAML::BadFile&) {
      error(0, 0, "cannot read the file");
    } catch (const YAML::Exception& e) {
      error(e.mark, fmt::format("not valid YAML: {}", e.msg));
    }
    if (errors_.empty()) build(root);
    if (errors_.empty()) out.test = std::move(test_);
    out.errors = std::move(errors_);
    return out;
  }

 private:
  void error(std::size_t line, std::size_t column, std::string message) {
    errors_.push_back({name_, line, column, std::move(message)});
  }
  void error(const YAML::Mark& mark, std::string message) {
    if (mark.is_null())
      error(0, 0, std::move(message));
    else
      error(static_cast<std::size_t>(mark.line) + 1, static_cast<std::size_t>(mark.column) + 1,
            std::move(message));
  }

  // A scalar's text, or a mistake saying what was wanted there.
  std::optional<std::string> text(const YAML::Node& node, std::string_view key,
                                  std::string_view what) {
    if (!node.IsScalar()) {
      error(node.Mark(), fmt::format("`{}`: expected {}", key, what));
      return std::nullopt;
    }
    return node.Scalar();
  }

  std::filesystem::path beside(const std::string& path) const {
    const std::filesystem::path p = path_from_utf8(path);
    return p.is_absolute() ? p : file_.parent_path() / p;
  }

  void build(const YAML::Node& root) {
    if (!root.IsMap()) {
      error(root.Mark(),
            "a case is a map with `verdict` and, usually, `dump`, `patch` and `rules` "
            "(docs/testing.md)");
      return;
    }
    test_.file = name_;
    bool has_verdict = false, has_dump = false, has_patch = false;
    for (auto it = root.begin(); it != root.end(); ++it) {
      const std::string key = it->first.Scalar();
      const YAML::Node value = it->second;
      if (key == "description") {
        if (auto t = text(value, key, "a sentence saying what the case shows"))
          test_.description = *t;
      } else if (key == "dump") {
        if (auto t = text(value, key, "the path of a dump file, relative to the case")) {
          test_.dump = beside(*t);
          has_dump = true;
        }
      } else if (key == "patch") {
        if (!value.IsMap() && !value.IsNull())
          error(value.Mark(), "`patch`: expected a map of the facts that differ from the dump");
        has_patch = value.IsMap();
      } else if (key == "facts") {
        read_facts(value);
      } else if (key == "as_of") {
        if (auto t = text(value, key, "a date such as 2021-01-20")) {
          test_.as_of = Date::parse(*t);
          if (!test_.as_of)
            error(value.Mark(),
                  fmt::format("`as_of`: expected a date such as 2021-01-20, got `{}`", *t));
        }
      } else if (key == "lang") {
        if (auto t = text(value, key, "en or ja")) {
          if (auto lang = parse_lang(*t))
            test_.lang = *lang;
          else
            error(value.Mark(), fmt::format("`lang`: expected en or ja, got `{}`", *t));
        }
      } else if (key == "verdict") {
        if (auto t = text(value, key, kVerdictWords)) {
          has_verdict = true;
          auto v = parse_verdict(*t);
          if (!v)
            error(value.Mark(),
                  fmt::format("unknown verdict `{}` (expected {})", *t, kVerdictWords));
          else
            test_.verdict = *v;
        }
      } else if (key == "rules") {
        read_rules(value);
      } else {
        error(it->first.Mark(), fmt::format("unknown key `{}` (expected {})", key, kCaseKeys));
      }
    }
    if (!has_verdict)
      error(1, 1,
            "missing `verdict`: every case says the verdict it expects (pass, warn, fail "
            "or unknown)");
    if (has_patch) read_patch();
    if (!has_dump && !has_patch && errors_.empty())
      error(1, 1, "no dump: give `dump` (a dump file), `patch` (the facts themselves), or both");
    if (test_.dump && !std::filesystem::exists(*test_.dump))
      error(position_of(root, "dump"),
            fmt::format("`dump`: no such file `{}`", utf8_of(*test_.dump)));
    for (const auto& f : test_.facts)
      if (!std::filesystem::exists(f))
        error(position_of(root, "facts"), fmt::format("`facts`: no such file `{}`", utf8_of(f)));
  }

  static YAML::Mark position_of(const YAML::Node& map, std::string_view key) {
    for (auto it = map.begin(); it != map.end(); ++it)
      if (it->first.Scalar() == key) return it->second.Mark();
    return YAML::Mark::null_mark();
  }

  // What a case may expect: every verdict but `error` (a dump that cannot be read is a case
  // error, not an outcome).
  static std::optional<Verdict> parse_verdict(std::string_view word) {
    auto v = engine::parse_verdict(word);
    if (v == Verdict::error) return std::nullopt;
    return v;
  }

  void read_facts(const YAML::Node& value) {
    auto one = [&](const YAML::Node& n) {
      if (auto t = text(n, "facts", "a facts file, or a list of them"))
        test_.facts.push_back(beside(*t));
    };
    if (value.IsSequence())
      for (const auto& n : value) one(n);
    else
      one(value);
  }

  // The patch as a fact tree, read by engine/facts (types as in a dump; nulls kept, to remove
  // keys when merged). Its problems against the contract show once it is merged.
  void read_patch() {
    FactLoadOptions options;
    options.validate = false;
    FactLoad load = load_fact_file(file_, options);
    for (const auto& e : load.errors) error(0, 0, e.message);
    if (load.documents.empty()) return;
    if (const FactValue* patch = load.documents.front().root.find("patch")) test_.patch = *patch;
  }

  void read_rules(const YAML::Node& value) {
    if (!value.IsMap()) {
      error(value.Mark(),
            "`rules`: expected a map of rule ids to a status, or to "
            "{status, message, notes, cite, title}");
      return;
    }
    for (auto it = value.begin(); it != value.end(); ++it) {
      RuleExpectation e;
      e.rule = it->first.Scalar();
      e.line = static_cast<std::size_t>(it->first.Mark().line) + 1;
      e.column = static_cast<std::size_t>(it->first.Mark().column) + 1;
      const auto& rules = graph_.rules();
      if (std::none_of(rules.begin(), rules.end(), [&](const Rule& r) { return r.id == e.rule; })) {
        error(it->first.Mark(),
              fmt::format("unknown rule `{}`: the policy has no rule of that id", e.rule));
        continue;
      }
      const YAML::Node spec = it->second;
      if (spec.IsScalar()) {
        e.status = status(spec);
      } else if (spec.IsMap()) {
        for (auto f = spec.begin(); f != spec.end(); ++f) {
          const std::string key = f->first.Scalar();
          const YAML::Node v = f->second;
          if (key == "status")
            e.status = status(v);
          else if (key == "message")
            e.message = text(v, key, "the rule's message");
          else if (key == "cite")
            e.cite = text(v, key, "the rule's citation");
          else if (key == "title")
            e.title = text(v, key, "the rule's sentence");
          else if (key == "notes")
            e.notes = notes(v);
          else
            error(f->first.Mark(), fmt::format("unknown key `{}` (expected {})", key, kRuleKeys));
        }
      } else {
        error(spec.Mark(), fmt::format("`{}`: expected a status ({}) or a map of {}", e.rule,
                                       kStatusWords, kRuleKeys));
      }
      test_.rules.push_back(std::move(e));
    }
  }

  std::optional<Status> status(const YAML::Node& node) {
    auto t = text(node, "status", kStatusWords);
    if (!t) return std::nullopt;
    auto s = parse_status(trim(*t));
    if (!s) error(node.Mark(), fmt::format("unknown status `{}` (expected {})", *t, kStatusWords));
    return s;
  }

  std::optional<std::vector<std::string>> notes(const YAML::Node& node) {
    std::vector<std::string> out;
    if (node.IsNull()) return out;  // `notes: []` or `notes:`: no notes
    if (!node.IsSequence()) {
      error(node.Mark(), "`notes`: expected a list of note labels (※1) or whole note texts");
      return std::nullopt;
    }
    for (const auto& n : node)
      if (auto t = text(n, "notes", "a note label or text")) out.push_back(*t);
    return out;
  }

  std::filesystem::path file_;
  std::string name_;
  const Graph& graph_;
  TestCase test_;
  std::vector<CaseError> errors_;
};

bool is_case_file(const std::filesystem::path& p) {
  const std::string ext = ascii_lower(p.extension().string());
  return ext == ".yaml" || ext == ".yml";
}

bool shared(const std::filesystem::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name.front() == '_';
}

}  // namespace

CaseLoad read_test_case(const std::filesystem::path& file, const Graph& graph) {
  return Reader(file, graph).read();
}

std::vector<std::filesystem::path> cases_under(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) return out;
  std::filesystem::recursive_directory_iterator it(folder, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    if (shared(it->path())) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    // Anything named like a case but a folder is one: a FIFO or a broken link is an error of
    // its own, not a case silently left out.
    std::error_code kind;
    if (is_case_file(it->path()) && !it->is_directory(kind)) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::filesystem::path> find_test_cases(const std::filesystem::path& policy,
                                                   std::filesystem::path* folder) {
  std::filesystem::path dir = policy.parent_path() / policy.stem().concat(".tests");
  if (folder) *folder = dir;
  return cases_under(dir);
}

}  // namespace tekigo::engine
