// dsl/checks: typing of literals — see literals.hpp.
#include "dsl/checks/literals.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "engine/common/text.hpp"

namespace tekigo::dsl::checks {

using engine::ascii_lower;
using engine::FactType;
using engine::join;
using engine::SchemaNode;

std::optional<engine::Scalar> parse_scalar(const ast::Operand& o, const SchemaNode& type,
                                           std::vector<Diagnostic>& diagnostics) {
  auto error = [&](const DiagnosticCode& code, std::string message, std::string help = {}) {
    diagnostics.push_back(make_diagnostic(code, std::move(message), o.span, std::move(help)));
  };
  using K = ast::Operand::Kind;
  auto bad = [&](std::string_view what, std::string help) -> std::optional<engine::Scalar> {
    error(codes::E0202, fmt::format("malformed {} `{}`", what, o.text), std::move(help));
    return std::nullopt;
  };
  if (o.kind == K::list) {
    error(codes::E0203, "a list is not allowed here",
          "use `in [ … ]` to compare with several values");
    return std::nullopt;
  }
  switch (type.type) {
    case FactType::string:
      if (o.kind == K::boolean) break;
      return engine::Scalar{o.text};
    case FactType::enumeration: {
      if (o.kind == K::boolean || o.kind == K::number) break;
      std::string value = ascii_lower(o.text);
      if (std::find(type.values.begin(), type.values.end(), value) == type.values.end()) {
        error(codes::E0204, fmt::format("`{}` is not one of the values of this fact", o.text),
              fmt::format("expected one of: {}", join(type.values, ", ")));
        return std::nullopt;
      }
      return engine::Scalar{value};
    }
    case FactType::integer:
    case FactType::port: {
      if (o.kind != K::number) break;
      std::int64_t v = 0;
      auto [p, ec] = std::from_chars(o.text.data(), o.text.data() + o.text.size(), v);
      if (ec != std::errc() || p != o.text.data() + o.text.size() ||
          (type.type == FactType::port && (v < 1 || v > 65535)))
        return bad(type.type == FactType::port ? "port" : "integer",
                   type.type == FactType::port ? "ports are 1–65535" : "write a whole number");
      return engine::Scalar{v};
    }
    case FactType::boolean:
      if (o.kind != K::boolean) break;
      return engine::Scalar{o.text == "true"};
    case FactType::version: {
      if (o.kind == K::boolean || o.kind == K::path) break;
      if (auto v = engine::Version::parse_dotted_strict(o.text)) return engine::Scalar{*v};
      return bad("version",
                 "versions are numbers separated by dots, such as 4.9.05042, 10.13 or 6.x");
    }
    case FactType::release: {
      if (o.kind == K::boolean || o.kind == K::path) break;
      if (auto v = engine::Version::parse(o.text, engine::VersionScheme::windows_release))
        return engine::Scalar{*v};
      return bad("Windows release id", "release ids are YYMM (1909, 2004) or YYH1/YYH2 (20H2)");
    }
    case FactType::size: {
      if (o.kind != K::number && o.kind != K::string) break;
      if (auto s = engine::ByteSize::parse(o.text)) return engine::Scalar{*s};
      return bad("size", "sizes are a number and a unit: 100MB (10^6 bytes), 50 MiB (2^20 bytes)");
    }
    case FactType::address: {
      if (o.kind == K::boolean || o.kind == K::path) break;
      if (auto a = engine::IpAddress::parse(o.text)) return engine::Scalar{*a};
      return bad("address", "write an IPv4 or IPv6 address, such as 219.97.232.64");
    }
    case FactType::fqdn: {
      if (o.kind == K::boolean) break;
      if (auto h = engine::Fqdn::parse(o.text)) return engine::Scalar{*h};
      return bad("host name",
                 "write a host name, such as sec.ccr.ncc.go.jp (a trailing dot is allowed)");
    }
    case FactType::timestamp:
    case FactType::date: {
      if (o.kind != K::number && o.kind != K::string) break;
      if (auto d = engine::Date::parse(o.text)) return engine::Scalar{*d};
      return bad("date", "write dates as YYYY-MM-DD");
    }
    case FactType::scalar:
      if (o.kind == K::boolean) return engine::Scalar{o.text == "true"};
      if (o.kind == K::number) {
        std::int64_t v = 0;
        auto [p, ec] = std::from_chars(o.text.data(), o.text.data() + o.text.size(), v);
        if (ec == std::errc() && p == o.text.data() + o.text.size()) return engine::Scalar{v};
      }
      return engine::Scalar{o.text};
    case FactType::list:
    case FactType::map:
      break;
  }
  error(codes::E0203,
        fmt::format("cannot compare {} with `{}`", engine::type_with_article(type.type), o.text),
        type.type == FactType::boolean ? "compare with `true` or `false`"
        : type.type == FactType::enumeration
            ? fmt::format("expected one of: {}", join(type.values, ", "))
            : "");
  return std::nullopt;
}

std::optional<engine::Literal> parse_literal(const ast::Operand& o, const SchemaNode& type,
                                             std::vector<Diagnostic>& diagnostics) {
  engine::Literal lit;
  lit.type = type.type;
  lit.text = o.text;
  if (o.kind == ast::Operand::Kind::list) {
    bool ok = true;
    for (const auto& item : o.items) {
      auto v = parse_scalar(item, type, diagnostics);
      if (v)
        lit.values.push_back(std::move(*v));
      else
        ok = false;
    }
    if (!ok) return std::nullopt;
    return lit;
  }
  auto v = parse_scalar(o, type, diagnostics);
  if (!v) return std::nullopt;
  lit.values.push_back(std::move(*v));
  return lit;
}

}  // namespace tekigo::dsl::checks
