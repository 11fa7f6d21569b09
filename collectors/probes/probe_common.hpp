// collectors/probes: what name resolution (name_resolution.cpp) and the reachability probes
// (probe.cpp) share: running their tasks concurrently, and counting in their details.
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <future>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace tekigo::collectors {

// "1 try", "3 tries".
inline std::string plural(int n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// Runs f(i) for i in [0, n) concurrently, one thread each; results in order.
template <typename T, typename F>
std::vector<T> concurrently(std::size_t n, F&& f) {
  std::vector<std::future<T>> futures;
  std::vector<T> results(n);
  std::vector<bool> inline_done(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    try {
      futures.push_back(std::async(std::launch::async, f, i));
    } catch (const std::system_error&) {  // no thread to be had: run it here
      futures.emplace_back();
      results[i] = f(i);
      inline_done[i] = true;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!inline_done[i]) results[i] = futures[i].get();
  }
  return results;
}

}  // namespace tekigo::collectors
