// engine/eval: the three truth values every node of the graph evaluates to.
#pragma once

#include <cstdint>

namespace tekigo::engine {

// Three-valued logic (Kleene): false and unknown = false, true or unknown = true.
enum class Tri : std::uint8_t { no, yes, unknown };
inline Tri tri_not(Tri t) {
  return t == Tri::unknown ? t : (t == Tri::yes ? Tri::no : Tri::yes);
}
inline Tri tri_of(bool b) {
  return b ? Tri::yes : Tri::no;
}

}  // namespace tekigo::engine
