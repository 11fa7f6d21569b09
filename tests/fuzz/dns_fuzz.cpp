// Fuzz target `dns`: a DNS answer as the name-resolution probe receives it, decoded
// (decode_message), matched against a query and its CNAME chain followed.
#include <span>

#include "collectors/probes/dns_message.hpp"
#include "fuzz/fuzz_target.hpp"

using namespace tekigo::collectors;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const dns::DecodeResult decoded = dns::decode_message(std::span(data, size));
  if (!decoded.message) {
    if (decoded.error.empty()) tekigo::fuzz::fuzz_failure("a refused answer without a reason");
    return 0;
  }
  const dns::Message& message = *decoded.message;
  (void)dns::answers_query(message, message.id, message.question_name, message.question_type);
  for (std::uint16_t type : {dns::kTypeA, dns::kTypeAaaa}) {
    const dns::Resolution resolution = dns::follow_cnames(message, message.question_name, type);
    if (resolution.chain.size() > 17) tekigo::fuzz::fuzz_failure("a CNAME chain past its limit");
  }
  (void)dns::rcode_name(message.rcode);
  (void)dns::type_name(message.question_type);
  return 0;
}
