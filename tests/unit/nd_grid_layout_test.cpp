// 3-D T.Kernel grids and N-D global tensors (issue 13): the persistent loop recovers (bx, by, bz)
// from the linear block id, a BSHD tensor read as (seq, dim) blocks is tiled over dims 1 and 3
// (tt.buffer.*.tiled_dims, the plan's layouts and buffers), the reader/writer page ids add the
// (batch, head) matrix's first page, and a copy that tiles other dims of the same tensor is
// [unsupported]. The numeric checks are the cli_run_* tests (tests/emu/CMakeLists.txt).
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "compiler/compiler.h"
#include "compiler/ir/tt_metadata.h"

namespace tt {
namespace {

// Per (batch, head): Out[b, s-block, h, :] = X[b, s-block, h, :] @ W, on a (seq block, head, batch) grid.
std::string bshd_source(const std::string& x_copy = "X[bz, bx * 32:(bx + 1) * 32, by, k * 32:(k + 1) * 32]") {
  std::string text = R"(import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def project(batch=2, heads=3, seq_len=64, dim=64, dtype="float16"):
    shape = [batch, seq_len, heads, dim]

    @T.prim_func
    def main(X: T.Tensor(shape, dtype), W: T.Tensor([dim, dim], dtype), Out: T.Tensor(shape, dtype)):
        with T.Kernel(seq_len // 32, heads, batch) as (bx, by, bz):
            X_shared = T.alloc_shared([32, 32], dtype)
            W_shared = T.alloc_shared([32, dim], dtype)
            acc = T.alloc_fragment([32, dim], "float")
            T.clear(acc)
            for k in T.Pipelined(dim // 32, num_stages=2):
                T.copy({x_copy}, X_shared)
                T.copy(W[k * 32, 0], W_shared)
                T.gemm(X_shared, W_shared, acc)
            T.copy(acc, Out[bz, bx * 32:(bx + 1) * 32, by, :])

    return main
)";
  text.replace(text.find("{x_copy}"), 8, x_copy);
  return text;
}

CompileResult compile(const std::string& text) { return compile_source(SourceFile("bshd.py", text), CompileOptions{}); }

std::string artifact(const KernelResult& k, const char* name) {
  const Artifact* a = k.find_artifact(name);
  return a ? a->text : "";
}

TEST(NdGridLayout, PersistentLoopRecoversThreeBlockIndices) {
  CompileResult r = compile(bshd_source());
  ASSERT_TRUE(r.ok()) << render_diagnostics(r.all_diagnostics(), r.source);
  const PassRecord* rec = r.kernels[0].trace.find("grid_to_persistent_tt");
  ASSERT_NE(rec, nullptr);
  // Linear block id = (bz * 3 + by) * 2 + bx: bx fastest, as the partition's row_major tile_order.
  EXPECT_NE(rec->ir_text.find("        bz = block // 6\n"
                              "        by = block // 2 % 3\n"
                              "        bx = block % 2\n"),
            std::string::npos)
      << rec->ir_text;
  const auto wp = ir::get_work_partition(r.kernels[0].module);
  ASSERT_TRUE(wp);
  EXPECT_EQ(wp->block_grid, (std::vector<int64_t>{2, 3, 2}));
  EXPECT_EQ(wp->num_blocks, 12);
  EXPECT_EQ(wp->block_tiles, (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(wp->grid_tiles, (std::vector<int64_t>{2, 2, 3, 2}));
}

TEST(NdGridLayout, BshdTensorIsTiledOverSeqAndDim) {
  CompileResult r = compile(bshd_source());
  ASSERT_TRUE(r.ok()) << render_diagnostics(r.all_diagnostics(), r.source);
  const ir::Module& m = r.kernels[0].module;
  for (const char* name : {"X", "Out"}) {
    SCOPED_TRACE(name);
    const auto layout = ir::get_buffer_layout(m, name);
    ASSERT_TRUE(layout);
    EXPECT_EQ(layout->tiled_dims, (std::vector<int64_t>{1, 3}));
    EXPECT_EQ(layout->tiles, (std::vector<int64_t>{2, 2, 3, 2}));
    EXPECT_EQ(layout->matrix_tiles(), 4);
    EXPECT_EQ(layout->num_tiles, 24);
  }
  // A 2-D buffer keeps its JSON as before: no tiled_dims entry (both dims are tiled).
  EXPECT_FALSE(m.attrs.at("tt.buffer.W").contains("tiled_dims"));
  EXPECT_EQ(m.attrs.at("tt.buffer.X").at("tiled_dims"), nlohmann::json::array({1, 3}));
  const nlohmann::json plan = nlohmann::json::parse(artifact(r.kernels[0], "tt.plan.json"));
  EXPECT_EQ(plan.at("layouts").at("X").at("tiled_dims"), nlohmann::json::array({1, 3}));
  EXPECT_EQ(plan.at("buffers").at("Out").at("tiled_dims"), nlohmann::json::array({1, 3}));
  EXPECT_FALSE(plan.at("buffers").at("W").contains("tiled_dims"));
}

TEST(NdGridLayout, PageIdsStartAtTheBlocksMatrix) {
  CompileResult r = compile(bshd_source());
  ASSERT_TRUE(r.ok()) << render_diagnostics(r.all_diagnostics(), r.source);
  // Matrix (bz, by) of 3 heads starts at page (bz * 3 + by) * 4; inside it, tile (bx, k) of a 2x2 matrix.
  EXPECT_NE(
      artifact(r.kernels[0], "reader.cpp").find("noc_async_read_page((bz * 3 + by) * 4 + (bx * 2 + k), X_accessor"),
      std::string::npos)
      << artifact(r.kernels[0], "reader.cpp");
  EXPECT_NE(artifact(r.kernels[0], "writer.cpp").find("(bz * 3 + by) * 4 + (bx * 2 + j), Out_accessor"),
            std::string::npos)
      << artifact(r.kernels[0], "writer.cpp");
  // The host gathers the (batch, head) matrices before tilizing and scatters them after untilizing.
  const std::string main_cpp = artifact(r.kernels[0], "main.cpp");
  EXPECT_NE(main_cpp.find("tilize_nfaces(matrices_from_tensor(X_bits, {2, 64, 3, 64}, 1, 3), 384, 64)"),
            std::string::npos);
  EXPECT_NE(main_cpp.find("tensor_from_matrices(untilize_nfaces(Out_tiles, 384, 64), {2, 64, 3, 64}, 1, 3)"),
            std::string::npos);
  EXPECT_NE(main_cpp.find("tilize_nfaces(W_bits, 64, 64)"), std::string::npos);
}

TEST(NdGridLayout, CopiesTilingOtherDimsOfTheSameTensorAreUnsupported) {
  // The second copy reads X as (heads, dim) blocks, which X's (seq, dim) layout cannot serve.
  std::string text = bshd_source();
  const std::string w_copy = "                T.copy(W[k * 32, 0], W_shared)\n";
  text.replace(text.find(w_copy), w_copy.size(),
               "                T.copy(X[bz, bx, 0:3, k * 32:(k + 1) * 32], heads_shared)\n" + w_copy);
  text.replace(text.find("            acc = "), 0, "            heads_shared = T.alloc_shared([3, 32], dtype)\n");
  CompileResult r = compile(text);
  ASSERT_FALSE(r.ok());
  const DiagnosticList all = r.all_diagnostics();
  auto first = std::find_if(all.begin(), all.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; });
  ASSERT_NE(first, all.end());
  EXPECT_EQ(first->category, DiagnosticCategory::Unsupported);
  EXPECT_EQ(first->message,
            "T.copy region of 'X' moves a block along dims [2, 3], but 'X' is laid out in DRAM as tiles over dims "
            "[1, 3]: one buffer's copies must all tile the same two dimensions");
  ASSERT_EQ(first->notes.size(), 1u);
  EXPECT_EQ(first->notes[0].message, "this copy chose dims [1, 3]");
}

TEST(NdGridLayout, TheTiledDimsMustBeTileAligned) {
  // seq_len 48: dim 1 is tiled, so it must be a multiple of 32; the untiled heads dim (3) need not be.
  std::string text = bshd_source();
  text.replace(text.find("seq_len=64"), 10, "seq_len=48");
  CompileResult r = compile(text);
  ASSERT_FALSE(r.ok());
  const DiagnosticList all = r.all_diagnostics();
  auto first = std::find_if(all.begin(), all.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; });
  ASSERT_NE(first, all.end());
  EXPECT_EQ(first->message,
            "buffer 'X' is not tile-aligned: dim 1 is 48, not a multiple of the tile size 32 (padding is not "
            "supported yet)");
}

}  // namespace
}  // namespace tt
