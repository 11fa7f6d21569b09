#include "engine/eval/literal_filter.hpp"

#include "engine/common/utf8.hpp"

#include <re2/filtered_re2.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define TEKIGO_LITERAL_FILTER_AVX2 1
#else
#define TEKIGO_LITERAL_FILTER_AVX2 0
#endif

#include <algorithm>
#include <numeric>

namespace tekigo::engine {

namespace {

constexpr std::uint32_t kFold = 0x20202020u;

std::uint32_t load_le(const unsigned char* p, std::size_t width) {
  std::uint32_t w = std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16;
  if (width == 4) w |= std::uint32_t{p[3]} << 24;
  return w;
}

// How common a byte is in program names (English words, versions): windows of rare bytes make
// fewer false hits. A rough order, not a measurement; it only steers the choice of window.
int commonness(unsigned char c) {
  static constexpr std::string_view kVeryCommon = " eaoitnsr";
  static constexpr std::string_view kCommon = "lcdumhpgf0123456789.-";
  if (kVeryCommon.find(static_cast<char>(c)) != std::string_view::npos) return 8;
  if (kCommon.find(static_cast<char>(c)) != std::string_view::npos) return 5;
  return 2;
}

// Characters with no case in Unicode that policies name programs with: CJK punctuation,
// kana, ideographs, halfwidth katakana. RE2 matches them, ignoring case, only with themselves
// (a test checks this over every code point).
bool caseless(char32_t c) {
  return (c >= 0x3000 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) ||
         (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF61 && c <= 0xFF9F);
}

// The longest part of an atom that the filter can search for: a run of ASCII and caseless
// characters (an ASCII letter in a match may have either case, or be KELVIN SIGN or LONG S,
// which the search lets through; a caseless character is itself). Empty when it is shorter
// than three bytes. "µtorrent" gives "torrent"; "ウイルスバスター" itself.
std::string searchable_part(std::string_view atom) {
  std::size_t best_at = 0, best_size = 0, run_at = 0;
  for (std::size_t i = 0; i < atom.size();) {
    const auto c = decode_utf8(atom, i);                  // advances i
    if (!c || (*c >= 0x80 && !caseless(*c))) run_at = i;  // the run starts after it
    if (i - run_at > best_size) {
      best_at = run_at;
      best_size = i - run_at;
    }
  }
  if (best_size < 3) return {};
  return std::string(atom.substr(best_at, best_size));
}

// The literals of which every match of `pattern` contains one, or nothing when there are none
// of at least three bytes. RE2's prefilter gives the atoms and a monotone and/or formula over
// them; a set C of atoms is a cover when the formula is false with every atom outside C
// present. Starting from all atoms, drop the shortest first while the rest still covers.
std::vector<std::string> cover_of(const std::string& pattern, const RE2::Options& options) {
  re2::FilteredRE2 prefilter(3);
  int id = 0;
  if (prefilter.Add(pattern, options, &id) != RE2::NoError) return {};
  std::vector<std::string> atoms;
  prefilter.Compile(&atoms);
  if (atoms.empty()) return {};
  std::vector<bool> in(atoms.size(), true);
  auto covers = [&] {
    std::vector<int> present, potential;
    for (std::size_t i = 0; i < atoms.size(); ++i)
      if (!in[i]) present.push_back(static_cast<int>(i));
    prefilter.AllPotentials(present, &potential);
    return potential.empty();
  };
  if (!covers()) return {};
  std::vector<std::string> parts;
  for (const auto& atom : atoms) parts.push_back(searchable_part(atom));
  std::vector<std::size_t> order(atoms.size());
  std::iota(order.begin(), order.end(), 0);
  // Atoms with nothing to search for first, then those with the shortest part.
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (parts[a].empty() != parts[b].empty()) return parts[a].empty();
    return parts[a].size() < parts[b].size();
  });
  for (std::size_t i : order) {
    in[i] = false;
    if (!covers()) in[i] = true;
  }
  std::vector<std::string> cover;
  for (std::size_t i = 0; i < atoms.size(); ++i) {
    if (!in[i]) continue;
    if (parts[i].empty()) return {};
    cover.push_back(parts[i]);
  }
  return cover;
}

}  // namespace

LiteralFilter::LiteralFilter(const std::vector<std::string>& patterns, const RE2::Options& options)
    : covered_(patterns.size(), false) {
  std::vector<std::string> all;
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    auto cover = cover_of(patterns[i], options);
    if (cover.empty()) continue;
    covered_[i] = true;
    for (auto& literal : cover) all.push_back(std::move(literal));
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  if (all.empty()) return;
  width_ = 4;
  for (const auto& literal : all) width_ = std::min(width_, literal.size());
  table_.assign((std::size_t{1} << kBits) / 64, 0);
  lo_.assign(4 * 32, 0);
  hi_.assign(4 * 32, 0);
  for (const auto& literal : all) {
    Literal l{literal, 0, 0};
    for (char& c : l.folded) c = static_cast<char>(static_cast<unsigned char>(c) | 0x20u);
    const auto* bytes = reinterpret_cast<const unsigned char*>(l.folded.data());
    int best = 1 << 30;
    for (std::size_t at = 0; at + width_ <= l.folded.size(); ++at) {
      int score = 0;
      for (std::size_t k = 0; k < width_; ++k) score += commonness(bytes[at + k]);
      if (score < best) {
        best = score;
        l.offset = static_cast<std::uint32_t>(at);
      }
    }
    l.window = load_le(bytes + l.offset, width_);
    std::uint32_t h = hash(l.window);
    table_[h >> 6] |= std::uint64_t{1} << (h & 63);
    const auto bucket = static_cast<std::uint8_t>(1u << (literals_.size() % 8));
    for (std::size_t j = 0; j < width_; ++j) {
      const unsigned char c = bytes[l.offset + j];
      for (std::size_t lane = 0; lane < 32; lane += 16) {
        lo_[j * 32 + lane + (c & 15u)] |= bucket;
        hi_[j * 32 + lane + (c >> 4)] |= bucket;
      }
    }
    literals_.push_back(std::move(l));
  }
}

std::vector<std::string> LiteralFilter::literals() const {
  std::vector<std::string> out;
  for (const auto& l : literals_) out.push_back(l.folded);
  return out;
}

std::size_t LiteralFilter::verify(std::string_view text, std::size_t from, std::size_t at,
                                  std::uint32_t window) const {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  for (const Literal& l : literals_) {
    if (l.window != window || at < from + l.offset) continue;
    std::size_t start = at - l.offset;
    if (start + l.folded.size() > text.size()) continue;
    std::size_t k = 0;
    while (k < l.folded.size() && (p[start + k] | 0x20u) == static_cast<unsigned char>(l.folded[k]))
      ++k;
    if (k == l.folded.size()) return start;
  }
  return std::string_view::npos;
}

bool LiteralFilter::folding_at(std::string_view text, std::size_t i) const {
  // KELVIN SIGN (E2 84 AA) and LONG S (C5 BF) fold to ASCII letters: where one is, some
  // pattern may match.
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  return (p[i] == 0xE2 && i + 2 < n && p[i + 1] == 0x84 && p[i + 2] == 0xAA) ||
         (p[i] == 0xC5 && i + 1 < n && p[i + 1] == 0xBF);
}

std::size_t LiteralFilter::at_window(std::string_view text, std::size_t from, std::size_t at,
                                     std::uint32_t window) const {
  const std::uint32_t h = hash(window);
  if (!((table_[h >> 6] >> (h & 63)) & 1u)) return std::string_view::npos;
  return verify(text, from, at, window);
}

std::size_t LiteralFilter::find(std::string_view text, std::size_t from) const {
  if (literals_.empty() || from >= text.size()) return std::string_view::npos;
#if TEKIGO_LITERAL_FILTER_AVX2
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2) return find_avx2(text, from);
#endif
  return find_scalar(text, from, from);
}

std::size_t LiteralFilter::find_scalar(std::string_view text, std::size_t from,
                                       std::size_t i) const {
  constexpr auto npos = std::string_view::npos;
  if (literals_.empty() || from >= text.size()) return npos;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const std::uint32_t mask = window_mask();
  for (; i + 4 <= n; ++i) {
    std::uint32_t raw = load_le(p + i, 4);
    if ((raw & 0x80u) && folding_at(text, i)) return i;
    if (std::size_t start = at_window(text, from, i, (raw | kFold) & mask); start != npos)
      return start;
  }
  // The last three bytes: one more window of width 3, and folding characters.
  if (width_ == 3 && i + 3 <= n) {
    if (std::size_t start = at_window(text, from, i, load_le(p + i, 3) | (kFold & mask));
        start != npos)
      return start;
  }
  for (; i < n; ++i)
    if (folding_at(text, i)) return i;
  return npos;
}

#if TEKIGO_LITERAL_FILTER_AVX2
__attribute__((target("avx2"))) std::size_t LiteralFilter::find_avx2(std::string_view text,
                                                                     std::size_t from) const {
  constexpr auto npos = std::string_view::npos;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const std::uint32_t mask = window_mask();
  const __m256i fold = _mm256_set1_epi8(0x20);
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  const __m256i kelvin_lead = _mm256_set1_epi8(static_cast<char>(0xE2));
  const __m256i long_s_lead = _mm256_set1_epi8(static_cast<char>(0xC5));
  __m256i lo[4], hi[4];
  for (std::size_t j = 0; j < 4; ++j) {
    lo[j] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(lo_.data() + j * 32));
    hi[j] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(hi_.data() + j * 32));
  }
  std::size_t i = from;
  // 32 windows at a time while the last byte of the last window is inside the text.
  for (; i + 32 + 3 <= n; i += 32) {
    __m256i first = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    __m256i buckets = _mm256_set1_epi8(-1);
    for (std::size_t j = 0; j < width_; ++j) {
      __m256i v = j == 0 ? first : _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + j));
      v = _mm256_or_si256(v, fold);
      __m256i l = _mm256_shuffle_epi8(lo[j], _mm256_and_si256(v, nibble));
      __m256i h = _mm256_shuffle_epi8(hi[j], _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble));
      buckets = _mm256_and_si256(buckets, _mm256_and_si256(l, h));
    }
    auto hits = ~static_cast<std::uint32_t>(
        _mm256_movemask_epi8(_mm256_cmpeq_epi8(buckets, _mm256_setzero_si256())));
    // Lead bytes of KELVIN SIGN and LONG S (not every non-ASCII byte: Japanese text is full
    // of them, and its lead bytes are E3-E9).
    auto high = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_or_si256(
        _mm256_cmpeq_epi8(first, kelvin_lead), _mm256_cmpeq_epi8(first, long_s_lead))));
    for (std::uint32_t both = hits | high; both != 0; both &= both - 1) {
      const std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(both));
      const std::uint32_t bit = both & (~both + 1);
      if ((high & bit) && folding_at(text, at)) return at;
      if (!(hits & bit)) continue;
      if (std::size_t start = at_window(text, from, at, (load_le(p + at, 4) | kFold) & mask);
          start != npos)
        return start;
    }
  }
  return i < n ? find_scalar(text, from, i) : npos;
}
#endif

}  // namespace tekigo::engine
