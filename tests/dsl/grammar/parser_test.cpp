// tests/dsl: the parser — whole small policies through dsl::parse, and the AST they give:
// the header, sections and notes, every rule kind with its body, comments and doc
// comments, and spans (the slice of the source under a node is the text written there).
// Then a real-world policy, parsed and compiled: the frozen copy in tests/fixtures (never
// the shipped policy, which may change; see tests/fixtures/README.md).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "dsl/compiler.hpp"
#include "dsl/grammar/parser.hpp"

using namespace tekigo;
using dsl::ast::CaseStatus;
using dsl::ast::Clause;
using dsl::ast::Expr;
using dsl::ast::Operand;
using dsl::ast::Rule;

namespace {

struct Parsed {
  std::unique_ptr<dsl::SourceFile> source;
  dsl::ParseResult result;
  std::string_view slice(dsl::Span span) const { return source->slice(span); }
};

Parsed parse(std::string text) {
  Parsed p;
  p.source = std::make_unique<dsl::SourceFile>("test.tkg", std::move(text));
  p.result = dsl::parse(*p.source);
  return p;
}

// Parses and requires no diagnostics.
Parsed parse_ok(std::string text) {
  Parsed p = parse(std::move(text));
  INFO(dsl::render_all(p.result.diagnostics, *p.source));
  REQUIRE(p.result.diagnostics.empty());
  return p;
}

const char* kHeader = R"(policy demo {
  title "Demo"
  revision "2021-01"
  effective 2021-01-26
  source "The requirements document"
}
)";

// The rules of a file in order, sections flattened.
void collect(const std::vector<dsl::ast::Item>& items, std::vector<const Rule*>& out) {
  for (const auto& item : items) {
    if (item.section) collect(item.section->items, out);
    if (item.rule) out.push_back(item.rule.get());
  }
}

std::vector<const Rule*> rules_of(const Parsed& p) {
  std::vector<const Rule*> out;
  collect(p.result.file.items, out);
  return out;
}

const Rule& only_rule(const Parsed& p) {
  auto rules = rules_of(p);
  REQUIRE(rules.size() == 1);
  return *rules.front();
}

std::vector<std::string> texts(const std::vector<dsl::ast::Text>& v) {
  std::vector<std::string> out;
  for (const auto& t : v) out.push_back(t.value);
  return out;
}

std::vector<std::string> operand_texts(const std::vector<Operand>& v) {
  std::vector<std::string> out;
  for (const auto& o : v) out.push_back(o.text);
  return out;
}

std::vector<std::string> operand_texts(const std::vector<dsl::ast::VersionSpec>& v) {
  std::vector<std::string> out;
  for (const auto& o : v) out.push_back(o.value.text);
  return out;
}

std::vector<std::string> labels(const std::vector<dsl::ast::NoteRef>& v) {
  std::vector<std::string> out;
  for (const auto& n : v) out.push_back(n.label);
  return out;
}

using Strings = std::vector<std::string>;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// tests/fixtures/policies/registry-2020.tkg, a frozen copy of the policy as it was at revision
// 2020-12: its content is fixed (tests/fixtures/README.md).
const std::string kFrozenPolicyPath =
    TEKIGO_SOURCE_DIR "/tests/fixtures/policies/registry-2020.tkg";

}  // namespace

TEST_CASE("parser: the header's fields and spans", "[dsl][parser]") {
  auto p = parse_ok(std::string(kHeader));
  const auto& h = p.result.file.header;
  CHECK(h.id.value == "demo");
  CHECK(p.slice(h.id.span) == "demo");
  REQUIRE(h.title);
  CHECK(h.title->value == "Demo");
  CHECK(p.slice(h.title->span) == "\"Demo\"");
  REQUIRE(h.revision);
  CHECK(h.revision->value == "2021-01");
  REQUIRE(h.effective);
  CHECK(h.effective->value == "2021-01-26");
  CHECK(p.slice(h.effective->span) == "2021-01-26");
  REQUIRE(h.source);
  CHECK(h.source->value == "The requirements document");
  CHECK(p.slice(h.span).substr(0, 13) == "policy demo {");
  CHECK(p.slice(h.span).back() == '}');
  CHECK(p.result.file.items.empty());
}

TEST_CASE("parser: a header with fields missing still parses", "[dsl][parser]") {
  auto p = parse_ok("policy x { title \"only a title\" }");
  const auto& h = p.result.file.header;
  CHECK(h.id.value == "x");
  CHECK(h.title);
  CHECK_FALSE(h.revision);
  CHECK_FALSE(h.effective);
  CHECK_FALSE(h.source);
}

TEST_CASE("parser: sections nest, and notes belong to their section", "[dsl][parser]") {
  auto p = parse_ok(std::string(kHeader) + R"tkg(
note ※9 "top-level note"
section "§1" "一 — one" {
  note ※1 "注一 (note one)"
  note *2 "note two"
  section "§1(1)" {
    check a "A." { expect os.family == windows }
  }
  check b "B." { expect os.family == macos }
}
section "§2" { }
)tkg");
  const auto& items = p.result.file.items;
  REQUIRE(items.size() == 3);
  REQUIRE(items[0].note);
  CHECK(items[0].note->label.label == "※9");
  CHECK(p.slice(items[0].note->label.span) == "※9");
  CHECK(items[0].note->text.value == "top-level note");

  REQUIRE(items[1].section);
  const auto& s1 = *items[1].section;
  CHECK(s1.cite.value == "§1");
  REQUIRE(s1.title);
  CHECK(s1.title->value == "一 — one");
  REQUIRE(s1.items.size() == 4);
  REQUIRE(s1.items[0].note);
  CHECK(s1.items[0].note->label.label == "※1");
  CHECK(s1.items[0].note->text.value == "注一 (note one)");
  REQUIRE(s1.items[1].note);
  CHECK(s1.items[1].note->label.label == "*2");
  REQUIRE(s1.items[2].section);
  const auto& s11 = *s1.items[2].section;
  CHECK(s11.cite.value == "§1(1)");
  CHECK_FALSE(s11.title);
  REQUIRE(s11.items.size() == 1);
  REQUIRE(s11.items[0].rule);
  CHECK(s11.items[0].rule->id.value == "a");
  REQUIRE(s1.items[3].rule);
  CHECK(s1.items[3].rule->id.value == "b");
  CHECK(p.slice(s1.span).substr(0, std::string_view("section \"§1\"").size()) == "section \"§1\"");

  REQUIRE(items[2].section);
  CHECK(items[2].section->cite.value == "§2");
  CHECK(items[2].section->items.empty());
}

TEST_CASE("parser: rule heads — id, cite, sentence, notes", "[dsl][parser]") {
  auto p = parse_ok(std::string(kHeader) + R"tkg(
note ※1 "one"
note ※2 "two"
check full-head.v2 cite "§3(1) #7" "The terminal must run Windows." notes ※1, ※2 { expect os.family == windows }
check bare-head { expect os.family == windows }
)tkg");
  auto rules = rules_of(p);
  REQUIRE(rules.size() == 2);
  const Rule& a = *rules[0];
  CHECK(a.kind == Rule::Kind::check);
  CHECK(a.id.value == "full-head.v2");
  CHECK(p.slice(a.id.span) == "full-head.v2");
  REQUIRE(a.cite);
  CHECK(a.cite->value == "§3(1) #7");
  CHECK(p.slice(a.cite->span) == "\"§3(1) #7\"");
  REQUIRE(a.title);
  CHECK(a.title->value == "The terminal must run Windows.");
  CHECK(labels(a.notes) == Strings{"※1", "※2"});
  CHECK(p.slice(a.notes[1].span) == "※2");
  CHECK(p.slice(a.span).substr(0, 19) == "check full-head.v2 ");
  CHECK(p.slice(a.span).back() == '}');

  const Rule& b = *rules[1];
  CHECK(b.id.value == "bare-head");
  CHECK_FALSE(b.cite);
  CHECK_FALSE(b.title);
  CHECK(b.notes.empty());
}

TEST_CASE("parser: check clauses — expect, when, otherwise, applies", "[dsl][parser]") {
  auto p = parse_ok(std::string(kHeader) + R"tkg(
note ※1 "n"
check c "C." {
  applies when os.family == windows and os.version == 10
  expect os.release >= 1909 "too old" notes ※1
  fail when os.release <= 1903 "ended"
  warn when os.release == 2004
  unknown when attested.x is absent; manual when attested.y is present
  pass when any software (name ~ "anyconnect")
  otherwise warn "not yet" notes ※1
}
)tkg");
  const Rule& r = only_rule(p);
  REQUIRE(r.clauses.size() == 8);

  const Clause& applies = r.clauses[0];
  CHECK(applies.kind == Clause::Kind::applies);
  REQUIRE(applies.condition);
  CHECK(applies.condition->kind == Expr::Kind::and_);
  CHECK(p.slice(applies.condition->span) == "os.family == windows and os.version == 10");

  const Clause& expect = r.clauses[1];
  CHECK(expect.kind == Clause::Kind::expect);
  REQUIRE(expect.condition);
  CHECK(expect.condition->kind == Expr::Kind::compare);
  CHECK(expect.condition->op == dsl::ast::CompareOp::ge);
  CHECK(expect.condition->path.dotted() == "os.release");
  CHECK(expect.condition->rhs.text == "1909");
  CHECK(expect.condition->rhs.kind == Operand::Kind::number);
  REQUIRE(expect.message);
  CHECK(expect.message->value == "too old");
  CHECK(labels(expect.notes) == Strings{"※1"});

  CHECK(r.clauses[2].kind == Clause::Kind::when);
  CHECK(r.clauses[2].status == CaseStatus::fail);
  CHECK(r.clauses[2].condition->op == dsl::ast::CompareOp::le);
  CHECK(r.clauses[2].message->value == "ended");
  CHECK(r.clauses[3].status == CaseStatus::warn);
  CHECK_FALSE(r.clauses[3].message);
  CHECK(r.clauses[4].status == CaseStatus::unknown);
  CHECK(r.clauses[4].condition->kind == Expr::Kind::is_absent);
  CHECK(r.clauses[5].status == CaseStatus::manual);
  CHECK(r.clauses[5].condition->kind == Expr::Kind::is_present);
  CHECK(r.clauses[6].status == CaseStatus::pass);
  CHECK(r.clauses[6].condition->kind == Expr::Kind::any);

  const Clause& otherwise = r.clauses[7];
  CHECK(otherwise.kind == Clause::Kind::otherwise);
  CHECK(otherwise.status == CaseStatus::warn);
  CHECK_FALSE(otherwise.condition);
  CHECK(otherwise.message->value == "not yet");
  CHECK(labels(otherwise.notes) == Strings{"※1"});
  CHECK(p.slice(otherwise.span).substr(0, 24) == "otherwise warn \"not yet\"");
}

TEST_CASE("parser: manual rules", "[dsl][parser]") {
  auto p = parse_ok(std::string(kHeader) + R"tkg(
manual conflict-12 cite "#12" "No load balancer." {
  expect attested.load_balancer == false "a load balancer sits on the path"
}
)tkg");
  const Rule& r = only_rule(p);
  CHECK(r.kind == Rule::Kind::manual);
  REQUIRE(r.clauses.size() == 1);
  CHECK(r.clauses[0].condition->rhs.kind == Operand::Kind::boolean);
  CHECK(r.clauses[0].condition->rhs.text == "false");
}

TEST_CASE("parser: expressions — precedence, negation, quantifiers, operands", "[dsl][parser]") {
  auto p = parse_ok(std::string(kHeader) + R"tkg(
check e "E." {
  expect a == 1 or b == 2 and not c
  expect not (a or b)
  expect all browsers (id == ie and version in [9, 10, 11])
  expect none software (name ~ "i\"Tunes\\" and publisher != "Apple")
  expect dns.x contains 219.97.232.64
  expect software is not empty; expect software is empty; expect x is not present; expect x is not absent
  expect features.internet_connection_sharing
  expect disk.system_free_bytes >= 50 MiB
  expect os.edition == "Core N"
  expect network.line in [fiber, "adsl"]
  expect x in []
)tkg"
                                           "}\n");
  const Rule& r = only_rule(p);
  REQUIRE(r.clauses.size() == 14);
  auto cond = [&](std::size_t i) -> const Expr& { return *r.clauses.at(i).condition; };

  // or binds weaker than and; not binds tighter
  const Expr& e0 = cond(0);
  REQUIRE(e0.kind == Expr::Kind::or_);
  REQUIRE(e0.children.size() == 2);
  CHECK(e0.children[0]->kind == Expr::Kind::compare);
  CHECK(p.slice(e0.children[0]->span) == "a == 1");
  REQUIRE(e0.children[1]->kind == Expr::Kind::and_);
  CHECK(p.slice(e0.children[1]->span) == "b == 2 and not c");
  CHECK(e0.children[1]->children[1]->kind == Expr::Kind::not_);
  CHECK(e0.children[1]->children[1]->children[0]->kind == Expr::Kind::truth);
  CHECK(e0.children[1]->children[1]->children[0]->path.dotted() == "c");

  const Expr& e1 = cond(1);
  REQUIRE(e1.kind == Expr::Kind::not_);
  CHECK(e1.children[0]->kind == Expr::Kind::or_);
  CHECK(p.slice(e1.span) == "not (a or b)");

  const Expr& e2 = cond(2);
  REQUIRE(e2.kind == Expr::Kind::all);
  CHECK(e2.path.dotted() == "browsers");
  CHECK(p.slice(e2.path.span) == "browsers");
  REQUIRE(e2.children.size() == 1);
  const Expr& inner = *e2.children[0];
  REQUIRE(inner.kind == Expr::Kind::and_);
  const Expr& in = *inner.children[1];
  CHECK(in.kind == Expr::Kind::in);
  CHECK(in.rhs.kind == Operand::Kind::list);
  CHECK(operand_texts(in.rhs.items) == Strings{"9", "10", "11"});
  CHECK(p.slice(in.rhs.span) == "[9, 10, 11]");

  const Expr& e3 = cond(3);
  REQUIRE(e3.kind == Expr::Kind::none);
  const Expr& match = *e3.children[0]->children[0];
  CHECK(match.kind == Expr::Kind::match);
  CHECK(match.pattern.value == "i\"Tunes\\");  // escapes undone
  CHECK(p.slice(match.pattern.span) == R"("i\"Tunes\\")");
  const Expr& ne = *e3.children[0]->children[1];
  CHECK(ne.op == dsl::ast::CompareOp::ne);
  CHECK(ne.rhs.kind == Operand::Kind::string);
  CHECK(ne.rhs.text == "Apple");

  CHECK(cond(4).kind == Expr::Kind::contains);
  CHECK(cond(4).rhs.text == "219.97.232.64");
  CHECK(cond(5).kind == Expr::Kind::is_not_empty);
  CHECK(cond(6).kind == Expr::Kind::is_empty);
  CHECK(cond(7).kind == Expr::Kind::is_absent);   // is not present
  CHECK(cond(8).kind == Expr::Kind::is_present);  // is not absent
  CHECK(cond(9).kind == Expr::Kind::truth);
  CHECK(cond(10).rhs.kind == Operand::Kind::number);
  CHECK(cond(10).rhs.text == "50 MiB");
  CHECK(cond(11).rhs.kind == Operand::Kind::string);
  CHECK(cond(11).rhs.text == "Core N");
  const Operand& words = cond(12).rhs;
  REQUIRE(words.items.size() == 2);
  CHECK(words.items[0].kind == Operand::Kind::path);
  CHECK(words.items[0].text == "fiber");
  CHECK(words.items[1].kind == Operand::Kind::string);
  CHECK(cond(13).rhs.items.empty());
}

TEST_CASE(
    "parser: matrix rows — os family, versions, releases, service pack, editions, browsers, disk",
    "[dsl][parser]") {
  auto p = parse_ok(std::string(kHeader) + R"tkg(
note ※1 "n"
matrix terminal cite "§3(1)" "Supported terminals." {
  row "1" "Windows 7 SP1 or later" notes ※1 {
    os windows 7 service_pack >= 1
    browsers ie 9..11
    disk >= 100MiB
    warn "Windows 7 support ended." notes ※1
  }
  row "2" { os windows 8.1 except edition CoreARM, "Core N"; browsers ie 11; disk >= 50 MiB }
  row "3" {
    os windows 10 release 1909, 2004, 20H2
    browsers ie 11, edge, chrome 90..120
    when attested.kiosk == false
  }
  row "4" { os macos 10.13, 10.14 }
}
)tkg");
  const Rule& r = only_rule(p);
  CHECK(r.kind == Rule::Kind::matrix);
  REQUIRE(r.rows.size() == 4);

  const auto& r1 = r.rows[0];
  CHECK(r1.label.value == "1");
  CHECK(p.slice(r1.label.span) == "\"1\"");
  REQUIRE(r1.title);
  CHECK(r1.title->value == "Windows 7 SP1 or later");
  CHECK(labels(r1.notes) == Strings{"※1"});
  REQUIRE(r1.os);
  CHECK(r1.os->family.value == "windows");
  CHECK(p.slice(r1.os->family.span) == "windows");
  CHECK(operand_texts(r1.os->versions) == Strings{"7"});
  CHECK(r1.os->releases.empty());
  REQUIRE(r1.os->min_service_pack);
  CHECK(r1.os->min_service_pack->text == "1");
  CHECK(p.slice(r1.os->span) == "os windows 7 service_pack >= 1");
  CHECK(r1.has_browsers);
  REQUIRE(r1.browsers.size() == 1);
  CHECK(r1.browsers[0].id.value == "ie");
  REQUIRE(r1.browsers[0].from);
  CHECK(r1.browsers[0].from->text == "9");
  CHECK(r1.browsers[0].to->text == "11");
  CHECK(p.slice(r1.browsers[0].span) == "ie 9..11");
  REQUIRE(r1.min_disk);
  CHECK(r1.min_disk->text == "100MiB");
  REQUIRE(r1.warn);
  CHECK(r1.warn->value == "Windows 7 support ended.");
  CHECK(labels(r1.warn_notes) == Strings{"※1"});
  CHECK_FALSE(r1.when);

  const auto& r2 = r.rows[1];
  CHECK_FALSE(r2.title);
  CHECK(operand_texts(r2.os->versions) == Strings{"8.1"});
  CHECK(texts(r2.os->except_editions) == Strings{"CoreARM", "Core N"});
  REQUIRE(r2.browsers.size() == 1);
  CHECK(r2.browsers[0].from->text == "11");
  CHECK(r2.browsers[0].to->text == "11");  // a single version: from = to
  CHECK(r2.min_disk->text == "50 MiB");
  CHECK_FALSE(r2.warn);

  const auto& r3 = r.rows[2];
  CHECK(operand_texts(r3.os->versions) == Strings{"10"});
  CHECK(operand_texts(r3.os->releases) == Strings{"1909", "2004", "20H2"});
  REQUIRE(r3.browsers.size() == 3);
  CHECK(r3.browsers[1].id.value == "edge");
  CHECK_FALSE(r3.browsers[1].from);
  CHECK(r3.browsers[2].from->text == "90");
  CHECK(r3.browsers[2].to->text == "120");
  CHECK_FALSE(r3.min_disk);
  REQUIRE(r3.when);
  CHECK(r3.when->kind == Expr::Kind::compare);

  const auto& r4 = r.rows[3];
  CHECK(r4.os->family.value == "macos");
  CHECK(operand_texts(r4.os->versions) == Strings{"10.13", "10.14"});
  CHECK_FALSE(r4.has_browsers);
  CHECK(r4.browsers.empty());
}

TEST_CASE("parser: resolve — name, addresses, direct", "[dsl][parser]") {
  auto p = parse_ok(std::string(kHeader) + R"tkg(
resolve sec-name cite "#2" "sec must resolve directly." {
  name sec.ccr.ncc.go.jp.
  address 219.97.232.64, 2001:db8::1
  address 10.0.0.1
  direct
}
resolve quoted cite "#3" "Q." { name "mio.example" }
)tkg");
  auto rules = rules_of(p);
  REQUIRE(rules.size() == 2);
  const Rule& r = *rules[0];
  CHECK(r.kind == Rule::Kind::resolve);
  REQUIRE(r.name);
  CHECK(r.name->value == "sec.ccr.ncc.go.jp.");
  CHECK(p.slice(r.name->span) == "sec.ccr.ncc.go.jp.");
  CHECK(operand_texts(r.addresses) == Strings{"219.97.232.64", "2001:db8::1", "10.0.0.1"});
  CHECK(p.slice(r.addresses[1].span) == "2001:db8::1");
  CHECK(r.direct);

  const Rule& q = *rules[1];
  REQUIRE(q.name);
  CHECK(q.name->value == "mio.example");
  CHECK(q.addresses.empty());
  CHECK_FALSE(q.direct);
}

TEST_CASE("parser: flow — protocols, direction, from, to, ports, purpose", "[dsl][parser]") {
  auto p = parse_ok(std::string(kHeader) + R"tkg(
flow vpn cite "VPN #1" "TCP and UDP 443 must pass." {
  protocol tcp, udp
  direction out
  from any
  to sec.ccr.ncc.go.jp
  address 219.97.232.64
  port 443, 8443
  purpose "Client Service (設定ファイル取得等のため)"
}
flow web cite "Web #1" "W." { protocol tcp; from port 1024; to "mio.example."; port 443 }
)tkg");
  auto rules = rules_of(p);
  REQUIRE(rules.size() == 2);
  const Rule& f = *rules[0];
  CHECK(f.kind == Rule::Kind::flow);
  CHECK(texts(f.protocols) == Strings{"tcp", "udp"});
  REQUIRE(f.direction);
  CHECK(f.direction->value == "out");
  CHECK_FALSE(f.from_port);  // from any
  REQUIRE(f.to);
  CHECK(f.to->value == "sec.ccr.ncc.go.jp");
  CHECK(operand_texts(f.addresses) == Strings{"219.97.232.64"});
  CHECK(operand_texts(f.ports) == Strings{"443", "8443"});
  REQUIRE(f.purpose);
  CHECK(f.purpose->value == "Client Service (設定ファイル取得等のため)");

  const Rule& w = *rules[1];
  REQUIRE(w.from_port);
  CHECK(w.from_port->text == "1024");
  CHECK(w.to->value == "mio.example.");
  CHECK_FALSE(w.direction);
  CHECK_FALSE(w.purpose);
}

TEST_CASE("parser: a clause written twice where one belongs is E0107, with the first noted",
          "[dsl][parser]") {
  auto p = parse(R"tkg(policy demo {
  title "Demo"
  revision "2021-01"
  revision "2021-02"
  effective 2021-01-26
  source "The requirements document"
}
matrix m cite "§1" "M." {
  row "1" { os windows 7; os windows 8.1; disk >= 1MiB; disk >= 2MiB; browsers ie 11; browsers edge }
  row "2" { os windows 10; when os.release >= 1909; when os.release <= 22H2; warn "a"; warn "b" }
}
check c cite "§2" "C." { expect os.version == 10; otherwise warn "a"; otherwise fail "b" }
resolve r cite "§2" "R." { name a.example; name b.example; address 10.0.0.1; address 10.0.0.2; direct; direct }
flow f cite "§3" "F." { protocol tcp; protocol udp; direction out; direction out; from any; from port 1; to a.example; to b.example; port 1; port 2; purpose "x"; purpose "y" }
)tkg");
  std::vector<std::string> got;
  for (const auto& d : p.result.diagnostics) {
    CHECK(d.code == "E0107");
    REQUIRE(d.notes.size() == 1);
    CHECK(d.notes[0].second.find("the first") == 0);
    got.push_back(d.message + " @ " + std::string(p.slice(d.span)) +
                  " (first: " + std::string(p.slice(d.notes[0].first)) + ")");
  }
  // `browsers`, `address`, `port` add up; `direct` twice says the same: not errors.
  CHECK(got ==
        Strings{
            "the policy header has a second `revision` clause @ revision \"2021-02\" (first: "
            "revision \"2021-01\")",
            "row `1` has a second `os` clause @ os windows 8.1 (first: os windows 7)",
            "row `1` has a second `disk` clause @ disk >= 2MiB (first: disk >= 1MiB)",
            "row `2` has a second `when` clause @ when os.release <= 22H2 (first: when "
            "os.release >= 1909)",
            "row `2` has a second `warn` clause @ warn \"b\" (first: warn \"a\")",
            "check `c` has a second `otherwise` clause @ otherwise fail \"b\" (first: otherwise "
            "warn \"a\")",
            "resolve `r` has a second `name` clause @ name b.example (first: name a.example)",
            "flow `f` has a second `protocol` clause @ protocol udp (first: protocol tcp)",
            "flow `f` has a second `direction` clause @ direction out (first: direction out)",
            "flow `f` has a second `from` clause @ from port 1 (first: from any)",
            "flow `f` has a second `to` clause @ to b.example (first: to a.example)",
            "flow `f` has a second `purpose` clause @ purpose \"y\" (first: purpose \"x\")",
        });
  auto rules = rules_of(p);
  REQUIRE(rules.size() == 4);
  CHECK(rules[0]->rows[0].browsers.size() == 2);
  CHECK(operand_texts(rules[2]->addresses) == Strings{"10.0.0.1", "10.0.0.2"});
  CHECK(operand_texts(rules[3]->ports) == Strings{"1", "2"});
}

TEST_CASE("parser: forbid — list items with labels and `when` items", "[dsl][parser]") {
  auto p = parse_ok(std::string(kHeader) + R"tkg(
forbid f cite "#1" "F." {
  software "iTunes" { name ~ "^itunes( |$)" }
  adapter "Sierra 875" { description ~ "sierra wireless.*875" }
  service { name == "RemoteAccess" and state == running }
  browser "IE 8" { id == ie and version == 8 }
  lsp { name is present }
  when "ICS enabled" os.family == windows and features.internet_connection_sharing
  when features.mobile_hotspot
}
)tkg");
  const Rule& r = only_rule(p);
  CHECK(r.kind == Rule::Kind::forbid);
  REQUIRE(r.items.size() == 7);
  Strings kinds;
  for (const auto& i : r.items) kinds.push_back(i.kind);
  CHECK(kinds == Strings{"software", "adapter", "service", "browser", "lsp", "when", "when"});
  REQUIRE(r.items[0].label);
  CHECK(r.items[0].label->value == "iTunes");
  CHECK(r.items[0].predicate->kind == Expr::Kind::match);
  CHECK(r.items[0].predicate->pattern.value == "^itunes( |$)");
  CHECK(p.slice(r.items[0].span) == R"x(software "iTunes" { name ~ "^itunes( |$)" })x");
  CHECK(r.items[1].label->value == "Sierra 875");
  CHECK_FALSE(r.items[2].label);
  CHECK(r.items[2].predicate->kind == Expr::Kind::and_);
  CHECK(r.items[4].predicate->kind == Expr::Kind::is_present);
  REQUIRE(r.items[5].label);
  CHECK(r.items[5].label->value == "ICS enabled");
  CHECK(p.slice(r.items[5].predicate->span) ==
        "os.family == windows and features.internet_connection_sharing");
  CHECK_FALSE(r.items[6].label);
  CHECK(r.items[6].predicate->kind == Expr::Kind::truth);
}

TEST_CASE("parser: line classes with messages, notes and `unless`", "[dsl][parser]") {
  auto p = parse_ok(std::string(kHeader) + R"tkg(
note ※1 "n1"
note ※4 "n4"
line line-type cite "§2(1)" "L." {
  recommended fiber "光回線 — recommended."
  usable isdn, adsl "depends on the carrier" notes ※1
  usable mobile
  unusable leased_line, closed_ip_vpn "no Internet access" notes ※4
    unless network.internet_via_datacenter warn "via a data centre" notes ※4
  unusable public_wifi unless attested.ok == true pass
}
)tkg");
  const Rule& r = only_rule(p);
  CHECK(r.kind == Rule::Kind::line);
  REQUIRE(r.classes.size() == 5);
  CHECK(r.classes[0].status == "recommended");
  CHECK(texts(r.classes[0].lines) == Strings{"fiber"});
  CHECK(r.classes[0].message->value == "光回線 — recommended.");
  CHECK_FALSE(r.classes[0].unless);
  CHECK(r.classes[1].status == "usable");
  CHECK(texts(r.classes[1].lines) == Strings{"isdn", "adsl"});
  CHECK(p.slice(r.classes[1].lines[1].span) == "adsl");
  CHECK(labels(r.classes[1].notes) == Strings{"※1"});
  CHECK_FALSE(r.classes[2].message);

  const auto& c = r.classes[3];
  CHECK(c.status == "unusable");
  CHECK(texts(c.lines) == Strings{"leased_line", "closed_ip_vpn"});
  CHECK(c.message->value == "no Internet access");
  CHECK(labels(c.notes) == Strings{"※4"});
  REQUIRE(c.unless);
  CHECK(c.unless->kind == Expr::Kind::truth);
  CHECK(c.unless->path.dotted() == "network.internet_via_datacenter");
  CHECK(c.unless_status == CaseStatus::warn);
  REQUIRE(c.unless_message);
  CHECK(c.unless_message->value == "via a data centre");
  CHECK(labels(c.unless_notes) == Strings{"※4"});

  const auto& d = r.classes[4];
  REQUIRE(d.unless);
  CHECK(d.unless_status == CaseStatus::pass);
  CHECK_FALSE(d.message);
  CHECK_FALSE(d.unless_message);
}

TEST_CASE("parser: comments are kept with their spans, and doc comments attach to the rule below",
          "[dsl][parser]") {
  const std::string text = std::string("# file comment\n") + kHeader + R"tkg(
# not a doc comment: a blank line follows

# doc of the section
section "§1" { # trailing
  # doc line one
  # doc line two
  check a "A." { expect os.family == windows } # after a

  check b "B." {
    # inside b
    expect os.family == macos
  }
  # doc of c
  check c "C." { expect os.family == linux }
}
check d cite "§9" "D." { expect x }   # trailing on d
check e cite "§9" "E." { expect x }
)tkg";
  auto p = parse_ok(text);
  const auto& comments = p.result.file.comments;
  Strings all;
  for (const auto& c : comments) all.push_back(c.text);
  CHECK(all == Strings{" file comment", " not a doc comment: a blank line follows",
                       " doc of the section", " trailing", " doc line one", " doc line two",
                       " after a", " inside b", " doc of c", " trailing on d"});
  for (const auto& c : comments) {
    INFO(c.text);
    auto slice = p.slice(c.span);
    REQUIRE(!slice.empty());
    CHECK(slice.front() == '#');
    CHECK(slice.substr(1, c.text.size()) == c.text);
  }
  for (std::size_t i = 1; i < comments.size(); ++i)
    CHECK(comments[i - 1].span.begin < comments[i].span.begin);

  const auto& items = p.result.file.items;
  REQUIRE(items.size() == 3);
  REQUIRE(items[0].section);
  Strings section_doc;
  for (const auto& c : items[0].section->doc) section_doc.push_back(c.text);
  CHECK(section_doc == Strings{" doc of the section"});

  auto rules = rules_of(p);
  REQUIRE(rules.size() == 5);
  auto doc_of = [](const Rule& r) {
    Strings out;
    for (const auto& c : r.doc) out.push_back(c.text);
    return out;
  };
  CHECK(doc_of(*rules[0]) == Strings{" doc line one", " doc line two"});
  CHECK(doc_of(*rules[1]).empty());  // a blank line above b
  CHECK(doc_of(*rules[2]) == Strings{" doc of c"});
  CHECK(doc_of(*rules[3]).empty());  // `}` of the section above d
  CHECK(doc_of(*rules[4]).empty());  // d's trailing comment is not e's doc
}

TEST_CASE("parser: CRLF line ends and tabs parse like LF", "[dsl][parser]") {
  std::string text =
      std::string(kHeader) +
      "section \"§1\" {\n\tcheck a \"A.\" {\n\t\texpect os.family == windows # c\n\t}\n}\n";
  std::string crlf;
  for (char c : text) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  auto p = parse_ok(crlf);
  const Rule& r = only_rule(p);
  CHECK(r.id.value == "a");
  REQUIRE(p.result.file.comments.size() == 1);
  CHECK(p.result.file.comments[0].text == " c");  // without the \r
}

TEST_CASE("parser: spans of every rule kind slice to what was written", "[dsl][parser]") {
  auto p = parse_ok(read_file(kFrozenPolicyPath));  // every rule kind, real-world sized
  auto rules = rules_of(p);
  REQUIRE(!rules.empty());
  for (const Rule* r : rules) {
    INFO(r->id.value);
    CHECK(p.slice(r->id.span) == r->id.value);
    std::string head = std::string(dsl::ast::kind_name(r->kind)) + " " + r->id.value;
    CHECK(p.slice(r->span).substr(0, head.size()) == head);
    CHECK(p.slice(r->span).back() == '}');
    if (r->title) CHECK(p.slice(r->title->span).front() == '"');
    for (const auto& c : r->clauses)
      if (c.condition) {
        auto s = p.slice(c.condition->span);
        CHECK(!s.empty());
        CHECK(s.back() != ' ');
      }
    for (const auto& row : r->rows)
      if (row.os) CHECK(p.slice(row.os->span).substr(0, 3) == "os ");
  }
}

TEST_CASE("parser: syntax errors leave the rules that did parse", "[dsl][parser]") {
  auto p = parse(std::string(kHeader) + R"tkg(
check a "A." { expect os.family == }
check b "B." { expect os.family == windows }
check c "C." { expect (os.version >= 10 }
check d "D." { expect os.family == macos }
)tkg");
  REQUIRE(p.result.diagnostics.size() == 2);
  CHECK(p.result.diagnostics[0].code == "E0001");
  CHECK(p.result.diagnostics[1].code == "E0001");
  Strings ids;
  for (const Rule* r : rules_of(p)) ids.push_back(r->id.value);
  CHECK(ids == Strings{"b", "d"});
}

// ---- a real-world policy (frozen) ------------------------------------------------------

TEST_CASE("parser: the frozen real-world policy parses without diagnostics",
          "[dsl][parser][policy]") {
  auto p = parse_ok(read_file(kFrozenPolicyPath));
  const auto& h = p.result.file.header;
  CHECK(h.id.value == "gan-touroku-online");
  CHECK(h.effective->value == "2020-12-08");
  CHECK(h.revision->value == "2020-12");

  auto rules = rules_of(p);
  CHECK(rules.size() == 35);
  std::set<std::string> ids;
  for (const Rule* r : rules) CHECK(ids.insert(r->id.value).second);

  for (int n = 1; n <= 21; ++n) {
    char id[16];
    std::snprintf(id, sizeof id, "conflict-%02d", n);
    INFO(id);
    auto it =
        std::find_if(rules.begin(), rules.end(), [&](const Rule* r) { return r->id.value == id; });
    REQUIRE(it != rules.end());
    Rule::Kind expected = (n == 12 || n == 16) ? Rule::Kind::manual : Rule::Kind::forbid;
    CHECK((*it)->kind == expected);
    REQUIRE((*it)->cite);
    CHECK((*it)->cite->value == "#" + std::to_string(n));
  }

  std::map<Rule::Kind, int> kinds;
  for (const Rule* r : rules) ++kinds[r->kind];
  CHECK(kinds[Rule::Kind::matrix] == 2);
  CHECK(kinds[Rule::Kind::resolve] == 2);
  CHECK(kinds[Rule::Kind::flow] == 4);
  CHECK(kinds[Rule::Kind::line] == 1);
  CHECK(!p.result.file.comments.empty());
}

TEST_CASE(
    "parser: every rule of the frozen real-world policy has a citation and a title once "
    "compiled",
    "[dsl][parser][policy]") {
  auto result = dsl::compile_text("registry-2020.tkg", read_file(kFrozenPolicyPath));
  INFO(dsl::render_all(result.diagnostics, *result.source));
  CHECK(result.diagnostics.empty());
  REQUIRE(result.ok());
  const auto& rules = result.policy->graph->rules();
  CHECK(rules.size() == 35);
  for (const auto& r : rules) {
    INFO(r.id);
    CHECK_FALSE(r.cite.empty());
    CHECK_FALSE(r.title.empty());
    CHECK_FALSE(r.kind.empty());
  }
  CHECK(result.policy->info.id == "gan-touroku-online");
}

TEST_CASE("parser: a rule's cite is read within its section's citation once compiled",
          "[dsl][parser]") {
  // The shapes of the real policy's citations, in a policy made for this test.
  auto result = dsl::compile_text("cites.tkg", std::string(kHeader) + R"tkg(
section "§3(1)" "OS" {
  check terminal "The OS must be Windows." { expect os.family == windows }
  check windows10-release-ended cite "#3 備考" "Windows 10 before 1909 is out of support." {
    fail when os.release <= 1903
  }
}
section "§3(3) 別表" "Software likely to conflict" {
  forbid conflict-07 cite "#7" "Kaspersky must not be installed." { software { name ~ "kaspersky" } }
  manual conflict-12 cite "#12" "No load balancer." { expect attested.load_balancer == false }
}
section "§4(2)" "Traffic" {
  flow vpn cite "VPN #1" "UDP 500 must pass." { protocol udp; to sec.ccr.ncc.go.jp; port 500 }
}
check top cite "#9" "Outside every section." { expect os.family == windows }
)tkg");
  INFO(dsl::render_all(result.diagnostics, *result.source));
  CHECK(result.diagnostics.empty());
  REQUIRE(result.ok());
  const auto& rules = result.policy->graph->rules();
  auto find = [&](const std::string& id) -> const engine::Rule& {
    auto it =
        std::find_if(rules.begin(), rules.end(), [&](const engine::Rule& r) { return r.id == id; });
    REQUIRE(it != rules.end());
    return *it;
  };
  CHECK(find("conflict-07").cite == "§3(3) 別表 #7");
  CHECK(find("windows10-release-ended").cite == "§3(1) #3 備考");
  CHECK(find("terminal").cite == "§3(1)");    // no cite: the section's
  CHECK(find("vpn").cite == "§4(2) VPN #1");  // not `#…`: after the section's too
  CHECK(find("top").cite == "#9");            // no section to read it in
  CHECK(find("conflict-12").kind == "manual");
  CHECK(find("conflict-07").kind == "forbid");
}

TEST_CASE("source: lines and columns count characters, also on very long lines",
          "[dsl][parser][source]") {
  // one long line of mixed ASCII and Japanese, then short lines; compare with a plain count
  std::string text;
  for (int i = 0; i < 3000; ++i) text += i % 3 ? "ab" : "日本";
  text += "\nx\n\n※1 y\n";
  dsl::SourceFile source("long.tkg", text);
  auto naive = [&](std::uint32_t offset) {
    std::uint32_t line = 1, column = 1;
    for (std::uint32_t i = 0; i < offset; ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
        ++column;
      }
    }
    return std::pair{line, column};
  };
  for (std::uint32_t offset = 0; offset <= text.size(); offset += offset < 600 ? 1 : 97) {
    INFO("offset " << offset);
    auto p = source.position(offset);
    CHECK(std::pair{p.line, p.column} == naive(offset));
  }
  auto end = source.position(static_cast<std::uint32_t>(text.size()));
  CHECK(end.line == 5);
  CHECK(end.column == 1);
  CHECK(source.position(static_cast<std::uint32_t>(text.size() + 100)).line == 5);  // clamped
  CHECK(source.line_text(2) == "x");
  CHECK(source.line_text(3).empty());
  CHECK(source.line_text(4) == "※1 y");

  dsl::SourceFile empty("empty.tkg", "");
  CHECK(empty.position(0).line == 1);
  CHECK(empty.position(0).column == 1);
}

TEST_CASE("parser: windows in time on rules, cases, rows and forbid items", "[dsl][parser]") {
  auto p = parse_ok(std::string(kHeader) + R"tkg(
check av cite "§1" "The AV." from 2024-10-01 {
  warn when software.x == 1 until 2024-09-30 "accepted until September"
  fail when software.x == 1 from 2024-10-01 until 2025-03-31
  expect os.family == windows
}
matrix os cite "§2" "OS." until 2025-03-31 {
  row "1" "Windows 7" until 2024-09-30 { os windows 7 }
  row "2" { os windows 10 }
}
forbid bad cite "§3" "Bad." {
  software "Old" from 2024-10-01 { name ~ "old" }
  when "ICS" until 2024-09-30 features.ics_enabled
}
)tkg");
  std::vector<const Rule*> rules;
  collect(p.result.file.items, rules);
  REQUIRE(rules.size() == 3);
  const Rule& av = *rules[0];
  REQUIRE(av.in_force.from);
  CHECK(av.in_force.from->text == "2024-10-01");
  CHECK_FALSE(av.in_force.until);
  CHECK(p.slice(av.in_force.span) == "from 2024-10-01");
  REQUIRE(av.clauses.size() == 3);
  CHECK_FALSE(av.clauses[0].in_force.from);
  REQUIRE(av.clauses[0].in_force.until);
  CHECK(av.clauses[0].in_force.until->text == "2024-09-30");
  REQUIRE(av.clauses[0].message);
  CHECK(av.clauses[0].message->value == "accepted until September");
  CHECK(p.slice(av.clauses[1].in_force.span) == "from 2024-10-01 until 2025-03-31");
  CHECK(av.clauses[2].in_force.empty());

  const Rule& os = *rules[1];
  CHECK(os.in_force.until->text == "2025-03-31");
  CHECK(p.slice(os.rows[0].in_force.span) == "until 2024-09-30");
  CHECK(os.rows[0].title->value == "Windows 7");
  CHECK(os.rows[1].in_force.empty());

  const Rule& bad = *rules[2];
  REQUIRE(bad.items.size() == 2);
  CHECK(bad.items[0].in_force.from->text == "2024-10-01");
  CHECK(bad.items[0].label->value == "Old");
  CHECK(bad.items[1].in_force.until->text == "2024-09-30");
  CHECK(bad.items[1].predicate->kind == Expr::Kind::truth);
}

TEST_CASE("parser: os version specs — values, ranges, comparisons", "[dsl][parser]") {
  auto p = parse_ok(std::string(kHeader) + R"tkg(
matrix os cite "§1" "OS." {
  row "mac" { os macos 10.15, 12..14 }
  row "win" { os windows >= 10 release 1909..21H2, 22H2, > 23H2 }
}
)tkg");
  const Rule& r = only_rule(p);
  const auto& mac = r.rows[0].os->versions;
  REQUIRE(mac.size() == 2);
  CHECK(mac[0].value.text == "10.15");
  CHECK_FALSE(mac[0].to);
  CHECK(mac[1].value.text == "12");
  REQUIRE(mac[1].to);
  CHECK(mac[1].to->text == "14");
  CHECK(p.slice(mac[1].span) == "12..14");
  const auto& win = *r.rows[1].os;
  REQUIRE(win.versions.size() == 1);
  CHECK(win.versions[0].op == dsl::ast::CompareOp::ge);
  CHECK(win.versions[0].value.text == "10");
  CHECK(p.slice(win.versions[0].span) == ">= 10");
  REQUIRE(win.releases.size() == 3);
  CHECK(win.releases[0].value.text == "1909");
  CHECK(win.releases[0].to->text == "21H2");
  CHECK(win.releases[1].op == dsl::ast::CompareOp::eq);
  CHECK_FALSE(win.releases[1].to);
  CHECK(win.releases[2].op == dsl::ast::CompareOp::gt);
  CHECK(win.releases[2].value.text == "23H2");
}
