// Front-end features beyond the reference GEMM: several kernels per file (naming, duplicates,
// --kernel), module-level @T.prim_func with -D on module constants, factories without a call,
// loop forms, element statements, definition-time `if`, and lazily evaluated driver code.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "compiler/frontend/frontend.h"
#include "compiler/ir/printer.h"

namespace tt::frontend {
namespace {

struct Lowered {
  std::vector<ir::Module> modules;
  DiagnosticList diags;
  std::string headline() const { return diags.empty() ? "" : diagnostic_headline(diags.items()[0], "k.py"); }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const ir::Module& m : modules) out.push_back(m.name);
    return out;
  }
  std::string ir(size_t i = 0) const { return i < modules.size() ? ir::print_module(modules[i]).text : ""; }
};

Lowered lower(const std::string& text, FrontendOptions options = {}) {
  Lowered out;
  out.modules = lower_source(SourceFile("k.py", text), options, out.diags);
  return out;
}

const char* kTwoFactories = R"(import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def matmul(M, N, K, block_M, block_N, block_K, dtype="float16"):
    @T.prim_func
    def gemm(A: T.Tensor((M, K), dtype), B: T.Tensor((K, N), dtype), C: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_K), dtype)
            B_shared = T.alloc_shared((block_K, block_N), dtype)
            C_local = T.alloc_fragment((block_M, block_N), "float")
            T.clear(C_local)
            for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=2):
                T.copy(A[by * block_M, k * block_K], A_shared)
                T.copy(B[k * block_K, bx * block_N], B_shared)
                T.gemm(A_shared, B_shared, C_local)
            T.copy(C_local, C[by * block_M, bx * block_N])
    return gemm


@tilelang.jit
def scale(M, N, factor=2.0, block=32):
    @T.prim_func
    def scale_kernel(X: T.Tensor((M, N), "float32"), Y: T.Tensor((M, N), "float32")):
        with T.Kernel(M // block, threads=64) as bx:
            tile = T.alloc_fragment((block, N), "float32")
            T.copy(X[bx * block:(bx + 1) * block, 0:N], tile)
            for i, j in T.Parallel(block, N):
                tile[i, j] *= factor
            T.copy(tile, Y[bx * block, 0])
    return scale_kernel


def main():
    small = matmul(256, 256, 256, 64, 64, 32)
    large = matmul(1024, 1024, 1024, 128, 128, 32)
    again = matmul(256, 256, 256, 64, 64, 32)  # the same kernel as `small`
    s = scale(128, 64)
)";

TEST(FrontendKernels, SeveralFactoriesAndInstantiationsAreNamedUniquely) {
  Lowered l = lower(kTwoFactories);
  ASSERT_FALSE(l.diags.has_errors()) << l.headline();
  EXPECT_EQ(l.names(), (std::vector<std::string>{"small", "large", "scale"}));
  EXPECT_EQ(l.modules[0].funcs[0].name, "gemm");
  EXPECT_EQ(l.modules[0].funcs[0].params[0]->shape, (std::vector<int64_t>{256, 256}));
  EXPECT_EQ(l.modules[1].funcs[0].params[0]->shape, (std::vector<int64_t>{1024, 1024}));
  EXPECT_EQ(l.ir(2),
            "# from tvm.script import tir as T\n"
            "# module scale\n"
            "\n"
            "@T.prim_func\n"
            "def scale_kernel(X: T.Tensor((128, 64), \"float32\"), Y: T.Tensor((128, 64), \"float32\")):\n"
            "    with T.Kernel(4, threads=64) as (bx,):\n"
            "        tile = T.alloc_fragment((32, 64), \"float32\")\n"
            "        T.copy(X[bx * 32:bx * 32 + 32, 0:64], tile)\n"
            "        for i in T.Parallel(32):\n"
            "            for j in T.Parallel(64):\n"
            "                tile[i, j] = tile[i, j] * 2.0\n"
            "        T.copy(tile, Y[bx * 32:bx * 32 + 32, 0:64])\n");
}

TEST(FrontendKernels, KernelOptionSelects) {
  FrontendOptions options;
  options.kernel = "large";
  EXPECT_EQ(lower(kTwoFactories, options).names(), (std::vector<std::string>{"large"}));
  options.kernel = "gemm";  // a prim_func name selects every instantiation of it
  EXPECT_EQ(lower(kTwoFactories, options).names(), (std::vector<std::string>{"small", "large"}));
  options.kernel = "scale_kernel";
  EXPECT_EQ(lower(kTwoFactories, options).names(), (std::vector<std::string>{"scale"}));
  options.kernel = "nope";
  Lowered l = lower(kTwoFactories, options);
  EXPECT_EQ(l.headline(),
            "k.py: error: no kernel named 'nope' in this file; available kernels: small (prim_func gemm), "
            "large (prim_func gemm), scale (prim_func scale_kernel)");
}

TEST(FrontendKernels, DefinesApplyToEveryInstantiation) {
  FrontendOptions options;
  options.defines["dtype"] = "bfloat16";
  Lowered l = lower(kTwoFactories, options);
  ASSERT_FALSE(l.diags.has_errors()) << l.headline();
  EXPECT_EQ(l.modules[0].funcs[0].params[0]->dtype, DataType::BFloat16);
  EXPECT_EQ(l.modules[1].funcs[0].params[0]->dtype, DataType::BFloat16);
  options.defines = {{"factor", "0.5"}};
  EXPECT_NE(lower(kTwoFactories, options).ir(2).find("tile[i, j] * 0.5"), std::string::npos);
}

TEST(FrontendKernels, UnassignedInstantiationsGetNumberedNames) {
  std::string text = kTwoFactories;
  text = text.substr(0, text.find("def main():")) +
         "matmul(256, 256, 256, 64, 64, 32)\nmatmul(512, 512, 512, 64, 64, 32)\n";
  // scale is not called any more and M, N have no defaults: compiling everything skips it with a note
  // (the matmuls are instantiated), selecting it reports why it cannot compile, and selecting the
  // matmul kernels leaves scale alone.
  Lowered all = lower(text);
  ASSERT_FALSE(all.diags.has_errors()) << all.headline();
  EXPECT_EQ(all.names(), (std::vector<std::string>{"matmul_1", "matmul_2"}));
  EXPECT_EQ(all.headline(),
            "k.py:23:5: note: kernel 'scale' is not compiled: no call in this file instantiates 'scale' and M, N "
            "have no value; select it with --kernel scale -D M=<value> -D N=<value>");
  FrontendOptions selected;
  selected.kernel = "scale";
  EXPECT_EQ(lower(text, selected).headline(),
            "k.py:23:11: error: parameter 'M' of 'scale' has no default value and no call "
            "instantiates 'scale'; give it a value with -D M=<value>");
  FrontendOptions options;
  options.kernel = "matmul";
  Lowered only = lower(text, options);
  ASSERT_FALSE(only.diags.has_errors()) << only.headline();
  EXPECT_EQ(only.names(), (std::vector<std::string>{"matmul_1", "matmul_2"}));
}

TEST(FrontendKernels, FactoryWithoutCallUsesDefaultsAndDefines) {
  const char* text = R"(import tilelang.language as T

def fill_kernel(M=64, N=128, value=3):
    @T.prim_func
    def fill(C: T.Buffer((M, N), "int32")):
        with T.Kernel(1, threads=32) as bx:
            C_local = T.alloc_local((M, N), "int32")
            T.fill(C_local, value)
            T.copy(C_local, C)
    return fill
)";
  Lowered l = lower(text);
  ASSERT_FALSE(l.diags.has_errors()) << l.headline();
  EXPECT_EQ(l.names(), (std::vector<std::string>{"fill_kernel"}));
  EXPECT_NE(l.ir().find("C_local = T.alloc_local((64, 128), \"int32\")\n        T.fill(C_local, 3)\n"
                        "        T.copy(C_local, C)\n"),
            std::string::npos)
      << l.ir();
  FrontendOptions options;
  options.defines["N"] = "256";
  EXPECT_NE(lower(text, options).ir().find("(64, 256)"), std::string::npos);
}

TEST(FrontendKernels, ModuleLevelPrimFuncWithModuleConstants) {
  const char* text = R"(import tilelang.language as T

M = 256
BLOCK = 64
TILES = M // BLOCK


@T.prim_func
def copy_rows(A: T.Tensor((M, 32), "float16"), B: T.Tensor((M, 32), "float16")):
    with T.Kernel(TILES, threads=128) as bx:
        S = T.alloc_shared((BLOCK, 32), "float16")
        T.copy(A[bx * BLOCK, 0], S)
        T.copy(S, B[bx * BLOCK, 0])
)";
  Lowered l = lower(text);
  ASSERT_FALSE(l.diags.has_errors()) << l.headline();
  EXPECT_EQ(l.names(), (std::vector<std::string>{"copy_rows"}));
  EXPECT_NE(l.ir().find("with T.Kernel(4, threads=128) as (bx,):"), std::string::npos) << l.ir();
  FrontendOptions options;
  options.defines["BLOCK"] = "32";  // TILES is defined from BLOCK and follows it
  Lowered d = lower(text, options);
  ASSERT_FALSE(d.diags.has_errors()) << d.headline();
  EXPECT_NE(d.ir().find("with T.Kernel(8, threads=128) as (bx,):"), std::string::npos) << d.ir();
  EXPECT_NE(d.ir().find("S = T.alloc_shared((32, 32), \"float16\")"), std::string::npos) << d.ir();
}

TEST(FrontendKernels, LoopsConditionsAndElementStatements) {
  const char* text = R"(import tilelang
import tilelang.language as T


@tilelang.jit
def loops(M, N, block=32, use_bias=True):
    half = block // 2

    @T.prim_func
    def body(A: T.Tensor((M, N), "float32"), B: T.Tensor((M, N), "float32")):
        with T.Kernel(T.ceildiv(N, block), T.ceildiv(M, block), threads=128) as (bx, by):
            acc = T.alloc_fragment((block, block), "float32")
            T.clear(acc)
            for r in range(2):
                for c in T.serial(bx * 4, bx * 4 + 3):
                    acc[r, c] += A[by * block + r, c]
            for i in T.unroll(half):
                if use_bias:
                    acc[i, 0] = acc[i, 0] + 1.0
                else:
                    acc[i, 0] = 0
            for i, j in T.Parallel(block, block):
                if i < j:
                    acc[i, j] = -acc[j, i]
            T.copy(acc, B[by * block, bx * block])
    return body


kernel = loops(64, 64)
)";
  Lowered l = lower(text);
  ASSERT_FALSE(l.diags.has_errors()) << l.headline();
  EXPECT_EQ(l.ir(),
            "# from tvm.script import tir as T\n"
            "# module loops\n"
            "\n"
            "@T.prim_func\n"
            "def body(A: T.Tensor((64, 64), \"float32\"), B: T.Tensor((64, 64), \"float32\")):\n"
            "    with T.Kernel(2, 2, threads=128) as (bx, by):\n"
            "        acc = T.alloc_fragment((32, 32), \"float32\")\n"
            "        T.clear(acc)\n"
            "        for r in T.serial(2):\n"
            "            for c in T.serial(bx * 4, bx * 4 + 3):\n"
            "                acc[r, c] = acc[r, c] + A[by * 32 + r, c]\n"
            "        for i in T.unroll(16):\n"
            "            acc[i, 0] = acc[i, 0] + 1.0\n"
            "        for i in T.Parallel(32):\n"
            "            for j in T.Parallel(32):\n"
            "                if i < j:\n"
            "                    acc[i, j] = -acc[j, i]\n"
            "        T.copy(acc, B[by * 32:by * 32 + 32, bx * 32:bx * 32 + 32])\n");
}

TEST(FrontendKernels, DriverCodeIsOnlyEvaluatedWhereAKernelNeedsIt) {
  const char* text = R"(import argparse
import torch
import tilelang.language as T


def matmul(M, N, K, block=64):
    @T.prim_func
    def gemm(A: T.Tensor((M, K), "float16"), B: T.Tensor((K, N), "float16"), C: T.Tensor((M, N), "float16")):
        with T.Kernel(N // block, M // block) as (bx, by):
            A_s = T.alloc_shared((block, K), "float16")
            B_s = T.alloc_shared((K, block), "float16")
            C_l = T.alloc_fragment((block, block), "float")
            T.copy(A[by * block, 0], A_s)
            T.copy(B[0, bx * block], B_s)
            T.gemm(A_s, B_s, C_l, clear_accum=True)
            T.copy(C_l, C[by * block, bx * block])
    return gemm


def run(size=128):
    a = torch.randn(size, size).cuda()
    dims = (size, 2 * size)
    M, N = dims
    kernel = matmul(M, N, K=64)
    print(kernel(a, a))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    run()
)";
  Lowered l = lower(text);
  ASSERT_FALSE(l.diags.has_errors()) << l.headline();
  EXPECT_EQ(l.names(), (std::vector<std::string>{"matmul"}));
  EXPECT_NE(l.ir().find("def gemm(A: T.Tensor((128, 64), \"float16\"), B: T.Tensor((64, 256), \"float16\")"),
            std::string::npos)
      << l.ir();
  EXPECT_NE(l.ir().find("with T.Kernel(4, 2, threads=128) as (bx, by):"), std::string::npos);
  EXPECT_NE(l.ir().find("T.gemm(A_s, B_s, C_l, clear_accum=True)"), std::string::npos);
}

// A one-parameter factory instantiated from main() by `main_body`.
std::string square_factory(const std::string& main_body) {
  return R"(import torch
import tilelang.language as T


def matmul(M):
    @T.prim_func
    def gemm(A: T.Tensor((M, M), "float16")):
        with T.Kernel(1) as bx:
            T.clear(A)
    return gemm


def main():
)" + main_body;
}

TEST(FrontendKernels, AnArgumentThatNeedsRuntimeValuesIsAClearError) {
  std::string text = square_factory("    a = torch.randn(64, 64)\n    kernel = matmul(torch.cuda.device_count())\n");
  Lowered l = lower(text);
  EXPECT_EQ(l.headline(),
            "k.py:7:27: error: 'M' (dimension 0 of 'A') is only known when the program runs (it comes from "
            "'torch.cuda.device_count()'): give it a value with -D M=<value>");
  EXPECT_EQ(l.diags.items()[0].category, DiagnosticCategory::Unsupported);
  FrontendOptions options;
  options.defines["M"] = "64";  // -D replaces the argument, which is then never evaluated
  Lowered d = lower(text, options);
  EXPECT_FALSE(d.diags.has_errors()) << d.headline();
}

TEST(FrontendKernels, TensorShapesFromTorchConstructorsAreDefinitionTimeValues) {
  Lowered l = lower(
      square_factory("    a = torch.randn(64, 96, dtype=torch.float16).cuda().t()\n    kernel = matmul(a.shape[0])\n"));
  ASSERT_FALSE(l.diags.has_errors()) << l.headline();
  EXPECT_NE(l.ir().find("A: T.Tensor((96, 96)"), std::string::npos) << l.ir();
}

TEST(FrontendKernels, GemmFlagsMayBePositionalAndTheDefaultGpuOptionsAreAccepted) {
  std::string path = std::string(TT_INSPECT_ASSETS_DIR) + "/examples/example_gemm_transpose_b.py";
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  Lowered keyword = lower(text.str());
  std::string positional = text.str();
  const std::string from = "T.gemm(A_shared, B_shared, C_local, transpose_B=True)";
  positional.replace(positional.find(from), from.size(),
                     "T.gemm(A_shared, B_shared, C_local, False, True, T.GemmWarpPolicy.Square, k_pack=1, wg_wait=0)");
  Lowered l = lower(positional);
  ASSERT_FALSE(l.diags.has_errors()) << l.headline();
  EXPECT_EQ(l.ir(), keyword.ir());
  EXPECT_NE(l.ir().find("T.gemm(A_shared, B_shared, C_local, transpose_B=True)"), std::string::npos);
}

TEST(FrontendKernels, NoKernelInAPlainPythonFile) {
  Lowered l = lower("import torch\n\n\ndef main():\n    print(torch.ones(3))\n");
  EXPECT_EQ(l.headline(),
            "k.py:1:1: error: no TileLang kernel found: expected a @T.prim_func, or a @tilelang.jit function whose "
            "body opens 'with T.Kernel(...)'");
}


// `seq_len = T.symbolic("seq_len")` (TileLang's deprecated alias of T.dynamic) in a factory: a size the program
// only knows when it runs. The diagnostic says to give it with -D, and -D gives it; "N, K" declares two at once.
TEST(FrontendKernels, FactoryDynamicSizesAreGivenByDefines) {
  const char* text = R"(import tilelang
import tilelang.language as T


def scale_rows(block_M=64, dtype="float16"):
    M = T.symbolic("M")
    N, K = T.dynamic("N, K")

    @T.prim_func
    def main(A: T.Tensor((M, N), dtype), B: T.Tensor((M, N), dtype), W: T.Tensor((K, N), dtype)):
        with T.Kernel(T.ceildiv(M, block_M), threads=128) as bx:
            S = T.alloc_shared((block_M, N), dtype)
            T.copy(A[bx * block_M, 0], S)
            T.copy(S, B[bx * block_M, 0])

    return main


kernel = scale_rows()
)";
  Lowered unsized = lower(text);
  EXPECT_EQ(unsized.headline(),
            "k.py:10:27: error: 'M' (dimension 0 of 'A') is only known when the program runs (it comes "
            "from 'T.symbolic(\"M\")'): give it a value with -D M=<value>");
  FrontendOptions options;
  options.defines = {{"M", "256"}, {"N", "128"}};
  EXPECT_EQ(lower(text, options).headline(),
            "k.py:10:83: error: 'K' (dimension 0 of 'W') is only known when the program runs (it comes "
            "from 'T.dynamic(\"N, K\")'): give it a value with -D K=<value>");
  options.defines["K"] = "32";
  Lowered sized = lower(text, options);
  ASSERT_FALSE(sized.diags.has_errors()) << sized.headline();
  EXPECT_NE(sized.ir().find("A: T.Tensor((256, 128), \"float16\")"), std::string::npos) << sized.ir();
  EXPECT_NE(sized.ir().find("W: T.Tensor((32, 128), \"float16\")"), std::string::npos) << sized.ir();
  EXPECT_NE(sized.ir().find("T.Kernel(4, threads=128)"), std::string::npos) << sized.ir();
  options.defines = {{"seq", "1"}};  // a -D naming no parameter or size is still an error
  EXPECT_NE(lower(text, options).headline().find("-D seq: no kernel in this file has a parameter named 'seq'"),
            std::string::npos);
}
}  // namespace
}  // namespace tt::frontend
