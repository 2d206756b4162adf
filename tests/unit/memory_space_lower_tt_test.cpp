// memory_space_lower_tt: the exact CB allocations of the reference, buffer substitution, missing or
// stale tt.cb errors, and the L1 budget: overflow breakdown on Wormhole, the same kernel fitting Blackhole.
#include <gtest/gtest.h>

#include "compiler/ir/functor.h"
#include "compiler/ir/printer.h"
#include "compiler/ir/tt_metadata.h"
#include "tests/unit/test_ir_builders.h"

namespace tt::test {
namespace {

using namespace ir;
using Headlines = std::vector<std::string>;

TEST(MemorySpaceLowerTT, ReferenceSharedBuffersBecomeCircularBuffers) {
  Module m = make_gemm_module(1024, 1024, 1024, 128, 128, 32);
  DiagnosticList diags;
  ASSERT_TRUE(run_through(m, "memory_space_lower_tt", device(), diags))
      << render_diagnostics(diags, example_gemm_source());
  EXPECT_EQ(print_stmt(m.funcs[0].body),
            "start_block = T.tt.runtime_arg(0, \"start_block\")\n"
            "num_blocks = T.tt.runtime_arg(1, \"num_blocks\")\n"
            "A_shared = T.tt.alloc_cb((128, 32), \"float16\", cb=0, num_pages=12, page_size=2048)\n"
            "B_shared = T.tt.alloc_cb((32, 128), \"float16\", cb=1, num_pages=12, page_size=2048)\n"
            "C = T.tt.alloc_cb((128, 128), \"float16\", cb=16, num_pages=16, page_size=2048)\n"
            "C_local = T.tt.alloc_cb((128, 128), \"float32\", cb=24, num_pages=16, page_size=4096)\n"
            "for block in T.tt.persistent(start_block, start_block + num_blocks):\n"
            "    by = block // 8\n"
            "    bx = block % 8\n"
            "    T.clear(C_local)\n"
            "    for k in T.Pipelined(32, num_stages=3):\n"
            "        T.copy(A[by * 128:by * 128 + 128, k * 32:k * 32 + 32], A_shared)\n"
            "        T.copy(B[k * 32:k * 32 + 32, bx * 128:bx * 128 + 128], B_shared)\n"
            "        T.gemm(A_shared, B_shared, C_local)\n"
            "    T.copy(C_local, C[by * 128:by * 128 + 128, bx * 128:bx * 128 + 128])\n");
}

// Every reference to an on-chip buffer now points at the allocation's CircularBuffer-scope node.
TEST(MemorySpaceLowerTT, UsesAreSubstitutedByIdentity) {
  Module m = make_gemm_module(1024, 1024, 1024, 128, 128, 32);
  DiagnosticList diags;
  ASSERT_TRUE(run_through(m, "memory_space_lower_tt", device(), diags));
  std::map<std::string, const BufferNode*> allocated;
  std::vector<const BufferNode*> used;
  for_each_stmt(m.funcs[0].body, [&](const Stmt& s) {
    if (s->kind == StmtKind::Allocate) {
      auto* a = as<AllocateNode>(s);
      EXPECT_EQ(a->buffer->scope, MemScope::CircularBuffer);
      allocated[a->buffer->name] = a->buffer.get();
    } else if (s->kind == StmtKind::Gemm) {
      auto* g = as<GemmNode>(s);
      used = {g->a.buffer.get(), g->b.buffer.get(), g->c.buffer.get()};
    }
  });
  ASSERT_EQ(used.size(), 3u);
  EXPECT_EQ(used[0], allocated["A_shared"]);
  EXPECT_EQ(used[1], allocated["B_shared"]);
  EXPECT_EQ(used[2], allocated["C_local"]);
}

TEST(MemorySpaceLowerTT, SharedBufferWithoutCBMetadataIsAnError) {
  Module m = make_gemm_module(1024, 1024, 1024, 128, 128, 32);
  DiagnosticList diags;
  ASSERT_TRUE(run_through(m, "grid_to_persistent_tt", device(), diags));
  m.attrs.erase("tt.cb.B_shared");
  EXPECT_FALSE(run_pass(m, "memory_space_lower_tt", device(), diags));
  EXPECT_EQ(headlines(diags), Headlines{"example_gemm.py:16:13: error: no circular buffer metadata for 'B_shared' "
                                        "(tt.cb.B_shared missing or malformed)"});
}

TEST(MemorySpaceLowerTT, StaleCBEntryIsAnError) {
  Module m = make_gemm_module(1024, 1024, 1024, 128, 128, 32);
  DiagnosticList diags;
  ASSERT_TRUE(run_through(m, "grid_to_persistent_tt", device(), diags));
  CircularBuffer stale = *get_circular_buffer(m, "A_shared");
  stale.name = "X_shared";
  stale.index = 2;
  set_circular_buffer(m, stale);
  EXPECT_FALSE(run_pass(m, "memory_space_lower_tt", device(), diags));
  EXPECT_EQ(headlines(diags), Headlines{"example_gemm.py:9:5: error: tt.cb.X_shared (c_2, role input) describes no "
                                        "on-chip buffer or output copy of 'gemm'"});
}

TEST(MemorySpaceLowerTT, NeedsThePersistentLoop) {
  Module m = make_gemm_module(1024, 1024, 1024, 128, 128, 32);
  DiagnosticList diags;
  ASSERT_TRUE(run_through(m, "layout_aware_work_partition_tt", device(), diags));
  EXPECT_FALSE(run_pass(m, "memory_space_lower_tt", device(), diags));
  EXPECT_EQ(headlines(diags),
            Headlines{"example_gemm.py:9:5: error: memory_space_lower_tt needs the persistent loop of "
                      "grid_to_persistent_tt in 'gemm'"});
}

// 256x256x128 blocks, 8 stages: A/B 32 tiles x 8 stages x 2 KiB each, C_local 64 fp32 tiles,
// C 64 tiles: 1,441,792 B. Wormhole's budget is 1,396,352 B; Blackhole's 1,461,504 B.
Module big_blocks() {
  return make_gemm_module(1024, 1024, 1024, 256, 256, 128, DataType::Float16, DataType::Float32, 8);
}

TEST(MemorySpaceLowerTT, L1OverflowReportsEveryCircularBuffer) {
  Module m = big_blocks();
  DiagnosticList diags;
  EXPECT_FALSE(run_through(m, "memory_space_lower_tt", device("wormhole_n150"), diags));
  EXPECT_EQ(headlines(diags),
            Headlines{"example_gemm.py:14:9: error: L1 overflow on wormhole_n150: circular buffers need "
                      "1,441,792 bytes, budget is 1,396,352 bytes"});
  ASSERT_EQ(diags.size(), 1u);
  const Diagnostic& d = diags.items()[0];
  EXPECT_EQ(note_messages(d),
            (std::vector<std::string>{
                "A_shared: cb 0, 256 pages x 2048 B = 524288 B", "B_shared: cb 1, 256 pages x 2048 B = 524288 B",
                "C: cb 16, 64 pages x 2048 B = 131072 B", "C_local: cb 24, 64 pages x 4096 B = 262144 B",
                "reserved: 102784 B of the 1499136 B L1 per core are reserved for firmware and the runtime"}));
  EXPECT_EQ(d.notes[0].span.begin.line, 15u);  // notes point at the allocations
  EXPECT_EQ(d.notes[2].span.begin.line, 26u);  // the output CB at the output copy
  const std::string rendered = render_diagnostic(d, example_gemm_source());
  EXPECT_NE(rendered.find("example_gemm.py:15:13: note: A_shared: cb 0"), std::string::npos) << rendered;
}

TEST(MemorySpaceLowerTT, KernelThatOnlyFitsBlackholePassesThere) {
  Module m = big_blocks();
  DiagnosticList diags;
  ASSERT_TRUE(run_through(m, "memory_space_lower_tt", device("blackhole_p150"), diags))
      << render_diagnostics(diags, example_gemm_source());
  int64_t total = 0;
  for (const CircularBuffer& cb : all_circular_buffers(m)) total += cb.bytes;
  EXPECT_EQ(total, 1441792);
  EXPECT_LE(total, device("blackhole_p150").l1_budget());
  EXPECT_GT(total, device("wormhole_n150").l1_budget());
}

}  // namespace
}  // namespace tt::test
