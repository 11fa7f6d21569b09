// dsl/diff: aligning two ordered lists of one rule's parts (a decision list's cases): which
// stayed, which moved, which were rewritten in place, which came or went.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace tekigo::dsl::diff {

// The positions of `old_keys` in `new_keys` for an ordered list: equal keys pair up (the
// longest run in order stays, the other pairs moved); in each stretch between two pairs that
// stayed, what is left pairs up in order where `likeness` says two are alike (a case rewritten
// in place: the most alike pairs, in order); the rest came or went.
struct Alignment {
  std::vector<int> old_of_new;  // per new index: its old index, or -1 (added)
  std::vector<bool> moved;      // per new index: paired with an equal case elsewhere
  std::vector<bool> rewritten;  // per new index: paired in place with a different case
  std::vector<std::vector<int>> removed_before;  // per new index (and the end): what went there
};

template <typename Likeness>
Alignment align(const std::vector<std::string>& old_keys, const std::vector<std::string>& new_keys,
                Likeness&& likeness) {
  const int n = static_cast<int>(old_keys.size()), m = static_cast<int>(new_keys.size());
  Alignment a;
  a.old_of_new.assign(m, -1);
  a.moved.assign(m, false);
  a.rewritten.assign(m, false);
  a.removed_before.resize(m + 1);
  std::vector<bool> used(n, false);
  for (int j = 0; j < m; ++j)
    for (int i = 0; i < n; ++i)
      if (!used[i] && old_keys[i] == new_keys[j]) {
        a.old_of_new[j] = i;
        used[i] = true;
        break;
      }
  // The longest chain of pairs in the same order on both sides stays; the others moved.
  std::vector<int> paired;
  for (int j = 0; j < m; ++j)
    if (a.old_of_new[j] >= 0) paired.push_back(j);
  // Of two chains as long, the one whose cases moved least (what moved is what a reader sees
  // move: the case taken to the front, not the ones it passed).
  auto shift = [&](std::size_t t) { return std::abs(a.old_of_new[paired[t]] - paired[t]); };
  std::vector<int> length(paired.size(), 1), previous(paired.size(), -1), cost(paired.size());
  auto better = [&](int len, int c, std::size_t t) {
    return len > length[t] || (len == length[t] && c < cost[t]);
  };
  int best = -1;
  for (std::size_t t = 0; t < paired.size(); ++t) {
    cost[t] = shift(t);
    for (std::size_t u = 0; u < t; ++u)
      if (a.old_of_new[paired[u]] < a.old_of_new[paired[t]] &&
          better(length[u] + 1, cost[u] + shift(t), t)) {
        length[t] = length[u] + 1;
        cost[t] = cost[u] + shift(t);
        previous[t] = static_cast<int>(u);
      }
    if (best < 0 || length[t] > length[best] || (length[t] == length[best] && cost[t] < cost[best]))
      best = static_cast<int>(t);
  }
  std::vector<bool> stays(m, false);
  for (int t = best; t >= 0; t = previous[t]) stays[paired[t]] = true;
  std::vector<std::pair<int, int>> anchors = {{-1, -1}};
  for (int j = 0; j < m; ++j) {
    if (a.old_of_new[j] >= 0 && !stays[j]) a.moved[j] = true;
    if (stays[j]) anchors.emplace_back(j, a.old_of_new[j]);
  }
  anchors.emplace_back(m, n);
  for (std::size_t k = 0; k + 1 < anchors.size(); ++k) {
    const auto [ja, ia] = anchors[k];
    const auto [jb, ib] = anchors[k + 1];
    std::vector<int> olds, news;
    for (int i = ia + 1; i < ib; ++i)
      if (!used[i]) olds.push_back(i);
    for (int j = ja + 1; j < jb; ++j)
      if (a.old_of_new[j] < 0) news.push_back(j);
    // reach[p][q]: the most likeness that pairing olds[p..] with news[q..] in order reaches.
    const std::size_t no = olds.size(), nn = news.size();
    std::vector<std::vector<int>> reach(no + 1, std::vector<int>(nn + 1, 0));
    for (std::size_t p = no; p-- > 0;)
      for (std::size_t q = nn; q-- > 0;) {
        reach[p][q] = std::max(reach[p + 1][q], reach[p][q + 1]);
        if (const int l = likeness(olds[p], news[q]); l > 0)
          reach[p][q] = std::max(reach[p][q], l + reach[p + 1][q + 1]);
      }
    for (std::size_t p = 0, q = 0; p < no && q < nn;) {
      const int l = likeness(olds[p], news[q]);
      if (l > 0 && reach[p][q] == l + reach[p + 1][q + 1]) {
        a.old_of_new[news[q]] = olds[p];
        a.rewritten[news[q]] = true;
        used[olds[p]] = true;
        ++p, ++q;
      } else if (reach[p][q] == reach[p + 1][q]) {
        ++p;
      } else {
        ++q;
      }
    }
    for (int i : olds)
      if (!used[i]) a.removed_before[jb].push_back(i);
  }
  return a;
}

}  // namespace tekigo::dsl::diff
