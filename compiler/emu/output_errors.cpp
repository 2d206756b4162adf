// analyze_output(): one pass over an output matrix; see output_errors.h.
#include "output_errors.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace ttemu {

namespace {

// Decades from 1e-6 to 10: below 1e-6 is noise for every dtype the emulator runs, above 10 is garbage.
ErrorHistogram decade_histogram() {
  ErrorHistogram h;
  h.lower_edges.push_back(0);
  for (int e = -6; e <= 1; ++e) h.lower_edges.push_back(std::pow(10.0, e));
  h.counts.assign(h.lower_edges.size(), 0);
  return h;
}

std::string short_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

OutputErrors analyze_output(const std::string& name, const std::vector<double>& got, const std::vector<double>& want,
                            std::uint32_t rows, std::uint32_t cols, double rtol, double atol, std::uint32_t tile_rows,
                            std::uint32_t tile_cols) {
  OutputErrors o;
  o.name = name;
  o.rows = rows;
  o.cols = cols;
  o.rtol = rtol;
  o.atol = atol;
  o.histogram = decade_histogram();
  o.tile_rows = std::max(1u, tile_rows);
  o.tile_cols = std::max(1u, tile_cols);
  o.tiles_y = (rows + o.tile_rows - 1) / o.tile_rows;
  o.tiles_x = (cols + o.tile_cols - 1) / o.tile_cols;
  o.tile_mismatches.assign(static_cast<std::size_t>(o.tiles_y) * o.tiles_x, 0);
  o.tile_max_error.assign(o.tile_mismatches.size(), 0.0);
  const std::size_t n = std::min({got.size(), want.size(), static_cast<std::size_t>(rows) * cols});
  const double inf = std::numeric_limits<double>::infinity();
  double sum_abs_want = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto r = static_cast<std::uint32_t>(i / cols), c = static_cast<std::uint32_t>(i % cols);
    const std::size_t tile = static_cast<std::size_t>(r / o.tile_rows) * o.tiles_x + c / o.tile_cols;
    const double err = std::abs(got[i] - want[i]);
    const bool finite = std::isfinite(err);
    const bool bad = !finite || err > atol + rtol * std::abs(want[i]);
    ++o.checked;
    if (std::isfinite(want[i])) sum_abs_want += std::abs(want[i]);
    o.max_abs_error = std::max(o.max_abs_error, finite ? err : inf);
    o.tile_max_error[tile] = std::max(o.tile_max_error[tile], finite ? err : inf);
    if (!finite) {
      ++o.histogram.non_finite;
    } else if (err == 0) {
      ++o.histogram.exact;
    } else {
      const auto it = std::upper_bound(o.histogram.lower_edges.begin(), o.histogram.lower_edges.end(), err);
      ++o.histogram.counts[static_cast<std::size_t>(it - o.histogram.lower_edges.begin()) - 1];
    }
    if (!bad) continue;
    ++o.mismatches;
    ++o.tile_mismatches[tile];
    if (o.first.size() < kFirstMismatches) o.first.push_back({r, c, got[i], want[i]});
  }
  o.mean_abs_want = n ? sum_abs_want / double(n) : 0;
  return o;
}

std::string bucket_label(const ErrorHistogram& h, std::size_t i) {
  if (i == 0) return "0 < |err| < " + short_number(h.lower_edges.size() > 1 ? h.lower_edges[1] : 0);
  if (i + 1 >= h.lower_edges.size()) return "|err| >= " + short_number(h.lower_edges[i]);
  return short_number(h.lower_edges[i]) + " <= |err| < " + short_number(h.lower_edges[i + 1]);
}

}  // namespace ttemu
