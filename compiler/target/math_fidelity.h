// The matrix engine's math fidelity: how many passes over the mantissa bits a tile multiply takes.
// kProgramMathFidelity is the one the generated program configures (main.cpp's ComputeConfig,
// tt.plan.json's compute kernel) and so the one the engine's performance estimate assumes.
#pragma once

#include <optional>
#include <string_view>

namespace tt {

enum class MathFidelity { LoFi, HiFi2, HiFi3, HiFi4 };

inline constexpr MathFidelity kProgramMathFidelity = MathFidelity::HiFi4;

// "LoFi", "HiFi2", ...: tt-metal's MathFidelity enumerator names, the device data's keys.
const char* fidelity_name(MathFidelity f);
std::optional<MathFidelity> parse_fidelity(std::string_view name);

}  // namespace tt
