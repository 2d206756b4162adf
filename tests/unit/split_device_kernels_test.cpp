// split_device_kernels: the exact reader / compute / writer IR of the reference GEMM, runtime-arg
// re-indexing per kernel, dropping of unused Lets / empty loops / CB allocations, and its errors.
#include "tests/unit/tt_kernel_test_util.h"

namespace tt {
namespace {

using namespace ir;

std::vector<std::string> split_errors(Module& m) {
  DiagnosticList diags;
  EXPECT_FALSE(test::run_pass(m, "split_device_kernels", test::device(), diags));
  return test::headlines(diags);
}

TEST(SplitDeviceKernels, ReferenceGemmKernels) {
  Module m = test::gemm_after("split_device_kernels");  // multicast_panels_tt rewrites the reader next
  ASSERT_EQ(m.funcs.size(), 3u);
  EXPECT_EQ(m.funcs[0].name, "gemm_reader");
  EXPECT_EQ(m.funcs[1].name, "gemm_compute");
  EXPECT_EQ(m.funcs[2].name, "gemm_writer");
  EXPECT_EQ(test::func_text(test::kernel(m, KernelRole::Reader)),
            "# device kernel: reader\n"
            "@T.prim_func\n"
            "def gemm_reader(A: T.Tensor((1024, 1024), \"float16\"), B: T.Tensor((1024, 1024), \"float16\")):\n"
            "    start_block = T.tt.runtime_arg(2, \"start_block\")\n"
            "    num_blocks = T.tt.runtime_arg(3, \"num_blocks\")\n"
            "    for block in T.tt.persistent(start_block, start_block + num_blocks):\n"
            "        by = block // 8\n"
            "        bx = block % 8\n"
            "        for k in T.Pipelined(32, num_stages=3):\n"
            "            T.tt.cb_reserve_back(A_shared@cb0, 4)\n"
            "            for i in T.serial(4):\n"
            "                T.tt.noc_async_read_page(\"A\", (by * 4 + i) * 32 + k, A_shared@cb0, i)\n"
            "            T.tt.noc_async_read_barrier()\n"
            "            T.tt.cb_push_back(A_shared@cb0, 4)\n"
            "            T.tt.cb_reserve_back(B_shared@cb1, 4)\n"
            "            for j in T.serial(4):\n"
            "                T.tt.noc_async_read_page(\"B\", k * 32 + bx * 4 + j, B_shared@cb1, j)\n"
            "            T.tt.noc_async_read_barrier()\n"
            "            T.tt.cb_push_back(B_shared@cb1, 4)\n");
  EXPECT_EQ(test::func_text(test::kernel(m, KernelRole::Compute)),
            "# device kernel: compute\n"
            "@T.prim_func\n"
            "def gemm_compute():\n"
            "    T.tt.compute_kernel_hw_startup<SrcOrder::Reverse>(A_shared@cb0, B_shared@cb1, C@cb16)\n"
            "    T.tt.matmul_init(A_shared@cb0, B_shared@cb1, 0)\n"
            "    start_block = T.tt.runtime_arg(0, \"start_block\")\n"
            "    num_blocks = T.tt.runtime_arg(1, \"num_blocks\")\n"
            "    for block in T.tt.persistent(start_block, start_block + num_blocks):\n"
            "        for k in T.Pipelined(32, num_stages=3):\n"
            "            T.tt.cb_wait_front(A_shared@cb0, 4)\n"
            "            T.tt.cb_wait_front(B_shared@cb1, 4)\n"
            "            for sbi in T.serial(2):\n"
            "                T.tt.tile_regs_acquire()\n"
            "                if k > 0:\n"
            "                    T.tt.copy_tile_to_dst_init_short_with_dt(B_shared@cb1, C_local@cb24)\n"
            "                    T.tt.cb_wait_front(C_local@cb24, 8)\n"
            "                    for t in T.serial(8):\n"
            "                        T.tt.copy_tile(C_local@cb24, t, t)\n"
            "                    T.tt.cb_pop_front(C_local@cb24, 8)\n"
            "                    T.tt.reconfig_data_format_srca(C_local@cb24, B_shared@cb1)\n"
            "                    T.tt.matmul_init(A_shared@cb0, B_shared@cb1, 0)\n"
            "                for i in T.serial(2):\n"
            "                    for j in T.serial(4):\n"
            "                        T.tt.matmul_tiles(A_shared@cb0, B_shared@cb1, sbi * 2 + i, j, i * 4 + j)\n"
            "                T.tt.tile_regs_commit()\n"
            "                T.tt.tile_regs_wait()\n"
            "                if k == 31:\n"
            "                    T.tt.cb_reserve_back(C@cb16, 8)\n"
            "                    T.tt.pack_reconfig_data_format(C@cb16)\n"
            "                    for t in T.serial(8):\n"
            "                        T.tt.pack_tile(t, C@cb16)\n"
            "                    T.tt.cb_push_back(C@cb16, 8)\n"
            "                else:\n"
            "                    T.tt.cb_reserve_back(C_local@cb24, 8)\n"
            "                    T.tt.pack_reconfig_data_format(C_local@cb24)\n"
            "                    for t in T.serial(8):\n"
            "                        T.tt.pack_tile(t, C_local@cb24)\n"
            "                    T.tt.cb_push_back(C_local@cb24, 8)\n"
            "                T.tt.tile_regs_release()\n"
            "            T.tt.cb_pop_front(A_shared@cb0, 4)\n"
            "            T.tt.cb_pop_front(B_shared@cb1, 4)\n");
  EXPECT_EQ(test::func_text(test::kernel(m, KernelRole::Writer)),
            "# device kernel: writer\n"
            "@T.prim_func\n"
            "def gemm_writer(C: T.Tensor((1024, 1024), \"float16\")):\n"
            "    start_block = T.tt.runtime_arg(1, \"start_block\")\n"
            "    num_blocks = T.tt.runtime_arg(2, \"num_blocks\")\n"
            "    for block in T.tt.persistent(start_block, start_block + num_blocks):\n"
            "        by = block // 8\n"
            "        bx = block % 8\n"
            "        T.tt.cb_wait_front(C@cb16, 16)\n"
            "        for i in T.serial(4):\n"
            "            for j in T.serial(4):\n"
            "                T.tt.noc_async_write_page(\"C\", (by * 4 + i) * 32 + bx * 4 + j, C@cb16, i * 4 + j)\n"
            "        T.tt.noc_async_write_barrier()\n"
            "        T.tt.cb_pop_front(C@cb16, 16)\n");
}

TEST(SplitDeviceKernels, EveryKernelKeepsOnlyItsOwnCalls) {
  Module m = test::gemm_after("split_device_kernels");
  for (const PrimFunc& f : m.funcs) {
    for_each_stmt(f.body, [&](const Stmt& s) {
      EXPECT_NE(s->kind, StmtKind::Allocate) << f.name;  // the host creates the CBs
      if (s->kind != StmtKind::TTCall) return;
      TTIntrinsic op = as<TTCallNode>(s)->op;
      bool noc_read = op == TTIntrinsic::NocReadTile || op == TTIntrinsic::NocReadBarrier;
      bool noc_write = op == TTIntrinsic::NocWriteTile || op == TTIntrinsic::NocWriteBarrier;
      bool cb_protocol = op == TTIntrinsic::CbReserveBack || op == TTIntrinsic::CbPushBack ||
                         op == TTIntrinsic::CbWaitFront || op == TTIntrinsic::CbPopFront;
      KernelRole expected = noc_read ? KernelRole::Reader : noc_write ? KernelRole::Writer : KernelRole::Compute;
      if (!cb_protocol) {
        EXPECT_EQ(f.role, expected) << intrinsic_name(op);
      }
    });
  }
}

TEST(SplitDeviceKernels, IfKeepsOnlyTheBranchesAKernelHasWorkIn) {
  Var k = make_var("k");
  Module m;
  PrimFunc f;
  f.name = "f";
  f.body = make_for(k, int_imm(0), int_imm(4), ForKind::Serial, 0,
                    make_if(binary(BinaryOp::Eq, k, int_imm(3)), tt_call(TTIntrinsic::TileRegsAcquire, {}),
                            tt_call(TTIntrinsic::NocReadBarrier, {})));
  m.funcs.push_back(f);
  DiagnosticList diags;
  ASSERT_TRUE(test::run_pass(m, "split_device_kernels", test::device(), diags));
  EXPECT_EQ(print_stmt(test::kernel(m, KernelRole::Reader).body),
            "for k in T.serial(4):\n"
            "    if k != 3:\n"
            "        T.tt.noc_async_read_barrier()\n");
  EXPECT_EQ(print_stmt(test::kernel(m, KernelRole::Compute).body),
            "for k in T.serial(4):\n"
            "    if k == 3:\n"
            "        T.tt.tile_regs_acquire()\n");
  EXPECT_EQ(print_stmt(test::kernel(m, KernelRole::Writer).body), "pass\n");
}

TEST(SplitDeviceKernels, RuntimeArgMissingFromTheKernelsNameListIsAnError) {
  Module m = test::gemm_after("tensorize_tt");
  m.attrs["tt.runtime_arg_names"]["writer"] = {"C_addr", "num_blocks"};
  EXPECT_EQ(split_errors(m),
            std::vector<std::string>{test::error_at("with T.Kernel(", "runtime argument 'start_block' is used by the "
                                                                      "writer kernel but is not in "
                                                                      "tt.runtime_arg_names.writer")});
}

TEST(SplitDeviceKernels, CBProtocolCallFollowsTheCBsProducerAndConsumer) {
  // Declaring the compute kernel as A_shared's producer moves its reserve/push there.
  Module m = test::gemm_after("tensorize_tt");
  m.attrs["tt.cb.A_shared"]["producer"] = "compute";
  DiagnosticList diags;
  ASSERT_TRUE(test::run_pass(m, "split_device_kernels", test::device(), diags));
  std::string compute = test::func_text(test::kernel(m, KernelRole::Compute));
  std::string reader = test::func_text(test::kernel(m, KernelRole::Reader));
  EXPECT_NE(compute.find("T.tt.cb_push_back(A_shared@cb0, 4)"), std::string::npos) << compute;
  EXPECT_EQ(reader.find("T.tt.cb_push_back(A_shared@cb0, 4)"), std::string::npos) << reader;
  // ... which verify then reports: the reader fills pages of a CB it does not produce.
  DiagnosticList verify;
  EXPECT_FALSE(test::run_pass(m, "verify_tt_ir", test::device(), verify));
  ASSERT_FALSE(verify.empty());
  EXPECT_EQ(test::headlines(verify)[0],
            test::error_at("T.copy(A[by * block_M, k * block_K], A_shared)",
                           "in gemm_reader: 'T.tt.noc_async_read_page(\"A\", (by * 4 + i) * 32 + k, A_shared@cb0, i)': "
                           "fills circular buffer A_shared in the reader kernel, but its producer is 'compute'"));
}

TEST(SplitDeviceKernels, CBWithoutMetadataIsAnError) {
  Module m = test::gemm_after("tensorize_tt");
  m.attrs.erase("tt.cb.C_local");
  std::vector<std::string> errors = split_errors(m);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0], test::error_at("T.gemm(A_shared, B_shared, C_local)",
                                      "cannot place 'T.tt.cb_wait_front(C_local@cb24, 8)' in a reader kernel: missing "
                                      "circular-buffer metadata 'tt.cb.C_local' for buffer C_local"));
}

TEST(SplitDeviceKernels, TileOpsLeftOverAreAnError) {
  Module m = test::gemm_after("memory_space_lower_tt");
  std::vector<std::string> errors = split_errors(m);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0], test::error_at("T.clear(C_local)",
                                      "cannot place 'T.clear(C_local)' in a reader kernel: tile-level statement "
                                      "remains; tensorize_tt must lower it before split_device_kernels"));
}

}  // namespace
}  // namespace tt
