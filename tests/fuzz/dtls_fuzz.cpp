// Fuzz target `dtls`: a datagram as the DTLS probe receives it, classified (its first record).
#include <span>

#include "collectors/probes/dtls_message.hpp"
#include "fuzz/fuzz_target.hpp"

using namespace tekigo::collectors;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const dtls::Reply reply = dtls::classify_reply(std::span(data, size));
  if (reply.summary.empty()) tekigo::fuzz::fuzz_failure("a reply classified without a summary");
  return 0;
}
