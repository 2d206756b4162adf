// Rounding of doubles to the dtypes of TileLang buffers.
#include "compiler/oracle/number_format.h"

#include <cmath>
#include <cstdint>

namespace tt::oracle {

double round_binary_float(double value, int precision, int min_exponent, double max_finite) {
  if (value == 0 || !std::isfinite(value)) return value;
  int exp = 0;
  std::frexp(value, &exp);                         // value = m * 2^exp, 0.5 <= |m| < 1
  int unbiased = std::max(exp - 1, min_exponent);  // below the normal range the spacing is fixed
  double quantum = std::ldexp(1.0, unbiased - (precision - 1));
  double rounded = std::nearbyint(value / quantum) * quantum;  // scaling by 2^n is exact; nearbyint is RNE
  if (std::fabs(rounded) > max_finite) return std::copysign(INFINITY, value);
  return rounded;
}

namespace {
template <typename Int>
double to_integer(double value) {
  if (std::isnan(value)) return 0;
  // float -> int conversion truncates, as C and TVM's Cast do; the result wraps modulo 2^bits (two's
  // complement), the behaviour of a narrowing integer conversion. Every modelled integer type has at
  // most 32 bits, and fmod by 2^32 is exact, so the wrap is computed exactly for any finite value.
  static_assert(sizeof(Int) <= 4);
  if (!std::isfinite(value)) return 0;
  const double low = std::fmod(std::trunc(value), 4294967296.0);  // |low| < 2^32
  return static_cast<double>(static_cast<Int>(static_cast<uint32_t>(static_cast<int64_t>(low))));
}
}  // namespace

bool is_modelled(DataType dtype) { return dtype != DataType::Bfp8B && dtype != DataType::Bfp4B; }

std::optional<double> to_dtype(DataType dtype, double value) {
  switch (dtype) {
    case DataType::Float32:
      return value;  // the working precision stands in for fp32 (README.md)
    case DataType::Float16:
      return round_binary_float(value, 11, -14, 65504.0);
    case DataType::BFloat16:
      return round_binary_float(value, 8, -126, 3.3895313892515355e38);
    case DataType::Int8:
      return to_integer<int8_t>(value);
    case DataType::UInt8:
      return to_integer<uint8_t>(value);
    case DataType::Int16:
      return to_integer<int16_t>(value);
    case DataType::UInt16:
      return to_integer<uint16_t>(value);
    case DataType::Int32:
      return to_integer<int32_t>(value);
    case DataType::UInt32:
      return to_integer<uint32_t>(value);
    case DataType::Bool:
      return value != 0 ? 1.0 : 0.0;
    case DataType::Bfp8B:
    case DataType::Bfp4B:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace tt::oracle
