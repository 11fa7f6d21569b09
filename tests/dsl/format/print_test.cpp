// tests/dsl/format: the printer on ASTs built by hand — the constructs of issue 11 that the
// parser may not read yet (`from`/`until` windows on rules, cases, rows and forbid items,
// version ranges and comparisons in `os` clauses, `removed` entries, `today`, `7.*`), and
// the parentheses a tree needs. Once the parser reads the new syntax, the round-trip case
// at the end parses the printed text back and compares the trees.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "dsl/format/ast_dump.hpp"
#include "dsl/format/format.hpp"
#include "dsl/grammar/parser.hpp"

using namespace tekigo;
using namespace tekigo::dsl;
using ast::Expr;
using ast::Operand;

namespace {

ast::Text text(std::string s) {
  return {std::move(s), {}, {}};
}

Operand bare(std::string s) {
  Operand o;
  o.kind = Operand::Kind::number;
  o.text = std::move(s);
  return o;
}

ast::Path path(std::vector<std::string> segments) {
  ast::Path p;
  p.segments = std::move(segments);
  return p;
}

std::unique_ptr<Expr> compare(std::vector<std::string> p, ast::CompareOp op, Operand rhs) {
  auto e = std::make_unique<Expr>();
  e->kind = Expr::Kind::compare;
  e->path = path(std::move(p));
  e->op = op;
  e->rhs = std::move(rhs);
  return e;
}

std::unique_ptr<Expr> truth(std::string name) {
  auto e = std::make_unique<Expr>();
  e->kind = Expr::Kind::truth;
  e->path = path({std::move(name)});
  return e;
}

std::unique_ptr<Expr> node(Expr::Kind kind, std::unique_ptr<Expr> a,
                           std::unique_ptr<Expr> b = nullptr) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->children.push_back(std::move(a));
  if (b) e->children.push_back(std::move(b));
  return e;
}

ast::InForce window(const char* from, const char* until) {
  ast::InForce f;
  if (from) f.from = bare(from);
  if (until) f.until = bare(until);
  return f;
}

ast::VersionSpec spec(std::string value, ast::CompareOp op = ast::CompareOp::eq,
                      const char* to = nullptr) {
  ast::VersionSpec s;
  s.op = op;
  s.value = bare(std::move(value));
  if (to) s.to = bare(to);
  return s;
}

ast::PolicyFile header_only() {
  ast::PolicyFile f;
  f.header.id = text("revised");
  f.header.title = text("A \"revised\" policy");
  f.header.revision = text("第8版");
  f.header.effective = text("2024-10-01");
  f.header.source = text("the document");
  return f;
}

template <typename T>
ast::Item item(std::unique_ptr<T> p) {
  ast::Item i;
  if constexpr (std::is_same_v<T, ast::Rule>) i.rule = std::move(p);
  if constexpr (std::is_same_v<T, ast::Section>) i.section = std::move(p);
  if constexpr (std::is_same_v<T, ast::Removed>) i.removed = std::move(p);
  if constexpr (std::is_same_v<T, ast::NoteDecl>) i.note = std::move(p);
  return i;
}

// A policy of every construct issue 11 adds.
ast::PolicyFile revised_policy() {
  ast::PolicyFile f = header_only();
  auto section = std::make_unique<ast::Section>();
  section->cite = text("補足1");
  section->title = text("software");

  auto vpn = std::make_unique<ast::Rule>();
  vpn->kind = ast::Rule::Kind::check;
  vpn->id = text("vpn-software");
  vpn->title = text("The VPN client is Cisco Secure Client.");
  {
    ast::Clause c;
    c.kind = ast::Clause::Kind::when;
    c.status = ast::CaseStatus::warn;
    c.condition = compare({"software", "version"}, ast::CompareOp::eq, bare("4.9.*"));
    c.in_force = window(nullptr, "2024-09-30");
    c.message = text("AnyConnect 4.9 is accepted until 2024-09-30.");
    vpn->clauses.push_back(std::move(c));
  }
  {
    ast::Clause c;
    c.kind = ast::Clause::Kind::when;
    c.status = ast::CaseStatus::fail;
    c.condition = compare({"software", "version"}, ast::CompareOp::eq, bare("4.9.*"));
    c.in_force = window("2024-10-01", nullptr);
    c.message = text("AnyConnect 4.9 is no longer accepted.");
    vpn->clauses.push_back(std::move(c));
  }
  {
    ast::Clause c;
    c.kind = ast::Clause::Kind::otherwise;
    c.status = ast::CaseStatus::pass;
    vpn->clauses.push_back(std::move(c));
  }
  section->items.push_back(item(std::move(vpn)));

  auto deadline = std::make_unique<ast::Rule>();
  deadline->kind = ast::Rule::Kind::check;
  deadline->id = text("migration-deadline");
  deadline->title = text("Windows 7 terminals are migrated by the deadline.");
  deadline->notes = {{"※1", {}}};
  deadline->in_force = window("2024-01-01", "2024-12-31");
  {
    ast::Clause c;
    c.kind = ast::Clause::Kind::expect;
    c.condition = node(Expr::Kind::or_, compare({"today"}, ast::CompareOp::le, bare("2024-06-30")),
                       compare({"os", "version"}, ast::CompareOp::ge, bare("7.*")));
    deadline->clauses.push_back(std::move(c));
  }
  section->items.push_back(item(std::move(deadline)));

  auto matrix = std::make_unique<ast::Rule>();
  matrix->kind = ast::Rule::Kind::matrix;
  matrix->id = text("terminal");
  matrix->title = text("Supported OS.");
  {
    ast::MatrixRow row;
    row.label = text("6");
    row.title = text("macOS 12–14");
    row.in_force = window("2024-10-01", nullptr);
    ast::OsClause os;
    os.family = text("macos");
    os.versions.push_back(spec("12", ast::CompareOp::eq, "14"));
    row.os = std::move(os);
    row.min_disk = bare("50MiB");
    matrix->rows.push_back(std::move(row));
  }
  {
    ast::MatrixRow row;
    row.label = text("7");
    row.in_force = window(nullptr, "2025-03-31");
    ast::OsClause os;
    os.family = text("windows");
    os.versions.push_back(spec("11"));
    os.releases.push_back(spec("22H2", ast::CompareOp::ge));
    os.releases.push_back(spec("21H2"));
    os.except_editions = {text("CloudEdition"), text("IoT Enterprise")};
    row.os = std::move(os);
    ast::BrowserItem edge;
    edge.id = text("edge");
    row.browsers.push_back(std::move(edge));
    row.has_browsers = true;
    matrix->rows.push_back(std::move(row));
  }
  section->items.push_back(item(std::move(matrix)));

  auto forbid = std::make_unique<ast::Rule>();
  forbid->kind = ast::Rule::Kind::forbid;
  forbid->id = text("conflict-22");
  forbid->cite = text("#22");
  forbid->title = text("Old clients must not be installed.");
  {
    ast::ForbidItem i;
    i.kind = "software";
    i.label = text("Client 6.x");
    i.in_force = window("2024-10-01", nullptr);
    auto m = std::make_unique<Expr>();
    m->kind = Expr::Kind::match;
    m->path = path({"name"});
    m->pattern = text("client\\s+6\\.");
    i.predicate =
        node(Expr::Kind::and_, std::move(m), compare({"version"}, ast::CompareOp::eq, bare("6.*")));
    forbid->items.push_back(std::move(i));
  }
  {
    ast::ForbidItem i;
    i.kind = "when";
    i.in_force = window(nullptr, "2024-09-30");
    i.predicate = truth("legacy");
    forbid->items.push_back(std::move(i));
  }
  section->items.push_back(item(std::move(forbid)));

  auto removed = std::make_unique<ast::Removed>();
  removed->id = text("conflict-09");
  removed->cite = text("#9");
  removed->title = text("Internet Explorer 8 must not be installed.");
  removed->revision = text("第8版");
  section->items.push_back(item(std::move(removed)));

  f.items.push_back(item(std::move(section)));
  return f;
}

const char* kRevised = R"(policy revised {
  title     "A \"revised\" policy"
  revision  "第8版"
  effective 2024-10-01
  source    "the document"
}

section "補足1" "software" {
  check vpn-software "The VPN client is Cisco Secure Client." {
    warn when software.version == 4.9.* until 2024-09-30 "AnyConnect 4.9 is accepted until 2024-09-30."
    fail when software.version == 4.9.* from 2024-10-01 "AnyConnect 4.9 is no longer accepted."
    otherwise pass
  }
  check migration-deadline "Windows 7 terminals are migrated by the deadline." notes ※1 from 2024-01-01 until 2024-12-31 {
    expect today <= 2024-06-30 or os.version >= 7.*
  }
  matrix terminal "Supported OS." {
    row "6" "macOS 12–14" from 2024-10-01 {
      os macos 12..14
      disk >= 50MiB
    }
    row "7" until 2025-03-31 {
      os windows 11 release >= 22H2, 21H2 except edition CloudEdition, "IoT Enterprise"
      browsers edge
    }
  }
  forbid conflict-22 cite "#22" "Old clients must not be installed." {
    software "Client 6.x" from 2024-10-01 { name ~ "client\\s+6\\." and version == 6.* }
    when until 2024-09-30 legacy
  }
  removed conflict-09 cite "#9" "Internet Explorer 8 must not be installed." revision "第8版"
}
)";

}  // namespace

TEST_CASE("fmt print: the syntax of issue 11 from a hand-made AST", "[format]") {
  CHECK(format::print(revised_policy()) == kRevised);
}

TEST_CASE("fmt print: parentheses where the tree needs them, and only there", "[format]") {
  ast::PolicyFile f = header_only();
  auto rule = std::make_unique<ast::Rule>();
  rule->kind = ast::Rule::Kind::check;
  rule->id = text("shapes");
  rule->cite = text("§1");
  rule->title = text("t");
  auto add = [&](std::unique_ptr<Expr> e) {
    ast::Clause c;
    c.kind = ast::Clause::Kind::expect;
    c.condition = std::move(e);
    rule->clauses.push_back(std::move(c));
  };
  using K = Expr::Kind;
  add(node(K::and_, node(K::or_, truth("a"), truth("b")), truth("c")));
  add(node(K::or_, node(K::and_, truth("a"), truth("b")), truth("c")));
  add(node(K::not_, node(K::and_, truth("a"), truth("b"))));
  add(node(K::not_, node(K::not_, truth("a"))));
  add(node(K::or_, truth("a"), node(K::or_, truth("b"), truth("c"))));
  add(node(K::and_, truth("a"), node(K::and_, truth("b"), truth("c"))));
  {
    auto any = std::make_unique<Expr>();
    any->kind = K::any;
    any->path = path({"software"});
    any->children.push_back(node(K::or_, truth("a"), truth("b")));
    add(std::move(any));
  }
  f.items.push_back(item(std::move(rule)));
  const std::string printed = format::print(f);
  CHECK(printed.find(R"(
check shapes cite "§1" "t" {
  expect (a or b) and c
  expect a and b or c
  expect not (a and b)
  expect not not a
  expect a or (b or c)
  expect a and (b and c)
  expect any software (a or b)
}
)") != std::string::npos);

  // Parsed back, each prints the same tree (the nested `or` and `and` stay nested).
  SourceFile source("shapes.tkg", printed);
  ParseResult parsed = parse(source);
  REQUIRE(parsed.diagnostics.empty());
  CHECK(format::ast_dump(parsed.file) == format::ast_dump(f));
}

TEST_CASE("fmt print: a hand-made AST of today's syntax parses back to itself", "[format]") {
  ast::PolicyFile f = header_only();
  auto note = std::make_unique<ast::NoteDecl>();
  note->label = {"※1", {}};
  note->text = text("tabs\tand\nnew lines and \\ backslashes");
  f.items.push_back(item(std::move(note)));
  auto rule = std::make_unique<ast::Rule>();
  rule->kind = ast::Rule::Kind::flow;
  rule->id = text("vpn");
  rule->cite = text("VPN #1");
  rule->title = text("UDP 500 must pass.");
  rule->notes = {{"※1", {}}};
  rule->protocols = {text("udp"), text("tcp")};
  rule->direction = text("out");
  rule->to = text("sec.example.jp.");
  rule->addresses = {bare("192.0.2.1"), bare("2001:db8::1")};
  rule->ports = {bare("500")};
  rule->purpose = text("ISAKMP");
  f.items.push_back(item(std::move(rule)));

  const std::string printed = format::print(f);
  CHECK(printed.find("note ※1 \"tabs\\tand\\nnew lines and \\\\ backslashes\"") !=
        std::string::npos);
  CHECK(printed.find(R"(  protocol udp, tcp
  direction out
  to sec.example.jp.
  address 192.0.2.1, 2001:db8::1
  port 500
  purpose "ISAKMP"
)") != std::string::npos);
  SourceFile source("flow.tkg", printed);
  ParseResult parsed = parse(source);
  INFO(printed);
  REQUIRE(parsed.diagnostics.empty());
  CHECK(format::ast_dump(parsed.file) == format::ast_dump(f));
}

TEST_CASE("fmt print: the syntax of issue 11 parses back to the same tree", "[format]") {
  // Runs once the parser reads `from`/`until`, os ranges, `removed` (the issue11-time and
  // issue11-diff branches); until then it only says that it was skipped.
  SourceFile probe("probe.tkg", kRevised);
  ParseResult parsed = parse(probe);
  if (!parsed.diagnostics.empty()) {
    WARN("the parser does not read the syntax of issue 11 yet: round trip skipped ("
         << parsed.diagnostics.front().message << ")");
    return;
  }
  CHECK(format::ast_dump(parsed.file) == format::ast_dump(revised_policy()));
  format::FormatResult again = format::format_source(probe);
  INFO(render_all(again.diagnostics, probe));
  REQUIRE(again.ok());
  CHECK(again.text == kRevised);
}
