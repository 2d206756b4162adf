// Host side of the GEMM check: seeded random inputs (rounded to their dtype) written as tiles, and the
// comparison of C with a double-precision reference computed from exactly those inputs.
#pragma once

#include <cstdint>
#include <string>

#include "dram.h"
#include "plan.h"

namespace ttemu {

struct GemmCheck {
  bool passed = false;
  double max_abs_error = 0, max_rel_error = 0;  // rel: |got-want| / max(|want|, atol)
  std::uint64_t checked = 0, mismatches = 0;
  bool has_first = false;
  std::uint32_t first_row = 0, first_col = 0;
  double first_got = 0, first_want = 0;
};

// Fills every input buffer with values uniform in [-1, 1] (deterministic in `seed`), rounded to its dtype,
// and poisons the output buffer with NaN so that tiles nobody wrote show up as mismatches.
void fill_buffers(Dram& dram, std::uint64_t seed);

// Compares C = op(A) x op(B) within |got - want| <= atol + rtol * |want|.
GemmCheck check_gemm(Dram& dram, const GemmSpec& gemm, double rtol, double atol);

}  // namespace ttemu
