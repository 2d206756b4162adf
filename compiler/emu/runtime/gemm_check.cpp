// Input generation and the reference GEMM check; see gemm_check.h.
#include "gemm_check.h"

#include <algorithm>
#include <cmath>
#include <thread>
#include <vector>

#include "numeric.h"

namespace ttemu {

namespace {

// splitmix64: a tiny, well-mixed, platform-independent generator.
std::uint64_t next(std::uint64_t& s) {
  std::uint64_t z = (s += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// Offset of element (r, c) of a tiled buffer.
std::uint64_t element_index(const BufferSpec& b, std::uint32_t r, std::uint32_t c) { return tiled_index(r, c, b.cols); }

// op(X) as a dense row-major matrix of doubles, rows x cols after the optional transpose.
std::vector<double> dense(DramBuffer& buf, bool transpose) {
  const BufferSpec& s = buf.spec;
  std::vector<double> out(static_cast<std::size_t>(s.rows) * s.cols);
  for (std::uint32_t r = 0; r < s.rows; ++r)
    for (std::uint32_t c = 0; c < s.cols; ++c) {
      const std::uint64_t e = element_index(s, r, c);
      const double v = tile_element(buf.data.data() + (e / kTileElems) * s.page_size, s.format,
                                    static_cast<std::uint32_t>(e % kTileElems));
      if (transpose)
        out[static_cast<std::size_t>(c) * s.rows + r] = v;
      else
        out[static_cast<std::size_t>(r) * s.cols + c] = v;
    }
  return out;
}

}  // namespace

void fill_buffers(Dram& dram, std::uint64_t seed) {
  std::uint64_t state = seed * 0x2545f4914f6cdd1dull + 1;
  for (DramBuffer& b : dram.buffers()) {
    const std::uint64_t elems = static_cast<std::uint64_t>(b.spec.num_pages) * kTileElems;
    if (b.spec.is_output) {
      fill_nan(b.data.data(), b.spec.format, static_cast<std::uint32_t>(elems));
      continue;
    }
    std::vector<float> tile(kTileElems);
    for (std::uint32_t p = 0; p < b.spec.num_pages; ++p) {
      for (auto& v : tile) v = static_cast<float>(static_cast<double>(next(state) >> 11) * 0x1.0p-52 - 1.0);
      pack_tile(tile.data(), b.spec.format, b.page(p));  // pack rounds to the dtype (RNE)
    }
  }
}

std::vector<double> reference_gemm(const std::vector<double>& A, const std::vector<double>& Bt, std::uint32_t M,
                                   std::uint32_t N, std::uint32_t K) {
  std::vector<double> want(static_cast<std::size_t>(M) * N);
  // Four rows of A against one row of B^T at a time: each B^T row is reused from cache four times.
  auto rows = [&](std::uint32_t r0, std::uint32_t r1) {
    std::uint32_t i = r0;
    for (; i + 4 <= r1; i += 4) {
      const double* x0 = &A[static_cast<std::size_t>(i) * K];
      const double *x1 = x0 + K, *x2 = x1 + K, *x3 = x2 + K;
      for (std::uint32_t j = 0; j < N; ++j) {
        const double* y = &Bt[static_cast<std::size_t>(j) * K];
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (std::uint32_t k = 0; k < K; ++k) {
          s0 += x0[k] * y[k];
          s1 += x1[k] * y[k];
          s2 += x2[k] * y[k];
          s3 += x3[k] * y[k];
        }
        want[static_cast<std::size_t>(i) * N + j] = s0;
        want[static_cast<std::size_t>(i + 1) * N + j] = s1;
        want[static_cast<std::size_t>(i + 2) * N + j] = s2;
        want[static_cast<std::size_t>(i + 3) * N + j] = s3;
      }
    }
    for (; i < r1; ++i)
      for (std::uint32_t j = 0; j < N; ++j) {
        double acc = 0;
        for (std::uint32_t k = 0; k < K; ++k)
          acc += A[static_cast<std::size_t>(i) * K + k] * Bt[static_cast<std::size_t>(j) * K + k];
        want[static_cast<std::size_t>(i) * N + j] = acc;
      }
  };
  const std::uint32_t workers = std::clamp<std::uint32_t>(std::thread::hardware_concurrency(), 1, 8);
  std::vector<std::thread> pool;
  for (std::uint32_t w = 0; w < workers; ++w) pool.emplace_back(rows, M * w / workers, M * (w + 1) / workers);
  for (auto& t : pool) t.join();
  return want;
}

Comparison compare_dense(const std::vector<double>& got, const std::vector<double>& want, std::uint32_t cols,
                         double rtol, double atol) {
  Comparison r;
  for (std::size_t e = 0; e < want.size(); ++e) {
    const double g = got[e], w = want[e];
    const double err = std::fabs(g - w);
    ++r.checked;
    const bool ok = err <= atol + rtol * std::fabs(w);  // false for NaN
    if (!std::isnan(err)) {
      r.max_abs_error = std::max(r.max_abs_error, err);
      r.max_rel_error = std::max(r.max_rel_error, err / std::max(std::fabs(w), atol));
    } else {
      r.max_abs_error = r.max_rel_error = INFINITY;
    }
    if (!ok) {
      if (!r.has_first) {
        r.has_first = true;
        r.first_row = static_cast<std::uint32_t>(e / cols);
        r.first_col = static_cast<std::uint32_t>(e % cols);
        r.first_got = g;
        r.first_want = w;
      }
      ++r.mismatches;
    }
  }
  r.passed = r.mismatches == 0;
  return r;
}

Comparison check_gemm(Dram& dram, const GemmSpec& gemm, double rtol, double atol) {
  DramBuffer& a = dram.by_name(gemm.a);
  DramBuffer& b = dram.by_name(gemm.b);
  DramBuffer& c = dram.by_name(gemm.c);
  const std::vector<double> A = dense(a, gemm.transpose_a);    // M x K
  const std::vector<double> Bt = dense(b, !gemm.transpose_b);  // N x K (transposed for contiguous dots)
  const std::uint32_t M = c.spec.rows, N = c.spec.cols;
  const std::uint32_t K = static_cast<std::uint32_t>(A.size() / M);
  return compare_dense(dense(c, false), reference_gemm(A, Bt, M, N, K), N, rtol, atol);
}

}  // namespace ttemu
