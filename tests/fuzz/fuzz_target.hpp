// tests/fuzz: what every fuzz target shares. A target is one file defining
// LLVMFuzzerTestOneInput; it is linked either with libFuzzer (-DTEKIGO_FUZZ=ON, clang) or with
// replay_main.cpp, which feeds it the files of tests/fuzz/regressions/<target>/ (any build).
// A target must never crash, leak, hang or trip a sanitizer on any input; an invariant it
// checks (a round trip, say) that does not hold calls fuzz_failure(), which aborts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace tekigo::fuzz {

// The input as text (the bytes as they are, not necessarily UTF-8).
inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Prints what did not hold and aborts: libFuzzer saves the input as a crash.
[[noreturn]] void fuzz_failure(std::string_view what, std::string_view detail = {});

}  // namespace tekigo::fuzz
