// `-D factory.param=value` binds one factory's parameter; a bare `-D param` binds every factory's
// parameter of that name (issue 15: the Source form's per-kernel groups set the scoped form).
#include <gtest/gtest.h>

#include <string>

#include "compiler/compiler.h"
#include "compiler/ir/tt_metadata.h"

namespace tt {
namespace {

// Two GEMM factories with the same parameter names, each instantiated once.
std::string two_factories() {
  std::string one = R"(
@tilelang.jit(out_idx=[-1])
def NAME(M, N, K, block_M, block_N, block_K, dtype="float16", accum_dtype="float"):

    @T.prim_func
    def gemm(
            A: T.Tensor((M, K), dtype),
            B: T.Tensor((K, N), dtype),
            C: T.Tensor((M, N), dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_K), dtype)
            B_shared = T.alloc_shared((block_K, block_N), dtype)
            C_local = T.alloc_fragment((block_M, block_N), accum_dtype)
            T.clear(C_local)
            for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=3):
                T.copy(A[by * block_M, k * block_K], A_shared)
                T.copy(B[k * block_K, bx * block_N], B_shared)
                T.gemm(A_shared, B_shared, C_local)
            T.copy(C_local, C[by * block_M, bx * block_N])

    return gemm
)";
  std::string src = "import tilelang\nimport tilelang.language as T\n";
  for (const char* name : {"first", "second"}) {
    std::string f = one;
    f.replace(f.find("NAME"), 4, name);
    src += f;
  }
  return src + "\nka = first(1024, 1024, 1024, 128, 128, 32)\nkb = second(1024, 1024, 1024, 128, 128, 32)\n";
}

// Tiles per block along M of the kernel named `name` (block_M / 32).
int64_t block_m_tiles(const CompileResult& r, const std::string& name) {
  for (const KernelResult& k : r.kernels) {
    if (k.name.find(name) == std::string::npos) continue;
    auto wp = ir::get_work_partition(k.module);
    return wp ? wp->block_tiles.at(0) : -1;
  }
  return -1;
}

TEST(ScopedDefines, AFactoryQualifiedDefineBindsOnlyThatFactory) {
  CompileOptions options;
  options.defines = {{"first.block_M", "64"}};
  CompileResult r = compile_source(SourceFile("two.py", two_factories()), options);
  ASSERT_TRUE(r.ok()) << r.all_diagnostics().size();
  ASSERT_EQ(r.kernels.size(), 2u);
  EXPECT_EQ(block_m_tiles(r, "first"), 2);
  EXPECT_EQ(block_m_tiles(r, "second"), 4);
}

TEST(ScopedDefines, ABareDefineBindsEveryFactoryAndTheScopedOneWins) {
  CompileOptions options;
  options.defines = {{"block_M", "64"}, {"second.block_M", "256"}};
  CompileResult r = compile_source(SourceFile("two.py", two_factories()), options);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(block_m_tiles(r, "first"), 2);
  EXPECT_EQ(block_m_tiles(r, "second"), 8);
}

TEST(ScopedDefines, AnUnknownFactoryOrParameterIsAnError) {
  CompileOptions options;
  options.defines = {{"third.block_M", "64"}};
  CompileResult r = compile_source(SourceFile("two.py", two_factories()), options);
  EXPECT_FALSE(r.ok());
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_NE(r.diagnostics.begin()->message.find("-D third.block_M: no kernel in this file has a parameter named"),
            std::string::npos);
}

}  // namespace
}  // namespace tt
