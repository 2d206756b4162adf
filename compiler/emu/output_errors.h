// How one output of an emulated run differs from its expected values: the first mismatching
// elements in row-major order, a histogram of |got - want| by decade, and per-tile mismatch counts
// and worst errors (for the mismatch heat map). Plain data: the runner fills it, tt-inspect run and
// the app's emulation report read it. Covered by tests/emu/emu_output_errors_test.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ttemu {

struct ElementError {
  std::uint32_t row = 0, col = 0;
  double got = 0, want = 0;
};

// counts[i] holds the elements with lower_edges[i] <= |err| < lower_edges[i + 1] (the last bucket
// is open above); exact: |err| == 0; non_finite: NaN or infinite results.
struct ErrorHistogram {
  std::vector<double> lower_edges;
  std::vector<std::uint64_t> counts;
  std::uint64_t exact = 0, non_finite = 0;
};

struct OutputErrors {
  std::string name;
  std::string reference;                 // what the expected values are ("the oracle", "the reference GEMM")
  bool reference_rounds_stores = false;  // ExpectedOutputs::rounds_stores() of that reference
  std::uint32_t rows = 0, cols = 0;
  double rtol = 0, atol = 0;
  std::uint64_t checked = 0, mismatches = 0;
  double max_abs_error = 0;
  double mean_abs_want = 0;         // the output's typical magnitude, for tolerances relative to it
  std::vector<ElementError> first;  // at most kFirstMismatches, row-major order
  ErrorHistogram histogram;
  // Per tile (tile_rows x tile_cols elements), row-major over the tile grid.
  std::uint32_t tile_rows = 32, tile_cols = 32, tiles_y = 0, tiles_x = 0;
  std::vector<std::uint32_t> tile_mismatches;
  std::vector<double> tile_max_error;  // infinity where a result is not finite
};

inline constexpr std::size_t kFirstMismatches = 5;

// |got - want| <= atol + rtol * |want| decides a mismatch, as compare_dense does.
OutputErrors analyze_output(const std::string& name, const std::vector<double>& got, const std::vector<double>& want,
                            std::uint32_t rows, std::uint32_t cols, double rtol, double atol,
                            std::uint32_t tile_rows = 32, std::uint32_t tile_cols = 32);

// "|err| < 1e-06", "[1e-06, 1e-05)", ..., ">= 10": the label of histogram bucket i.
std::string bucket_label(const ErrorHistogram& h, std::size_t i);

}  // namespace ttemu
