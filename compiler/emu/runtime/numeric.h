// Number formats of the emulator: IEEE half and bfloat16 conversions with round-to-nearest-even, tile sizes,
// and whole-tile unpack (format -> float) / pack (float -> format). A tile in L1 or DRAM is stored as on
// silicon: four 16x16 faces (face order 0 1 / 2 3), row-major inside a face; unpacked, it is 32x32 row-major.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ttemu/data_format.h"
#include "ttemu/tile_layout.h"

namespace ttemu {

// What SrcA/SrcB hold of an fp32 value: TF32 (sign, 8-bit exponent, 10-bit mantissa), truncated as the
// unpacker does; the matrix engine's best precision.
float truncate_to_tf32(float v);
// An unpacked tile as srcA/srcB hold it: an fp32 tile loses everything below TF32, 16-bit ones are exact.
void through_src_register(float* tile, DataFormat f);

float half_to_float(std::uint16_t h);
std::uint16_t float_to_half(float f);  // round to nearest even; overflow -> inf; subnormals kept
float bfloat16_to_float(std::uint16_t b);
std::uint16_t float_to_bfloat16(float f);  // round to nearest even; NaN stays NaN

// Tile bytes of a format (32x32 tile); 0 for formats the emulator cannot unpack/pack.
std::uint32_t tile_bytes(DataFormat f);
const char* format_name(DataFormat f);
// tt.plan.json dtype string ("float16", "bfloat16", "float32", "bfp8_b") or DataFormat name ("Float16_b")
// -> DataFormat.
std::optional<DataFormat> parse_dtype(std::string_view s);
// Only float16, bfloat16 and float32 tiles can be converted by the emulator.
bool is_emulated_format(DataFormat f);
bool is_16bit_format(DataFormat f);

// Round a value to what the format can hold (float16 / bfloat16 RNE, float32 unchanged).
float round_to_format(float v, DataFormat f);
// Whole tiles between the stored 4-face layout and a row-major 32x32 float tile.
// (tile_convert.cpp: vectorised, bit for bit the element conversions above.)
void unpack_tile(const std::uint8_t* src, DataFormat f, float* dst);
void pack_tile(const float* src, DataFormat f, std::uint8_t* dst);
// Element `i` of a tile in storage order (see face_layout_index) as a double, for host-side checking.
double tile_element(const std::uint8_t* tile, DataFormat f, std::uint32_t i);
// A NaN pattern in format `f`, used to poison output buffers so that unwritten tiles are visible.
void fill_nan(std::uint8_t* dst, DataFormat f, std::uint32_t elems);

}  // namespace ttemu
