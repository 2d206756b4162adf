// The `T.*` name table and op signatures (parameter names as in TileLang's Python API).
#include "compiler/frontend/tile_ops.h"

#include <map>

#include "compiler/ir/dtype.h"
#include "compiler/ir/ir.h"

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
  return parse_dtype(member).has_value() || ir::unary_op_of(member).has_value();
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
      {TileOp::AllocShared, make("T.alloc_shared", {{"shape", true}, {"dtype", true}, {"scope", false}}, 2)},
      {TileOp::AllocFragment, make("T.alloc_fragment", {{"shape", true}, {"dtype", true}, {"scope", false}}, 2)},
      {TileOp::AllocLocal, make("T.alloc_local", {{"shape", true}, {"dtype", true}, {"scope", false}}, 2)},
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
