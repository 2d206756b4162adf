// Internal to tensorize_tt: the gemm analysis and the lowerings of copies and of the gemm that the
// pass entry (tensorize_tt.cpp) composes. Not a pass; nothing outside tensorize_tt includes this.
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compiler/ir/diagnostics.h"
#include "compiler/ir/ir.h"
#include "compiler/passes/tile_mask.h"
#include "compiler/target/device.h"

namespace tt::passes::tensorize {

// What every lowering needs: the module's metadata, the target, and where errors go.
struct Context {
  const ir::Module& module;
  const DeviceModel& device;
  DiagnosticList& diags;
  bool failed = false;
  void error(SourceSpan span, std::string message, DiagnosticCategory category = DiagnosticCategory::Target) {
    diags.error(span, std::move(message)).category = category;
    failed = true;
  }
};

// `cb_ref(name, index)` with the index from `tt.cb.<buffer>`, the only source of CB ids. A missing
// entry is an error naming the buffer and `use` (what needed it); returns null then.
ir::Expr resolve_cb(Context& ctx, const std::string& buffer, SourceSpan span, const std::string& use);

// A region of a global buffer in tiles: symbolic first tile row/column of its tiled dims, constant
// tile counts, and for an N-D buffer the first page of the matrix it lies in.
struct TileRegion {
  ir::Expr row0, col0;
  int64_t rows = 0, cols = 0;
  int64_t tiles_per_row = 0;  // of the buffer's matrix
  ir::Expr matrix_base;       // null for a 2-D buffer
  int64_t tiles() const { return rows * cols; }
  // DRAM page id of a tile from its id inside the matrix (row * tiles_per_row + column).
  ir::Expr page(const ir::Expr& id_in_matrix) const;
};
// Null when the region is not tile aligned or spans more than one matrix of the buffer's layout
// (reported, naming the buffer).
std::optional<TileRegion> tile_region(Context& ctx, const ir::Region& region, SourceSpan span);

// `for <name> in T.serial(extent): body(var)`; an extent-1 loop is not emitted (body(0)), so the IR
// keeps only loops that iterate.
ir::Stmt serial_loop(const std::string& name, int64_t extent, const std::function<ir::Stmt(ir::Expr)>& body);

// The order in which the compute kernel packs an accumulator block into its output CB: sub-blocks
// of sm x sn tiles in row-major order, row-major inside each. The writer walks the same order.
struct PackOrder {
  int64_t mt = 0, nt = 0;  // block in tiles
  int64_t sm = 0, sn = 0;  // sub-block in tiles (sm = mt, sn = nt: plain row-major)
};

// T.copy(global region -> CB buffer): the reader's reserve / NoC tile reads / barrier / push.
ir::Stmt lower_read_copy(Context& ctx, const ir::CopyNode& copy);
// T.copy(CB -> global region) from `cb` (the accumulator's output CB or the buffer's own CB): the
// writer's wait / NoC tile writes of every tile of the block / barrier / pop. A default PackOrder
// means the CB holds the region's tiles in row-major order (what a reader copy pushes). `per_tile`: compute pushes
// the tiles one at a time (streamed_outputs), the writer drains each as it arrives (wait 1 / write / barrier / pop 1).
ir::Stmt lower_write_copy(Context& ctx, const ir::CopyNode& copy, const ir::Expr& cb, PackOrder order,
                          bool per_tile = false);

// DST sections, the unit of TT compute that every tile-op lowering builds (tensorize_tt_dst.cpp):
// fill DST tiles (matmul, copy/unpack, FPU binary, reduce), apply in-place SFPU work, pack to a CB.
// A client provides the math and the pack; the section brackets them with the DST handshake.
//
// A sequence of the non-null statements.
ir::Stmt stmt_block(std::vector<ir::Stmt> stmts);
// tile_regs_acquire; math...; tile_regs_commit; tile_regs_wait; pack; tile_regs_release. DST starts
// zeroed after the acquire (the packer clears it on release).
ir::Stmt dst_section(std::vector<ir::Stmt> math, const ir::Stmt& pack, SourceSpan span);
// reserve / pack_tile of DST tiles 0..tiles-1 / push, into `cb`. `reconfig` first points the packer
// at cb's data format: needed when packs alternate between CBs of different formats (spilling).
ir::Stmt pack_to_cb(const ir::Expr& cb, int64_t tiles, bool reconfig, SourceSpan span);
// wait / copy_tile of `tiles` pages of `cb` into DST tiles 0..tiles-1 / pop: reloading partials that
// a previous section spilled. The unpacker must be in copy mode for cb's format (the caller's init).
std::vector<ir::Stmt> reload_from_cb(const ir::Expr& cb, int64_t tiles, SourceSpan span);

// The element-wise rules' op tables (tensorize_tt_eltwise.cpp), shared by the element-wise maps and the gemm
// epilogue: an op and the init that programs its engine for it (the state step places the init).
struct OpWithInit {
  ir::TTIntrinsic init, apply;
};
// SFPU unary ops in place on one DST tile.
std::optional<OpWithInit> sfpu_unary(ir::UnaryOp op);
// SFPU unary ops that take one floating-point operand besides the DST tile (log2: log_with_base_tile, 1/ln 2).
struct ScaledUnary {
  OpWithInit op;
  double param;
};
std::optional<ScaledUnary> sfpu_unary_with_param(ir::UnaryOp op);
// The SFPU conversion of DST values from `from` (DST's dtype) to `to`, rounded in place (typecast_tile).
std::optional<OpWithInit> sfpu_cast(DataType from, DataType to);
// SFPU ops of a DST tile with a scalar c (`reversed`: c is the left operand, c - x); x / c is x * (1 / c).
std::optional<OpWithInit> sfpu_scalar(ir::BinaryOp op, bool reversed);
// ReLU, max(x, 0).
extern const OpWithInit kSfpuRelu;
// SFPU binary ops of two DST tiles: (a, b, out) computes DST[out] = DST[a] op DST[b].
std::optional<OpWithInit> sfpu_binary(ir::BinaryOp op);

// One in-place SFPU operation on DST tiles: `apply`(tile) or, with `param` (a FloatImm), `apply`(tile, param).
// No init: the state step places the one `apply` needs.
struct DstOp {
  ir::TTIntrinsic apply;
  ir::Expr param;
  SourceSpan span;  // the source of the operation (the epilogue's store)
  // A binary SFPU op (`apply`(a, b, out)) whose other operand is a broadcast vector block (stage_vectors.h): the CB
  // `bcast_cb` holds a row vector (`bcast_row`: one value per column, in row 0 of its tiles) or a column vector. Each
  // DST tile gets the vector's tile that lines up with it broadcast into the spare DST tile (unary_bcast), then
  // DST[t] = DST[t] op spare (`reversed`: spare op DST[t]).
  ir::Expr bcast_cb;
  int64_t bcast_pages = 0;  // the vector block's tiles
  bool bcast_row = true;
  bool reversed = false;
};
// The DST tiles a section's ops apply to: tile t is tile (row0 + t / cols, col0 + t % cols) of the block, in tiles;
// a broadcast op uses DST tile `spare` (past the section's tiles) and unary_bcast_init's packer CB `out_cb`.
struct DstTiles {
  int64_t rows = 0, cols = 0;
  ir::Expr row0, col0;
  ir::Expr out_cb;
  int64_t count() const { return rows * cols; }
};
// Whether some op needs a spare DST tile (a broadcast operand).
bool needs_spare_dst(const std::vector<DstOp>& ops);
// The vector CBs the ops broadcast from (with their pages), once each: waited for before the ops, popped after the
// block.
std::vector<std::pair<ir::Expr, int64_t>> broadcast_cbs(const std::vector<DstOp>& ops);
// The in-place DST ops on the section's tiles, op-major (a chain of different SFPU ops needs each init once); a
// broadcast op is bracketed by unary_bcast_init / unary_bcast_uninit.
std::vector<ir::Stmt> apply_dst_ops(const std::vector<DstOp>& ops, const DstTiles& tiles);
// The value of a numeric constant (seen through casts), or nullopt.
std::optional<double> constant_value(const ir::Expr& e);
// A constant zero (integer or floating point).
bool is_zero_imm(const ir::Expr& e);
// Reports `e` (part of the element-wise statement `statement`, located at `fallback` when `e` has no
// span) as [unsupported] for `why`; returns false.
bool unsupported_eltwise(Context& ctx, const ir::Expr& e, SourceSpan fallback, const std::string& statement,
                         const std::string& why);
// The T.Parallel nest (zero-based, constant extents) around one store, its variables and extents outermost
// first; null when `loop` is not that shape (tensorize_tt_eltwise.cpp).
ir::Stmt parallel_store(const ir::Stmt& loop, std::vector<ir::Var>& vars, std::vector<int64_t>& extents);

// The kernel's T.gemm, where it sits and how it maps onto DST.
struct GemmPlan {
  const ir::GemmNode* gemm = nullptr;
  // Loops that enclose the gemm but not the accumulator's clear: one accumulation step per
  // iteration point (outermost first). Found structurally, never by variable name.
  std::vector<const ir::ForNode*> reduction_loops;
  // A per-tile mask as the accumulator's initial value (tile_mask.h, causal attention): each DST tile starts as
  // the mask's tile, chosen at run time, before the matmul accumulates on top. cb_mask holds its mixed tile.
  std::optional<TileMask> mask;
  ir::Expr cb_mask;
  // The statement that initialises the accumulator (a T.clear, a zero map, the mask), for messages; what the
  // lowering drops is `consumed`.
  ir::Stmt clear_stmt;
  const ir::CopyNode* output_copy = nullptr;  // accumulator -> global
  ir::Expr cb_a, cb_b, cb_out, cb_partials;   // cb_partials only when carries_partials()
  int64_t mt = 0, nt = 0, kt = 0;             // block tiles: C is mt x nt, one K step is kt tiles
  int64_t dst_capacity = 0;
  PackOrder order;  // sub-block shape is order.sm x order.sn
  // The block is computed in sub-blocks, one DST section each (order): it exceeds DST, or it is carried across a loop
  // in which other gemms run. Across reduction steps the partials go through cb_partials (carries_partials); a
  // block without reduction loops packs each sub-block straight to cb_out.
  bool spill = false;
  bool carries_partials() const { return spill && !reduction_loops.empty(); }
  bool transpose_b = false;
  bool on_chip_output = false;  // output_copy writes an on-chip buffer a later gemm reads (cb_out is its CB)
  bool reinit = false;          // several gemms: each step re-inits the matmul for its CBs and transpose flag
  // The accumulator leaves DST for its own CB after the gemm (cb_out is the accumulator's CB): statements after the
  // reduction read it as a block (a reduction, a map reading a vector or another block; flash attention's softmax of
  // the scores), lowered by the element-wise and reduce rules; output_copy is then an ordinary copy of that block.
  bool packed_in_place = false;
  // Epilogue (tensorize_tt_epilogue.cpp): the T.Parallel maps after the reduction that update the
  // accumulator in place, as DST ops run on the accumulator's tiles of the last K step before they are
  // packed.
  std::vector<DstOp> epilogue;
  // The statements this plan's lowering carries out itself, which the rewriter drops: the accumulator's
  // clear (a T.clear, or a T.Parallel map proven 0 everywhere such as flash attention's non-causal mask:
  // DST starts zeroed), the epilogue maps (DST ops above), and the copy that stages the accumulator in an
  // on-chip buffer on its way to global memory (a cast: the pack writes the output CB's format). Filled by
  // plan_gemms; the rewriter and the epilogue check read only this.
  std::vector<ir::Stmt> consumed;
  bool consumes(const ir::StmtNode* s) const {
    return std::any_of(consumed.begin(), consumed.end(), [&](const ir::Stmt& c) { return c.get() == s; });
  }
  // Maps over the accumulator inside the loop that carries it, before the gemm (plan_carried_maps): DST ops run
  // on the accumulator's tiles at every step before the matmul accumulates.
  std::vector<DstOp> carried;
  std::vector<ir::Stmt> carried_maps;  // the statements carried comes from (consumed too)
  // An operand copied outside a loop that encloses the gemm (flash attention's Q_shared, filled once
  // per block and read in every KV iteration) is popped after that loop, not after every step.
  const ir::ForNode* pop_a_after = nullptr;
  const ir::ForNode* pop_b_after = nullptr;
  // An operand that several gemms read in turn (one version of the block: no write between them, A_shared of two
  // gemms in one K loop) is waited for by the first of them and popped by the last (link_shared_operands).
  bool wait_a = true, pop_a = true, wait_b = true, pop_b = true;
  // Gemms chained onto one accumulator in one iteration (the linear attention examples' o = s @ v, then o += q @ h):
  // each but the last packs its result into the accumulator's own CB (`continued`, cb_out is that CB), and each but
  // the first starts from those tiles, reloaded from cb_partials (`continues`), instead of zero.
  bool continued = false;
  bool continues = false;
};

// Finds the epilogue maps of plan.gemm (siblings after its reduction in `path`, the chain of
// statements from the body down to the gemm) and classifies them into DST ops. Reports what it cannot
// lower as [unsupported], naming the operation.
bool plan_epilogue(Context& ctx, const std::vector<ir::Stmt>& path, GemmPlan& plan);
// Finds the maps over plan.gemm's accumulator that run inside the loop carrying it, before the gemm, as
// plan.carried (called by plan_epilogue). Reports what it cannot lower as [unsupported].
bool plan_carried_maps(Context& ctx, const std::vector<ir::Stmt>& path, GemmPlan& plan);

// Finds every T.gemm of `body` with its clear, reduction loops and output copy, and plans each, in
// program order. Empty without error when there is no gemm; sets ctx.failed on malformed input.
std::vector<GemmPlan> plan_gemms(Context& ctx, const ir::Stmt& body);

// Per-tile masks (tensorize_tt_mask.cpp). The mask's initial values of the DST tiles of sub-block (sbi, sbj) (an
// sm x sn sub-block of the plan's order), each chosen at run time: the uniform tiles by fill_tile (nothing for 0:
// DST starts zeroed), the mixed one by copy_tile from cb_mask; then matmul_init for the gemm that follows.
ir::Stmt lower_mask_init(const GemmPlan& plan, const ir::Expr& sbi, const ir::Expr& sbj);
// The mask tiles' CB protocol around the whole kernel: the reader fills the mixed tile once (and pushes it), compute
// waits for it before its first block (`before`) and pops it after its last (`after`), as tt-metal's SDPA keeps its
// mask tiles fronted for the kernel's lifetime.
void mask_tile_setup(const std::vector<GemmPlan>& plans, std::vector<ir::Stmt>& before, std::vector<ir::Stmt>& after);

// compute_kernel_hw_startup<SrcOrder::Reverse> + matmul_init, once at the top of the compute part.
std::vector<ir::Stmt> lower_matmul_startup(const GemmPlan& plan);
// The compute for one execution of the gemm statement (one K step): wait on the A/B pages,
// matmul_tiles over the block (per sub-block with reload/spill when spilling), pop the pages.
ir::Stmt lower_gemm_step(const GemmPlan& plan);
// When the block fits DST: acquire before the outermost reduction loop, pack once after it.
ir::Stmt wrap_reduction(const GemmPlan& plan, const ir::Stmt& reduction);

// When compute waits for and releases the pages of the on-chip blocks it reads (tensorize_tt_cb_reads.cpp): the
// first reader of each version of a block waits, the last pops; a loop that reads a block written outside it waits
// before the loop and pops after it.
struct CbReads {
  // A map, reduction, on-chip copy or loop -> the CBs it waits for before it.
  std::map<const ir::StmtNode*, std::vector<std::string>> wait_before_read;
  // A map, reduction, on-chip copy or loop -> the CBs whose pages are popped after it (a loop's are popped by the
  // rewriter after the loop, a leaf's by its lowering).
  std::map<const ir::StmtNode*, std::vector<std::string>> pop_after_read;
  // A statement -> the CBs whose version it writes is overwritten before any read: waited for and popped after it.
  std::map<const ir::StmtNode*, std::vector<std::string>> drop_after_write;
  bool waits(const ir::StmtNode* at, const std::string& cb) const;
  bool pops(const ir::StmtNode* at, const std::string& cb) const;
};
// `staged`: on-chip buffer -> the global buffer whose output CB a compute write of it fills (EltwiseState).
// `sent_by_compute`: blocks whose T.copy to global memory compute reads (lower_block_to_output).
// `in_dst`: a gemm's epilogue map -> its accumulator, which that map updates in DST (not a read of the block's CB).
CbReads plan_cb_reads(const ir::Stmt& body, const std::map<std::string, std::string>& staged,
                      const std::set<std::string>& sent_by_compute = {},
                      const std::map<const ir::StmtNode*, std::string>& in_dst = {});

// Pages of the CB of an on-chip block: a 2-D block's tiles, or a vector's (1-D, L / 32 tiles: tile_vectors.h).
int64_t block_tiles(const DeviceModel& device, const ir::BufferNode& buffer);

// Element-wise maps (tensorize_tt_eltwise.cpp).
struct EltwiseState {
  const CbReads* reads = nullptr;  // null: every map pops its inputs
  bool started = false;            // a map was lowered
  // On-chip buffer -> the global buffer a T.copy writes it to: a map into such a buffer packs straight
  // into the global buffer's output CB, which the writer drains (the on-chip buffer's own CB is compute's).
  std::map<std::string, std::string> written_to_global;
};
// A map's lowering in pieces: `section`(t) computes output tile t into DST and packs it to `out_cb`; `before` waits
// for the inputs, `after` pops them (as the CB liveness plan says). The tiles may be produced in any order.
struct MapParts {
  std::function<ir::Stmt(ir::Expr)> section;
  std::vector<ir::Stmt> before, after;
  int64_t tiles = 0;
  std::string out_cb;
};
// lower_eltwise's checks, then its pieces; nullopt (reported) where lower_eltwise fails.
std::optional<MapParts> lower_eltwise_parts(Context& ctx, EltwiseState& state, const ir::Stmt& loop);
// `for i, j in T.Parallel(R, C): out[i, j] = f(...)` over whole on-chip blocks: wait on the input
// pages, per tile a DST section (f into DST, pack to out's CB), pop the inputs. Null (reported as
// [unsupported], naming the operation) for any other T.Parallel loop.
ir::Stmt lower_eltwise(Context& ctx, EltwiseState& state, const ir::Stmt& loop);
// T.copy between two whole on-chip blocks (any dtypes): copy_tile + pack per tile, the pack converting the format.
ir::Stmt lower_onchip_copy(Context& ctx, EltwiseState& state, const ir::CopyNode& copy);
// T.copy of a block that compute keeps in its own CB (an accumulator read as a block after its gemm) to a global
// region: compute packs it into the global buffer's output CB (copy_tile + pack per tile, converting the format), so
// that CB, not the block's, is the one the writer drains.
ir::Stmt lower_block_to_output(Context& ctx, EltwiseState& state, const ir::CopyNode& copy);
// T.fill / T.clear of a whole on-chip block with a constant: fill_tile + pack per tile.
ir::Stmt lower_onchip_fill(Context& ctx, EltwiseState& state, const ir::FillNode& fill);

// Reductions (tensorize_tt_reduce.cpp). T.reduce_sum / T.reduce_max of a whole 2-D block into a vector: per tile
// of the vector one DST section accumulating reduce_tile over the block's tiles along `dim`, packed to the
// vector's CB; the scaler is the ones tile of the block's dtype.
// `producer`: the map right before the reduction that writes its source block, streamed into it tile by tile
// (tile_vectors.h, streamed_reductions): each tile is packed to a two-page ring and pooled at once onto the vector
// tile reloaded from its CB, so the block never has to be resident in L1.
ir::Stmt lower_reduce(Context& ctx, const EltwiseState& state, const ir::ReduceNode& reduce,
                      const MapParts* producer = nullptr);
// Once at the top of the compute kernel: every ones tile the kernel reads (tile_vectors.h), filled by fill_tile and
// packed, then waited for (`make`); and the pops that release them at its end (`release`).
struct OnesTiles {
  std::vector<ir::Stmt> make, release;
};
OnesTiles ones_tiles(Context& ctx, const ir::Stmt& body);
// The element-wise rules' op tables, read by the state step: the init that programs the SFPU for `op` (an SFPU op
// the rules emit), whether `op` is such an init, and the FPU init that copy_tile / add_tiles / ... need.
std::optional<ir::TTIntrinsic> sfpu_init_of(ir::TTIntrinsic op);
bool is_sfpu_init(ir::TTIntrinsic op);
std::optional<ir::TTIntrinsic> fpu_init_of(ir::TTIntrinsic op);

// The init/reconfigure step (tensorize_tt_state.cpp): walks the compute calls in program order tracking what the
// unpacker, math engine, SFPU and packer are configured for (srcA/srcB/pack formats, the current FPU and SFPU init)
// and inserts compute_kernel_hw_startup (when the kernel has none), *_init, reconfig_data_format_srca/srcb and
// pack_reconfig_data_format only where an op needs a state that is not current; an init a whole loop needs is placed
// before the loop. Inits already in the IR (the gemm's) are tracked, not duplicated.
ir::Stmt insert_compute_state(Context& ctx, const ir::Stmt& body);

}  // namespace tt::passes::tensorize
