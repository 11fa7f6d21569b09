// Fuzz target `literals`: the typed values of policies and dumps. The first byte chooses the
// type, the rest is the text. Invariants: what parses writes back to text that parses to the
// same value (IP addresses and host names to their normal form, which is a fixed point);
// Fqdn::order_text agrees with parsing and comparing.
#include <string>

#include "engine/values/byte_size.hpp"
#include "engine/values/date.hpp"
#include "engine/values/fqdn.hpp"
#include "engine/values/ip_address.hpp"
#include "engine/values/port.hpp"
#include "engine/values/version.hpp"
#include "engine/values/windows_release.hpp"
#include "fuzz/fuzz_target.hpp"

using namespace tekigo;
using tekigo::fuzz::fuzz_failure;

namespace {

void version(std::string_view text) {
  for (auto scheme : {engine::VersionScheme::dotted, engine::VersionScheme::windows_release}) {
    const auto v = engine::Version::parse(text, scheme);
    if (!v) continue;
    if (v->parts().empty()) fuzz_failure("a version without parts", text);
    const auto again = engine::Version::parse(v->text(), scheme);
    if (!again || *again != *v) fuzz_failure("a version's text parses to another version", text);
    (void)v->in_line(*again);
  }
  if (const auto strict = engine::Version::parse_dotted_strict(text)) {
    const auto lenient = engine::Version::parse(text, engine::VersionScheme::dotted);
    if (!lenient || *lenient != *strict)
      fuzz_failure("a strict version the lenient parse reads otherwise", text);
  }
}

void address(std::string_view text) {
  const auto a = engine::IpAddress::parse(text);
  if (!a) return;
  const auto again = engine::IpAddress::parse(a->text());
  if (!again || *again != *a) fuzz_failure("an address's text parses to another address", text);
  if (again->text() != a->text())
    fuzz_failure("an address's canonical text is not canonical", text);
  (void)a->unmapped();
}

void host_name(std::string_view text) {
  static const engine::Fqdn kOther = *engine::Fqdn::parse("sec.ccr.ncc.go.jp");
  const auto name = engine::Fqdn::parse(text);
  const auto order = engine::Fqdn::order_text(text, kOther);
  if (name.has_value() != order.has_value())
    fuzz_failure("order_text and parse disagree on what a host name is", text);
  if (!name) return;
  const auto c = *name <=> kOther;
  const int expected = c < 0 ? -1 : c > 0 ? 1 : 0;
  if (*order != expected) fuzz_failure("order_text orders a name unlike parse and <=>", text);
  const auto again = engine::Fqdn::parse(name->text());
  if (!again || *again != *name) fuzz_failure("a host name's normal form is another name", text);
  (void)name->in_domain(kOther);
}

void date(std::string_view text) {
  if (const auto d = engine::Date::parse(text)) {
    const auto again = engine::Date::parse(d->to_string());
    if (!again || *again != *d) fuzz_failure("a date's text parses to another date", text);
    if (engine::Date::from_days_since_epoch(d->days_since_epoch()) != *d)
      fuzz_failure("a date's day number gives another date", text);
  }
  if (const auto t = engine::Timestamp::parse(text)) {
    const engine::Date utc = t->utc_date();
    // Years 0001–9998 only: an instant of year 0 or 9999 may fall outside 0000–9999 in UTC,
    // which the written form cannot hold.
    if (utc.year < 1 || utc.year > 9998) return;
    const auto again = engine::Timestamp::parse(t->to_utc_string());
    if (!again || *again != *t)
      fuzz_failure("an instant's UTC text parses to another instant", text);
    (void)t->local_date();
  }
}

void size(std::string_view text) {
  const auto s = engine::ByteSize::parse(text);
  if (!s) return;
  // Exact below 1000 bytes and for a whole number of kB/KiB or more (byte_size.hpp); otherwise
  // rounded to 3 significant digits ("5.37 GB", "184 PB"): within half a unit of the third
  // digit, 0.5 % at most.
  const bool exact = s->bytes < 1000 || s->bytes % 1000 == 0 || s->bytes % 1024 == 0;
  const auto again = engine::ByteSize::parse(s->to_string());
  if (!again) fuzz_failure("a size's text does not parse", text);
  const double error =
      again->bytes > s->bytes ? double(again->bytes - s->bytes) : double(s->bytes - again->bytes);
  if (exact ? again->bytes != s->bytes : error > 0.005 * double(s->bytes))
    fuzz_failure(exact ? "a size's exact text is another size" : "a size's rounded text is too far",
                 text);
}

void port(std::string_view text) {
  (void)engine::parse_port(text);
  if (const auto protocol = engine::parse_protocol(text)) {
    const auto again = engine::parse_protocol(engine::to_string(*protocol));
    if (!again || *again != *protocol) fuzz_failure("a protocol's name is another protocol", text);
  }
  if (const auto build = engine::windows_build_number(text))
    (void)engine::windows_release_of_build(*build);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size_) {
  if (size_ == 0) return 0;
  const std::string_view text = fuzz::text_of(data + 1, size_ - 1);
  switch (data[0] % 6) {
    case 0:
      version(text);
      break;
    case 1:
      address(text);
      break;
    case 2:
      host_name(text);
      break;
    case 3:
      date(text);
      break;
    case 4:
      size(text);
      break;
    default:
      port(text);
      break;
  }
  return 0;
}
