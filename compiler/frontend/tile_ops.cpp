// The `T.*` name table and op signatures (parameter names as in TileLang's Python API).
#include "compiler/frontend/tile_ops.h"

#include <map>

#include "compiler/ir/dtype.h"
#include "compiler/ir/dtype_spellings.h"
#include "compiler/ir/ir.h"
#include "compiler/ir/suggest.h"

namespace tt::frontend {

namespace {

constexpr struct {
  std::string_view name;
  TileOp op;
} kOps[] = {
    {"prim_func", TileOp::PrimFunc},
    {"Tensor", TileOp::Tensor},
    {"Buffer", TileOp::Buffer},
    {"Kernel", TileOp::Kernel},
    {"Pipelined", TileOp::Pipelined},
    {"serial", TileOp::Serial},
    {"Parallel", TileOp::Parallel},
    {"unroll", TileOp::Unroll},
    {"alloc_shared", TileOp::AllocShared},
    {"alloc_fragment", TileOp::AllocFragment},
    {"alloc_local", TileOp::AllocLocal},
    {"clear", TileOp::Clear},
    {"fill", TileOp::Fill},
    {"copy", TileOp::Copy},
    {"gemm", TileOp::Gemm},
    {"ceildiv", TileOp::CeilDiv},
    {"min", TileOp::Min},
    {"max", TileOp::Max},
    {"GemmWarpPolicy", TileOp::GemmWarpPolicy},
    {"macro", TileOp::Macro},
    {"const", TileOp::Const},
    {"dynamic", TileOp::Dynamic},
    {"symbolic", TileOp::Dynamic},  // TileLang's deprecated alias of T.dynamic (since v0.1.9)
    {"empty", TileOp::Empty},
    {"Cast", TileOp::Cast},
    {"cast", TileOp::CastLower},
    {"if_then_else", TileOp::IfThenElse},
    {"infinity", TileOp::Infinity},
    {"clamp", TileOp::Clamp},
    {"reduce_sum", TileOp::ReduceSum},
    {"reduce_max", TileOp::ReduceMax},
    {"reduce_min", TileOp::ReduceMin},
    {"reduce_abssum", TileOp::ReduceAbsSum},
    {"reduce_absmax", TileOp::ReduceAbsMax},
    {"alloc_var", TileOp::AllocVar},
    {"dtype", TileOp::DType},
    {"If", TileOp::If},
    {"Then", TileOp::Then},
    {"Else", TileOp::Else},
    {"cumsum", TileOp::Cumsum},
    {"cummax", TileOp::Cummax},
};

// Members TileLang has that the backend does not lower, by name or (ending in '*') by prefix for
// the CUDA intrinsic families. Counts from upstream's examples: see TILELANG_TODAY.md.
constexpr struct {
  std::string_view name;
  TileSupport support;
  std::string_view family;
} kClassified[] = {
    // GPU scheduling hints: they change how a GPU runs the kernel, not what it computes.
    {"use_swizzle", TileSupport::Hint, "rasterization hint"},
    {"annotate_layout", TileSupport::Hint, "shared-memory layout hint"},
    {"annotate_l2_hit_ratio", TileSupport::Hint, "L2 cache hint"},
    {"annotate_min_blocks_per_sm", TileSupport::Hint, "occupancy hint"},
    {"annotate_producer_reg_dealloc", TileSupport::Hint, "register-allocation hint"},
    {"annotate_consumer_reg_alloc", TileSupport::Hint, "register-allocation hint"},
    {"disable_warp_group_reg_alloc", TileSupport::Hint, "register-allocation hint"},
    {"set_max_nreg", TileSupport::Hint, "register-allocation hint"},
    {"no_set_max_nreg", TileSupport::Hint, "register-allocation hint"},
    {"inc_max_nreg", TileSupport::Hint, "register-allocation hint"},
    {"dec_max_nreg", TileSupport::Hint, "register-allocation hint"},
    {"annotate_pass_configs", TileSupport::Hint, "GPU compiler option"},
    {"annotate_compile_flags", TileSupport::Hint, "GPU compiler option"},
    {"annotate_restrict_buffers", TileSupport::Hint, "aliasing hint"},
    {"annotate_ws_schedule", TileSupport::Hint, "warp-specialization hint"},
    {"assume", TileSupport::Hint, "optimizer assumption"},
    // GPU-only intrinsics.
    {"get_thread_binding", TileSupport::GpuOnly, "thread bindings"},
    {"get_block_binding", TileSupport::GpuOnly, "thread bindings"},
    {"thread_binding", TileSupport::GpuOnly, "thread bindings"},
    {"launch_thread", TileSupport::GpuOnly, "thread bindings"},
    {"env_thread", TileSupport::GpuOnly, "thread bindings"},
    {"get_warp_idx", TileSupport::GpuOnly, "thread bindings"},
    {"get_warp_idx_sync", TileSupport::GpuOnly, "thread bindings"},
    {"get_lane_idx", TileSupport::GpuOnly, "thread bindings"},
    {"get_warp_group_idx", TileSupport::GpuOnly, "thread bindings"},
    {"thread_return", TileSupport::GpuOnly, "thread control"},
    {"sync_threads", TileSupport::GpuOnly, "barriers"},
    {"sync_warp", TileSupport::GpuOnly, "barriers"},
    {"sync_grid", TileSupport::GpuOnly, "barriers"},
    {"syncthreads_*", TileSupport::GpuOnly, "barriers"},
    {"tvm_storage_sync", TileSupport::GpuOnly, "barriers"},
    {"barrier_arrive", TileSupport::GpuOnly, "barriers"},
    {"barrier_wait", TileSupport::GpuOnly, "barriers"},
    {"named_barrier_arrive", TileSupport::GpuOnly, "barriers"},
    {"mbarrier_*", TileSupport::GpuOnly, "barriers"},
    {"alloc_barrier", TileSupport::GpuOnly, "barriers"},
    {"alloc_cluster_barrier", TileSupport::GpuOnly, "barriers"},
    {"get_mbarrier", TileSupport::GpuOnly, "barriers"},
    {"create_list_of_mbarrier", TileSupport::GpuOnly, "barriers"},
    {"fence_proxy_async", TileSupport::GpuOnly, "barriers"},
    {"cp_async_barrier_noinc", TileSupport::GpuOnly, "barriers"},
    {"tma_*", TileSupport::GpuOnly, "TMA"},
    {"create_tma_descriptor", TileSupport::GpuOnly, "TMA"},
    {"copy_cluster", TileSupport::GpuOnly, "thread-block clusters"},
    {"cluster_*", TileSupport::GpuOnly, "thread-block clusters"},
    {"block_rank_in_cluster", TileSupport::GpuOnly, "thread-block clusters"},
    {"clc_*", TileSupport::GpuOnly, "thread-block clusters"},
    {"ClusterKernel", TileSupport::GpuOnly, "thread-block clusters"},
    {"ptx_*", TileSupport::GpuOnly, "PTX intrinsics"},
    {"wgmma_*", TileSupport::GpuOnly, "wgmma"},
    {"wait_wgmma", TileSupport::GpuOnly, "wgmma"},
    {"warpgroup_*", TileSupport::GpuOnly, "wgmma"},
    {"alloc_wgmma_desc", TileSupport::GpuOnly, "wgmma"},
    {"alloc_descriptor", TileSupport::GpuOnly, "wgmma"},
    {"initialize_wgmma_descriptor", TileSupport::GpuOnly, "wgmma"},
    {"increase_descriptor_offset", TileSupport::GpuOnly, "wgmma"},
    {"tcgen05_*", TileSupport::GpuOnly, "tcgen05/tmem"},
    {"alloc_tcgen05_*", TileSupport::GpuOnly, "tcgen05/tmem"},
    {"alloc_tmem", TileSupport::GpuOnly, "tcgen05/tmem"},
    {"deallocate_tmem", TileSupport::GpuOnly, "tcgen05/tmem"},
    {"mma_gemm_blockscaled", TileSupport::GpuOnly, "tcgen05/tmem"},
    {"atomic_*", TileSupport::GpuOnly, "atomics"},
    {"shfl_sync", TileSupport::GpuOnly, "warp shuffles"},
    {"tvm_warp_shuffle", TileSupport::GpuOnly, "warp shuffles"},
    {"shuffle_elect", TileSupport::GpuOnly, "warp shuffles"},
    {"ballot*", TileSupport::GpuOnly, "warp votes"},
    {"any_sync", TileSupport::GpuOnly, "warp votes"},
    {"all_sync", TileSupport::GpuOnly, "warp votes"},
    {"activemask", TileSupport::GpuOnly, "warp votes"},
    {"match_all_sync", TileSupport::GpuOnly, "warp votes"},
    {"match_any_sync", TileSupport::GpuOnly, "warp votes"},
    {"warp_reduce_*", TileSupport::GpuOnly, "warp reductions"},
    {"tvm_thread_allreduce", TileSupport::GpuOnly, "warp reductions"},
    {"ldg*", TileSupport::GpuOnly, "vector memory instructions"},
    {"lds*", TileSupport::GpuOnly, "vector memory instructions"},
    {"stg*", TileSupport::GpuOnly, "vector memory instructions"},
    {"sts*", TileSupport::GpuOnly, "vector memory instructions"},
    {"__ldg", TileSupport::GpuOnly, "vector memory instructions"},
    {"__ffs", TileSupport::GpuOnly, "CUDA intrinsics"},
    {"__fns", TileSupport::GpuOnly, "CUDA intrinsics"},
    {"dp4a", TileSupport::GpuOnly, "CUDA intrinsics"},
    {"pdl_trigger", TileSupport::GpuOnly, "programmatic dependent launch"},
    {"pdl_sync", TileSupport::GpuOnly, "programmatic dependent launch"},
    {"WS*", TileSupport::GpuOnly, "warp specialization"},
    {"ws", TileSupport::GpuOnly, "warp specialization"},
    {"ws_op", TileSupport::GpuOnly, "warp specialization"},
    {"tvm_mfma*", TileSupport::GpuOnly, "AMD matrix cores"},
    {"mfma*", TileSupport::GpuOnly, "AMD matrix cores"},
    {"tvm_rdna_wmma", TileSupport::GpuOnly, "AMD matrix cores"},
    {"ds_read_*", TileSupport::GpuOnly, "AMD LDS instructions"},
    {"call_extern", TileSupport::GpuOnly, "external device functions"},
    {"import_source", TileSupport::GpuOnly, "external device functions"},
    {"CUDASourceCodeKernel", TileSupport::GpuOnly, "external device functions"},
    {"call_intrin", TileSupport::GpuOnly, "raw TIR intrinsics"},
    {"call_packed", TileSupport::GpuOnly, "raw TIR intrinsics"},
    {"tvm_call_cpacked", TileSupport::GpuOnly, "raw TIR intrinsics"},
    {"tvm_access_ptr", TileSupport::GpuOnly, "pointers"},
    {"access_ptr", TileSupport::GpuOnly, "pointers"},
    {"address_of", TileSupport::GpuOnly, "pointers"},
    {"handle_add_byte_offset", TileSupport::GpuOnly, "pointers"},
    {"ptr", TileSupport::GpuOnly, "pointers"},
    {"make_tensor", TileSupport::GpuOnly, "pointers"},
    {"StridedTensor", TileSupport::GpuOnly, "pointers"},
    {"device_assert", TileSupport::GpuOnly, "device printing and asserts"},
    {"print", TileSupport::GpuOnly, "device printing and asserts"},
    // TileLang ops the Tenstorrent backend does not lower yet.
    {"reduce_bit*", TileSupport::NotLowered, "reductions"},
    {"finalize_reducer", TileSupport::NotLowered, "reducers"},
    {"alloc_reducer", TileSupport::NotLowered, "reducers"},
    {"reducer_*", TileSupport::NotLowered, "reducers"},
    {"comm_reducer", TileSupport::NotLowered, "reducers"},
    {"any_of", TileSupport::NotLowered, "reductions"},
    {"all_of", TileSupport::NotLowered, "reductions"},
    {"Select", TileSupport::NotLowered, "element-wise math"},
    {"reinterpret", TileSupport::NotLowered, "element-wise math"},
    {"abs2", TileSupport::NotLowered, "element-wise math"},
    {"pow", TileSupport::NotLowered, "element-wise math"},
    {"tan", TileSupport::NotLowered, "element-wise math"},
    {"sinh", TileSupport::NotLowered, "element-wise math"},
    {"cosh", TileSupport::NotLowered, "element-wise math"},
    {"atan", TileSupport::NotLowered, "element-wise math"},
    {"trunc", TileSupport::NotLowered, "element-wise math"},
    {"round", TileSupport::NotLowered, "element-wise math"},
    {"nearbyint", TileSupport::NotLowered, "element-wise math"},
    {"fmod", TileSupport::NotLowered, "element-wise math"},
    {"isfinite", TileSupport::NotLowered, "element-wise math"},
    {"floordiv", TileSupport::NotLowered, "element-wise math"},
    {"floormod", TileSupport::NotLowered, "element-wise math"},
    {"shift_left", TileSupport::NotLowered, "element-wise math"},
    {"shift_right", TileSupport::NotLowered, "element-wise math"},
    {"bitwise_*", TileSupport::NotLowered, "element-wise math"},
    {"fast_rcp", TileSupport::NotLowered, "element-wise math"},
    {"__*", TileSupport::NotLowered, "element-wise math"},
    {"ieee_*", TileSupport::NotLowered, "element-wise math"},
    {"add2", TileSupport::NotLowered, "element-wise math"},
    {"sub2", TileSupport::NotLowered, "element-wise math"},
    {"mul2", TileSupport::NotLowered, "element-wise math"},
    {"min2", TileSupport::NotLowered, "element-wise math"},
    {"max2", TileSupport::NotLowered, "element-wise math"},
    {"fma2", TileSupport::NotLowered, "element-wise math"},
    {"rng_*", TileSupport::NotLowered, "random numbers"},
    {"alloc_buffer", TileSupport::NotLowered, "buffers"},
    {"decl_buffer", TileSupport::NotLowered, "buffers"},
    {"alloc_global", TileSupport::NotLowered, "buffers"},
    {"allocate", TileSupport::NotLowered, "buffers"},
    {"match_buffer", TileSupport::NotLowered, "buffers"},
    {"view", TileSupport::NotLowered, "buffer views"},
    {"reshape", TileSupport::NotLowered, "buffer views"},
    {"transpose", TileSupport::NotLowered, "buffer views"},
    {"region", TileSupport::NotLowered, "buffer views"},
    {"gemm_sp", TileSupport::NotLowered, "sparse gemm"},
    {"gemm_v2", TileSupport::NotLowered, "gemm variants"},
    {"im2col", TileSupport::NotLowered, "im2col"},
    {"c2d_im2col", TileSupport::NotLowered, "im2col"},
    {"async_copy", TileSupport::NotLowered, "asynchronous copies"},
    {"vectorized", TileSupport::NotLowered, "loop kinds"},
    {"grid", TileSupport::NotLowered, "loop kinds"},
    {"Persistent", TileSupport::NotLowered, "persistent schedules"},
    {"PersistentTileScheduler", TileSupport::NotLowered, "persistent schedules"},
    {"evaluate", TileSupport::NotLowered, "raw TIR"},
    {"sblock*", TileSupport::NotLowered, "raw TIR"},
    {"block", TileSupport::NotLowered, "raw TIR"},
    {"reads", TileSupport::NotLowered, "raw TIR"},
    {"writes", TileSupport::NotLowered, "raw TIR"},
    {"axis", TileSupport::NotLowered, "raw TIR"},
    {"attr", TileSupport::NotLowered, "raw TIR"},
    {"func_attr", TileSupport::NotLowered, "raw TIR"},
    {"let", TileSupport::NotLowered, "raw TIR"},
    {"LetStmt", TileSupport::NotLowered, "raw TIR"},
    {"While", TileSupport::NotLowered, "raw TIR"},
    {"Assert", TileSupport::NotLowered, "raw TIR"},
    {"Ramp", TileSupport::NotLowered, "raw TIR"},
    {"Broadcast", TileSupport::NotLowered, "raw TIR"},
    {"Shuffle", TileSupport::NotLowered, "raw TIR"},
    {"buffer_store", TileSupport::NotLowered, "raw TIR"},
    {"bind", TileSupport::NotLowered, "raw TIR"},
    {"extract_lane", TileSupport::NotLowered, "raw TIR"},
    {"loop_break", TileSupport::NotLowered, "raw TIR"},
    {"index_to_coordinates", TileSupport::NotLowered, "raw TIR"},
    {"align_up", TileSupport::NotLowered, "raw TIR"},
    {"Layout", TileSupport::NotLowered, "layouts"},
    {"Fragment", TileSupport::NotLowered, "layouts"},
    {"Var", TileSupport::NotLowered, "symbolic shapes"},
    {"target", TileSupport::NotLowered, "target queries"},
    {"FragmentBuffer", TileSupport::NotLowered, "buffer annotations"},
    {"SharedBuffer", TileSupport::NotLowered, "buffer annotations"},
    {"LocalBuffer", TileSupport::NotLowered, "buffer annotations"},
    {"type_annotation", TileSupport::NotLowered, "raw TIR"},
    {"handle", TileSupport::NotLowered, "raw TIR"},
    {"PrimExpr", TileSupport::NotLowered, "raw TIR"},
    {"Ref", TileSupport::NotLowered, "raw TIR"},
    {"Pipeline", TileSupport::NotLowered, "loop kinds"},
    {"Serial", TileSupport::NotLowered, "loop kinds"},
    {"parallel", TileSupport::NotLowered, "loop kinds"},
    {"add", TileSupport::NotLowered, "element-wise math"},
    // dtypes TileLang has and the Tenstorrent backend does not (see compiler/ir/dtype.h).
    {"float64", TileSupport::NotLowered, "dtypes"},
    {"int64", TileSupport::NotLowered, "dtypes"},
    {"uint64", TileSupport::NotLowered, "dtypes"},
    {"int4", TileSupport::NotLowered, "dtypes"},
    {"uint4", TileSupport::NotLowered, "dtypes"},
    {"tfloat32", TileSupport::NotLowered, "dtypes"},
    {"float8_*", TileSupport::NotLowered, "dtypes"},
    {"float4_*", TileSupport::NotLowered, "dtypes"},
    {"float16x*", TileSupport::NotLowered, "dtypes"},
    {"float32x*", TileSupport::NotLowered, "dtypes"},
    {"bfloat16x*", TileSupport::NotLowered, "dtypes"},
    {"int", TileSupport::NotLowered, "dtypes"},
    {"uint", TileSupport::NotLowered, "dtypes"},
    {"long", TileSupport::NotLowered, "dtypes"},
    {"short", TileSupport::NotLowered, "dtypes"},
};

Signature make(std::string name, std::vector<ParamSpec> params, size_t max_positional) {
  return Signature{std::move(name), std::move(params), max_positional};
}

// reduce_max/min/absmax(buffer, out, dim=-1, clear=True, batch=1, nan_propagate=False, annotations=None)
Signature reduce_with_nan(std::string name) {
  return make(std::move(name),
              {{"buffer", true},
               {"out", true},
               {"dim", false},
               {"clear", false},
               {"batch", false},
               {"nan_propagate", false},
               {"annotations", false}},
              7);
}

}  // namespace

std::string_view tile_member(std::string_view path) {
  if (path.size() <= kTileLang.size() + 1 || path.substr(0, kTileLang.size()) != kTileLang ||
      path[kTileLang.size()] != '.') {
    return {};
  }
  std::string_view rest = path.substr(kTileLang.size() + 1);
  return rest.find('.') == std::string_view::npos ? rest : std::string_view();
}

std::optional<TileOp> tile_op_of(std::string_view path) {
  std::string_view member = tile_member(path);
  for (const auto& entry : kOps) {
    if (!member.empty() && entry.name == member) return entry.op;
  }
  if (!member.empty() && ir::unary_op_of(member)) return TileOp::Math;
  return std::nullopt;
}

bool is_known_tile_member(std::string_view member) {
  for (const auto& entry : kOps) {
    if (entry.name == member) return true;
  }
  return parse_dtype(member).has_value() || ir::unary_op_of(member).has_value() ||
         classify_tile_member(member).has_value();
}

std::string unknown_tile_member_message(std::string_view member, std::string_view spelled) {
  std::vector<std::string> names;
  for (const auto& entry : kOps) names.emplace_back(entry.name);
  for (const std::string& d : dtype_spellings()) names.push_back(d);
  std::string message = "unsupported TileLang construct '" + std::string(spelled) + "'";
  if (auto match = closest_match(member, names)) message += "; did you mean 'T." + *match + "'?";
  return message;
}

std::optional<TileMemberClass> classify_tile_member(std::string_view member) {
  for (const auto& entry : kClassified) {
    std::string_view name = entry.name;
    bool prefix = !name.empty() && name.back() == '*';
    if (prefix ? member.substr(0, name.size() - 1) == name.substr(0, name.size() - 1) : member == name) {
      return TileMemberClass{entry.support, entry.family};
    }
  }
  return std::nullopt;
}

std::vector<std::string> symbol_names(std::string_view declaration) {
  std::vector<std::string> names;
  std::string word;
  for (char c : std::string(declaration) + ",") {
    if (c == ',' || c == ' ' || c == '\t') {
      if (!word.empty()) names.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  return names;
}

std::string unsupported_member_message(std::string_view member, const TileMemberClass& c) {
  std::string op = "T." + std::string(member);
  switch (c.support) {
    case TileSupport::Hint:
      return op + " is a GPU " + std::string(c.family) + ": ignored on Tenstorrent";
    case TileSupport::GpuOnly:
      return op + " is a GPU-only intrinsic (" + std::string(c.family) + "): it has no Tenstorrent lowering";
    case TileSupport::NotLowered:
      break;
  }
  return op + " (" + std::string(c.family) + ") is not lowered for Tenstorrent yet";
}

const Signature& tile_op_signature(TileOp op) {
  static const std::map<TileOp, Signature> kSignatures = {
      {TileOp::Tensor, make("T.Tensor", {{"shape", true}, {"dtype", false}}, 2)},
      {TileOp::Buffer, make("T.Buffer", {{"shape", true}, {"dtype", false}}, 2)},
      {TileOp::Pipelined, make("T.Pipelined",
                               {{"start", true},
                                {"stop", false},
                                {"num_stages", false},
                                {"order", false},
                                {"stage", false},
                                {"sync", false},
                                {"group", false}},
                               2)},
      {TileOp::Serial, make("T.serial", {{"start", true}, {"stop", false}, {"step", false}}, 3)},
      {TileOp::Unroll, make("T.unroll", {{"start", true}, {"stop", false}, {"step", false}}, 3)},
      {TileOp::AllocShared, make("T.alloc_shared", {{"shape", true}, {"dtype", true}, {"scope", false}}, 3)},
      {TileOp::AllocFragment, make("T.alloc_fragment", {{"shape", true}, {"dtype", true}, {"scope", false}}, 3)},
      {TileOp::AllocLocal, make("T.alloc_local", {{"shape", true}, {"dtype", true}, {"scope", false}}, 3)},
      {TileOp::Clear, make("T.clear", {{"buffer", true}}, 1)},
      {TileOp::Fill, make("T.fill", {{"buffer", true}, {"value", true}}, 2)},
      {TileOp::Copy, make("T.copy",
                          {{"src", true},
                           {"dst", true},
                           {"coalesced_width", false},
                           {"disable_tma", false},
                           {"eviction_policy", false}},
                          2)},
      {TileOp::Gemm, make("T.gemm",
                          {{"A", true},
                           {"B", true},
                           {"C", true},
                           {"transpose_A", false},
                           {"transpose_B", false},
                           {"policy", false},
                           {"clear_accum", false},
                           {"k_pack", false},
                           {"wg_wait", false}},
                          9)},
      {TileOp::CeilDiv, make("T.ceildiv", {{"a", true}, {"b", true}}, 2)},
      // TVM's tir.Cast / tir.if_then_else / tir.infinity and TileLang's T.cast (PTX rounding hints).
      {TileOp::Cast, make("T.Cast", {{"dtype", true}, {"value", true}}, 2)},
      {TileOp::CastLower,
       make("T.cast", {{"value", true}, {"dtype", true}, {"round", false}, {"sat", false}, {"rbits", false}}, 5)},
      {TileOp::IfThenElse, make("T.if_then_else", {{"cond", true}, {"t", true}, {"f", true}}, 3)},
      {TileOp::Infinity, make("T.infinity", {{"dtype", true}}, 1)},
      // alloc_var(dtype, *args, scope=, init=): one positional after dtype is the init (or, if a
      // string, the scope), two are (init, scope); bound here as (dtype, init, scope).
      {TileOp::DType, make("T.dtype", {{"dtype", true}}, 1)},
      // TVM script's ir_builder frames: If(condition), Then(), Else().
      {TileOp::If, make("T.If", {{"condition", true}}, 1)},
      {TileOp::Then, make("T.Then", {}, 0)},
      {TileOp::Else, make("T.Else", {}, 0)},
      // tilelang/language/scan_op.py: cumsum/cummax(src, dst=None, dim=0, reverse=False, annotations=None).
      {TileOp::Cumsum,
       make("T.cumsum", {{"src", true}, {"dst", false}, {"dim", false}, {"reverse", false}, {"annotations", false}}, 5)},
      {TileOp::Cummax,
       make("T.cummax", {{"src", true}, {"dst", false}, {"dim", false}, {"reverse", false}, {"annotations", false}}, 5)},
      {TileOp::AllocVar, make("T.alloc_var", {{"dtype", true}, {"init", false}, {"scope", false}}, 3)},
      {TileOp::Clamp, make("T.clamp", {{"dst", true}, {"min_val", true}, {"max_val", true}}, 3)},
      {TileOp::ReduceSum, make("T.reduce_sum",
                               {{"buffer", true},
                                {"out", true},
                                {"dim", false},
                                {"clear", false},
                                {"batch", false},
                                {"annotations", false}},
                               6)},
      {TileOp::ReduceMax, reduce_with_nan("T.reduce_max")},
      {TileOp::ReduceMin, reduce_with_nan("T.reduce_min")},
      {TileOp::ReduceAbsMax, reduce_with_nan("T.reduce_absmax")},
      {TileOp::ReduceAbsSum, make("T.reduce_abssum",
                                  {{"buffer", true}, {"out", true}, {"dim", false}, {"batch", false}, {"annotations", false}},
                                  5)},
  };
  static const Signature kNone;
  auto it = kSignatures.find(op);
  return it == kSignatures.end() ? kNone : it->second;
}

}  // namespace tt::frontend
