// The oracle (compiler/oracle) on TileLang kernels written in the classic syntax: every result is
// compared with a reference computed here, independently, from the same inputs (naive float64
// GEMM, direct loops for element-wise maps, reductions and softmax rows; _Float16 for fp16 rounding).
#include "compiler/oracle/oracle.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <limits>

#include "compiler/oracle/machine.h"
#include "compiler/oracle/number_format.h"
#include "tests/unit/oracle_fixture.h"

namespace tt::test {
namespace {

using oracle::HostTensor;
using oracle::run_oracle;

const double kInf = std::numeric_limits<double>::infinity();

// TileLang's example_gemm with transpose flags and a float32 output; partial edge blocks are allowed.
const char* kGemm = R"(import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def matmul(M=128, N=96, K=64, block_M=32, block_N=32, block_K=32, trans_A=False, trans_B=False,
           dtype="float16", relu=False):
    A_shape = (K, M) if trans_A else (M, K)
    B_shape = (N, K) if trans_B else (K, N)
    A_shared_shape = (block_K, block_M) if trans_A else (block_M, block_K)
    B_shared_shape = (block_N, block_K) if trans_B else (block_K, block_N)

    @T.prim_func
    def gemm(A: T.Tensor(A_shape, dtype), B: T.Tensor(B_shape, dtype), bias: T.Tensor((N,), "float32"),
             C: T.Tensor((M, N), "float32")):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
            A_shared = T.alloc_shared(A_shared_shape, dtype)
            B_shared = T.alloc_shared(B_shared_shape, dtype)
            C_local = T.alloc_fragment((block_M, block_N), "float")
            T.clear(C_local)
            for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=2):
                if trans_A:
                    T.copy(A[k * block_K, by * block_M], A_shared)
                else:
                    T.copy(A[by * block_M, k * block_K], A_shared)
                if trans_B:
                    T.copy(B[bx * block_N, k * block_K], B_shared)
                else:
                    T.copy(B[k * block_K, bx * block_N], B_shared)
                T.gemm(A_shared, B_shared, C_local, transpose_A=trans_A, transpose_B=trans_B)
            if relu:
                for i, j in T.Parallel(block_M, block_N):
                    C_local[i, j] = T.max(C_local[i, j] + bias[bx * block_N + j], 0)
            T.copy(C_local, C[by * block_M, bx * block_N])

    return gemm
)";

struct GemmCase {
  const char* name;
  int64_t m, n, k, block;
  bool ta, tb, relu;
};

// C[i, j] = sum_p op(A)[i, p] * op(B)[p, j], the textbook triple loop.
std::vector<double> naive_gemm(const std::vector<double>& a, const std::vector<double>& b, const GemmCase& c) {
  std::vector<double> out(static_cast<size_t>(c.m * c.n), 0.0);
  for (int64_t i = 0; i < c.m; ++i) {
    for (int64_t j = 0; j < c.n; ++j) {
      double sum = 0;
      for (int64_t p = 0; p < c.k; ++p) {
        double x = c.ta ? a[static_cast<size_t>(p * c.m + i)] : a[static_cast<size_t>(i * c.k + p)];
        double y = c.tb ? b[static_cast<size_t>(j * c.k + p)] : b[static_cast<size_t>(p * c.n + j)];
        sum += x * y;
      }
      out[static_cast<size_t>(i * c.n + j)] = sum;
    }
  }
  return out;
}

class OracleGemm : public testing::TestWithParam<GemmCase> {};

TEST_P(OracleGemm, EqualsNaiveFloat64Gemm) {
  const GemmCase& c = GetParam();
  auto flag = [](bool b) { return std::string(b ? "True" : "False"); };
  LoweredKernel k = lower_kernel(kGemm, {{"M", std::to_string(c.m)},
                                         {"N", std::to_string(c.n)},
                                         {"K", std::to_string(c.k)},
                                         {"block_M", std::to_string(c.block)},
                                         {"block_N", std::to_string(c.block)},
                                         {"block_K", std::to_string(c.block)},
                                         {"trans_A", flag(c.ta)},
                                         {"trans_B", flag(c.tb)},
                                         {"relu", flag(c.relu)}});
  ASSERT_FALSE(k.diags.has_errors()) << k.headline();
  std::vector<double> a = exact_values(static_cast<size_t>(c.m * c.k), 1);
  std::vector<double> b = exact_values(static_cast<size_t>(c.k * c.n), 2);
  std::vector<double> bias = exact_values(static_cast<size_t>(c.n), 3);
  std::vector<int64_t> a_shape = c.ta ? std::vector<int64_t>{c.k, c.m} : std::vector<int64_t>{c.m, c.k};
  std::vector<int64_t> b_shape = c.tb ? std::vector<int64_t>{c.n, c.k} : std::vector<int64_t>{c.k, c.n};
  oracle::OracleResult r =
      run_oracle(k.func(), {{"A", tensor(a_shape, a)}, {"B", tensor(b_shape, b)}, {"bias", tensor({c.n}, bias)}});
  ASSERT_TRUE(r.ok()) << r.diagnostics.items()[0].message;
  ASSERT_EQ(r.outputs.size(), 1u);
  const HostTensor& out = r.outputs.at("C");
  EXPECT_EQ(out.shape, (std::vector<int64_t>{c.m, c.n}));
  std::vector<double> want = naive_gemm(a, b, c);
  if (c.relu) {
    for (int64_t i = 0; i < c.m; ++i)
      for (int64_t j = 0; j < c.n; ++j) {
        double& w = want[static_cast<size_t>(i * c.n + j)];
        w = std::max(w + bias[static_cast<size_t>(j)], 0.0);
      }
  }
  // Inputs are multiples of 1/32 below 2 in magnitude: every product and partial sum is exact in double.
  EXPECT_EQ(max_abs_diff(out.data, want), 0.0);
}

// The register-blocked GEMM kernel gives each element exactly the naive loop's sequence of roundings (products
// added one by one in ascending k), on inexact values and on shapes with edges outside the 4 x 16 blocks.
TEST(OracleGemmKernel, BlockedSumsInTheNaiveOrderBitForBit) {
  for (const auto& [m, k, n] :
       std::vector<std::array<int64_t, 3>>{{7, 37, 45}, {32, 32, 32}, {128, 33, 130}, {1, 5, 3}}) {
    std::vector<double> a(static_cast<size_t>(m * k)), b(static_cast<size_t>(k * n)), acc(static_cast<size_t>(m * n));
    uint64_t state = 12345;
    auto next = [&] {  // splitmix64 -> (-1, 1) with all 53 bits: no product or sum is exact
      uint64_t z = (state += 0x9e3779b97f4a7c15ull);
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
      return static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1p-52 - 1.0;
    };
    for (double& x : a) x = next();
    for (double& x : b) x = next();
    for (double& x : acc) x = next();
    std::vector<double> want = acc;
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j)
        for (int64_t p = 0; p < k; ++p)
          want[static_cast<size_t>(i * n + j)] += a[static_cast<size_t>(i * k + p)] * b[static_cast<size_t>(p * n + j)];
    oracle::detail::multiply_accumulate(acc.data(), a.data(), b.data(), m, k, n);
    for (size_t e = 0; e < acc.size(); ++e) ASSERT_EQ(acc[e], want[e]) << m << "x" << k << "x" << n << " element " << e;
  }
}

INSTANTIATE_TEST_SUITE_P(Shapes, OracleGemm,
                         testing::Values(GemmCase{"plain", 128, 96, 64, 32, false, false, false},
                                         GemmCase{"transpose_A", 96, 64, 128, 32, true, false, false},
                                         GemmCase{"transpose_B", 64, 128, 96, 32, false, true, false},
                                         GemmCase{"both_transposed", 64, 32, 96, 32, true, true, false},
                                         // 16 x 16 = 256 blocks: more blocks than the 64 cores of a Wormhole
                                         GemmCase{"more_blocks_than_cores", 512, 512, 64, 32, false, false, false},
                                         // partial edge blocks: copies are masked at the global edges
                                         GemmCase{"ragged_edges", 80, 72, 48, 32, false, false, false},
                                         GemmCase{"bias_relu_epilogue", 64, 96, 64, 32, false, false, true}),
                         [](const testing::TestParamInfo<GemmCase>& p) { return std::string(p.param.name); });

TEST(Oracle, RandomInputsAndCompare) {
  LoweredKernel k = lower_kernel(kGemm);
  ASSERT_FALSE(k.diags.has_errors()) << k.headline();
  std::vector<std::string> outputs;
  for (const ir::Buffer& b : oracle::output_buffers(k.func())) outputs.push_back(b->name);
  EXPECT_EQ(outputs, std::vector<std::string>{"C"});

  std::map<std::string, HostTensor> inputs = oracle::random_inputs(k.func(), 7);
  ASSERT_EQ(inputs.size(), 3u);  // A, B, bias: every parameter but the output
  const HostTensor& a = inputs.at("A");
  EXPECT_EQ(a.shape, (std::vector<int64_t>{128, 64}));
  double lo = 1, hi = -1;
  for (double v : a.data) {
    EXPECT_EQ(static_cast<double>(static_cast<_Float16>(v)), v);  // A is float16
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  EXPECT_LT(lo, -0.9);
  EXPECT_GT(hi, 0.9);
  EXPECT_LE(hi, 1.0);
  EXPECT_EQ(oracle::random_inputs(k.func(), 7).at("B").data, inputs.at("B").data);
  EXPECT_NE(oracle::random_inputs(k.func(), 8).at("B").data, inputs.at("B").data);

  oracle::OracleResult r = run_oracle(k.func(), inputs);
  ASSERT_TRUE(r.ok());
  HostTensor want{{128, 96},
                  naive_gemm(a.data, inputs.at("B").data, GemmCase{"", 128, 96, 64, 32, false, false, false})};
  oracle::Comparison same = oracle::compare(r.outputs.at("C"), want, 0, 1e-12);
  EXPECT_TRUE(same.passed());
  EXPECT_EQ(same.checked, 128u * 96u);
  EXPECT_LT(same.max_abs_error, 1e-12);

  HostTensor off = want;
  off.data[2 * 96 + 5] += 0.5;
  off.data[7 * 96 + 1] = std::numeric_limits<double>::quiet_NaN();
  oracle::Comparison bad = oracle::compare(off, want, 1e-3, 1e-3);
  EXPECT_FALSE(bad.passed());
  EXPECT_EQ(bad.mismatches, 2u);
  EXPECT_EQ(bad.first_index, (std::vector<int64_t>{2, 5}));
  EXPECT_EQ(bad.first_got - bad.first_want, 0.5);
  EXPECT_EQ(bad.max_abs_error, kInf);

  EXPECT_TRUE(oracle::compare(tensor({2}, {kInf, -kInf}), tensor({2}, {kInf, -kInf}), 0, 0).passed());
  EXPECT_FALSE(
      oracle::compare(tensor({2, 3}, std::vector<double>(6)), tensor({3, 2}, std::vector<double>(6)), 0, 0).passed());
}

TEST(Oracle, GemmClearAccumNeedsNoClear) {
  // One K block; without honouring clear_accum the accumulator's uninitialised (NaN) contents would
  // reach C.
  const char* text = R"(import tilelang
import tilelang.language as T


@tilelang.jit
def mm(M=64, N=64, K=32):
    @T.prim_func
    def main(A: T.Tensor((M, K), "float32"), B: T.Tensor((K, N), "float32"), C: T.Tensor((M, N), "float32")):
        with T.Kernel(1, threads=128) as bx:
            A_s = T.alloc_shared((M, K), "float32")
            B_s = T.alloc_shared((K, N), "float32")
            C_l = T.alloc_fragment((M, N), "float32")
            T.copy(A, A_s)
            T.copy(B, B_s)
            T.gemm(A_s, B_s, C_l, clear_accum=True)
            T.copy(C_l, C)

    return main
)";
  LoweredKernel k = lower_kernel(text);
  ASSERT_FALSE(k.diags.has_errors()) << k.headline();
  std::vector<double> a = exact_values(64 * 32, 4), b = exact_values(32 * 64, 5);
  oracle::OracleResult r = run_oracle(k.func(), {{"A", tensor({64, 32}, a)}, {"B", tensor({32, 64}, b)}});
  ASSERT_TRUE(r.ok()) << r.diagnostics.items()[0].message;
  EXPECT_EQ(max_abs_diff(r.outputs.at("C").data, naive_gemm(a, b, GemmCase{"", 64, 64, 32, 32, false, false, false})),
            0.0);
}

TEST(Oracle, ElementwiseWithRowBroadcastBiasAndClamp) {
  const char* text = R"(import tilelang
import tilelang.language as T


@tilelang.jit
def fused(M=64, N=96, block_M=32, block_N=32, dtype="float32"):
    @T.prim_func
    def main(A: T.Tensor((M, N), dtype), bias: T.Tensor((N,), dtype), S: T.Tensor((M, N), dtype),
             C: T.Tensor((M, N), dtype), D: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_N), dtype)
            T.copy(A[by * block_M, bx * block_N], A_shared)
            for i, j in T.Parallel(block_M, block_N):
                C[by * block_M + i, bx * block_N + j] = T.clamp(A_shared[i, j] + bias[bx * block_N + j], -1.5, 2)
                D[by * block_M + i, bx * block_N + j] = A_shared[i, j] * S[by * block_M + i, bx * block_N + j] / 4 - 1.5

    return main
)";
  LoweredKernel k = lower_kernel(text);
  ASSERT_FALSE(k.diags.has_errors()) << k.headline();
  const int64_t m = 64, n = 96;
  std::vector<double> a = exact_values(m * n, 6), bias = exact_values(n, 7), s = exact_values(m * n, 8);
  oracle::OracleResult r =
      run_oracle(k.func(), {{"A", tensor({m, n}, a)}, {"bias", tensor({n}, bias)}, {"S", tensor({m, n}, s)}});
  ASSERT_TRUE(r.ok()) << r.diagnostics.items()[0].message;
  std::vector<double> c(m * n), d(m * n);
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t j = 0; j < n; ++j) {
      size_t e = static_cast<size_t>(i * n + j);
      c[e] = std::min(std::max(a[e] + bias[static_cast<size_t>(j)], -1.5), 2.0);
      d[e] = a[e] * s[e] / 4 - 1.5;
    }
  }
  EXPECT_EQ(max_abs_diff(r.outputs.at("C").data, c), 0.0);
  EXPECT_EQ(max_abs_diff(r.outputs.at("D").data, d), 0.0);
}

// Reduces a (32, 64) tile along `dim` into `out` (initialised to 2.5 for clear=False).
const char* kReduce = R"(import tilelang
import tilelang.language as T


@tilelang.jit
def reduce_tile(M=32, N=64, dim=1, op="sum", clear=True):
    out_shape = (M,) if dim == 1 else (1, N)

    @T.prim_func
    def main(A: T.Tensor((M, N), "float32"), R: T.Tensor(out_shape, "float32")):
        with T.Kernel(1, threads=128) as bx:
            a = T.alloc_fragment((M, N), "float32")
            r = T.alloc_fragment(out_shape, "float32")
            T.copy(A, a)
            T.fill(r, 2.5)
            if op == "sum":
                T.reduce_sum(a, r, dim=dim, clear=clear)
            elif op == "max":
                T.reduce_max(a, r, dim=dim, clear=clear)
            elif op == "min":
                T.reduce_min(a, r, dim=dim, clear=clear)
            elif op == "absmax":
                T.reduce_absmax(a, r, dim=dim, clear=clear)
            else:
                T.reduce_abssum(a, r, dim=dim)
            T.copy(r, R)

    return main
)";

struct ReduceCase {
  const char* op;
  int dim;
  bool clear;
};

class OracleReduce : public testing::TestWithParam<ReduceCase> {};

TEST_P(OracleReduce, MatchesDirectLoop) {
  const ReduceCase& c = GetParam();
  LoweredKernel k = lower_kernel(
      kReduce,
      {{"dim", std::to_string(c.dim)}, {"op", std::string("\"") + c.op + "\""}, {"clear", c.clear ? "True" : "False"}});
  ASSERT_FALSE(k.diags.has_errors()) << k.headline();
  const int64_t m = 32, n = 64;
  std::vector<double> a = exact_values(m * n, 9);
  oracle::OracleResult r = run_oracle(k.func(), {{"A", tensor({m, n}, a)}});
  ASSERT_TRUE(r.ok()) << r.diagnostics.items()[0].message;
  const std::string op = c.op;
  const int64_t outer = c.dim == 1 ? m : n, len = c.dim == 1 ? n : m;
  std::vector<double> want;
  for (int64_t o = 0; o < outer; ++o) {
    double acc = 0;
    if (op == "max") acc = -kInf;
    if (op == "min") acc = kInf;
    if (!c.clear) acc = 2.5;
    for (int64_t t = 0; t < len; ++t) {
      double x = c.dim == 1 ? a[static_cast<size_t>(o * n + t)] : a[static_cast<size_t>(t * n + o)];
      if (op == "sum") acc += x;
      if (op == "abssum") acc += std::fabs(x);
      if (op == "max") acc = std::max(acc, x);
      if (op == "min") acc = std::min(acc, x);
      if (op == "absmax") acc = std::max(acc, std::fabs(x));
    }
    want.push_back(acc);
  }
  const HostTensor& got = r.outputs.at("R");
  EXPECT_EQ(got.shape, (c.dim == 1 ? std::vector<int64_t>{m} : std::vector<int64_t>{1, n}));
  EXPECT_EQ(max_abs_diff(got.data, want), 0.0);
}

INSTANTIATE_TEST_SUITE_P(KindsDimsClear, OracleReduce,
                         testing::Values(ReduceCase{"sum", 1, true}, ReduceCase{"sum", 0, true},
                                         ReduceCase{"sum", 1, false}, ReduceCase{"sum", 0, false},
                                         ReduceCase{"max", 1, true}, ReduceCase{"max", 0, true},
                                         ReduceCase{"max", 1, false}, ReduceCase{"max", 0, false},
                                         ReduceCase{"min", 1, true}, ReduceCase{"absmax", 0, true},
                                         ReduceCase{"abssum", 1, true}),
                         [](const testing::TestParamInfo<ReduceCase>& p) {
                           return std::string(p.param.op) + "_dim" + std::to_string(p.param.dim) +
                                  (p.param.clear ? "_clear" : "_accumulate");
                         });

TEST(Oracle, Exp2Log2SoftmaxRows) {
  // online_softmax.py's math on 32-row blocks: row max, exp2 of scaled differences, row sum, and the
  // log-sum-exp in base 2.
  const char* text = R"(import tilelang
import tilelang.language as T


@tilelang.jit
def softmax(M=64, N=64, block_M=32):
    scale = 1.44269504  # log2(e)

    @T.prim_func
    def main(X: T.Tensor((M, N), "float32"), Y: T.Tensor((M, N), "float32"), L: T.Tensor((M,), "float32")):
        with T.Kernel(T.ceildiv(M, block_M), threads=128) as bx:
            x = T.alloc_fragment((block_M, N), "float32")
            y = T.alloc_fragment((block_M, N), "float32")
            row_max = T.alloc_fragment((block_M,), "float32")
            row_sum = T.alloc_fragment((block_M,), "float32")
            lse = T.alloc_fragment((block_M,), "float32")
            T.copy(X[bx * block_M, 0], x)
            T.fill(row_max, -T.infinity("float32"))
            T.reduce_max(x, row_max, dim=1, clear=False)
            for i, j in T.Parallel(block_M, N):
                y[i, j] = T.exp2(x[i, j] * scale - row_max[i] * scale)
            T.reduce_sum(y, row_sum, dim=1)
            for i, j in T.Parallel(block_M, N):
                y[i, j] = y[i, j] / row_sum[i]
            for i in T.Parallel(block_M):
                lse[i] = row_max[i] * scale + T.log2(row_sum[i])
            T.copy(y, Y[bx * block_M, 0])
            T.copy(lse, L[bx * block_M])

    return main
)";
  LoweredKernel k = lower_kernel(text);
  ASSERT_FALSE(k.diags.has_errors()) << k.headline();
  const int64_t m = 64, n = 64;
  std::vector<double> x = exact_values(m * n, 10);
  oracle::OracleResult r = run_oracle(k.func(), {{"X", tensor({m, n}, x)}});
  ASSERT_TRUE(r.ok()) << r.diagnostics.items()[0].message;
  const double scale = 1.44269504;  // log2(e) as the kernel writes it
  std::vector<double> y(m * n), lse(m);
  for (int64_t i = 0; i < m; ++i) {
    double mx = -kInf, sum = 0;
    for (int64_t j = 0; j < n; ++j) mx = std::max(mx, x[static_cast<size_t>(i * n + j)]);
    for (int64_t j = 0; j < n; ++j) sum += std::exp(std::log(2.0) * scale * (x[static_cast<size_t>(i * n + j)] - mx));
    for (int64_t j = 0; j < n; ++j) {
      y[static_cast<size_t>(i * n + j)] =
          std::exp(std::log(2.0) * scale * (x[static_cast<size_t>(i * n + j)] - mx)) / sum;
    }
    lse[static_cast<size_t>(i)] = mx * scale + std::log(sum) / std::log(2.0);
  }
  EXPECT_LT(max_abs_diff(r.outputs.at("Y").data, y), 1e-14);
  EXPECT_LT(max_abs_diff(r.outputs.at("L").data, lse), 1e-13);
  // Rows sum to one.
  for (int64_t i = 0; i < m; ++i) {
    double s = 0;
    for (int64_t j = 0; j < n; ++j) s += r.outputs.at("Y").data[static_cast<size_t>(i * n + j)];
    EXPECT_NEAR(s, 1.0, 1e-14);
  }
}

TEST(Oracle, CastsRoundToTheTargetDtype) {
  // An explicit cast to float16, an fp32 -> fp16 T.copy into a float16 output, a cast to int32
  // (truncation) and x.astype("bfloat16").
  const char* text = R"(import tilelang
import tilelang.language as T


@tilelang.jit
def casts(N=64):
    @T.prim_func
    def main(X: T.Tensor((1, N), "float32"), H: T.Tensor((1, N), "float32"), C: T.Tensor((1, N), "float16"),
             I: T.Tensor((1, N), "float32"), B: T.Tensor((1, N), "float32")):
        with T.Kernel(1, threads=128) as bx:
            x = T.alloc_fragment((1, N), "float32")
            T.copy(X, x)
            for i, j in T.Parallel(1, N):
                H[i, j] = T.Cast("float16", x[i, j])
                I[i, j] = T.cast(x[i, j] * 7, "int32")
                B[i, j] = (x[i, j] + 0).astype("bfloat16")
            T.copy(x, C)

    return main
)";
  LoweredKernel k = lower_kernel(text);
  ASSERT_FALSE(k.diags.has_errors()) << k.headline();
  std::vector<double> x = {1.0 / 3, -2.0 / 3, 65519.0, 65520.0, -1e6, 1e-8, 6e-6, 0.1, 2.5, -2.5, 7.9 / 7, -7.9 / 7};
  while (x.size() < 64) x.push_back(static_cast<double>(x.size()) * 0.37 - 11);
  oracle::OracleResult r = run_oracle(k.func(), {{"X", tensor({1, 64}, x)}});
  ASSERT_TRUE(r.ok()) << r.diagnostics.items()[0].message;
  for (size_t i = 0; i < x.size(); ++i) {
    const double half = static_cast<double>(static_cast<_Float16>(x[i]));  // the compiler's IEEE conversion
    EXPECT_EQ(r.outputs.at("H").data[i], half) << "x = " << x[i];
    EXPECT_EQ(r.outputs.at("C").data[i], half) << "x = " << x[i];
    EXPECT_EQ(r.outputs.at("I").data[i], std::trunc(x[i] * 7)) << "x = " << x[i];
  }
  EXPECT_EQ(r.outputs.at("H").data[3], kInf);         // 65520 rounds past the largest half, 65504
  EXPECT_EQ(r.outputs.at("B").data[0], 0.333984375);  // bfloat16(1/3) = 0x3EAB
  EXPECT_EQ(r.outputs.at("B").data[1], -0.66796875);
}

TEST(Oracle, RoundingOfNarrowFormats) {
  EXPECT_EQ(*oracle::to_dtype(DataType::Float16, 65504.0), 65504.0);
  EXPECT_EQ(*oracle::to_dtype(DataType::Float16, 1 + std::ldexp(1.0, -11)), 1.0);  // a tie rounds to even
  EXPECT_EQ(*oracle::to_dtype(DataType::Float16, 1 + 3 * std::ldexp(1.0, -11)), 1 + std::ldexp(1.0, -9));
  EXPECT_EQ(*oracle::to_dtype(DataType::Float16, std::ldexp(1.0, -24)), std::ldexp(1.0, -24));  // smallest subnormal
  EXPECT_EQ(*oracle::to_dtype(DataType::Float16, std::ldexp(1.0, -26)), 0.0);
  EXPECT_EQ(*oracle::to_dtype(DataType::BFloat16, 1 + std::ldexp(1.0, -8)), 1.0);
  EXPECT_EQ(*oracle::to_dtype(DataType::Int8, 200.7), -56.0);  // truncated, then wrapped modulo 2^8
  EXPECT_EQ(*oracle::to_dtype(DataType::UInt8, -1.0), 255.0);
  EXPECT_EQ(*oracle::to_dtype(DataType::Float32, 0.1), 0.1);  // float32 is carried as double
  EXPECT_FALSE(oracle::to_dtype(DataType::Bfp8B, 1.0));
}

TEST(Oracle, CausalMaskWithIfThenElse) {
  // flash attention's causal mask: keep scores on or below the diagonal, -inf above it.
  const char* text = R"(import tilelang
import tilelang.language as T


@tilelang.jit
def mask(S=64, block=32):
    @T.prim_func
    def main(A: T.Tensor((S, S), "float32"), O: T.Tensor((S, S), "float32")):
        with T.Kernel(T.ceildiv(S, block), T.ceildiv(S, block), threads=128) as (bx, by):
            acc = T.alloc_fragment((block, block), "float32")
            T.copy(A[by * block, bx * block], acc)
            for i, j in T.Parallel(block, block):
                acc[i, j] = T.if_then_else(by * block + i >= bx * block + j, acc[i, j], -T.infinity(acc.dtype))
            T.copy(acc, O[by * block, bx * block])

    return main
)";
  LoweredKernel k = lower_kernel(text);
  ASSERT_FALSE(k.diags.has_errors()) << k.headline();
  const int64_t s = 64;
  std::vector<double> a = exact_values(s * s, 11);
  oracle::OracleResult r = run_oracle(k.func(), {{"A", tensor({s, s}, a)}});
  ASSERT_TRUE(r.ok()) << r.diagnostics.items()[0].message;
  std::vector<double> want(a.size());
  for (int64_t i = 0; i < s; ++i)
    for (int64_t j = 0; j < s; ++j)
      want[static_cast<size_t>(i * s + j)] = i >= j ? a[static_cast<size_t>(i * s + j)] : -kInf;
  EXPECT_EQ(max_abs_diff(r.outputs.at("O").data, want), 0.0);
}

TEST(Oracle, AllocVarAccumulatesInSerialLoops) {
  // A row norm with a T.alloc_var scalar accumulator, written element by element to a global output.
  const char* text = R"(import tilelang
import tilelang.language as T


@tilelang.jit
def norms(M=32, N=48):
    @T.prim_func
    def main(A: T.Tensor((M, N), "float32"), R: T.Tensor((M,), "float32")):
        with T.Kernel(1, threads=128) as bx:
            acc = T.alloc_var("float32")
            for i in T.serial(M):
                acc = 0
                for j in T.serial(N):
                    acc += A[i, j] * A[i, j]
                R[i] = T.sqrt(acc) + T.rsqrt(acc + 1)

    return main
)";
  LoweredKernel k = lower_kernel(text);
  ASSERT_FALSE(k.diags.has_errors()) << k.headline();
  std::vector<double> a = exact_values(32 * 48, 14);
  oracle::OracleResult r = run_oracle(k.func(), {{"A", tensor({32, 48}, a)}});
  ASSERT_TRUE(r.ok()) << r.diagnostics.items()[0].message;
  std::vector<double> want(32);
  for (size_t i = 0; i < 32; ++i) {
    double s = 0;
    for (size_t j = 0; j < 48; ++j) s += a[i * 48 + j] * a[i * 48 + j];
    want[i] = std::sqrt(s) + 1 / std::sqrt(s + 1);
  }
  EXPECT_EQ(max_abs_diff(r.outputs.at("R").data, want), 0.0);
}

TEST(Oracle, UnwrittenOutputElementsAreNaN) {
  // A grid that covers only the first block row leaves the rest of C unwritten.
  const char* text = R"(import tilelang
import tilelang.language as T


@tilelang.jit
def half(M=64, N=32):
    @T.prim_func
    def main(A: T.Tensor((M, N), "float32"), C: T.Tensor((M, N), "float32")):
        with T.Kernel(1, threads=128) as bx:
            a = T.alloc_shared((32, N), "float32")
            T.copy(A[0, 0], a)
            T.copy(a, C[0, 0])

    return main
)";
  LoweredKernel k = lower_kernel(text);
  ASSERT_FALSE(k.diags.has_errors()) << k.headline();
  std::vector<double> a = exact_values(64 * 32, 12);
  oracle::OracleResult r = run_oracle(k.func(), {{"A", tensor({64, 32}, a)}});
  ASSERT_TRUE(r.ok());
  const std::vector<double>& c = r.outputs.at("C").data;
  EXPECT_EQ(c[0], a[0]);
  EXPECT_EQ(c[32 * 32 - 1], a[32 * 32 - 1]);
  EXPECT_TRUE(std::isnan(c[32 * 32]));
}

// --- errors: located diagnostics, never a crash

const char* kCopyKernel = R"(import tilelang
import tilelang.language as T


@tilelang.jit
def copy(M=64, N=32, rows=32):
    @T.prim_func
    def main(A: T.Tensor((M, N), "float32"), C: T.Tensor((M, N), "float32")):
        with T.Kernel(2, threads=128) as bx:
            a = T.alloc_fragment((rows, N), "float32")
            b = T.alloc_fragment((rows, N), "float32")
            T.copy(A[bx * rows, 0], a)
            for i, j in T.Parallel(rows, N):
                b[i, j] = a[i, (j + 1) % N]
            T.copy(b, C[bx * rows, 0])

    return main
)";

std::string first_error(const oracle::OracleResult& r) {
  if (r.ok()) return "";
  const Diagnostic& d = r.diagnostics.items()[0];
  return std::to_string(d.span.begin.line) + ":" + std::to_string(d.span.begin.col) + ": " + d.message;
}

TEST(OracleErrors, MissingInputNamesTheBuffer) {
  LoweredKernel k = lower_kernel(kCopyKernel);
  ASSERT_FALSE(k.diags.has_errors()) << k.headline();
  oracle::OracleResult r = run_oracle(k.func(), {});
  EXPECT_EQ(first_error(r), "8:14: no input for 'A', which the kernel reads and never writes");
  EXPECT_TRUE(r.outputs.empty());
}

TEST(OracleErrors, InputShapeAndUnknownName) {
  LoweredKernel k = lower_kernel(kCopyKernel);
  ASSERT_FALSE(k.diags.has_errors()) << k.headline();
  EXPECT_EQ(first_error(run_oracle(k.func(), {{"A", tensor({32, 64}, std::vector<double>(2048))}})),
            "8:14: input 'A' has shape (32, 64) but the kernel's A is (64, 32)");
  EXPECT_EQ(first_error(run_oracle(k.func(), {{"A", tensor({64, 32}, std::vector<double>(7))}})),
            "8:14: input 'A' has 7 values, its shape (64, 32) needs 2048");
  EXPECT_EQ(first_error(run_oracle(k.func(), {{"Z", tensor({1}, {0.0})}})),
            "8:5: input 'Z' is not a parameter of 'main'");
}

TEST(OracleErrors, OnChipIndexOutOfBounds) {
  // Without the `% N`, the last column reads one element past the end of the fragment `a`.
  std::string text = kCopyKernel;
  text.replace(text.find("a[i, (j + 1) % N]"), 17, "a[i, j + 1]");
  LoweredKernel k = lower_kernel(text);
  ASSERT_FALSE(k.diags.has_errors()) << k.headline();
  oracle::OracleResult r = run_oracle(k.func(), {{"A", tensor({64, 32}, exact_values(2048, 13))}});
  EXPECT_EQ(first_error(r), "14:32: index 32 is out of bounds for dimension 1 of a, which is (32, 32)");
}

TEST(OracleErrors, LoweredProgramIsNotInterpreted) {
  ir::PrimFunc f;
  f.name = "compute";
  f.span = SourceSpan{{3, 1}, {3, 8}};
  f.body = ir::tt_call(ir::TTIntrinsic::CbWaitFront, {ir::cb_ref("A_shared", 0), ir::int_imm(4)},
                       SourceSpan{{5, 9}, {5, 20}});
  EXPECT_EQ(first_error(run_oracle(f, {})),
            "5:9: the oracle interprets the front-end IR; the TT intrinsic 'cb_wait_front' belongs to the lowered "
            "program");
}

}  // namespace
}  // namespace tt::test
