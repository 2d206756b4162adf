// T.cumsum / T.cummax (tilelang/language/scan_op.py): checked as TileLang checks them (dim in range, dst shaped as
// src: `frontend` errors) and then rejected as `unsupported` with what the scan computes, since no Tenstorrent pass
// lowers a scan yet (compiler/frontend/tile_op_lowering.cpp, reject_scan). The whole-file forms are bad inputs
// 176-179; these are the argument forms.
#include <gtest/gtest.h>

#include <string>

#include "compiler/frontend/frontend.h"

namespace tt::frontend {
namespace {

// The first diagnostic's headline for a kernel whose statement after the copy into G_shared (32, 64) is STMT.
std::string headline(const std::string& stmt) {
  const std::string text = R"(import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def scan(S=256, block_S=64, dtype="float32"):

    @T.prim_func
    def main(G: T.Tensor((32, S), dtype), G_new: T.Tensor((32, S), dtype)):
        with T.Kernel(T.ceildiv(S, block_S), threads=128) as bs:
            G_shared = T.alloc_shared((32, block_S), dtype)
            T.copy(G[0, bs * block_S], G_shared)
            )" + stmt + R"(
            T.copy(G_shared, G_new[0, bs * block_S])

    return main


kernel = scan()
)";
  DiagnosticList diags;
  lower_source(SourceFile("k.py", text), FrontendOptions{}, diags);
  return diags.empty() ? "(no diagnostic)" : diagnostic_headline(diags.items()[0], "k.py", true);
}

const std::string kTail = "; the Tenstorrent passes lower element-wise maps, reductions and matmuls, and no scan";

TEST(ScanFrontend, TheDefaultIsAPrefixScanAlongTheFirstDimension) {
  EXPECT_EQ(headline("T.cumsum(G_shared)"),
            "k.py:13:13: error: [unsupported] T.cumsum is not lowered for Tenstorrent yet: it computes an inclusive "
            "prefix sum of G_shared (32, 64) along dim 0 (element k is the sum of elements 0..k), in place" +
                kTail);
}

TEST(ScanFrontend, NegativeDimsCountFromTheEndAndReverseIsASuffixScan) {
  EXPECT_EQ(headline("T.cummax(src=G_shared, dim=-1, reverse=True)"),
            "k.py:13:13: error: [unsupported] T.cummax is not lowered for Tenstorrent yet: it computes an inclusive "
            "suffix maximum of G_shared (32, 64) along dim 1 (element k is the maximum of elements k..63), in place" +
                kTail);
}

TEST(ScanFrontend, ARegionIsNamedWithItsBuffer) {
  EXPECT_EQ(headline("T.cumsum(G_shared[0:16, 0:64], dim=1)"),
            "k.py:13:13: error: [unsupported] T.cumsum is not lowered for Tenstorrent yet: it computes an inclusive "
            "prefix sum of G_shared[0:16, 0:64], a region of G_shared (32, 64) along dim 1 (element k is the sum of "
            "elements 0..k), in place" +
                kTail);
}

TEST(ScanFrontend, BadArgumentsAreFrontendErrors) {
  EXPECT_EQ(headline("T.cumsum(G_shared, dim=-3)"),
            "k.py:13:36: error: [frontend] T.cumsum dim=-3 is out of bounds: G_shared has shape (32, 64)");
  EXPECT_EQ(headline("T.cumsum(G_shared, dim=1, reverse=\"yes\")"),
            "k.py:13:47: error: [frontend] T.cumsum reverse must be True or False, got 'yes'");
  EXPECT_EQ(headline("T.cumsum(G_shared, dim=1, axis=0)"),
            "k.py:13:39: error: [frontend] T.cumsum got an unexpected keyword argument 'axis'");
  EXPECT_EQ(headline("x = T.cumsum(G_shared, dim=1)"),
            "k.py:13:17: error: [frontend] 'T.cumsum' can only be used as a statement inside a @T.prim_func");
}

}  // namespace
}  // namespace tt::frontend
