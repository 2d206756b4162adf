// How the oracle turns a double into a value of a buffer's or a cast's dtype (see README.md):
// 16-bit floats round to nearest-even, float32 is carried as double, integers truncate and wrap.
#pragma once

#include <optional>

#include "compiler/ir/dtype.h"

namespace tt::oracle {

// `value` as stored in / cast to `dtype`; nullopt for dtypes the oracle does not model (block floats).
std::optional<double> to_dtype(DataType dtype, double value);
// Whether to_dtype models `dtype`.
bool is_modelled(DataType dtype);
// `value` rounded to nearest-even to a binary float with `precision` significand bits (implicit bit
// included) and minimum normal exponent `min_exponent`, overflowing to infinity above `max_finite`.
double round_binary_float(double value, int precision, int min_exponent, double max_finite);

}  // namespace tt::oracle
