// Element data types of TileLang buffers, with their TileLang spelling and size.
#pragma once

#include <optional>
#include <string_view>

namespace tt {

enum class DataType { Float16, BFloat16, Float32, Int8, UInt8, Int16, UInt16, Int32, UInt32, Bool, Bfp8B, Bfp4B };

// TileLang/TVM spelling: "float16", "bfloat16", "float32", ... ("float" and "half" are aliases).
std::optional<DataType> parse_dtype(std::string_view name);
const char* dtype_name(DataType dtype);
// Bits per element for plain formats; block-float formats report their mantissa width.
int dtype_bits(DataType dtype);
bool dtype_is_float(DataType dtype);

}  // namespace tt
