// The compute engine: DST register sections, unpacker/packer format state, matmul_tiles, copy_tile and
// pack_tile. One host thread plays unpack, math and pack in program order. Numbers are rounded where
// silicon rounds them: an fp32 tile unpacked to srcA/srcB keeps TF32 precision (unless copy_tile unpacks it
// straight to DST under UnpackToDestFp32), DST holds fp32 only with fp32_dest_acc_en (otherwise it is
// rounded to the 16-bit srcA format after every operation), and pack rounds to the CB's format.
#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

#include "bcast_math.h"
#include "emulator.h"
#include "fault.h"
#include "numeric.h"
#include "reduce_math.h"
#include "tile_math.h"

namespace ttemu::api {

namespace {

using Dst = ComputeState::Dst;
using Mode = ComputeState::Mode;

const char* dst_state_name(Dst d) {
  switch (d) {
    case Dst::Idle:
      return "idle (not acquired)";
    case Dst::Math:
      return "acquired by math (tile_regs_acquire)";
    case Dst::Committed:
      return "committed (tile_regs_commit)";
    case Dst::Pack:
      return "held by pack (tile_regs_wait)";
    case Dst::Both:
      return "acquired (acquire_dst)";
  }
  return "?";
}

ComputeState& state() { return current_thread().core->compute; }

void require_compute(const char* op, Loc loc) {
  KernelThread& t = current_thread();
  t.note(op, loc);
  if (t.role != Role::Compute)
    raise_fault("compute_api_in_dataflow_kernel", std::string(op) + " is only available on the compute engine", loc);
}

void require_math_section(const char* op, Loc loc) {
  const Dst d = state().dst;
  if (d != Dst::Math && d != Dst::Both)
    raise_fault("dst_not_acquired",
                std::string(op) + " writes DST outside a tile_regs_acquire()..tile_regs_commit() section (DST is " +
                    dst_state_name(d) + ")",
                loc);
}

void require_dst_index(const char* op, std::uint32_t idst, Loc loc) {
  const ComputeState& s = state();
  if (idst >= s.capacity)
    raise_fault("dst_index_out_of_capacity",
                std::string(op) + "(dst=" + std::to_string(idst) + "): DST holds " + std::to_string(s.capacity) +
                    " tiles with fp32_dest_acc_en=" + (s.fp32_dest_acc_en ? "true" : "false") + " (device.dst_tiles_" +
                    (s.fp32_dest_acc_en ? "32bit" : "16bit") + " in tt.plan.json)",
                loc);
}

// A tile at `index` of the waited window of `cb`.
const std::uint8_t* front_tile(const char* op, const CircularBuffer& cb, std::uint32_t index, Loc loc) {
  if (index >= cb.waited)
    raise_fault("cb_tile_index_out_of_window",
                std::string(op) + " reads tile " + std::to_string(index) + " of " + cb.label() + ", but only " +
                    std::to_string(cb.waited) + " tiles were made visible by cb_wait_front",
                loc, static_cast<int>(cb.index));
  return current_thread().core->l1 + cb.page_offset(cb.rd_page + index);
}

void require_format(const char* op, const char* reg, DataFormat configured, const CircularBuffer& cb, const char* fix,
                    Loc loc) {
  if (configured == cb.format) return;
  raise_fault("unpack_format_mismatch",
              std::string(op) + " unpacks " + cb.label() + " (" + format_name(cb.format) + ") through " + reg +
                  ", which is configured for " + format_name(configured) + "; call " + fix + " first",
              loc, static_cast<int>(cb.index));
}

void require_startup(const char* op, Loc loc) {
  if (!state().started)
    raise_fault("math_not_initialised",
                std::string(op) +
                    " before compute_kernel_hw_startup, which must configure the unpacker, math "
                    "engine and packer once at the start of the kernel",
                loc);
}

// Tile `index` of the waited window of `cb` as source register `reg` holds it (configured for `configured`;
// `fix` is the call that would reconfigure it): an fp32 tile keeps TF32 precision.
void unpack_source(const char* op, const char* reg, DataFormat configured, const CircularBuffer& cb,
                   std::uint32_t index, const char* fix, Loc loc, float* out) {
  require_format(op, reg, configured, cb, fix, loc);
  unpack_tile(front_tile(op, cb, index, loc), cb.format, out);
  through_src_register(out, cb.format);
}

void settle_dst(ComputeState& s, float* tile) {
  s.dst_written[static_cast<std::size_t>(tile - s.regs.data()) / kTileElems] = true;
  if (s.fp32_dest_acc_en) return;
  const DataFormat f = is_16bit_format(s.srca) ? s.srca : DataFormat::Float16_b;
  for (std::uint32_t i = 0; i < kTileElems; ++i) tile[i] = round_to_format(tile[i], f);
}

float sfpu_apply(SfpuUnary op, float x) {
  switch (op) {
    case SfpuUnary::Exp:
      return std::exp(x);
    case SfpuUnary::Relu:
      return x > 0.0f ? x : 0.0f;
    case SfpuUnary::Sqrt:
      return std::sqrt(x);
    case SfpuUnary::Rsqrt:
      return 1.0f / std::sqrt(x);
    case SfpuUnary::Log:
      return std::log(x);
    case SfpuUnary::Abs:
      return std::fabs(x);
    case SfpuUnary::Sigmoid:
      return 1.0f / (1.0f + std::exp(-x));
    case SfpuUnary::Negative:
      return -x;
  }
  return x;
}

}  // namespace

void dst_section(DstSection op, Loc loc) {
  static constexpr const char* names[] = {"tile_regs_acquire", "tile_regs_commit", "tile_regs_wait",
                                          "tile_regs_release", "acquire_dst",      "release_dst"};
  const char* name = names[static_cast<int>(op)];
  require_compute(name, loc);
  ComputeState& s = state();
  Dst from = Dst::Idle, to = Dst::Idle;
  switch (op) {
    case DstSection::Acquire:
      from = Dst::Idle, to = Dst::Math;
      break;
    case DstSection::Commit:
      from = Dst::Math, to = Dst::Committed;
      break;
    case DstSection::Wait:
      from = Dst::Committed, to = Dst::Pack;
      break;
    case DstSection::Release:
      from = Dst::Pack, to = Dst::Idle;
      break;
    case DstSection::AcquireBoth:
      from = Dst::Idle, to = Dst::Both;
      break;
    case DstSection::ReleaseBoth:
      from = Dst::Both, to = Dst::Idle;
      break;
  }
  if (s.dst != from)
    raise_fault("dst_section_order",
                std::string(name) + " while DST is " + dst_state_name(s.dst) + " (expected " + dst_state_name(from) +
                    "; the order is tile_regs_acquire, tile_regs_commit, tile_regs_wait, tile_regs_release)",
                loc);
  if (to == Dst::Math || to == Dst::Both) {
    std::fill(s.regs.begin(), s.regs.end(), 0.0f);
    s.dst_written.assign(s.capacity, false);
  }
  s.dst = to;
}

void hw_startup(std::uint32_t srca_cb, std::uint32_t srcb_cb, std::uint32_t out_cb, Loc loc) {
  require_compute("compute_kernel_hw_startup", loc);
  ComputeState& s = state();
  s.srca = cb_or_fault(srca_cb, loc).format;
  s.srcb = cb_or_fault(srcb_cb, loc).format;
  s.pack = cb_or_fault(out_cb, loc).format;
  s.started = true;
}

void matmul_init(std::uint32_t in0, std::uint32_t in1, std::uint32_t transpose, Loc loc) {
  require_compute("matmul_init", loc);
  require_startup("matmul_init", loc);
  ComputeState& s = state();
  cb_or_fault(in0, loc);
  cb_or_fault(in1, loc);
  s.mode = Mode::Matmul;
  s.mm_transpose = transpose;
}

void copy_init(std::uint32_t cb, std::uint32_t transpose, const std::uint32_t* new_srca_cb, Loc loc) {
  const char* op = new_srca_cb ? "copy_tile_to_dst_init_short_with_dt" : "copy_tile_to_dst_init_short";
  require_compute(op, loc);
  require_startup(op, loc);
  ComputeState& s = state();
  cb_or_fault(cb, loc);
  if (new_srca_cb) s.srca = cb_or_fault(*new_srca_cb, loc).format;
  s.mode = Mode::Copy;
  s.copy_transpose = transpose;
}

void reconfig_unpack(const std::uint32_t* srca_cb, const std::uint32_t* srcb_cb, Loc loc) {
  require_compute("reconfig_data_format", loc);
  ComputeState& s = state();
  if (srca_cb) s.srca = cb_or_fault(*srca_cb, loc).format;
  if (srcb_cb) s.srcb = cb_or_fault(*srcb_cb, loc).format;
}

void reconfig_pack(std::uint32_t cb, Loc loc) {
  require_compute("pack_reconfig_data_format", loc);
  state().pack = cb_or_fault(cb, loc).format;
}

void matmul_tiles(std::uint32_t in0, std::uint32_t in1, std::uint32_t in0_tile, std::uint32_t in1_tile,
                  std::uint32_t idst, Loc loc) {
  require_compute("matmul_tiles", loc);
  ComputeState& s = state();
  require_math_section("matmul_tiles", loc);
  if (s.mode != Mode::Matmul)
    raise_fault("math_not_initialised",
                "matmul_tiles without matmul_init since the last copy-tile init; the unpacker and math engine are "
                "not in matmul mode",
                loc);
  require_dst_index("matmul_tiles", idst, loc);
  const CircularBuffer& a = cb_or_fault(in0, loc);
  const CircularBuffer& b = cb_or_fault(in1, loc);
  require_format("matmul_tiles", "srcB (in0)", s.srcb, a, "reconfig_data_format_srcb", loc);
  require_format("matmul_tiles", "srcA (in1)", s.srca, b, "reconfig_data_format_srca", loc);
  // Both operands as srcB/srcA hold them, from the core's cache of unpacked tiles (a block's tiles meet
  // several times); the second lookup cannot evict the first (it was used last).
  const float* ta = s.sources.source_tile(front_tile("matmul_tiles", a, in0_tile, loc), a.format);
  const float* tb = s.sources.source_tile(front_tile("matmul_tiles", b, in1_tile, loc), b.format);
  float* c = s.regs.data() + static_cast<std::size_t>(idst) * kTileElems;
  matmul_tile_accumulate(c, ta, tb, s.mm_transpose != 0);
  settle_dst(s, c);
}

void copy_tile(std::uint32_t cb_id, std::uint32_t tile, std::uint32_t idst, Loc loc) {
  require_compute("copy_tile", loc);
  ComputeState& s = state();
  require_math_section("copy_tile", loc);
  if (s.mode != Mode::Copy)
    raise_fault("math_not_initialised",
                "copy_tile without copy_tile_to_dst_init_short / copy_tile_init since the last matmul_init", loc);
  require_dst_index("copy_tile", idst, loc);
  const CircularBuffer& cb = cb_or_fault(cb_id, loc);
  require_format("copy_tile", "srcA", s.srca, cb, "copy_tile_to_dst_init_short_with_dt or reconfig_data_format_srca",
                 loc);
  float* d = s.regs.data() + static_cast<std::size_t>(idst) * kTileElems;
  unpack_tile(front_tile("copy_tile", cb, tile, loc), cb.format, d);
  const bool to_dest = s.fp32_dest_acc_en && cb.index < s.unpack_to_dest_fp32.size() && s.unpack_to_dest_fp32[cb.index];
  if (!to_dest) through_src_register(d, cb.format);
  if (s.copy_transpose) {
    for (std::uint32_t i = 0; i < kTileDim; ++i)
      for (std::uint32_t j = i + 1; j < kTileDim; ++j) std::swap(d[i * kTileDim + j], d[j * kTileDim + i]);
  }
  settle_dst(s, d);
}

void pack_tile(std::uint32_t idst, std::uint32_t cb_id, std::uint32_t out_tile, bool out_of_order, Loc loc) {
  require_compute("pack_tile", loc);
  ComputeState& s = state();
  if (s.dst != Dst::Pack && s.dst != Dst::Both)
    raise_fault("dst_not_acquired",
                std::string("pack_tile reads DST outside a tile_regs_wait()..tile_regs_release() section (DST is ") +
                    dst_state_name(s.dst) + ")",
                loc);
  require_dst_index("pack_tile", idst, loc);
  CircularBuffer& cb = cb_or_fault(cb_id, loc);
  const int id = static_cast<int>(cb.index);
  if (s.pack != cb.format)
    raise_fault("pack_format_mismatch",
                "pack_tile into " + cb.label() + " (" + format_name(cb.format) + ") but the packer is configured for " +
                    format_name(s.pack) + "; call pack_reconfig_data_format(" + std::to_string(cb.index) + ") first",
                loc, id);
  const std::uint32_t page = out_of_order ? out_tile : cb.pack_page;
  if (page >= cb.reserved)
    raise_fault("pack_outside_reserved_window",
                "pack_tile writes page " + std::to_string(page) + " of the reserved window of " + cb.label() +
                    ", but only " + std::to_string(cb.reserved) + " pages are reserved (cb_reserve_back)",
                loc, id);
  if (!out_of_order) ++cb.pack_page;
  ttemu::pack_tile(s.regs.data() + static_cast<std::size_t>(idst) * kTileElems, cb.format,
                   current_thread().core->l1 + cb.page_offset(cb.wr_page + page));
}

// FPU binary: both operands pass srcA (icb0) / srcB (icb1) like matmul's, the result settles in DST.
void binary_init(EltwiseBinary op, std::uint32_t icb0, std::uint32_t icb1, bool acc_to_dest, const char* api, Loc loc) {
  require_compute(api, loc);
  require_startup(api, loc);
  ComputeState& s = state();
  cb_or_fault(icb0, loc);
  cb_or_fault(icb1, loc);
  s.mode = Mode::Binary;
  s.binary_op = static_cast<int>(op);
  s.binary_acc_to_dest = acc_to_dest;
  s.binary_bcast = -1;
}

namespace {

// DST[idst] = page itile0 of icb0 (srcA) op page itile1 of icb1 (srcB), srcB broadcast when `bcast` is given
// (bcast_math.h), after the init checks of the calling API.
void binary_into_dst(EltwiseBinary op, std::uint32_t icb0, std::uint32_t icb1, std::uint32_t itile0,
                     std::uint32_t itile1, std::uint32_t idst, const BcastAxis* bcast, std::uint32_t bcast_row,
                     const char* api, Loc loc) {
  ComputeState& s = state();
  require_dst_index(api, idst, loc);
  float ta[kTileElems], tb[kTileElems];
  unpack_source(api, "srcA (icb0)", s.srca, cb_or_fault(icb0, loc), itile0, "reconfig_data_format_srca", loc, ta);
  unpack_source(api, "srcB (icb1)", s.srcb, cb_or_fault(icb1, loc), itile1, "reconfig_data_format_srcb", loc, tb);
  if (bcast) {
    float wide[kTileElems];
    broadcast_tile(tb, *bcast, bcast_row, wide);
    std::copy(wide, wide + kTileElems, tb);
  }
  float* d = s.regs.data() + static_cast<std::size_t>(idst) * kTileElems;
  for (std::uint32_t i = 0; i < kTileElems; ++i) {
    const float r = op == EltwiseBinary::Add ? ta[i] + tb[i] : op == EltwiseBinary::Sub ? ta[i] - tb[i] : ta[i] * tb[i];
    d[i] = s.binary_acc_to_dest ? d[i] + r : r;
  }
  settle_dst(s, d);
}

}  // namespace

void binary_tiles(EltwiseBinary op, std::uint32_t icb0, std::uint32_t icb1, std::uint32_t itile0, std::uint32_t itile1,
                  std::uint32_t idst, const char* api, Loc loc) {
  require_compute(api, loc);
  ComputeState& s = state();
  require_math_section(api, loc);
  if (s.mode != Mode::Binary || s.binary_op != static_cast<int>(op) || s.binary_bcast != -1)
    raise_fault("math_not_initialised",
                std::string(api) + " without its own *_tiles_init since the last matmul, copy or other binary init",
                loc);
  binary_into_dst(op, icb0, icb1, itile0, itile1, idst, nullptr, 0, api, loc);
}

// Broadcast binary ops (bcast.h): the unpacker and math engine are programmed for one op and one broadcast
// dimension (llk_unpack_AB_init<BroadcastType>, llk_math_eltwise_binary_init<op, BroadcastType>), so each
// *_tiles_bcast_* needs an init of the same pair since the last other init.
void bcast_init(EltwiseBinary op, BcastDim dim, std::uint32_t icb0, std::uint32_t icb1, const char* api, Loc loc) {
  binary_init(op, icb0, icb1, false, api, loc);
  state().binary_bcast = static_cast<int>(dim);
}

void bcast_tiles(EltwiseBinary op, BcastDim dim, std::uint32_t icb0, std::uint32_t icb1, std::uint32_t itile0,
                 std::uint32_t itile1, std::uint32_t idst, std::uint32_t bcast_row, const char* api, Loc loc) {
  require_compute(api, loc);
  ComputeState& s = state();
  require_math_section(api, loc);
  if (s.mode != Mode::Binary || s.binary_op != static_cast<int>(op) || s.binary_bcast != static_cast<int>(dim))
    raise_fault("math_not_initialised",
                std::string(api) + " without an init of the same op and broadcast dimension (init_bcast or its " +
                    "*_bcast_*_init_short) since the last other init",
                loc);
  if (bcast_row >= kTileDim)
    raise_fault("bcast_row_out_of_tile",
                std::string(api) + "(bcast_row_idx=" + std::to_string(bcast_row) + "): a tile has " +
                    std::to_string(kTileDim) + " rows",
                loc);
  static constexpr BcastAxis axes[] = {BcastAxis::Row, BcastAxis::Col, BcastAxis::Scalar};
  binary_into_dst(op, icb0, icb1, itile0, itile1, idst, &axes[static_cast<int>(dim)], bcast_row, api, loc);
}

// unary_bcast (bcast.h @00b0fa3f): the init is a full one (llk_unpack_hw_configure(icb) for both sources,
// llk_unpack_A_init<bcast_type>, the math data copy with the broadcast, llk_pack_hw_configure(ocb)), so it needs no
// startup. An fp32 (or 32-bit integer) tile is unpacked straight to DST (A2D, lossless), any other through srcB (B2D).
void unary_bcast_init(BcastDim dim, std::uint32_t icb, std::uint32_t ocb, const char* api, Loc loc) {
  require_compute(api, loc);
  ComputeState& s = state();
  const DataFormat in = cb_or_fault(icb, loc).format;
  s.srca = s.srcb = in;
  s.pack = cb_or_fault(ocb, loc).format;
  s.mode = Mode::UnaryBcast;
  s.unary_bcast = static_cast<int>(dim);
}

void unary_bcast(BcastDim dim, std::uint32_t icb, std::uint32_t tile, std::uint32_t idst, const char* api, Loc loc) {
  require_compute(api, loc);
  ComputeState& s = state();
  require_math_section(api, loc);
  if (s.mode != Mode::UnaryBcast || s.unary_bcast != static_cast<int>(dim))
    raise_fault(
        "math_not_initialised",
        std::string(api) + " without unary_bcast_init of the same broadcast dimension since the last other init", loc);
  require_dst_index(api, idst, loc);
  const CircularBuffer& cb = cb_or_fault(icb, loc);
  require_format(api, "srcA", s.srca, cb, "unary_bcast_init", loc);
  float t[kTileElems];
  unpack_tile(front_tile(api, cb, tile, loc), cb.format, t);
  const bool to_dest =
      cb.format == DataFormat::Float32 || cb.format == DataFormat::Int32 || cb.format == DataFormat::UInt32;
  if (!to_dest) through_src_register(t, cb.format);
  static constexpr BcastAxis axes[] = {BcastAxis::Row, BcastAxis::Col, BcastAxis::Scalar};
  float* d = s.regs.data() + static_cast<std::size_t>(idst) * kTileElems;
  broadcast_tile(t, axes[static_cast<int>(dim)], 0, d);
  settle_dst(s, d);
}

void unary_bcast_uninit(BcastDim dim, std::uint32_t icb, const char* api, Loc loc) {
  require_compute(api, loc);
  ComputeState& s = state();
  cb_or_fault(icb, loc);
  if (s.mode != Mode::UnaryBcast || s.unary_bcast != static_cast<int>(dim))
    raise_fault(
        "math_not_initialised",
        std::string(api) + " without unary_bcast_init of the same broadcast dimension since the last other init", loc);
  s.mode = Mode::None;
  s.unary_bcast = -1;
}

// SFPU: computes on DST's values in fp32 (the exact functions: tt-metal's default, non-approximate
// modes agree with them within the tolerances the tests state); the result settles in DST.
void sfpu_init(SfpuUnary op, const char* api, Loc loc) {
  require_compute(api, loc);
  state().sfpu_op = static_cast<int>(op);
  state().sfpu_init = nullptr;
}

void sfpu_unary(SfpuUnary op, std::uint32_t idst, const char* api, Loc loc) {
  require_compute(api, loc);
  ComputeState& s = state();
  require_math_section(api, loc);
  if (s.sfpu_op != static_cast<int>(op))
    raise_fault("math_not_initialised",
                std::string(api) + " without its init; the SFPU is set up for another operation", loc);
  require_dst_index(api, idst, loc);
  float* d = s.regs.data() + static_cast<std::size_t>(idst) * kTileElems;
  for (std::uint32_t i = 0; i < kTileElems; ++i) d[i] = sfpu_apply(op, d[i]);
  settle_dst(s, d);
}

// Reduce: srcA <- icb's page (TF32 for fp32), srcB <- the scaler page; the pooled vector accumulates in DST
// (reduce_math.h). The MOP is programmed by reduce_init for one pool type and dimension.
void reduce_init(ReducePool pool, ReduceDimension dim, std::uint32_t icb, std::uint32_t icb_scaler, std::uint32_t ocb,
                 Loc loc) {
  require_compute("reduce_init", loc);
  require_startup("reduce_init", loc);
  ComputeState& s = state();
  cb_or_fault(icb, loc);
  cb_or_fault(icb_scaler, loc);
  cb_or_fault(ocb, loc);
  s.mode = Mode::Reduce;
  s.reduce_pool = static_cast<int>(pool);
  s.reduce_dim = static_cast<int>(dim);
}

void reduce_tile(ReducePool pool, ReduceDimension dim, std::uint32_t icb, std::uint32_t icb_scaler, std::uint32_t itile,
                 std::uint32_t itile_scaler, std::uint32_t idst, Loc loc) {
  require_compute("reduce_tile", loc);
  ComputeState& s = state();
  require_math_section("reduce_tile", loc);
  if (s.mode != Mode::Reduce || s.reduce_pool != static_cast<int>(pool) || s.reduce_dim != static_cast<int>(dim))
    raise_fault("math_not_initialised",
                "reduce_tile without a reduce_init of the same PoolType and ReduceDim since the last other init", loc);
  require_dst_index("reduce_tile", idst, loc);
  float ta[kTileElems], ts[kTileElems];
  unpack_source("reduce_tile", "srcA (icb)", s.srca, cb_or_fault(icb, loc), itile, "reconfig_data_format_srca", loc,
                ta);
  unpack_source("reduce_tile", "srcB (icb_scaler)", s.srcb, cb_or_fault(icb_scaler, loc), itile_scaler,
                "reconfig_data_format_srcb", loc, ts);
  float* d = s.regs.data() + static_cast<std::size_t>(idst) * kTileElems;
  static constexpr ReducePoolOp pools[] = {ReducePoolOp::Sum, ReducePoolOp::Avg, ReducePoolOp::Max};
  static constexpr ReduceAxis axes[] = {ReduceAxis::Row, ReduceAxis::Col, ReduceAxis::Scalar};
  reduce_tile_accumulate(d, !s.dst_written[idst], ta, ts, pools[static_cast<int>(pool)], axes[static_cast<int>(dim)]);
  settle_dst(s, d);
}

// Clears the packer's edge masks; the next operation needs its own init.
void reduce_uninit(Loc loc) {
  require_compute("reduce_uninit", loc);
  ComputeState& s = state();
  if (s.mode == Mode::Reduce) s.mode = Mode::None;
}

// SFPU ops that carry their math in their header (sfpu_program / sfpu_map / sfpu_map2): the SFPU state is the name
// of the init that ran last, so ops sharing one init (add/mul/..._unary_tile after binop_with_scalar_tile_init) need it
// once.
namespace {

void require_sfpu_init(const char* api, const char* init_api, Loc loc) {
  const char* current = state().sfpu_init;
  if (!current || std::string_view(current) != init_api)
    raise_fault("math_not_initialised",
                std::string(api) + " without " + init_api + "; the SFPU is set up for " +
                    (current ? std::string(current) : std::string("another operation")),
                loc);
}

}  // namespace

void sfpu_program(const char* init_api, Loc loc) {
  require_compute(init_api, loc);
  state().sfpu_init = init_api;
  state().sfpu_op = -1;
}

void sfpu_map(const char* api, const char* init_api, std::uint32_t idst, SfpuFn fn, float param, Loc loc) {
  require_compute(api, loc);
  ComputeState& s = state();
  require_math_section(api, loc);
  require_sfpu_init(api, init_api, loc);
  require_dst_index(api, idst, loc);
  float* d = s.regs.data() + static_cast<std::size_t>(idst) * kTileElems;
  for (std::uint32_t i = 0; i < kTileElems; ++i) d[i] = fn(d[i], param);
  settle_dst(s, d);
}

void sfpu_map2(const char* api, const char* init_api, std::uint32_t idst0, std::uint32_t idst1, std::uint32_t odst,
               SfpuBinaryFn fn, Loc loc) {
  require_compute(api, loc);
  ComputeState& s = state();
  require_math_section(api, loc);
  require_sfpu_init(api, init_api, loc);
  require_dst_index(api, idst0, loc);
  require_dst_index(api, idst1, loc);
  require_dst_index(api, odst, loc);
  const float* a = s.regs.data() + static_cast<std::size_t>(idst0) * kTileElems;
  const float* b = s.regs.data() + static_cast<std::size_t>(idst1) * kTileElems;
  float* d = s.regs.data() + static_cast<std::size_t>(odst) * kTileElems;
  for (std::uint32_t i = 0; i < kTileElems; ++i) d[i] = fn(a[i], b[i]);
  settle_dst(s, d);
}

}  // namespace ttemu::api
