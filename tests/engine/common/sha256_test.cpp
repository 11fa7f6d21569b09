// tests/engine/common: SHA-256 against the FIPS 180-2 vectors (appendix B), fed whole and in
// pieces that straddle the 64-byte blocks.
#include <catch2/catch.hpp>

#include <string>

#include "engine/common/sha256.hpp"

namespace e = tekigo::engine;

namespace {

std::string hex_of_pieces(const std::string& text, std::size_t piece,
                          e::Sha256::Engine engine = e::Sha256::Engine::best) {
  e::Sha256 h(engine);
  for (std::size_t at = 0; at < text.size(); at += piece)
    h.update(std::string_view(text).substr(at, piece));
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (auto byte : h.finish()) {
    out += kHex[byte >> 4];
    out += kHex[byte & 0xf];
  }
  return out;
}

}  // namespace

TEST_CASE("SHA-256 of the FIPS 180-2 one-block and two-block messages", "[common]") {
  CHECK(e::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  CHECK(e::sha256_hex(two) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  for (std::size_t piece : {1u, 3u, 55u, 56u, 63u, 64u}) {
    CHECK(hex_of_pieces(two, piece) == e::sha256_hex(two));
    CHECK(hex_of_pieces(two, piece, e::Sha256::Engine::portable) == e::sha256_hex(two));
  }
  CHECK(hex_of_pieces("abc", 1, e::Sha256::Engine::portable) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("SHA-256 of a million 'a' (FIPS 180-2 B.3), whole and in uneven pieces", "[common]") {
  const std::string million(1'000'000, 'a');
  const std::string expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
  CHECK(e::sha256_hex(million) == expected);
  CHECK(hex_of_pieces(million, 1000) == expected);
  CHECK(hex_of_pieces(million, 97) == expected);
  // The portable rounds give the same digest where the processor's SHA extensions are used.
  CHECK(hex_of_pieces(million, 4096, e::Sha256::Engine::portable) == expected);
  CHECK(hex_of_pieces(million, 1, e::Sha256::Engine::portable) == expected);
}

TEST_CASE("SHA-256 with and without the processor's extensions agree", "[common]") {
  using E = e::Sha256::Engine;
  std::string text;
  for (int i = 0; i < 5000; ++i) text += static_cast<char>((i * 131 + 7) % 256);
  for (std::size_t length : {0u, 1u, 63u, 64u, 65u, 127u, 128u, 1000u, 5000u}) {
    const std::string part = text.substr(0, length);
    CHECK(hex_of_pieces(part, 64, E::portable) == hex_of_pieces(part, 64, E::best));
    CHECK(hex_of_pieces(part, 7, E::portable) == e::sha256_hex(part));
  }
}

TEST_CASE("SHA-256 of the empty message and of lengths around the padding edge", "[common]") {
  CHECK(e::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // 55 bytes pad in one block, 56 need a second: both as sha256sum prints them.
  CHECK(e::sha256_hex(std::string(55, 'a')) ==
        "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  CHECK(e::sha256_hex(std::string(56, 'a')) ==
        "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
}
