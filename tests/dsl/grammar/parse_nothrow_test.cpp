// tests/dsl: dsl::parse never throws (dsl/parser.hpp). A syntax error is a diagnostic
// (parser_test.cpp, robustness_test.cpp); this file covers the exceptions that are not
// PEGTL's parse_error:
//
// - std::bad_alloc, for real. No policy text makes the parser run out of memory on
//   purpose, so this file replaces the test binary's global operator new: disarmed it
//   only counts, armed it fails the N-th allocation of the parse (once, or from then on).
//   Every allocation of a parse is failed in turn, so every place where the parser
//   allocates is shown to end in a result, not an exception.
// - Everything else (std::length_error, any std::exception, an exception of no std type):
//   no input provokes one today, so a test seam in dsl/parser.cpp throws it from inside
//   the grammar, where a future bug would.
//
// The one case left out: when memory is exhausted from parse()'s first allocation on (the
// room for the one diagnostic that reports a failure), parse() ends the program
// (std::terminate, as a noexcept function would), since an empty result would read as an
// empty policy that compiles.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <new>
#include <stdexcept>
#include <string>

#include "dsl/compiler.hpp"
#include "dsl/grammar/parser.hpp"

using namespace tekigo;

// Defined in dsl/parser.cpp, in no header: the hook is called for every comment the
// grammar reads. (A function, so that a declaration that does not match fails to link.)
namespace tekigo::dsl::testing {
void set_parse_comment_hook(void (*hook)());
}  // namespace tekigo::dsl::testing

// ---- allocation failure injection ----------------------------------------------------

namespace {

// Per thread, so that nothing but the parse under test is ever failed. Plain values:
// operator new must not allocate to read them.
thread_local bool t_armed = false;
thread_local bool t_persistent = false;  // fail every allocation from the N-th on
thread_local long t_until_failure = 0;   // allocations left before the N-th
thread_local long t_allocations = 0;     // allocations seen while armed
thread_local long t_failures = 0;        // allocations failed while armed

void arm(long nth, bool persistent) {
  t_allocations = t_failures = 0;
  t_until_failure = nth;
  t_persistent = persistent;
  t_armed = true;
}

void disarm() {
  t_armed = false;
}

}  // namespace

// AddressSanitizer has an allocator of its own (it provides every form of operator new and
// checks that each is freed by its partner): a replacement here would meet ASan's own new in
// some allocations and be freed with the wrong function. Under ASan the allocation-failure
// tests are therefore left out; the plain build (and CI) runs them.
#if defined(__SANITIZE_ADDRESS__)
#define TEKIGO_REPLACES_OPERATOR_NEW 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TEKIGO_REPLACES_OPERATOR_NEW 0
#endif
#endif
#ifndef TEKIGO_REPLACES_OPERATOR_NEW
#define TEKIGO_REPLACES_OPERATOR_NEW 1
#endif

#if TEKIGO_REPLACES_OPERATOR_NEW
void* operator new(std::size_t size) {
  if (t_armed) {
    ++t_allocations;
    if (t_until_failure > 0 && --t_until_failure == 0) {
      ++t_failures;
      if (t_persistent) t_until_failure = 1;  // and the next one fails too
      throw std::bad_alloc();
    }
  }
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
#endif  // TEKIGO_REPLACES_OPERATOR_NEW

namespace {

// A policy that reaches most of the parser: comments and doc comments, sections and notes,
// every rule kind; and the same with mistakes, so that the recovery paths allocate too.
const std::string kPolicy = R"(# a doc comment for nothing
policy demo {
  title "Demo"
  revision "2021-01"
  effective 2021-01-26
  source "The requirements document"
}
note ※1 "A note."
section "§1" "OS" {
  # the OS
  check os-ok "The OS must be Windows 10." notes ※1 {
    applies when os.family == windows
    fail when os.version < 10 or not (os.release in [1909, 2004, 20H2]) "too old"
    otherwise pass
  }
  manual lb "No load balancer." { expect attested.load_balancer == false "ask the network team" }
  matrix terminal "Supported." { row "1" { os windows 10 release 2004; browsers ie 9..11; disk >= 100MiB } }
}
section "§2" "Network" {
  resolve sec "Resolves." { name sec.ccr.ncc.go.jp; address 219.97.232.64; direct }
  flow vpn "UDP 500." { protocol udp; to sec.ccr.ncc.go.jp; port 500 }
  forbid sw "No iTunes." { software "iTunes" { name ~ "^itunes" } }
  line l "Line." { recommended fiber; usable adsl "ADSL." unless network.internet_via_datacenter warn }
}
)";
const std::string kBroken = kPolicy + R"(section "§3" "Broken" {
  check a "A." { expect os.family == }
  chek b "B." { }
  check c "C." { expect (os.version >= 10 }
}
})";

// What a parse gave, as text: compared with the result of a parse that nothing disturbed.
[[maybe_unused]] std::string describe(const dsl::ParseResult& r, const dsl::SourceFile& source) {
  std::string out = "header `" + r.file.header.id.value + "`, " +
                    std::to_string(r.file.items.size()) + " items, " +
                    std::to_string(r.file.comments.size()) + " comments\n";
  return out + dsl::render_all(r.diagnostics, source);
}

struct Run {
  dsl::ParseResult result;
  bool threw = false;
  long allocations = 0, failures = 0;
};

// Parses with the nth allocation failing (0: none), catching anything that escapes. Nothing
// between arm() and disarm() allocates but the parse itself.
[[maybe_unused]] Run parse_failing(const dsl::SourceFile& source, long nth, bool persistent) {
  Run run;
  arm(nth, persistent);
  try {
    run.result = dsl::parse(source);
  } catch (...) {
    run.threw = true;
  }
  disarm();
  run.allocations = t_allocations;
  run.failures = t_failures;
  return run;
}

[[maybe_unused]] bool is_out_of_memory(const dsl::ParseResult& r) {
  return r.diagnostics.size() == 1 && r.diagnostics[0].code == "E0003" &&
         r.diagnostics[0].severity == dsl::Severity::error &&
         (r.diagnostics[0].message == "out of memory while parsing the policy" ||
          r.diagnostics[0].message == "out of memory") &&
         r.file.header.id.value.empty() && r.file.items.empty();
}

}  // namespace

#if TEKIGO_REPLACES_OPERATOR_NEW
TEST_CASE(
    "parse: an allocation that fails anywhere in the parse gives a diagnostic, not an "
    "exception",
    "[dsl][parser][nothrow]") {
  for (const std::string* text : {&kPolicy, &kBroken}) {
    dsl::SourceFile source("policy.tkg", *text);
    const Run clean = parse_failing(source, 0, false);
    REQUIRE_FALSE(clean.threw);
    const std::string expected = describe(clean.result, source);
    INFO(expected);
    REQUIRE(clean.allocations > 100);  // the counting works, and the sweep below means something
    long disturbed = 0;
    for (long nth = 1; nth <= clean.allocations; ++nth) {
      const Run run = parse_failing(source, nth, false);
      INFO("allocation " << nth << " of " << clean.allocations << " fails");
      REQUIRE(run.failures == 1);
      REQUIRE_FALSE(run.threw);
      // Either the parse got over it (std::stable_sort, for one, makes do without its
      // buffer), or it says that memory ran out: never a half-parsed policy without an error.
      if (describe(run.result, source) == expected) continue;
      ++disturbed;
      REQUIRE(is_out_of_memory(run.result));
      // with memory to spare again, the full message and its help
      CHECK(run.result.diagnostics[0].message == "out of memory while parsing the policy");
      CHECK_FALSE(run.result.diagnostics[0].help.empty());
    }
    CHECK(disturbed > clean.allocations / 2);
  }
}

TEST_CASE("parse: memory that stays exhausted still gives a diagnostic, not an exception",
          "[dsl][parser][nothrow]") {
  dsl::SourceFile source("policy.tkg", kBroken);
  const Run clean = parse_failing(source, 0, false);
  const std::string expected = describe(clean.result, source);
  // From the 2nd on: the 1st is the room for that very diagnostic (without it, terminate).
  // (The sweep above fails the 1st alone: the parse then goes on without it.)
  for (long nth = 2; nth <= clean.allocations; ++nth) {
    const Run run = parse_failing(source, nth, true);
    INFO("allocations fail from number " << nth << " of " << clean.allocations << " on");
    REQUIRE(run.failures >= 1);
    REQUIRE_FALSE(run.threw);
    // The last allocations are ones the parse can do without (std::stable_sort's buffer).
    if (describe(run.result, source) == expected) continue;
    REQUIRE(is_out_of_memory(run.result));
    // nothing could be had for the full message: the short one stands in
    CHECK(run.result.diagnostics[0].message == "out of memory");
  }
}
#endif  // TEKIGO_REPLACES_OPERATOR_NEW

// ---- other exceptions, through the seam ------------------------------------------------

namespace {

enum class Throw { bad_alloc, length_error, runtime_error, out_of_range, not_std };
thread_local Throw t_throw = Throw::runtime_error;

void throwing_hook() {
  switch (t_throw) {
    case Throw::bad_alloc:
      throw std::bad_alloc();
    case Throw::length_error:
      throw std::length_error("basic_string::_M_create");
    case Throw::runtime_error:
      throw std::runtime_error("something broke");
    case Throw::out_of_range:
      throw std::out_of_range("vector::_M_range_check");
    case Throw::not_std:
      throw 42;
  }
}

// Sets the hook for one scope, and takes it away again however the scope ends.
struct HookGuard {
  explicit HookGuard(Throw what) {
    t_throw = what;
    dsl::testing::set_parse_comment_hook(&throwing_hook);
  }
  ~HookGuard() { dsl::testing::set_parse_comment_hook(nullptr); }
  HookGuard(const HookGuard&) = delete;
  HookGuard& operator=(const HookGuard&) = delete;
};

}  // namespace

TEST_CASE("parse: any exception from inside the grammar gives a diagnostic, not an exception",
          "[dsl][parser][nothrow]") {
  const struct {
    Throw what;
    const char* message;
  } cases[] = {
      {Throw::bad_alloc, "out of memory while parsing the policy"},
      {Throw::length_error, "internal error while parsing the policy: basic_string::_M_create"},
      {Throw::runtime_error, "internal error while parsing the policy: something broke"},
      {Throw::out_of_range, "internal error while parsing the policy: vector::_M_range_check"},
      {Throw::not_std, "internal error while parsing the policy: an exception of unknown type"},
  };
  // The first comment is inside a rule, so the exception goes through the grammar's
  // try_catch around each item (which catches only parse_error) and the parse tree.
  const std::string text = R"(policy demo { title "T" revision "1" effective 2021-01-26 source "S" }
check a cite "§1" "A." {
  # a comment inside the rule
  expect os.family == windows
}
)";
  for (const auto& c : cases) {
    INFO(c.message);
    dsl::SourceFile source("policy.tkg", text);
    dsl::ParseResult result;
    {
      HookGuard hook(c.what);
      REQUIRE_NOTHROW(result = dsl::parse(source));
    }
    REQUIRE(result.diagnostics.size() == 1);
    const dsl::Diagnostic& d = result.diagnostics[0];
    CHECK(d.code == "E0003");
    CHECK(d.severity == dsl::Severity::error);
    CHECK(d.message == c.message);
    CHECK_FALSE(d.help.empty());
    CHECK(result.file.header.id.value.empty());
    CHECK(result.file.items.empty());

    // compile_text reports it like any other error: no policy, and it renders.
    dsl::CompileResult compiled;
    {
      HookGuard hook(c.what);
      REQUIRE_NOTHROW(compiled = dsl::compile_text("policy.tkg", text));
    }
    CHECK_FALSE(compiled.ok());
    REQUIRE(compiled.diagnostics.size() == 1);
    CHECK(compiled.diagnostics[0].code == "E0003");
    REQUIRE(compiled.source);
    CHECK(dsl::render_all(compiled.diagnostics, *compiled.source)
              .find("policy.tkg:1:1: error[E0003]: " + std::string(c.message) + "\n") == 0);
  }
  // Without the hook the same text parses cleanly: the diagnostics above came from it.
  dsl::SourceFile source("policy.tkg", text);
  const auto clean = dsl::parse(source);
  CHECK(clean.diagnostics.empty());
  CHECK(clean.file.items.size() == 1);
}
