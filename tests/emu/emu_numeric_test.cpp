// Number formats of the emulator: IEEE half and bfloat16 round-to-nearest-even, and the tile matmul.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "runtime/bcast_math.h"
#include "runtime/numeric.h"
#include "runtime/reduce_math.h"
#include "runtime/source_tile_cache.h"
#include "runtime/tile_math.h"

namespace ttemu {
namespace {

TEST(EmuNumeric, HalfRoundsToNearestEven) {
  EXPECT_EQ(float_to_half(1.0f), 0x3c00);
  EXPECT_EQ(float_to_half(-2.0f), 0xc000);
  EXPECT_EQ(float_to_half(65504.0f), 0x7bff);
  EXPECT_EQ(float_to_half(65519.0f), 0x7bff);
  EXPECT_EQ(float_to_half(65520.0f), 0x7c00);             // the tie above the largest half goes to infinity
  EXPECT_EQ(float_to_half(1.0f + 0x1p-11f), 0x3c00);      // tie -> even
  EXPECT_EQ(float_to_half(1.0f + 3 * 0x1p-11f), 0x3c02);  // tie -> even (up)
  EXPECT_EQ(float_to_half(1.0f + 0x1p-11f + 0x1p-20f), 0x3c01);
  EXPECT_EQ(float_to_half(0x1p-24f), 0x0001);  // smallest subnormal
  EXPECT_EQ(float_to_half(0x1p-25f), 0x0000);  // tie -> even (zero)
  EXPECT_EQ(float_to_half(3 * 0x1p-25f), 0x0002);
  EXPECT_EQ(float_to_half(0x1p-14f - 0x1p-25f), 0x0400);  // rounds up into the normal range
  EXPECT_EQ(float_to_half(-0.0f), 0x8000);
  EXPECT_TRUE(std::isnan(half_to_float(float_to_half(NAN))));
  EXPECT_EQ(half_to_float(0x0001), 0x1p-24f);
}

TEST(EmuNumeric, HalfRoundTripsEveryValue) {
  for (std::uint32_t h = 0; h < 65536; ++h) {
    const float f = half_to_float(static_cast<std::uint16_t>(h));
    if (std::isnan(f)) continue;
    ASSERT_EQ(float_to_half(f), h) << "half 0x" << std::hex << h;
  }
}

TEST(EmuNumeric, Bfloat16RoundsToNearestEven) {
  EXPECT_EQ(float_to_bfloat16(1.0f), 0x3f80);
  EXPECT_EQ(float_to_bfloat16(1.0f + 0x1p-8f), 0x3f80);      // tie -> even
  EXPECT_EQ(float_to_bfloat16(1.0f + 3 * 0x1p-8f), 0x3f82);  // tie -> even (up)
  EXPECT_EQ(float_to_bfloat16(1.0f + 0x1p-8f + 0x1p-20f), 0x3f81);
  EXPECT_TRUE(std::isnan(bfloat16_to_float(float_to_bfloat16(NAN))));
  EXPECT_EQ(float_to_bfloat16(INFINITY), 0x7f80);
}

TEST(EmuNumeric, TileMatmulAccumulates) {
  float a[kTileElems], b[kTileElems], c[kTileElems];
  for (std::uint32_t i = 0; i < kTileElems; ++i) {
    a[i] = static_cast<float>((i * 7) % 13) - 6.0f;
    b[i] = static_cast<float>((i * 5) % 11) - 5.0f;
    c[i] = 1.0f;
  }
  matmul_tile_accumulate(c, a, b, false);
  for (std::uint32_t i = 0; i < kTileDim; ++i)
    for (std::uint32_t j = 0; j < kTileDim; ++j) {
      double want = 1.0;
      for (std::uint32_t k = 0; k < kTileDim; ++k) want += double(a[i * kTileDim + k]) * b[k * kTileDim + j];
      ASSERT_EQ(c[i * kTileDim + j], static_cast<float>(want));  // small integers: exact
    }
  float ct[kTileElems] = {};
  matmul_tile_accumulate(ct, a, b, true);
  double want = 0;
  for (std::uint32_t k = 0; k < kTileDim; ++k) want += double(a[3 * kTileDim + k]) * b[5 * kTileDim + k];
  EXPECT_EQ(ct[3 * kTileDim + 5], static_cast<float>(want));
}

// Tiles are stored as on silicon: four 16x16 faces (0 1 / 2 3), row-major inside each face.
TEST(EmuNumeric, TilesAreStoredInFourFaces) {
  EXPECT_EQ(face_layout_index(0, 0), 0u);
  EXPECT_EQ(face_layout_index(0, 15), 15u);
  EXPECT_EQ(face_layout_index(0, 16), 256u);  // face 1 starts after all of face 0
  EXPECT_EQ(face_layout_index(1, 0), 16u);    // row 1 of face 0
  EXPECT_EQ(face_layout_index(16, 0), 512u);  // face 2
  EXPECT_EQ(face_layout_index(31, 31), 1023u);
  EXPECT_EQ(tiled_index(0, 32, 64), 1024u);  // second tile of a 2-tile-wide matrix
  float tile[kTileElems], back[kTileElems];
  for (std::uint32_t i = 0; i < kTileElems; ++i) tile[i] = static_cast<float>(i);
  std::uint8_t stored[kTileElems * 4];
  pack_tile(tile, DataFormat::Float32, stored);
  float raw[kTileElems];
  std::memcpy(raw, stored, sizeof raw);
  EXPECT_EQ(raw[256], 16.0f);  // element (0, 16) of the row-major tile
  EXPECT_EQ(raw[16], 32.0f);   // element (1, 0)
  unpack_tile(stored, DataFormat::Float32, back);
  for (std::uint32_t i = 0; i < kTileElems; ++i) ASSERT_EQ(back[i], tile[i]);
}

// The vectorised whole-tile conversions (tile_convert.cpp) give exactly the bits of the element conversions:
// every half pattern unpacked (64 tiles of 1024), and floats packed over a sweep of all exponents and the
// neighbourhoods of every rounding boundary (subnormal halves, the inf threshold, NaN payloads).
std::uint32_t stored_index(std::uint32_t i) { return face_layout_index(i / kTileDim, i % kTileDim); }

TEST(EmuNumeric, TileUnpackMatchesTheElementConversionForEveryHalf) {
  for (std::uint32_t base = 0; base < 65536; base += kTileElems) {
    std::uint16_t stored[kTileElems];
    for (std::uint32_t i = 0; i < kTileElems; ++i) stored[stored_index(i)] = static_cast<std::uint16_t>(base + i);
    float f16[kTileElems], bf16[kTileElems];
    unpack_tile(reinterpret_cast<const std::uint8_t*>(stored), DataFormat::Float16, f16);
    unpack_tile(reinterpret_cast<const std::uint8_t*>(stored), DataFormat::Float16_b, bf16);
    for (std::uint32_t i = 0; i < kTileElems; ++i) {
      const auto h = static_cast<std::uint16_t>(base + i);
      ASSERT_EQ(std::bit_cast<std::uint32_t>(f16[i]), std::bit_cast<std::uint32_t>(half_to_float(h))) << h;
      ASSERT_EQ(std::bit_cast<std::uint32_t>(bf16[i]), std::bit_cast<std::uint32_t>(bfloat16_to_float(h))) << h;
    }
  }
}

TEST(EmuNumeric, TilePackMatchesTheElementConversion) {
  std::vector<std::uint32_t> patterns;
  for (std::uint64_t x = 0; x <= 0xffffffffu; x += 65521) patterns.push_back(static_cast<std::uint32_t>(x));
  // Around each boundary: half subnormals and their ties, the normal range's start, 65504..65520, inf, NaN.
  for (std::uint32_t edge : {0x00000000u, 0x33000000u, 0x33800000u, 0x38800000u, 0x387fe000u, 0x477fe000u, 0x477ff000u,
                             0x7f800000u, 0x7f800001u, 0x7fc00000u, 0x3f801000u, 0x3f803000u}) {
    for (std::uint32_t d = 0; d < 8192; ++d) {
      patterns.push_back(edge + d);
      patterns.push_back(edge - d);
      patterns.push_back((edge + d) | 0x80000000u);
    }
  }
  while (patterns.size() % kTileElems) patterns.push_back(0);
  for (std::size_t t = 0; t < patterns.size(); t += kTileElems) {
    float tile[kTileElems];
    for (std::uint32_t i = 0; i < kTileElems; ++i) tile[i] = std::bit_cast<float>(patterns[t + i]);
    std::uint16_t f16[kTileElems], bf16[kTileElems];
    pack_tile(tile, DataFormat::Float16, reinterpret_cast<std::uint8_t*>(f16));
    pack_tile(tile, DataFormat::Float16_b, reinterpret_cast<std::uint8_t*>(bf16));
    for (std::uint32_t i = 0; i < kTileElems; ++i) {
      ASSERT_EQ(f16[stored_index(i)], float_to_half(tile[i])) << std::hex << patterns[t + i];
      ASSERT_EQ(bf16[stored_index(i)], float_to_bfloat16(tile[i])) << std::hex << patterns[t + i];
    }
  }
}

// matmul_tiles' cache of unpacked operands gives what unpacking again would: a page rewritten in place (same
// address) is unpacked anew, fp32 tiles come back TF32-truncated, and more tiles than entries evict correctly.
TEST(EmuNumeric, SourceTileCacheReturnsWhatUnpackingAgainWould) {
  SourceTileCache cache;
  std::vector<std::uint16_t> pages(12 * kTileElems);
  for (std::size_t i = 0; i < pages.size(); ++i) pages[i] = float_to_half(static_cast<float>(i % 1000) / 64.0f);
  const auto page = [&](std::size_t p) { return reinterpret_cast<const std::uint8_t*>(pages.data() + p * kTileElems); };
  for (int round = 0; round < 3; ++round) {
    for (std::size_t p = 0; p < 12; ++p) {  // 12 pages through 8 entries, three times
      float want[kTileElems];
      unpack_tile(page(p), DataFormat::Float16, want);
      ASSERT_EQ(std::memcmp(cache.source_tile(page(p), DataFormat::Float16), want, sizeof want), 0) << p;
      ASSERT_EQ(std::memcmp(cache.source_tile(page(p), DataFormat::Float16), want, sizeof want), 0) << p;  // a hit
    }
  }
  pages[5] = float_to_half(-3.0f);  // element (0, 5) of page 0, rewritten in place
  EXPECT_EQ(cache.source_tile(page(0), DataFormat::Float16)[5], -3.0f);
  float fp32[kTileElems], tile[kTileElems];
  for (std::uint32_t i = 0; i < kTileElems; ++i) fp32[i] = 1.0f + static_cast<float>(i) * 0x1p-20f;
  std::uint8_t stored[kTileElems * 4];
  pack_tile(fp32, DataFormat::Float32, stored);
  std::memcpy(tile, cache.source_tile(stored, DataFormat::Float32), sizeof tile);
  for (std::uint32_t i = 0; i < kTileElems; ++i) ASSERT_EQ(tile[i], truncate_to_tf32(fp32[i])) << i;
}

// SrcA/SrcB keep 10 mantissa bits of an fp32 value (TF32), truncating the rest.
TEST(EmuNumeric, Tf32TruncatesTheMantissa) {
  EXPECT_EQ(truncate_to_tf32(1.0f), 1.0f);
  EXPECT_EQ(truncate_to_tf32(1.0f + 0x1p-10f), 1.0f + 0x1p-10f);
  EXPECT_EQ(truncate_to_tf32(1.0f + 0x1p-11f), 1.0f);                        // below the 10th bit: gone
  EXPECT_EQ(truncate_to_tf32(1.0f + 0x1p-10f + 0x1p-11f), 1.0f + 0x1p-10f);  // truncation, not rounding
  EXPECT_EQ(truncate_to_tf32(-3.999f), -3.998046875f);  // -2 x 1.99951...: 2047/1024 of 2, towards zero
  EXPECT_TRUE(std::isinf(truncate_to_tf32(INFINITY)));
  EXPECT_TRUE(std::isnan(truncate_to_tf32(NAN)));
}

// reduce_tile's pooling (reduce_math.h) against sums and maxima written out here in double.
struct ReduceTiles {
  float a[kTileElems], b[kTileElems], scaler[kTileElems], dst[kTileElems];
  ReduceTiles() {
    for (std::uint32_t i = 0; i < kTileElems; ++i) {
      a[i] = static_cast<float>((i * 7) % 13) - 20.0f;  // all negative: a max must not stop at DST's zero
      b[i] = static_cast<float>((i * 5) % 11) - 30.0f;
      // Only row 0 of each face (tile rows 0 and 16) is a scaler; the rest must never be read.
      scaler[i] = (i / kTileDim) % 16 == 0 ? 1.0f : 7.0f;
      dst[i] = 0.0f;
    }
  }
};

TEST(EmuReduce, RowSumAccumulatesAcrossTilesIntoColumnZero) {
  ReduceTiles t;
  reduce_tile_accumulate(t.dst, true, t.a, t.scaler, ReducePoolOp::Sum, ReduceAxis::Row);
  reduce_tile_accumulate(t.dst, false, t.b, t.scaler, ReducePoolOp::Sum, ReduceAxis::Row);
  for (std::uint32_t r = 0; r < kTileDim; ++r) {
    double want = 0.0;
    for (std::uint32_t c = 0; c < kTileDim; ++c) want += double(t.a[r * kTileDim + c]) + t.b[r * kTileDim + c];
    EXPECT_EQ(t.dst[r * kTileDim], want) << "row " << r;  // small integers: exact in fp32
    for (std::uint32_t c = 1; c < 16; ++c) EXPECT_EQ(t.dst[r * kTileDim + c], 0.0f);
  }
}

TEST(EmuReduce, RowMaxOfNegativeValuesStartsFromMinusInfinityInAFreshDstTile) {
  ReduceTiles t;
  reduce_tile_accumulate(t.dst, true, t.a, t.scaler, ReducePoolOp::Max, ReduceAxis::Row);
  reduce_tile_accumulate(t.dst, false, t.b, t.scaler, ReducePoolOp::Max, ReduceAxis::Row);
  for (std::uint32_t r = 0; r < kTileDim; ++r) {
    float want = -INFINITY;
    for (std::uint32_t c = 0; c < kTileDim; ++c) want = std::max({want, t.a[r * kTileDim + c], t.b[r * kTileDim + c]});
    EXPECT_EQ(t.dst[r * kTileDim], want) << "row " << r;
    EXPECT_LT(want, 0.0f);
  }
  // Written DST (not cleared) takes part: a max with an old 0 stays 0.
  float zero[kTileElems] = {};
  reduce_tile_accumulate(zero, false, t.a, t.scaler, ReducePoolOp::Max, ReduceAxis::Row);
  EXPECT_EQ(zero[0], 0.0f);
}

TEST(EmuReduce, ColumnSumScalesByEachFacesFirstRowIntoRowZero) {
  ReduceTiles t;
  // A column reduction pairs row r of a face with scaler column (face's first column + r % 16).
  for (std::uint32_t c = 0; c < kTileDim; ++c) t.scaler[c] = 0.5f;                  // faces 0 and 1: weight 1/2
  for (std::uint32_t c = 0; c < kTileDim; ++c) t.scaler[16 * kTileDim + c] = 2.0f;  // faces 2 and 3: weight 2
  reduce_tile_accumulate(t.dst, true, t.a, t.scaler, ReducePoolOp::Sum, ReduceAxis::Col);
  for (std::uint32_t c = 0; c < kTileDim; ++c) {
    double want = 0.0;
    for (std::uint32_t r = 0; r < kTileDim; ++r) want += (r < 16 ? 0.5 : 2.0) * t.a[r * kTileDim + c];
    EXPECT_EQ(t.dst[c], want) << "column " << c;
    for (std::uint32_t r = 1; r < 16; ++r) EXPECT_EQ(t.dst[r * kTileDim + c], 0.0f);
  }
}

// The broadcast of srcB for *_tiles_bcast_* (bcast_math.h) against the element each (r, c) must read.
struct BcastTile {
  float b[kTileElems], out[kTileElems];
  BcastTile() {
    for (std::uint32_t i = 0; i < kTileElems; ++i) b[i] = static_cast<float>(i) * 0.25f - 100.0f;  // all distinct
  }
  double at(std::uint32_t r, std::uint32_t c) const { return b[r * kTileDim + c]; }
};

TEST(EmuBcast, ColsRepeatColumnZeroAcrossEveryColumn) {
  BcastTile t;
  broadcast_tile(t.b, BcastAxis::Col, 0, t.out);
  for (std::uint32_t r = 0; r < kTileDim; ++r)
    for (std::uint32_t c = 0; c < kTileDim; ++c) ASSERT_EQ(t.out[r * kTileDim + c], t.at(r, 0)) << r << "," << c;
}

TEST(EmuBcast, RowsRepeatTheChosenRowDownEveryRow) {
  BcastTile t;
  for (std::uint32_t row : {0u, 17u}) {
    broadcast_tile(t.b, BcastAxis::Row, row, t.out);
    for (std::uint32_t r = 0; r < kTileDim; ++r)
      for (std::uint32_t c = 0; c < kTileDim; ++c)
        ASSERT_EQ(t.out[r * kTileDim + c], t.at(row, c)) << "row " << row << " at " << r << "," << c;
  }
}

TEST(EmuBcast, ScalarRepeatsTheFirstElement) {
  BcastTile t;
  broadcast_tile(t.b, BcastAxis::Scalar, 0, t.out);
  for (std::uint32_t i = 0; i < kTileElems; ++i) ASSERT_EQ(t.out[i], t.at(0, 0)) << i;
}

}  // namespace
}  // namespace ttemu
