// dsl/format: a unified diff (see line_diff.hpp). Myers' O(ND) algorithm on the lines
// between the common prefix and suffix; when the texts differ on more lines than
// kMaxEdits, one hunk replaces the whole differing middle (still a correct diff, only a
// longer one), so that memory stays bounded.
#include "dsl/format/line_diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace tekigo::dsl::format {

namespace {

constexpr std::size_t kContext = 3;
constexpr long kMaxEdits = 2000;

struct TextLine {
  std::string_view text;  // without its line break
  bool newline = true;    // false: the last line, with no line break after it
  bool operator==(const TextLine& o) const { return text == o.text && newline == o.newline; }
};

std::vector<TextLine> split(std::string_view s) {
  std::vector<TextLine> out;
  while (!s.empty()) {
    auto nl = s.find('\n');
    if (nl == std::string_view::npos) {
      out.push_back({s, false});
      break;
    }
    out.push_back({s.substr(0, nl), true});
    s.remove_prefix(nl + 1);
  }
  return out;
}

enum class Op { keep, remove, insert };

// The edit script turning a[0, n) into b[0, m): Myers, with the path traced back through the
// saved frontiers. Empty optional when it needs more than kMaxEdits edits.
bool myers(const std::vector<TextLine>& a, const std::vector<TextLine>& b, std::size_t lo_a,
           std::size_t hi_a, std::size_t lo_b, std::size_t hi_b, std::vector<Op>& script) {
  const long n = static_cast<long>(hi_a - lo_a), m = static_cast<long>(hi_b - lo_b);
  const long max = std::min(n + m, kMaxEdits);
  std::vector<long> v(static_cast<std::size_t>(2 * max + 3), 0);
  std::vector<std::vector<long>> trace;
  auto at = [&](std::vector<long>& vec, long k) -> long& {
    return vec[static_cast<std::size_t>(k + max + 1)];
  };
  for (long d = 0; d <= max; ++d) {
    trace.push_back(v);
    for (long k = -d; k <= d; k += 2) {
      long x =
          (k == -d || (k != d && at(v, k - 1) < at(v, k + 1))) ? at(v, k + 1) : at(v, k - 1) + 1;
      long y = x - k;
      while (x < n && y < m &&
             a[lo_a + static_cast<std::size_t>(x)] == b[lo_b + static_cast<std::size_t>(y)]) {
        ++x;
        ++y;
      }
      at(v, k) = x;
      if (x >= n && y >= m) {
        // Trace back from (n, m).
        std::vector<Op> reversed;
        long cx = n, cy = m;
        for (long e = d; e > 0; --e) {
          std::vector<long>& pv = trace[static_cast<std::size_t>(e)];
          const long ck = cx - cy;
          const bool down = ck == -e || (ck != e && at(pv, ck - 1) < at(pv, ck + 1));
          const long pk = down ? ck + 1 : ck - 1;
          const long px = at(pv, pk), py = px - pk;
          while (cx > px + (down ? 0 : 1) && cy > py + (down ? 1 : 0)) {
            reversed.push_back(Op::keep);
            --cx;
            --cy;
          }
          reversed.push_back(down ? Op::insert : Op::remove);
          cx = px;
          cy = py;
        }
        while (cx > 0 && cy > 0) {
          reversed.push_back(Op::keep);
          --cx;
          --cy;
        }
        script.insert(script.end(), reversed.rbegin(), reversed.rend());
        return true;
      }
    }
  }
  return false;
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after,
                         std::string_view before_name, std::string_view after_name) {
  if (before == after) return {};
  const auto a = split(before), b = split(after);
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
    ++suffix;
  std::vector<Op> script(prefix, Op::keep);
  if (!myers(a, b, prefix, a.size() - suffix, prefix, b.size() - suffix, script)) {
    script.insert(script.end(), a.size() - suffix - prefix, Op::remove);
    script.insert(script.end(), b.size() - suffix - prefix, Op::insert);
  }
  script.insert(script.end(), suffix, Op::keep);

  std::string out = fmt::format("--- {}\n+++ {}\n", before_name, after_name);
  // Hunks: runs of edits with up to kContext kept lines around them, joined when closer than
  // twice that.
  std::size_t i = 0;
  while (i < script.size()) {
    while (i < script.size() && script[i] == Op::keep) ++i;
    if (i == script.size()) break;
    std::size_t start = i >= kContext ? i - kContext : 0;
    std::size_t end = i;
    for (;;) {
      while (end < script.size() && script[end] != Op::keep) ++end;
      std::size_t keep = end;
      while (keep < script.size() && script[keep] == Op::keep) ++keep;
      if (keep < script.size() && keep - end <= 2 * kContext) {
        end = keep;
        continue;
      }
      end = std::min(script.size(), end + kContext);
      break;
    }
    // Line numbers at `start`.
    std::size_t la = 0, lb = 0;
    for (std::size_t j = 0; j < start; ++j) {
      if (script[j] != Op::insert) ++la;
      if (script[j] != Op::remove) ++lb;
    }
    std::size_t ca = 0, cb = 0;
    std::string body;
    std::size_t ia = la, ib = lb;
    for (std::size_t j = start; j < end; ++j) {
      const TextLine* line = nullptr;
      char mark = ' ';
      if (script[j] == Op::keep) {
        line = &a[ia++];
        ++ib;
        ++ca;
        ++cb;
      } else if (script[j] == Op::remove) {
        line = &a[ia++];
        mark = '-';
        ++ca;
      } else {
        line = &b[ib++];
        mark = '+';
        ++cb;
      }
      body += mark;
      body += line->text;
      body += '\n';
      if (!line->newline) body += "\\ No newline at end of file\n";
    }
    auto range = [](std::size_t first, std::size_t count) {
      if (count == 1) return fmt::format("{}", first + 1);
      return fmt::format("{},{}", count == 0 ? first : first + 1, count);
    };
    out += fmt::format("@@ -{} +{} @@\n", range(la, ca), range(lb, cb));
    out += body;
    i = end;
  }
  return out;
}

}  // namespace tekigo::dsl::format
