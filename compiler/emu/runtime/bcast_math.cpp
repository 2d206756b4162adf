// The broadcast of srcB for *_tiles_bcast_* (see bcast_math.h).
#include "bcast_math.h"

#include "numeric.h"

namespace ttemu {

void broadcast_tile(const float* b, BcastAxis axis, std::uint32_t row_index, float* out) {
  for (std::uint32_t r = 0; r < kTileDim; ++r)
    for (std::uint32_t c = 0; c < kTileDim; ++c) {
      const std::uint32_t from = axis == BcastAxis::Row   ? row_index * kTileDim + c
                                 : axis == BcastAxis::Col ? r * kTileDim
                                                          : 0;
      out[r * kTileDim + c] = b[from];
    }
}

}  // namespace ttemu
