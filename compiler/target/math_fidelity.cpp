// Math fidelity names, both ways.
#include "compiler/target/math_fidelity.h"

namespace tt {

namespace {
constexpr MathFidelity kAll[] = {MathFidelity::LoFi, MathFidelity::HiFi2, MathFidelity::HiFi3, MathFidelity::HiFi4};
}

const char* fidelity_name(MathFidelity f) {
  switch (f) {
    case MathFidelity::LoFi:
      return "LoFi";
    case MathFidelity::HiFi2:
      return "HiFi2";
    case MathFidelity::HiFi3:
      return "HiFi3";
    case MathFidelity::HiFi4:
      return "HiFi4";
  }
  return "?";
}

std::optional<MathFidelity> parse_fidelity(std::string_view name) {
  for (MathFidelity f : kAll) {
    if (name == fidelity_name(f)) return f;
  }
  return std::nullopt;
}

}  // namespace tt
