// engine/facts: a dump's subject and an error's one-line form.
#include "engine/facts/fact_document.hpp"

#include <fmt/format.h>

namespace tekigo::engine {

std::string FactDocument::subject() const {
  const FactValue* s = root.find("subject");
  return s && s->is_string() ? s->as_string() : std::string();
}

std::string FactError::to_string() const {
  if (path.empty()) return fmt::format("{}: {}", source, message);
  return fmt::format("{}: {}: {}", source, path, message);
}

}  // namespace tekigo::engine
