// dsl/checks: windows in time — the `from DATE` / `until DATE` of rules, decision-list cases,
// matrix rows and forbid items (ast::InForce), judged at the check date. The pass `windows`
// (stage `ast` in passes.hpp) checks them; lowering (dsl/lower) reads their dates with
// window_dates and makes them conditions on the check date.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dsl/ast/ast.hpp"
#include "dsl/checks/passes.hpp"
#include "engine/values/date.hpp"

namespace tekigo::dsl::checks {

// A window's dates, both days included; either may be open.
struct WindowDates {
  std::optional<engine::Date> from, until;
};

// The dates of `w`, or nullopt when one of them is not a date (the pass reports it, E0202).
std::optional<WindowDates> window_dates(const ast::InForce& w);

// How a window reads in messages: "from 2024-10-01", "until 2024-09-30",
// "from 2024-10-01 until 2025-03-31".
std::string window_text(const WindowDates& w);

// windows: every date of a window is YYYY-MM-DD (E0202); `from` is not after `until` (E0210);
// a window does not end before the policy's effective date (W0411: under this revision it is
// never in force).
void check_windows(const PassInput& input, std::vector<Diagnostic>& out);

}  // namespace tekigo::dsl::checks
