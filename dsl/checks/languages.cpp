// dsl/checks: the two languages of a policy's sentences — see languages.hpp.
#include "dsl/checks/languages.hpp"

#include <fmt/format.h>

namespace tekigo::dsl::checks {

void check_languages(const PassInput& input, std::vector<Diagnostic>& out) {
  const ast::Header& header = input.file.header;
  if (header.language && !engine::parse_lang(header.language->value))
    out.push_back(
        make_diagnostic(codes::E0110, fmt::format("unknown language `{}`", header.language->value),
                        header.language->span, "a policy's strings are written in `en` or `ja`"));
  const engine::Lang untagged = ast::untagged_lang(header);
  ast::for_each_sentence(input.file, [&](const ast::Text& text) {
    std::vector<const ast::Translation*> seen;
    for (const auto& t : text.translations) {
      auto lang = engine::parse_lang(t.lang);
      if (!lang) {
        out.push_back(make_diagnostic(
            codes::E0110, fmt::format("unknown language `{}`", t.lang), t.lang_span,
            fmt::format("a translation is tagged `{}`: write `{} \"…\"`",
                        engine::lang_name(untagged == engine::Lang::en ? engine::Lang::ja
                                                                       : engine::Lang::en),
                        engine::lang_name(untagged == engine::Lang::en ? engine::Lang::ja
                                                                       : engine::Lang::en))));
        continue;
      }
      if (*lang == untagged) {
        out.push_back(make_diagnostic(
            codes::E0111,
            fmt::format("this text is written in `{}` twice", engine::lang_name(*lang)), t.span,
            fmt::format("untagged strings of this policy are `{}` (its header's `language`); "
                        "keep one of the two",
                        engine::lang_name(untagged))));
        continue;
      }
      for (const auto* earlier : seen)
        if (earlier->lang == t.lang) {
          Diagnostic d = make_diagnostic(codes::E0111,
                                         fmt::format("this text is written in `{}` twice", t.lang),
                                         t.span, "keep one of the two");
          d.notes.push_back({earlier->span, "the first one"});
          out.push_back(std::move(d));
        }
      seen.push_back(&t);
    }
  });
}

}  // namespace tekigo::dsl::checks
