// Panel reuse by multicast: which panels rows and columns of cores share (plan_panel_multicast), the 2-D core
// mapping the partition then uses, the reader's sender/receiver runtime args, the fallback (with its reason)
// when the block grid exceeds the worker grid, no multicast without a T.gemm, and the work counts.
#include <gtest/gtest.h>

#include "compiler/compiler.h"
#include "compiler/ir/printer.h"
#include "compiler/ir/tt_multicast.h"
#include "compiler/passes/layout_aware_work_partition_tt.h"
#include "compiler/perf/work_counts.h"

namespace tt {
namespace {

using namespace ir;

KernelResult compile(const std::string& example, std::map<std::string, std::string> defines = {}) {
  CompileOptions options;
  options.defines = std::move(defines);
  options.codegen = false;
  CompileResult r = compile_file(std::string(TT_INSPECT_ASSETS_DIR) + "/examples/" + example, options);
  EXPECT_TRUE(r.ok()) << render_diagnostics(r.all_diagnostics(), r.source);
  return r.kernels.at(0);
}

const PrimFunc& reader_of(const Module& m) {
  for (const PrimFunc& f : m.funcs)
    if (f.role == KernelRole::Reader) return f;
  throw std::runtime_error("no reader");
}

// The reader's runtime-argument values of core (x, y) by name.
std::map<std::string, RuntimeArgValue> reader_args(const Module& m, int64_t x, int64_t y) {
  std::optional<RuntimeArgs> args = get_runtime_args(m);
  EXPECT_TRUE(args);
  std::map<std::string, RuntimeArgValue> out;
  for (const RuntimeArgs::PerCore& c : args->cores) {
    if (c.x != x || c.y != y) continue;
    for (size_t i = 0; i < args->reader.size(); ++i) out[args->reader[i]] = c.reader[i];
  }
  return out;
}

void expect_logical(const RuntimeArgValue& v, char axis, int64_t value, const std::string& what) {
  EXPECT_EQ(v.noc_axis, axis) << what;
  EXPECT_EQ(v.value, value) << what;
}

TEST(MulticastPanels, ReferenceGemmSharesAAlongRowsAndBAlongColumns) {
  KernelResult k = compile("example_gemm.py");
  std::optional<MulticastPlan> plan = get_multicast_plan(k.module);
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->panels.size(), 2u);
  EXPECT_EQ(plan->panels[0].cb, "A_shared");
  EXPECT_EQ(plan->panels[0].buffer, "A");
  EXPECT_EQ(plan->panels[0].shared_by, "row");  // A[by * block_M, k * block_K]: the same for every bx
  EXPECT_EQ(plan->panels[1].cb, "B_shared");
  EXPECT_EQ(plan->panels[1].shared_by, "column");  // B[k * block_K, bx * block_N]: the same for every by
  EXPECT_EQ(plan->fallback, "");
  EXPECT_EQ(plan->semaphores(),
            (std::vector<std::string>{"A_sender_sem", "A_receiver_sem", "B_sender_sem", "B_receiver_sem"}));
}

TEST(MulticastPanels, SmallGridPlacesBlockBxByOnCoreBxBy) {
  // 512^3 with 128-wide blocks: a 4x4 block grid on the 8x8 workers.
  KernelResult k = compile("example_gemm.py", {{"M", "512"}, {"N", "512"}, {"K", "512"}});
  std::optional<WorkPartition> wp = get_work_partition(k.module);
  ASSERT_TRUE(wp);
  ASSERT_EQ(wp->cores.size(), 64u);
  for (const CoreWork& c : wp->cores) {
    const bool active = c.x < 4 && c.y < 4;
    EXPECT_EQ(c.count, active ? 1 : 0) << c.x << "," << c.y;
    if (active) {
      EXPECT_EQ(c.start, c.y * 4 + c.x) << c.x << "," << c.y;  // block id by * gx + bx
    }
  }
  // Core (2, 1): receives A from (0, 1) with (1..3, 1); receives B from (2, 0) with (2, 1..3).
  std::map<std::string, RuntimeArgValue> a = reader_args(k.module, 2, 1);
  EXPECT_EQ(a["A_mcast_sender"].value, 0);
  expect_logical(a["A_mcast_x0"], 'x', 1, "A x0");
  expect_logical(a["A_mcast_y0"], 'y', 1, "A y0");
  expect_logical(a["A_mcast_x1"], 'x', 3, "A x1");
  expect_logical(a["A_mcast_y1"], 'y', 1, "A y1");
  EXPECT_EQ(a["A_mcast_num_dests"].value, 3);
  expect_logical(a["A_sender_x"], 'x', 0, "A sender x");
  expect_logical(a["A_sender_y"], 'y', 1, "A sender y");
  EXPECT_EQ(a["A_sender_sem"].semaphore, "A_sender_sem");
  EXPECT_EQ(a["A_sender_sem"].value, 0);
  EXPECT_EQ(a["A_receiver_sem"].value, 1);
  EXPECT_EQ(a["B_mcast_sender"].value, 0);
  expect_logical(a["B_mcast_x0"], 'x', 2, "B x0");
  expect_logical(a["B_mcast_y0"], 'y', 1, "B y0");
  expect_logical(a["B_mcast_x1"], 'x', 2, "B x1");
  expect_logical(a["B_mcast_y1"], 'y', 3, "B y1");
  EXPECT_EQ(a["B_mcast_num_dests"].value, 3);
  expect_logical(a["B_sender_x"], 'x', 2, "B sender x");
  expect_logical(a["B_sender_y"], 'y', 0, "B sender y");
  EXPECT_EQ(a["B_receiver_sem"].value, 3);
  // Core (0, 0) sends both panels.
  std::map<std::string, RuntimeArgValue> s = reader_args(k.module, 0, 0);
  EXPECT_EQ(s["A_mcast_sender"].value, 1);
  EXPECT_EQ(s["B_mcast_sender"].value, 1);
}

TEST(MulticastPanels, ReaderSendsOrReceivesEachPanel) {
  KernelResult k = compile("example_gemm.py");
  const std::string reader = print_stmt(reader_of(k.module).body);
  for (const char* line :
       {"if A_mcast_sender != 0:\n", "T.tt.noc_semaphore_wait(A_sender_sem, A_mcast_num_dests)",
        "T.tt.noc_async_write_multicast(A_shared@cb0, 4, A_mcast_x0, A_mcast_y0, A_mcast_x1, A_mcast_y1, "
        "A_mcast_num_dests)",
        "T.tt.noc_semaphore_set_multicast(A_receiver_sem, A_mcast_x0, A_mcast_y0, A_mcast_x1, A_mcast_y1, "
        "A_mcast_num_dests)",
        "T.tt.noc_semaphore_inc(B_sender_sem, B_sender_x, B_sender_y)", "T.tt.noc_semaphore_wait(B_receiver_sem, 1)",
        "T.tt.noc_async_atomic_barrier()"})
    EXPECT_NE(reader.find(line), std::string::npos) << line << "\n" << reader;
}

TEST(MulticastPanels, BlockGridLargerThanTheWorkersStreams) {
  // 2048^3 with 128-wide blocks: 16x16 blocks on 8x8 cores, four per core: every core reads its own panels.
  KernelResult k = compile("example_gemm.py", {{"M", "2048"}, {"N", "2048"}, {"K", "2048"}});
  std::optional<MulticastPlan> plan = get_multicast_plan(k.module);
  ASSERT_TRUE(plan);
  EXPECT_TRUE(plan->panels.empty());
  EXPECT_EQ(plan->fallback,
            "the 16x16 block grid exceeds the 8x8 worker grid: sharing panels along rows and columns of cores needs "
            "one block per core");
  const std::vector<CoreWork> linear = passes::partition_blocks(256, 8, 8), got = get_work_partition(k.module)->cores;
  ASSERT_EQ(got.size(), linear.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].start, linear[i].start) << i;
    EXPECT_EQ(got[i].count, linear[i].count) << i;
  }
  EXPECT_EQ(print_stmt(reader_of(k.module).body).find("semaphore"), std::string::npos);
}

TEST(MulticastPanels, NoGemmNoMulticast) {
  KernelResult k = compile("example_elementwise_add.py");
  EXPECT_FALSE(get_multicast_plan(k.module));
}

TEST(MulticastPanels, CountsDramReadsAtSendersOnly) {
  KernelResult k = compile("example_gemm.py");
  DiagnosticList diags;
  std::optional<perf::ProgramCounts> c = perf::count_program_work(k.module, diags);
  ASSERT_TRUE(c) << render_diagnostics(diags, SourceFile{});
  constexpr int64_t kPanel = 32 * 4 * 2048;  // one panel over the K loop: 32 steps of 4 tiles of 2048 B
  for (const perf::CoreCounts& core : c->cores) {
    const int64_t sends = (core.x == 0) + (core.y == 0);
    EXPECT_EQ(core.reader.dram_read_bytes, sends * kPanel) << core.x << "," << core.y;
    EXPECT_EQ(core.reader.multicast_send_bytes, sends * kPanel) << core.x << "," << core.y;
    EXPECT_EQ(core.reader.multicast_receive_bytes, (2 - sends) * kPanel) << core.x << "," << core.y;
  }
  EXPECT_EQ(c->dram_read_bytes.at("A"), 2 * 1024 * 1024);  // A read once: 8 senders x 8 row panels' K extent
  EXPECT_EQ(c->dram_read_bytes.at("B"), 2 * 1024 * 1024);
}

}  // namespace
}  // namespace tt
