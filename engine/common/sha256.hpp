// engine/common: SHA-256 (FIPS 180-4), so that a report names the exact bytes it judged — the
// policy text, each dump and each facts file. Incremental: feed the bytes as they are read.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tekigo::engine {

class Sha256 {
 public:
  // `best` uses the processor's SHA extensions when it has them (x86-64 SHA-NI: several times
  // faster, which matters when every dump of a fleet is hashed); `portable` never does (tests
  // check both against the same vectors).
  enum class Engine { best, portable };
  explicit Sha256(Engine engine = Engine::best);
  static bool hardware_available();
  Sha256& update(std::string_view bytes);
  // The digest of everything fed so far. The object is spent: update() after it is an error.
  std::array<std::uint8_t, 32> finish();

 private:
  void blocks(const std::uint8_t* data, std::size_t count);

  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes fed
  bool hardware_ = false;
};

// The digest of `bytes` in lower-case hex (64 characters), as `sha256sum` prints it.
std::string sha256_hex(std::string_view bytes);

}  // namespace tekigo::engine
