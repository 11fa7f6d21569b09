// Fuzz target `ike`: a datagram as the IKEv2 probe receives it, classified against our request.
// The first byte chooses the port's framing (bit 0: UDP 4500, behind the non-ESP marker) and
// whether the initiator SPI is the one the datagram carries (bit 1), so that the fuzzer gets
// past the SPI check; the rest is the datagram.
#include <algorithm>
#include <span>

#include "collectors/probes/ike_message.hpp"
#include "fuzz/fuzz_target.hpp"

using namespace tekigo::collectors;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool marker = data[0] & 1;
  const std::span<const std::uint8_t> datagram(data + 1, size - 1);
  ike::Spi spi{};
  spi.fill(0x5a);
  const std::size_t at = marker ? 4 : 0;
  if ((data[0] & 2) && datagram.size() >= at + spi.size())
    std::copy_n(datagram.begin() + static_cast<long>(at), spi.size(), spi.begin());
  const ike::Reply reply = ike::classify_reply(datagram, spi, marker);
  if (reply.summary.empty()) tekigo::fuzz::fuzz_failure("a reply classified without a summary");
  return 0;
}
