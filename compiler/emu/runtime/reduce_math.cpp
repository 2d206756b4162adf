// reduce_tile's pooling on row-major tiles (see reduce_math.h).
#include "reduce_math.h"

#include <algorithm>
#include <limits>

#include "numeric.h"

namespace ttemu {

namespace {

constexpr unsigned kFace = kTileDim / 2;

// The scaler weight of element (r, c): row 0 of its face; GAPOOL/GMPOOL pair srcA's reduced index with srcB's
// row-0 entries (for a row reduction srcA is transposed by the unpacker, so the reduced index is c % 16).
float weight(const float* scaler, unsigned r, unsigned c, ReduceAxis axis) {
  const unsigned top = r < kFace ? 0 : kFace, left = c < kFace ? 0 : kFace;
  const unsigned index = axis == ReduceAxis::Row ? c % kFace : r % kFace;
  return scaler[top * kTileDim + left + index];
}

float combine(ReducePoolOp op, float acc, float x) { return op == ReducePoolOp::Max ? std::max(acc, x) : acc + x; }

}  // namespace

void reduce_tile_accumulate(float* dst, bool dst_cleared, const float* a, const float* scaler, ReducePoolOp op,
                            ReduceAxis axis) {
  const float identity = op == ReducePoolOp::Max ? -std::numeric_limits<float>::infinity() : 0.0f;
  auto start = [&](float old) { return dst_cleared ? identity : old; };
  if (axis == ReduceAxis::Scalar) {
    float acc = start(dst[0]);
    for (unsigned r = 0; r < kTileDim; ++r)
      for (unsigned c = 0; c < kTileDim; ++c) acc = combine(op, acc, a[r * kTileDim + c] * weight(scaler, r, c, axis));
    std::fill(dst, dst + kTileDim, 0.0f);
    dst[0] = acc;
    return;
  }
  for (unsigned i = 0; i < kTileDim; ++i) {
    float& out = axis == ReduceAxis::Row ? dst[i * kTileDim] : dst[i];
    float acc = start(out);
    for (unsigned k = 0; k < kTileDim; ++k) {
      const unsigned r = axis == ReduceAxis::Row ? i : k, c = axis == ReduceAxis::Row ? k : i;
      acc = combine(op, acc, a[r * kTileDim + c] * weight(scaler, r, c, axis));
    }
    out = acc;
    for (unsigned k = 1; k < kFace; ++k)
      (axis == ReduceAxis::Row ? dst[i * kTileDim + k] : dst[k * kTileDim + i]) = 0.0f;
  }
}

}  // namespace ttemu
