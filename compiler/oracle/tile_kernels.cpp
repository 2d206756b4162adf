// The oracle's tile ops on buffer storage: T.copy (any ranks, unit dimensions added or dropped,
// masked at the edges of global buffers), T.fill, T.gemm (blocked, contiguous inner loop) and
// T.reduce_*. Every value written goes through Storage::store, which rounds to the buffer's dtype.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "compiler/oracle/machine.h"
#include "compiler/oracle/number_format.h"

namespace tt::oracle::detail {

void fail(SourceSpan span, std::string message) {
  throw OracleError{Diagnostic{Severity::Error, span, std::move(message), {}, {}}};
}

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + (shape.size() == 1 ? ",)" : ")");
}

Storage::Storage(ir::Buffer b, double initial) : buffer(std::move(b)) {
  strides.assign(buffer->shape.size(), 1);
  for (size_t d = buffer->shape.size(); d-- > 1;) strides[d - 1] = strides[d] * buffer->shape[d];
  data.assign(static_cast<size_t>(buffer->num_elements()), initial);
}

void Storage::store(int64_t offset, double value) {
  // float32 is the working precision (to_dtype is the identity): the common accumulator skips the call.
  data[static_cast<size_t>(offset)] =
      buffer->dtype == DataType::Float32 ? value : *to_dtype(buffer->dtype, value);  // dtypes checked on creation
}

namespace {

// One side of an element-wise walk over a region: the offset of the current element, moved
// incrementally as the walk advances, and whether the region lies inside its buffer.
class Cursor {
 public:
  Cursor(const RegionRef& r, const char* what, SourceSpan span) : r_(r) {
    const auto& shape = r.storage->buffer->shape;
    const auto& extents = r.region->extents;
    inside_ = true;
    for (size_t d = 0; d < shape.size(); ++d) {
      if (extents[d] != 1) dims_.push_back(d);
      offset_ += r.starts[d] * r.storage->strides[d];
      if (r.starts[d] < 0 || r.starts[d] + extents[d] > shape[d]) {
        inside_ = false;
        if (r.storage->is_global()) continue;  // copies are masked at the edges of global buffers
        fail(r.region->span.valid() ? r.region->span : span,
             std::string(what) + " region of " + r.storage->buffer->name + " is out of bounds in dimension " +
                 std::to_string(d) + ": [" + std::to_string(r.starts[d]) + ", " +
                 std::to_string(r.starts[d] + extents[d]) + ") but " + r.storage->buffer->name + " is " +
                 shape_text(shape));
      }
    }
    position_ = r.starts;
  }
  const std::vector<size_t>& dims() const { return dims_; }
  bool inside() const { return inside_; }  // the whole region lies in the buffer: no element is masked
  int64_t stride(size_t k) const { return r_.storage->strides[dims_[k]]; }  // of squeezed dimension k
  // -1 when the current element is outside the (global) buffer.
  int64_t offset() const {
    if (inside_) return offset_;
    const auto& shape = r_.storage->buffer->shape;
    for (size_t d = 0; d < shape.size(); ++d) {
      if (position_[d] < 0 || position_[d] >= shape[d]) return -1;
    }
    return offset_;
  }
  // Moves squeezed dimension k by `delta` elements.
  void move(size_t k, int64_t delta) {
    size_t d = dims_[k];
    offset_ += delta * r_.storage->strides[d];
    position_[d] += delta;
  }
  Storage& storage() const { return *r_.storage; }

 private:
  const RegionRef& r_;
  std::vector<size_t> dims_;
  std::vector<int64_t> position_;
  int64_t offset_ = 0;
  bool inside_ = true;
};

// Calls f() for every element of `counts` (row-major), advancing the cursors in step.
template <typename F>
void walk(const std::vector<int64_t>& counts, std::vector<Cursor*> cursors, F&& f) {
  std::vector<int64_t> idx(counts.size(), 0);
  for (;;) {
    f();
    size_t k = counts.size();
    while (k-- > 0) {
      if (++idx[k] < counts[k]) {
        for (Cursor* c : cursors) c->move(k, 1);
        break;
      }
      for (Cursor* c : cursors) c->move(k, -(counts[k] - 1));
      idx[k] = 0;
    }
    if (k == static_cast<size_t>(-1)) return;
  }
}

std::vector<int64_t> counts_of(const Cursor& c, const ir::Region& r) {
  std::vector<int64_t> counts;
  for (size_t d : c.dims()) counts.push_back(r.extents[d]);
  return counts;
}

// A 2-D matrix view of a gemm operand region: its last two dimensions (leading ones are unit).
struct Matrix {
  const Storage* storage;
  int64_t base = 0, rows = 0, cols = 0, row_stride = 0, col_stride = 0;
  double at(int64_t i, int64_t j) const {
    return storage->data[static_cast<size_t>(base + i * row_stride + j * col_stride)];
  }
};

Matrix matrix_of(const RegionRef& r, const char* operand, SourceSpan span) {
  Cursor bounds_check(r, operand, span);  // gemm operands are on chip: out of bounds is an error
  const auto& ext = r.region->extents;
  const auto& strides = r.storage->strides;
  size_t rank = ext.size();
  if (rank < 2) fail(span, std::string("T.gemm ") + operand + " " + r.storage->buffer->name + " is not 2-D");
  Matrix m{r.storage};
  for (size_t d = 0; d < rank; ++d) m.base += r.starts[d] * strides[d];
  m.rows = ext[rank - 2];
  m.cols = ext[rank - 1];
  m.row_stride = strides[rank - 2];
  m.col_stride = strides[rank - 1];
  return m;
}

using F64x8 = double __attribute__((vector_size(64)));
constexpr int64_t kRowsInRegisters = 4, kColsInRegisters = 16;

// acc[R rows x 16 columns] += a[R rows x k] * b[k x 16 columns] (leading dimensions k and n), the block held in
// registers as two 8-lane GCC vectors a row across the whole k loop: eight independent add chains, each B row loaded
// once for R rows.
[[gnu::always_inline]] inline void register_block(double* __restrict acc, const double* __restrict a,
                                                  const double* __restrict b, int64_t k, int64_t n) {
  constexpr int64_t R = kRowsInRegisters;
  F64x8 c[R][2];
  for (int64_t r = 0; r < R; ++r) std::memcpy(c[r], acc + r * n, sizeof c[r]);
  for (int64_t p = 0; p < k; ++p) {
    F64x8 brow[2];
    std::memcpy(brow, b + p * n, sizeof brow);
    for (int64_t r = 0; r < R; ++r) {
      const double x = a[r * k + p];
      c[r][0] += x * brow[0];
      c[r][1] += x * brow[1];
    }
  }
  for (int64_t r = 0; r < R; ++r) std::memcpy(acc + r * n, c[r], sizeof c[r]);
}

}  // namespace

// acc[m x n] += a[m x k] * b[k x n], all contiguous: blocks of 4 x 16 in registers, the edges element by
// element. The clones differ only in vector width and every path gives each element the same sequence of
// double multiplies and adds in k order (contraction is off, see CMakeLists.txt): the blocking changes only
// the speed (2-3x the row-at-a-time loop, which reloaded and stored the accumulator row for every k).
__attribute__((target_clones("avx512f", "avx2", "default"))) void multiply_accumulate(double* __restrict acc,
                                                                                      const double* __restrict a,
                                                                                      const double* __restrict b,
                                                                                      int64_t m, int64_t k, int64_t n) {
  const int64_t m_blocked = m - m % kRowsInRegisters, n_blocked = n - n % kColsInRegisters;
  const auto elementwise = [&](int64_t i, int64_t j0, int64_t j1) {
    for (int64_t j = j0; j < j1; ++j) {
      double sum = acc[i * n + j];
      for (int64_t p = 0; p < k; ++p) sum += a[i * k + p] * b[p * n + j];
      acc[i * n + j] = sum;
    }
  };
  for (int64_t i = 0; i < m_blocked; i += kRowsInRegisters) {
    for (int64_t j = 0; j < n_blocked; j += kColsInRegisters) register_block(acc + i * n + j, a + i * k, b + j, k, n);
    for (int64_t r = 0; r < kRowsInRegisters; ++r) elementwise(i + r, n_blocked, n);
  }
  for (int64_t i = m_blocked; i < m; ++i) elementwise(i, 0, n);
}

void run_copy(const RegionRef& src, const RegionRef& dst, SourceSpan span) {
  Cursor s(src, "T.copy source", span), d(dst, "T.copy destination", span);
  std::vector<int64_t> counts = counts_of(s, *src.region);
  if (counts != counts_of(d, *dst.region)) {
    fail(span, "T.copy shapes differ: " + shape_text(src.region->extents) + " and " + shape_text(dst.region->extents));
  }
  Storage& out = d.storage();
  const std::vector<double>& in = s.storage().data;
  // Values of the source's dtype need no rounding into a buffer of the same dtype (most copies).
  const bool same_dtype = s.storage().buffer->dtype == out.buffer->dtype;
  if (same_dtype && s.inside() && d.inside() && !counts.empty()) {
    // Nothing masked, nothing rounded: whole rows along the innermost dimension (the per-element walk took
    // most of the oracle's time for the K-loop copies of a large GEMM).
    const size_t inner = counts.size() - 1;
    const int64_t n = counts[inner], from_stride = s.stride(inner), to_stride = d.stride(inner);
    const auto row = [&] {
      const double* from = in.data() + s.offset();
      double* to = out.data.data() + d.offset();
      if (from_stride == 1 && to_stride == 1) {
        std::copy(from, from + n, to);
        return;
      }
      for (int64_t i = 0; i < n; ++i) to[i * to_stride] = from[i * from_stride];
    };
    if (inner == 0) {
      row();
    } else {
      walk(std::vector<int64_t>(counts.begin(), counts.begin() + static_cast<long>(inner)), {&s, &d}, row);
    }
    return;
  }
  walk(counts, {&s, &d}, [&] {
    int64_t to = d.offset();
    if (to < 0) return;  // a write past the edge of a global buffer is dropped
    int64_t from = s.offset();
    double value = from < 0 ? 0.0 : in[static_cast<size_t>(from)];  // a read past the edge gives 0
    if (same_dtype) {
      out.data[static_cast<size_t>(to)] = value;
    } else {
      out.store(to, value);
    }
  });
}

void run_fill(const RegionRef& dst, double value, SourceSpan span) {
  Cursor d(dst, "T.fill", span);
  walk(counts_of(d, *dst.region), {&d}, [&] {
    if (int64_t to = d.offset(); to >= 0) d.storage().store(to, value);
  });
}

void run_gemm(const ir::GemmNode& op, const RegionRef& a, const RegionRef& b, const RegionRef& c) {
  Matrix ma = matrix_of(a, "operand A", op.span), mb = matrix_of(b, "operand B", op.span);
  Matrix mc = matrix_of(c, "accumulator C", op.span);
  const int64_t m = op.transpose_a ? ma.cols : ma.rows, k = op.transpose_a ? ma.rows : ma.cols;
  const int64_t n = op.transpose_b ? mb.rows : mb.cols;
  if ((op.transpose_b ? mb.cols : mb.rows) != k || mc.rows != m || mc.cols != n) {
    fail(op.span, "T.gemm shapes do not agree: " + std::to_string(m) + "x" + std::to_string(k) + " @ " +
                      std::to_string(op.transpose_b ? mb.cols : mb.rows) + "x" + std::to_string(n) + " into " +
                      std::to_string(mc.rows) + "x" + std::to_string(mc.cols));
  }
  // op(A) as m x k and op(B) as k x n, contiguous, so the inner loop runs over contiguous memory: the storage
  // itself when the region already is (an untransposed operand spanning whole rows), else a packed copy.
  const auto contiguous = [](const Matrix& x, int64_t cols) { return x.col_stride == 1 && x.row_stride == cols; };
  const auto operand = [&](const Matrix& x, bool transposed, int64_t rows, int64_t cols, std::vector<double>& packed) {
    if (!transposed && contiguous(x, cols)) return x.storage->data.data() + x.base;
    packed.resize(static_cast<size_t>(rows * cols));
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < cols; ++j)
        packed[static_cast<size_t>(i * cols + j)] = transposed ? x.at(j, i) : x.at(i, j);
    return static_cast<const double*>(packed.data());
  };
  std::vector<double> packed_a, packed_b;
  const double* pa = operand(ma, op.transpose_a, m, k, packed_a);
  const double* pb = operand(mb, op.transpose_b, k, n, packed_b);
  Storage& out = *c.storage;
  // A float32 accumulator stores values unrounded (Storage::store): accumulate in place when its region is
  // contiguous and it is neither operand's buffer.
  if (out.buffer->dtype == DataType::Float32 && contiguous(mc, n) && c.storage != a.storage && c.storage != b.storage) {
    double* acc = out.data.data() + mc.base;
    if (op.clear_accum) std::fill(acc, acc + m * n, 0.0);
    multiply_accumulate(acc, pa, pb, m, k, n);
    return;
  }
  std::vector<double> acc(static_cast<size_t>(m * n), 0.0);
  if (!op.clear_accum) {
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) acc[static_cast<size_t>(i * n + j)] = mc.at(i, j);
  }
  multiply_accumulate(acc.data(), pa, pb, m, k, n);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j)
      out.store(mc.base + i * mc.row_stride + j * mc.col_stride, acc[static_cast<size_t>(i * n + j)]);
}

void run_reduce(const ir::ReduceNode& op, const RegionRef& src, const RegionRef& dst) {
  const auto& shape = src.storage->buffer->shape;
  const size_t dim = static_cast<size_t>(op.dim);
  int64_t outer = 1, inner = 1;
  for (size_t d = 0; d < dim; ++d) outer *= shape[d];
  for (size_t d = dim + 1; d < shape.size(); ++d) inner *= shape[d];
  const int64_t len = shape[dim];
  if (dst.storage->buffer->num_elements() != outer * inner) {
    fail(op.span, "T.reduce_" + std::string(ir::reduce_kind_name(op.reduce_kind)) + " output " +
                      dst.storage->buffer->name + " has " + std::to_string(dst.storage->buffer->num_elements()) +
                      " elements, expected " + std::to_string(outer * inner));
  }
  const double inf = std::numeric_limits<double>::infinity();
  double identity = 0;
  if (op.reduce_kind == ir::ReduceKind::Max) identity = -inf;
  if (op.reduce_kind == ir::ReduceKind::Min) identity = inf;
  const std::vector<double>& in = src.storage->data;
  Storage& out = *dst.storage;
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      const int64_t to = o * inner + i;  // dst is src's shape without `dim` (or with it as 1): same order
      double acc = op.clear ? identity : out.data[static_cast<size_t>(to)];
      for (int64_t r = 0; r < len; ++r) {
        const double x = in[static_cast<size_t>((o * len + r) * inner + i)];
        switch (op.reduce_kind) {
          case ir::ReduceKind::Sum:
            acc += x;
            break;
          case ir::ReduceKind::AbsSum:
            acc += std::fabs(x);
            break;
          case ir::ReduceKind::Max:
            acc = std::max(acc, x);
            break;
          case ir::ReduceKind::Min:
            acc = std::min(acc, x);
            break;
          case ir::ReduceKind::AbsMax:
            acc = std::max(acc, std::fabs(x));
            break;
        }
      }
      out.store(to, acc);
    }
  }
}

}  // namespace tt::oracle::detail
