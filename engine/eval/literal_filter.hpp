#pragma once
// A pre-filter for sets of regular expressions matched against many short texts (the names
// of installed programs): RE2 tells, for each pattern, literals of which every match contains
// one (its "cover"); a text in which no cover literal of any pattern occurs cannot match any
// of them, and is rejected after one pass of a rolling 4-byte (or 3-byte) hash, without
// running a regular expression. Only the texts that pass are given to the RE2::Set.
//
// The filter is a superset test: may_match() is true for every text that some covered pattern
// matches, and also for some that none does. Comparison folds ASCII case (every pattern of a
// group is case-insensitive) and treats the two non-ASCII characters whose case folds to an
// ASCII letter — KELVIN SIGN (U+212A, K) and LATIN SMALL LETTER LONG S (U+017F, s) — by
// letting every text that contains them through. Of a literal with other non-ASCII letters
// (whose case the filter cannot fold) only its longest run of ASCII and caseless characters
// (kana, ideographs) is searched for.
#include <re2/re2.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tekigo::engine {

class LiteralFilter {
 public:
  LiteralFilter() = default;
  // Covers for every pattern that has one; `options` are those the patterns are matched with.
  LiteralFilter(const std::vector<std::string>& patterns, const RE2::Options& options);

  // Whether pattern `index` has a cover (patterns such as "^$" or "[0-9]{3}" have none: every
  // text may match them, and the filter says nothing about them).
  bool covers(std::size_t index) const { return index < covered_.size() && covered_[index]; }
  bool covers_any() const { return !literals_.empty(); }
  // False when no covered pattern can match `text`.
  bool may_match(std::string_view text) const { return find(text, 0) != std::string_view::npos; }
  // Over a text of many lines (the joined names of a list): an offset at or after `from` where
  // a literal or a character folding to an ASCII letter starts, in the first line after `from`
  // that holds one (not necessarily the first such offset in that line), or npos. Every line
  // that a covered pattern matches holds one.
  // Uses AVX2 where the processor has it (x86-64), else find_scalar().
  std::size_t find(std::string_view text, std::size_t from) const;
  // The same, one byte position at a time, from position `i` on (the windows before it are
  // known to hold nothing): the reference the vector search is tested against.
  std::size_t find_scalar(std::string_view text, std::size_t from, std::size_t i) const;
  // The literals searched for (ASCII-lowercased), for tests and `--explain`-style output.
  std::vector<std::string> literals() const;

 private:
  struct Literal {
    std::string folded;    // the literal, every byte OR 0x20
    std::uint32_t window;  // the folded window hashed (little-endian, `width_` bytes)
    std::uint32_t offset;  // where that window starts in the literal
  };
  // The start of a literal whose window is `window` at `at` and that starts at or after
  // `from`, or npos.
  std::size_t verify(std::string_view text, std::size_t from, std::size_t at,
                     std::uint32_t window) const;
  // The bytes of a 4-byte load that make a window.
  std::uint32_t window_mask() const { return width_ == 4 ? 0xFFFFFFFFu : 0x00FFFFFFu; }
  std::uint32_t hash(std::uint32_t window) const { return (window * 0x9E3779B1u) >> (32 - kBits); }

  // verify() for the windows whose hash is one of the literals' (most are not).
  std::size_t at_window(std::string_view text, std::size_t from, std::size_t at,
                        std::uint32_t window) const;
  std::size_t find_avx2(std::string_view text, std::size_t from) const;  // from < size
  bool folding_at(std::string_view text, std::size_t i) const;

  static constexpr unsigned kBits = 16;
  // The vector search (after Hyperscan's "Teddy"): each literal's window is in one of eight
  // buckets; per window byte j, nibble tables give the buckets whose byte j has that low
  // (`lo_`) and high (`hi_`) nibble, 16 entries repeated for both 128-bit lanes.
  std::vector<std::uint8_t> lo_, hi_;  // 4 x 32 bytes each
  std::vector<bool> covered_;
  std::vector<Literal> literals_;
  std::vector<std::uint64_t> table_;  // 2^kBits bits: hashes of the literals' windows
  std::size_t width_ = 4;             // window width: 3 or 4 bytes
};

}  // namespace tekigo::engine
