// verify_tt_ir: the reference GEMM verifies; hand-made kernels with a broken CB protocol (push 4,
// pop 3), an out-of-range DST index, bad runtime args, CB ids or L1 use are each reported.
#include "compiler/ir/tt_metadata.h"
#include "compiler/passes/verify_tt_ir.h"
#include "tests/unit/tt_kernel_test_util.h"

namespace tt {
namespace {

using namespace ir;
using TI = TTIntrinsic;

Expr i(int64_t v) { return int_imm(v); }

// A hand-made program: CB "in" (reader -> compute, 2 x 4 tiles), CB "out" (compute -> writer, 16 tiles),
// fp32 accumulation, runtime arg "n" (the block count) in every kernel.
struct Program {
  Module m;
  Expr in = cb_ref("in", 0), out = cb_ref("out", 16);

  Program() {
    m.name = "hm";
    add_cb("in", 0, 4, 2, "reader", "compute");
    add_cb("out", 16, 16, 1, "compute", "writer");
    GemmInfo g;
    g.a = g.b = "in";
    g.c = "acc";
    g.accum_dtype = "float32";
    set_gemm_info(m, g);
    RuntimeArgs args;
    args.reader = args.compute = args.writer = {"n"};
    set_runtime_args(m, args);
  }
  void add_cb(const std::string& name, int index, int64_t per_stage, int64_t depth, const std::string& producer,
              const std::string& consumer) {
    CircularBuffer cb;
    cb.name = name;
    cb.index = index;
    cb.dtype = "float16";
    cb.data_format = "Float16";
    cb.page_size = 2048;
    cb.tiles_per_stage = per_stage;
    cb.depth = depth;
    cb.num_pages = per_stage * depth;
    cb.bytes = cb.num_pages * cb.page_size;
    cb.role = "input";
    cb.producer = producer;
    cb.consumer = consumer;
    set_circular_buffer(m, cb);
  }
  // `n = runtime_arg(0, "n"); for b in persistent(0, n): body`
  void kernel(KernelRole role, std::vector<Stmt> body) {
    PrimFunc f;
    f.name = std::string("hm_") + kernel_role_name(role);
    f.role = role;
    Var n = make_var("n"), b = make_var("b");
    f.body = seq({make_let(n, runtime_arg("n", 0)), make_for(b, i(0), n, ForKind::Persistent, 0, seq(std::move(body)))});
    m.funcs.push_back(std::move(f));
  }
  void reader(int64_t tiles) {
    Var t = make_var("t");
    kernel(KernelRole::Reader,
           {tt_call(TI::CbReserveBack, {in, i(tiles)}),
            make_for(t, i(0), i(tiles), ForKind::Serial, 0, tt_call(TI::NocReadTile, {string_imm("A"), t, in, t})),
            tt_call(TI::NocReadBarrier, {}), tt_call(TI::CbPushBack, {in, i(tiles)})});
  }
  void writer(int64_t tiles) {
    Var t = make_var("t");
    kernel(KernelRole::Writer,
           {tt_call(TI::CbWaitFront, {out, i(tiles)}),
            make_for(t, i(0), i(tiles), ForKind::Serial, 0, tt_call(TI::NocWriteTile, {string_imm("C"), t, out, t})),
            tt_call(TI::NocWriteBarrier, {}), tt_call(TI::CbPopFront, {out, i(tiles)})});
  }
  // Consumes `in_tiles` per iteration and, on the last of 32 K steps, packs `out_tiles` from DST.
  void compute(int64_t in_tiles, int64_t out_tiles, int64_t dst_tiles = 8) {
    Var k = make_var("k"), t = make_var("t");
    Stmt pack = seq({tt_call(TI::CbReserveBack, {out, i(out_tiles)}),
                     make_for(t, i(0), i(dst_tiles), ForKind::Serial, 0, tt_call(TI::PackTile, {t, out})),
                     tt_call(TI::CbPushBack, {out, i(out_tiles)})});
    Stmt step = seq({tt_call(TI::CbWaitFront, {in, i(in_tiles)}), tt_call(TI::TileRegsAcquire, {}),
                     tt_call(TI::TileRegsCommit, {}), tt_call(TI::TileRegsWait, {}),
                     make_if(binary(BinaryOp::Eq, k, i(31)), pack, nullptr), tt_call(TI::TileRegsRelease, {}),
                     tt_call(TI::CbPopFront, {in, i(in_tiles)})});
    kernel(KernelRole::Compute, {make_for(k, i(0), i(32), ForKind::Serial, 0, step)});
  }
};

std::vector<std::string> verify_messages(const Module& m, bool final = true) {
  DiagnosticList diags;
  bool ok = passes::verify_tt_module(m, test::device(), diags, final);
  std::vector<std::string> out;
  for (const Diagnostic& d : diags) out.push_back(d.message);
  EXPECT_EQ(ok, out.empty());
  return out;
}

TEST(VerifyTTIR, ReferenceGemmVerifies) {
  Module m = test::gemm_after("split_device_kernels");
  EXPECT_EQ(verify_messages(m), std::vector<std::string>{});
}

TEST(VerifyTTIR, CheckReusableAfterEveryPass) {
  // Non-final checks hold at every stage of the pipeline (what a debug pass manager would run).
  Module m = test::gemm_module({});
  for (const PassInfo& pass : pipeline()) {
    DiagnosticList diags;
    ASSERT_TRUE(test::run_pass(m, pass.name, test::device(), diags)) << pass.name;
    EXPECT_EQ(verify_messages(m, false), std::vector<std::string>{}) << "after " << pass.name;
  }
}

TEST(VerifyTTIR, HandMadeBalancedProgramVerifies) {
  // The reader pushes a whole block's A pages (32 K steps x 4) per iteration; compute pops 4 per step.
  Program p;
  p.reader(4 * 32);
  p.compute(4, 16);
  p.writer(16);
  p.m.attrs["tt.cb.in"]["tiles_per_stage"] = 128;
  p.m.attrs["tt.cb.in"]["num_pages"] = 256;
  p.m.attrs["tt.cb.in"]["bytes"] = 256 * 2048;
  EXPECT_EQ(verify_messages(p.m), std::vector<std::string>{});
}

TEST(VerifyTTIR, UnbalancedCBProtocolIsReported) {
  // The reader pushes 4 tiles per iteration; the compute kernel pops 3 in each of 32 K steps.
  Program p;
  p.reader(4);
  p.compute(3, 16);
  p.writer(16);
  EXPECT_EQ(verify_messages(p.m),
            std::vector<std::string>{"in hm_reader: 'T.tt.cb_push_back(in@cb0, 4)': circular buffer in (cb 0) is "
                                     "unbalanced: hm_reader pushes 4 tiles per persistent-loop iteration but "
                                     "hm_compute pops 96"});
}

TEST(VerifyTTIR, PushFourPopThreeIsReported) {
  Program p;
  p.reader(4);
  p.kernel(KernelRole::Compute, {tt_call(TI::CbWaitFront, {p.in, i(3)}), tt_call(TI::CbPopFront, {p.in, i(3)})});
  p.writer(0);
  EXPECT_EQ(verify_messages(p.m),
            std::vector<std::string>{"in hm_reader: 'T.tt.cb_push_back(in@cb0, 4)': circular buffer in (cb 0) is "
                                     "unbalanced: hm_reader pushes 4 tiles per persistent-loop iteration but "
                                     "hm_compute pops 3"});
}

TEST(VerifyTTIR, BranchOnTheLastKStepCountsOnce) {
  // compute packs 16 tiles only when k == 31: 16 per iteration, which the writer must pop, not 32 * 16.
  Program p;
  p.reader(4 * 32);
  p.m.attrs["tt.cb.in"]["tiles_per_stage"] = 128;
  p.m.attrs["tt.cb.in"]["num_pages"] = 256;
  p.m.attrs["tt.cb.in"]["bytes"] = 256 * 2048;
  p.compute(4, 16);
  p.writer(8);
  EXPECT_EQ(verify_messages(p.m),
            std::vector<std::string>{"in hm_compute: 'T.tt.cb_push_back(out@cb16, 16)': circular buffer out (cb 16) "
                                     "is unbalanced: hm_compute pushes 16 tiles per persistent-loop iteration but "
                                     "hm_writer pops 8"});
}

TEST(VerifyTTIR, DstIndexBeyondCapacityIsReported) {
  Program p;
  p.reader(4 * 32);
  p.m.attrs["tt.cb.in"]["tiles_per_stage"] = 128;
  p.m.attrs["tt.cb.in"]["num_pages"] = 256;
  p.m.attrs["tt.cb.in"]["bytes"] = 256 * 2048;
  p.compute(4, 16, /*dst_tiles=*/16);  // packs DST tiles 0..15, but fp32 DST holds 8
  p.writer(16);
  EXPECT_EQ(verify_messages(p.m),
            std::vector<std::string>{"in hm_compute: 'T.tt.pack_tile(t, out@cb16)': DST index t reaches 15 but DST "
                                     "holds 8 tiles for float32 accumulation on Wormhole n150"});
}

TEST(VerifyTTIR, ReserveWithoutMatchingPushIsReported) {
  Program p;
  p.kernel(KernelRole::Reader, {tt_call(TI::CbReserveBack, {p.in, i(4)}), tt_call(TI::CbPushBack, {p.in, i(2)}),
                                tt_call(TI::CbPushBack, {p.in, i(1)})});
  p.kernel(KernelRole::Compute, {tt_call(TI::CbWaitFront, {p.in, i(3)}), tt_call(TI::CbPopFront, {p.in, i(3)})});
  p.writer(0);
  EXPECT_EQ(verify_messages(p.m),
            std::vector<std::string>{"in hm_reader: 'T.tt.cb_push_back(in@cb0, 2)': reserves 4 tiles of circular "
                                     "buffer in per iteration but pushes 3"});
}

TEST(VerifyTTIR, CBIndexOutOfRangeAndUnknownCBAreReported) {
  Program p;
  p.add_cb("big", 32, 1, 1, "reader", "compute");
  Expr ghost = cb_ref("ghost", 3);
  p.kernel(KernelRole::Reader, {tt_call(TI::CbReserveBack, {ghost, i(1)}), tt_call(TI::CbPushBack, {ghost, i(1)})});
  EXPECT_EQ(verify_messages(p.m, false),
            (std::vector<std::string>{
                "circular buffer big has index 32, outside [0, 32) on Wormhole n150",
                "in hm_reader: 'T.tt.cb_reserve_back(ghost@cb3, 1)': circular buffer ghost has no 'tt.cb.ghost' "
                "metadata",
                "in hm_reader: 'T.tt.cb_push_back(ghost@cb3, 1)': circular buffer ghost has no 'tt.cb.ghost' "
                "metadata"}));
}

TEST(VerifyTTIR, L1OverflowListsEveryCB) {
  Program p;
  p.add_cb("huge", 2, 700, 1, "reader", "compute");  // 700 x 2 KiB
  DiagnosticList diags;
  EXPECT_FALSE(passes::verify_tt_module(p.m, test::device(), diags, false));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags.items()[0].message,
            "circular buffers need 1482752 bytes of L1 per core but Wormhole n150 has 1396352");
  EXPECT_EQ(test::note_messages(diags.items()[0]),
            (std::vector<std::string>{"huge: 1433600 bytes", "in: 16384 bytes", "out: 32768 bytes"}));
}

TEST(VerifyTTIR, RuntimeArgOutsideTheKernelsNamesIsReported) {
  Program p;
  p.m.attrs["tt.runtime_arg_names"]["writer"] = nlohmann::json::array();
  p.reader(4);
  p.kernel(KernelRole::Compute, {tt_call(TI::CbWaitFront, {p.in, i(4)}), tt_call(TI::CbPopFront, {p.in, i(4)})});
  p.writer(0);
  EXPECT_EQ(verify_messages(p.m),
            std::vector<std::string>{"in hm_writer: 'n = T.tt.runtime_arg(0, \"n\")': runtime arg 0 'n' is not "
                                     "entry 0 of tt.runtime_arg_names.writer"});
}

TEST(VerifyTTIR, TileOpsAndUnsplitFunctionsAreReportedInTheFinalIR) {
  Module m = test::gemm_after("memory_space_lower_tt");
  std::vector<std::string> messages = verify_messages(m);
  ASSERT_FALSE(messages.empty());
  EXPECT_EQ(messages[0], "function gemm is not a reader/compute/writer kernel (split_device_kernels did not run)");
  m.funcs[0].role = KernelRole::Compute;
  messages = verify_messages(m);
  ASSERT_FALSE(messages.empty());
  EXPECT_EQ(messages[0], "in gemm: 'T.clear(C_local)': tile-level op remains in the final IR (tensorize_tt did not "
                         "lower it)");
}

}  // namespace
}  // namespace tt
