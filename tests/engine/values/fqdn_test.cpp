// tests/engine: Fqdn — host-name validation, lower-case normal form, domain membership.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/values/fqdn.hpp"

using tekigo::engine::Fqdn;

namespace {

Fqdn fqdn(std::string_view text) {
  const auto f = Fqdn::parse(text);
  REQUIRE(f.has_value());
  return *f;
}

std::string repeat(char c, std::size_t n) {
  return std::string(n, c);
}

}  // namespace

TEST_CASE("Fqdn: normalised to lower case without the trailing dot", "[values][fqdn]") {
  struct Case {
    std::string input;
    std::string normal;
  };
  const std::vector<Case> cases{
      {"sec.ccr.ncc.go.jp.", "sec.ccr.ncc.go.jp"},
      {"sec.ccr.ncc.go.jp", "sec.ccr.ncc.go.jp"},
      {"WWW.Example.COM", "www.example.com"},
      {"WWW.Example.COM.", "www.example.com"},
      {"localhost", "localhost"},
      {"LOCALHOST.", "localhost"},
      {"a", "a"},
      {"a.b", "a.b"},
      {"xn--bcher-kva.example", "xn--bcher-kva.example"},
      {"a-b.c-d", "a-b.c-d"},
      {"a--b.example", "a--b.example"},
      {"3com.com", "3com.com"},
      {"a.123", "a.123"},
      {"192.0.2.1", "192.0.2.1"},  // all-numeric labels are allowed
      {"0", "0"},
  };
  for (const auto& c : cases) {
    INFO(c.input);
    const Fqdn f = fqdn(c.input);
    CHECK(f.text() == c.normal);
    CHECK(fqdn(f.text()) == f);
  }
}

TEST_CASE("Fqdn: equality and order are on the normal form", "[values][fqdn]") {
  CHECK(fqdn("Example.com.") == fqdn("example.com"));
  CHECK(fqdn("EXAMPLE.COM") == fqdn("example.com."));
  CHECK(fqdn("example.com") != fqdn("example.org"));
  CHECK(fqdn("www.example.com") != fqdn("example.com"));
  CHECK(fqdn("a.example") < fqdn("B.example"));
  CHECK(fqdn("example.com") < fqdn("example.org"));
}

TEST_CASE("Fqdn: length limits", "[values][fqdn]") {
  const std::string label63 = repeat('a', 63);
  CHECK(Fqdn::parse(label63).has_value());
  CHECK(Fqdn::parse(label63 + ".com").has_value());
  CHECK_FALSE(Fqdn::parse(repeat('a', 64)).has_value());
  CHECK_FALSE(Fqdn::parse(repeat('a', 64) + ".com").has_value());
  CHECK_FALSE(Fqdn::parse("www." + repeat('a', 64) + ".com").has_value());

  // 3 × 63 + 61 + 3 dots = 253 characters.
  const std::string name253 = label63 + "." + label63 + "." + label63 + "." + repeat('b', 61);
  REQUIRE(name253.size() == 253);
  CHECK(fqdn(name253).text() == name253);
  CHECK(fqdn(name253 + ".").text() == name253);
  const std::string name254 = name253 + "b";
  CHECK_FALSE(Fqdn::parse(name254).has_value());
  CHECK_FALSE(Fqdn::parse(name254 + ".").has_value());

  // Many short labels.
  std::string many;
  for (int i = 0; i < 127; ++i) many += (i ? ".a" : "a");
  REQUIRE(many.size() == 253);
  CHECK(fqdn(many).labels().size() == 127);
  CHECK_FALSE(Fqdn::parse(many + ".a").has_value());
}

TEST_CASE("Fqdn: malformed names are rejected", "[values][fqdn]") {
  const std::vector<std::string> bad{
      "",
      ".",
      "..",
      "a..b",
      ".a",
      "a.b..",
      "-a.com",
      "a-.com",
      "a.-b",
      "a.b-",
      "-",
      "a_b.com",
      "_dmarc.example.com",
      "a b.com",
      " a.com",
      "a.com ",
      "a.com/",
      "a.com:80",
      "*.example.com",
      "exa mple",
      "m\xc3\xbcnchen.de",
      "a.com..",
      "@",
      "a,b",
      "a.com\n",
      "http://a.com",
      "a.com/path",
      "user@a.com",
      "[a.com]",
      "a.b.c..",
      std::string("a\0b", 3),
  };
  for (const auto& text : bad) {
    INFO('"' << text << '"');
    CHECK_FALSE(Fqdn::parse(text).has_value());
  }
}

TEST_CASE("Fqdn: labels and domain membership", "[values][fqdn]") {
  const Fqdn name = fqdn("Sec.CCR.ncc.go.jp.");
  const auto labels = name.labels();  // views into `name`
  REQUIRE(labels.size() == 5);
  CHECK(labels[0] == "sec");
  CHECK(labels[1] == "ccr");
  CHECK(labels[4] == "jp");
  CHECK(fqdn("localhost").labels().size() == 1);

  struct Case {
    std::string name;
    std::string domain;
    bool expected;
  };
  const std::vector<Case> cases{
      {"www.example.com", "example.com", true},  {"example.com", "example.com", true},
      {"a.b.example.com", "example.com", true},  {"www.example.com", "com", true},
      {"WWW.EXAMPLE.COM.", "example.com", true}, {"badexample.com", "example.com", false},
      {"example.com", "www.example.com", false}, {"example.com.evil", "example.com", false},
      {"example.org", "example.com", false},     {"sec.ccr.ncc.go.jp", "go.jp", true},
      {"localhost", "localhost", true},          {"com", "example.com", false},
  };
  for (const auto& c : cases) {
    INFO(c.name << " in " << c.domain);
    CHECK(fqdn(c.name).in_domain(fqdn(c.domain)) == c.expected);
  }
}

TEST_CASE("Fqdn: order_text orders a text as its parse would, without building it",
          "[values][fqdn]") {
  // Every pair from names that differ in case, length, trailing dot and validity.
  const std::vector<std::string> texts = {"sec.ccr.ncc.go.jp",
                                          "SEC.ccr.ncc.go.jp.",
                                          "sec.ccr.ncc.go",
                                          "sec.ccr.ncc.go.jpx",
                                          "mio.ccr.ncc.go.jp",
                                          "a",
                                          "A.",
                                          "a-b.example",
                                          "a_b.example",
                                          "",
                                          ".",
                                          "a..b",
                                          "-a.example",
                                          "192.0.2.1",
                                          "z",
                                          "sec.ccr.ncc.go.j"};
  for (const auto& a : texts) {
    const auto parsed = Fqdn::parse(a);
    for (const auto& b_text : texts) {
      const auto b = Fqdn::parse(b_text);
      if (!b) continue;
      INFO(a << " against " << b_text);
      const auto o = Fqdn::order_text(a, *b);
      REQUIRE(o.has_value() == parsed.has_value());
      if (!parsed) continue;
      const int want = *parsed < *b ? -1 : (*b < *parsed ? 1 : 0);
      CHECK(*o == want);
    }
  }
}
