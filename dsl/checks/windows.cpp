// dsl/checks: windows in time — see windows.hpp.
#include "dsl/checks/windows.hpp"

#include <fmt/format.h>

namespace tekigo::dsl::checks {

std::optional<WindowDates> window_dates(const ast::InForce& w) {
  WindowDates dates;
  if (w.from && !(dates.from = engine::Date::parse(w.from->text))) return std::nullopt;
  if (w.until && !(dates.until = engine::Date::parse(w.until->text))) return std::nullopt;
  return dates;
}

std::string window_text(const WindowDates& w) {
  std::string text;
  if (w.from) text = "from " + w.from->to_string();
  if (w.until) text += (text.empty() ? "until " : " until ") + w.until->to_string();
  return text;
}

namespace {

class WindowCheck {
 public:
  WindowCheck(const ast::Header& header, std::vector<Diagnostic>& out)
      : header_(header), out_(out) {
    if (header.effective) effective_ = engine::Date::parse(header.effective->value);
  }

  // `what` names what the window limits, for the messages ("rule `x`", "row `3`").
  void check(const ast::InForce& w, const std::string& what) {
    if (w.empty()) return;
    bool dates_ok = true;
    for (const auto* date : {&w.from, &w.until})
      if (*date && !engine::Date::parse((*date)->text)) {
        out_.push_back(
            make_diagnostic(codes::E0202, fmt::format("malformed date `{}`", (*date)->text),
                            (*date)->span, "write dates as YYYY-MM-DD, such as 2024-09-30"));
        dates_ok = false;
      }
    if (!dates_ok) return;
    const WindowDates dates = *window_dates(w);
    if (dates.from && dates.until && *dates.from > *dates.until) {
      out_.push_back(make_diagnostic(
          codes::E0210,
          fmt::format("the window of {} is empty: `from {}` is after `until {}`", what,
                      w.from->text, w.until->text),
          w.span, "both days are included: `from D1 until D2` needs D1 on or before D2"));
      return;
    }
    if (dates.until && effective_ && *dates.until < *effective_) {
      Diagnostic d = make_diagnostic(
          codes::W0411,
          fmt::format("{} is never in force: its window ends on {}, before the policy's "
                      "effective date {}",
                      what, w.until->text, effective_->to_string()),
          w.until->span,
          "a revision is checked from its effective date on: remove it, or correct the date");
      d.notes.emplace_back(header_.effective->span, "the policy is effective from here");
      out_.push_back(std::move(d));
    }
  }

  void rule(const ast::Rule& r) {
    check(r.in_force, fmt::format("rule `{}`", r.id.value));
    for (const auto& c : r.clauses)
      check(c.in_force, fmt::format("a case of rule `{}`", r.id.value));
    for (const auto& row : r.rows)
      check(row.in_force, fmt::format("row `{}` of `{}`", row.label.value, r.id.value));
    for (const auto& item : r.items)
      check(item.in_force, item.label
                               ? fmt::format("item `{}` of `{}`", item.label->value, r.id.value)
                               : fmt::format("an item of `{}`", r.id.value));
  }

  void items(const std::vector<ast::Item>& items) {
    for (const auto& item : items) {
      if (item.rule) rule(*item.rule);
      if (item.section) this->items(item.section->items);
    }
  }

 private:
  const ast::Header& header_;
  std::vector<Diagnostic>& out_;
  std::optional<engine::Date> effective_;
};

}  // namespace

void check_windows(const PassInput& input, std::vector<Diagnostic>& out) {
  WindowCheck(input.file.header, out).items(input.file.items);
}

}  // namespace tekigo::dsl::checks
