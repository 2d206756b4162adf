// tensorize_tt: each of the seed backend's bugs as a test (distinct operand CBs, every output tile
// written, K loop found by structure, accumulate on k > 0, sub-blocking only when the block exceeds
// DST, transpose_B reaching matmul_init), plus the errors for missing metadata and a missing clear.
#include <algorithm>
#include <set>

#include "tests/unit/tt_kernel_test_util.h"

namespace tt {
namespace {

using namespace ir;
using test::GemmShape;

std::string tensorized(const GemmShape& s = {}) {
  Module m = test::gemm_after("tensorize_tt", s);
  return test::func_text(m.funcs.at(0));
}

std::vector<std::string> tensorize_errors(Module& m) {
  DiagnosticList diags;
  EXPECT_FALSE(test::run_pass(m, "tensorize_tt", test::device(), diags));
  return test::headlines(diags);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(TensorizeTT, GemmOperandsResolveToDistinctCBsFromMetadata) {
  std::string ir = tensorized();
  EXPECT_TRUE(contains(ir, "T.tt.compute_kernel_hw_startup<SrcOrder::Reverse>(A_shared@cb0, B_shared@cb1, C@cb16)"))
      << ir;
  EXPECT_TRUE(contains(ir, "T.tt.matmul_init(A_shared@cb0, B_shared@cb1, 0)")) << ir;
  EXPECT_TRUE(contains(ir, "T.tt.matmul_tiles(A_shared@cb0, B_shared@cb1, sbi * 2 + i, j, i * 4 + j)")) << ir;
  EXPECT_FALSE(contains(ir, "T.copy"));
  EXPECT_FALSE(contains(ir, "T.gemm"));
  EXPECT_FALSE(contains(ir, "T.clear"));
}

TEST(TensorizeTT, CBIdsComeOnlyFromMetadata) {
  // Moving B_shared to another CB index in tt.cb.* is all it takes to move every use of it.
  Module m = test::gemm_after("memory_space_lower_tt");
  m.attrs["tt.cb.B_shared"]["index"] = 7;
  DiagnosticList diags;
  ASSERT_TRUE(test::run_pass(m, "tensorize_tt", test::device(), diags));
  std::string ir = test::func_text(m.funcs[0]);
  EXPECT_FALSE(contains(ir, "B_shared@cb1"));
  EXPECT_TRUE(contains(ir, "T.tt.matmul_tiles(A_shared@cb0, B_shared@cb7,")) << ir;
  EXPECT_TRUE(contains(ir, "T.tt.cb_push_back(B_shared@cb7, 4)")) << ir;
}

TEST(TensorizeTT, MissingCBEntryIsAnErrorNamingTheBuffer) {
  Module m = test::gemm_after("memory_space_lower_tt");
  m.attrs.erase("tt.cb.B_shared");
  EXPECT_EQ(tensorize_errors(m),
            std::vector<std::string>{test::error_at(
                "T.gemm(A_shared, B_shared, C_local)",
                "missing circular-buffer metadata 'tt.cb.B_shared' for buffer B_shared (operand B of T.gemm)")});
}

TEST(TensorizeTT, MissingOutputCBIsAnErrorNamingTheBuffer) {
  Module m = test::gemm_after("memory_space_lower_tt");
  m.attrs.erase("tt.cb.C");
  EXPECT_EQ(tensorize_errors(m),
            std::vector<std::string>{test::error_at(
                "T.copy(C_local, C[by * block_M, bx * block_N])",
                "missing circular-buffer metadata 'tt.cb.C' for buffer C (output CB of the copy C_local -> C)")});
}

TEST(TensorizeTT, GemmOperandsSharingOneCBIsAnError) {
  Module m = test::gemm_after("memory_space_lower_tt");
  m.attrs["tt.cb.B_shared"]["index"] = 0;
  EXPECT_EQ(tensorize_errors(m),
            std::vector<std::string>{test::error_at("T.gemm(A_shared, B_shared, C_local)",
                                                    "T.gemm buffers A_shared and B_shared resolve to the same "
                                                    "circular buffer 0")});
}

TEST(TensorizeTT, ReaderTileIdsFollowTheRegionStarts) {
  std::string ir = tensorized();
  EXPECT_TRUE(contains(ir,
                       "            T.tt.cb_reserve_back(A_shared@cb0, 4)\n"
                       "            for i in T.serial(4):\n"
                       "                T.tt.noc_async_read_page(\"A\", (by * 4 + i) * 32 + k, A_shared@cb0, i)\n"
                       "            T.tt.noc_async_read_barrier()\n"
                       "            T.tt.cb_push_back(A_shared@cb0, 4)\n"))
      << ir;
  EXPECT_TRUE(contains(ir, "T.tt.noc_async_read_page(\"B\", k * 32 + bx * 4 + j, B_shared@cb1, j)")) << ir;
}

TEST(TensorizeTT, ReductionLoopIsFoundByStructureNotByName) {
  // The reference with its K loop variable called `ko` (the seed only recognised `k`).
  test::GemmParts p = test::make_gemm_parts(1024, 1024, 1024, 128, 128, 32);
  auto* loop = as<ForNode>(p.k_loop);
  Var ko = make_var("ko", loop->span);
  Stmt body = substitute(loop->body, {{p.k.get(), ko}});
  Stmt k_loop = make_for(ko, loop->min, loop->extent, loop->for_kind, loop->num_stages, body, loop->span);
  Module m = test::make_module(p, {p.alloc_a, p.alloc_b, p.alloc_c, p.clear, k_loop, p.copy_out});
  test::run_to(m, "tensorize_tt");
  std::string ir = test::func_text(m.funcs[0]);
  EXPECT_TRUE(contains(ir, "for ko in T.Pipelined(32, num_stages=3):")) << ir;
  EXPECT_TRUE(contains(ir, "if ko > 0:")) << ir;
  EXPECT_TRUE(contains(ir, "if ko == 31:")) << ir;
  EXPECT_TRUE(contains(ir, "T.tt.noc_async_read_page(\"A\", (by * 4 + i) * 32 + ko, A_shared@cb0, i)")) << ir;
  EXPECT_FALSE(contains(ir, " k ")) << ir;
}

TEST(TensorizeTT, PartialsAreReloadedOnEveryKStepButTheFirst) {
  Module m = test::gemm_after("tensorize_tt");
  std::string ir = test::func_text(m.funcs[0]);
  EXPECT_TRUE(contains(ir,
                       "                T.tt.tile_regs_acquire()\n"
                       "                if k > 0:\n"
                       "                    T.tt.copy_tile_to_dst_init_short_with_dt(B_shared@cb1, C_local@cb24)\n"
                       "                    T.tt.cb_wait_front(C_local@cb24, 8)\n"
                       "                    for t in T.serial(8):\n"
                       "                        T.tt.copy_tile(C_local@cb24, t, t)\n"
                       "                    T.tt.cb_pop_front(C_local@cb24, 8)\n"))
      << ir;
  // Count the reloads over one block: every K step but the first, for each of the 2 sub-blocks.
  const ForNode* block = test::persistent_loop(m.funcs[0]);
  ASSERT_NE(block, nullptr);
  passes::verify::Env env{{block->var.get(), 0}};
  int reloads = 0;
  test::enumerate_calls(block->body, TTIntrinsic::CopyTileInitWithDt, env, [&](const std::vector<int64_t>&) { ++reloads; });
  EXPECT_EQ(reloads, 31 * 2);
  int matmuls = 0;
  test::enumerate_calls(block->body, TTIntrinsic::MatmulTiles, env, [&](const std::vector<int64_t>&) { ++matmuls; });
  EXPECT_EQ(matmuls, 32 * 16);  // every K step, every output tile
}

TEST(TensorizeTT, Fp32Accumulation4x4IsSubBlocked) {
  // 16 fp32 tiles > 8 DST tiles: two 2x4 sub-blocks, partials spilled to C_local's CB.
  std::string ir = tensorized();
  EXPECT_TRUE(contains(ir, "for sbi in T.serial(2):")) << ir;
  EXPECT_TRUE(contains(ir, "T.tt.pack_tile(t, C_local@cb24)")) << ir;
  EXPECT_TRUE(contains(ir, "T.tt.cb_reserve_back(C@cb16, 8)")) << ir;
}

TEST(TensorizeTT, BlockThatFitsDstIsNotSubBlocked) {
  // 2x2 fp32 tiles (4 <= 8): acquire once per block, accumulate over all K, pack once.
  GemmShape small;
  small.bM = small.bN = 64;
  Module m = test::gemm_after("tensorize_tt", small);
  const ForNode* block = test::persistent_loop(m.funcs[0]);
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(print_stmt(block->body),
            "by = block // 16\n"
            "bx = block % 16\n"
            "T.tt.tile_regs_acquire()\n"
            "for k in T.Pipelined(32, num_stages=3):\n"
            "    T.tt.cb_reserve_back(A_shared@cb0, 2)\n"
            "    for i in T.serial(2):\n"
            "        T.tt.noc_async_read_page(\"A\", (by * 2 + i) * 32 + k, A_shared@cb0, i)\n"
            "    T.tt.noc_async_read_barrier()\n"
            "    T.tt.cb_push_back(A_shared@cb0, 2)\n"
            "    T.tt.cb_reserve_back(B_shared@cb1, 2)\n"
            "    for j in T.serial(2):\n"
            "        T.tt.noc_async_read_page(\"B\", k * 32 + bx * 2 + j, B_shared@cb1, j)\n"
            "    T.tt.noc_async_read_barrier()\n"
            "    T.tt.cb_push_back(B_shared@cb1, 2)\n"
            "    T.tt.cb_wait_front(A_shared@cb0, 2)\n"
            "    T.tt.cb_wait_front(B_shared@cb1, 2)\n"
            "    for i in T.serial(2):\n"
            "        for j in T.serial(2):\n"
            "            T.tt.matmul_tiles(A_shared@cb0, B_shared@cb1, i, j, i * 2 + j)\n"
            "    T.tt.cb_pop_front(A_shared@cb0, 2)\n"
            "    T.tt.cb_pop_front(B_shared@cb1, 2)\n"
            "T.tt.tile_regs_commit()\n"
            "T.tt.tile_regs_wait()\n"
            "T.tt.cb_reserve_back(C@cb16, 4)\n"
            "for t in T.serial(4):\n"
            "    T.tt.pack_tile(t, C@cb16)\n"
            "T.tt.cb_push_back(C@cb16, 4)\n"
            "T.tt.tile_regs_release()\n"
            "T.tt.cb_wait_front(C@cb16, 4)\n"
            "for i in T.serial(2):\n"
            "    for j in T.serial(2):\n"
            "        T.tt.noc_async_write_page(\"C\", (by * 2 + i) * 32 + bx * 2 + j, C@cb16, i * 2 + j)\n"
            "T.tt.noc_async_write_barrier()\n"
            "T.tt.cb_pop_front(C@cb16, 4)\n");
}

TEST(TensorizeTT, Fp16Accumulation4x4FitsDst) {
  // 16 16-bit tiles <= 16: no sub-blocks, no partials CB.
  GemmShape fp16;
  fp16.accum = DataType::Float16;
  std::string ir = tensorized(fp16);
  EXPECT_FALSE(contains(ir, "sbi")) << ir;
  EXPECT_FALSE(contains(ir, "C_local@cb")) << ir;
  EXPECT_FALSE(contains(ir, "copy_tile")) << ir;
  EXPECT_TRUE(contains(ir, "T.tt.matmul_tiles(A_shared@cb0, B_shared@cb1, i, j, i * 4 + j)")) << ir;
}

TEST(TensorizeTT, TransposeBReachesMatmulTiles) {
  // B is (N, K); with block_K = 64 each K step holds 2 K tiles per B row, so the page order shows.
  GemmShape t;
  t.transpose_b = true;
  t.bK = 64;
  std::string ir = tensorized(t);
  EXPECT_TRUE(contains(ir, "T.tt.matmul_init(A_shared@cb0, B_shared@cb1, 1)")) << ir;
  EXPECT_TRUE(contains(ir,
                       "T.tt.matmul_tiles(A_shared@cb0, B_shared@cb1, (sbi * 2 + i) * 2 + kt, j * 2 + kt, "
                       "i * 4 + j)"))
      << ir;
  EXPECT_TRUE(contains(ir, "T.tt.noc_async_read_page(\"B\", (bx * 4 + i) * 32 + k * 2 + j, B_shared@cb1, i * 2 + j)"))
      << ir;
}

TEST(TensorizeTT, ClearIsRequiredBeforeTheGemm) {
  test::GemmParts p = test::make_gemm_parts(1024, 1024, 1024, 128, 128, 32);
  Module m = test::make_module(p, {p.alloc_a, p.alloc_b, p.alloc_c, p.k_loop, p.copy_out});
  DiagnosticList diags;
  ASSERT_TRUE(test::run_through(m, "memory_space_lower_tt", test::device(), diags)) << diags.size();
  EXPECT_EQ(tensorize_errors(m),
            std::vector<std::string>{test::error_at(
                "T.gemm(A_shared, B_shared, C_local)",
                "accumulator C_local is never cleared before T.gemm (add T.clear(C_local) before the reduction "
                "loop, or clear_accum=True)")});
}

TEST(TensorizeTT, WriterWritesEveryTileOfTheBlockOnce) {
  Module m = test::gemm_after("tensorize_tt");
  const ForNode* block = test::persistent_loop(m.funcs[0]);
  ASSERT_NE(block, nullptr);
  // Block 19 of the 8x8 block grid: by = 2, bx = 3.
  passes::verify::Env env{{block->var.get(), 19}};
  std::set<int64_t> tiles, pages;
  std::set<int64_t> expected;
  for (int64_t i = 0; i < 4; ++i) {
    for (int64_t j = 0; j < 4; ++j) expected.insert((2 * 4 + i) * 32 + 3 * 4 + j);
  }
  int writes = 0;
  test::enumerate_calls(block->body, TTIntrinsic::NocWriteTile, env, [&](const std::vector<int64_t>& args) {
    ++writes;
    tiles.insert(args[1]);
    pages.insert(args[3]);
  });
  EXPECT_EQ(writes, 16);
  EXPECT_EQ(tiles, expected);
  EXPECT_EQ(pages, (std::set<int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}));
}

TEST(TensorizeTT, RowWiderThanDstIsSplitIntoColumnSubBlocks) {
  // A 1 x 16-tile fp32 block: sub-blocks of 1 x 8; the writer walks the tiles in that packing order.
  GemmShape wide;
  wide.M = 256;
  wide.N = 1024;
  wide.K = 128;
  wide.bM = 32;
  wide.bN = 512;
  Module m = test::gemm_after("tensorize_tt", wide);
  std::string ir = test::func_text(m.funcs[0]);
  EXPECT_TRUE(contains(ir, "for sbj in T.serial(2):")) << ir;
  EXPECT_TRUE(contains(ir, "T.tt.matmul_tiles(A_shared@cb0, B_shared@cb1, 0, sbj * 8 + j, j)")) << ir;
  EXPECT_TRUE(contains(ir, "T.tt.noc_async_write_page(\"C\", by * 32 + bx * 16 + sbj * 8 + j, C@cb16, sbj * 8 + j)"))
      << ir;
  const ForNode* block = test::persistent_loop(m.funcs[0]);
  ASSERT_NE(block, nullptr);
  passes::verify::Env env{{block->var.get(), 3}};  // by = 1, bx = 1
  std::vector<std::pair<int64_t, int64_t>> writes;
  test::enumerate_calls(block->body, TTIntrinsic::NocWriteTile, env,
                        [&](const std::vector<int64_t>& a) { writes.emplace_back(a[3], a[1]); });
  ASSERT_EQ(writes.size(), 16u);
  for (size_t p = 0; p < writes.size(); ++p) {
    EXPECT_EQ(writes[p].first, static_cast<int64_t>(p));
    EXPECT_EQ(writes[p].second, 1 * 32 + 1 * 16 + static_cast<int64_t>(p));  // page p holds column p
  }
}

TEST(TensorizeTT, IRSizeDoesNotGrowWithTheProblem) {
  GemmShape big;
  big.M = big.N = big.K = 4096;
  std::string small_ir = tensorized();
  std::string big_ir = tensorized(big);
  EXPECT_EQ(std::count(small_ir.begin(), small_ir.end(), '\n'), std::count(big_ir.begin(), big_ir.end(), '\n'));
  EXPECT_TRUE(contains(big_ir, "if k == 127:")) << big_ir;
}

}  // namespace
}  // namespace tt
