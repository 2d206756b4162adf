// Tile operations -> IR. Regions: a whole buffer, a start-index access `A[i, j]` (its extent is
// the other operand's shape, right-aligned) or a slice access `A[a:b, c:d]` (constant extents).
#include "compiler/frontend/tile_op_lowering.h"

#include "compiler/frontend/frontend_error.h"
#include "compiler/frontend/linear_form.h"
#include "compiler/ir/dtype_spellings.h"
#include "compiler/ir/printer.h"
#include "compiler/ir/suggest.h"

namespace tt::frontend {

namespace {

SourceSpan or_span(SourceSpan preferred, SourceSpan fallback) { return preferred.valid() ? preferred : fallback; }

// `T.GemmWarpPolicy.FullRow` rather than the module path behind `T`.
std::string display(const Value& v) {
  std::string text = repr(v);
  if (v.is<Namespace>() && text.rfind(std::string(kTileLang) + ".", 0) == 0)
    return "T." + text.substr(kTileLang.size() + 1);
  return text;
}

// One tile-op operand.
struct Operand {
  ir::Buffer buffer;
  std::vector<IndexItem> indices;  // empty: the whole buffer
  SourceSpan span;
  bool whole() const { return indices.empty(); }
  bool start_index() const {
    if (indices.empty()) return false;
    for (const IndexItem& i : indices) {
      if (i.is_slice) return false;
    }
    return true;
  }
};

Operand operand_of(const Value& v, const std::string& what) {
  if (v.is<ir::Buffer>()) return Operand{v.get<ir::Buffer>(), {}, v.span};
  if (v.is<BufferAccess>()) {
    const BufferAccess& a = v.get<BufferAccess>();
    if (a.indices.size() != a.buffer->shape.size()) {
      fail(v.span, a.buffer->name + " has " + std::to_string(a.buffer->shape.size()) + " dimensions but " +
                       std::to_string(a.indices.size()) + (a.indices.size() == 1 ? " index was" : " indices were") +
                       " given");
    }
    return Operand{a.buffer, a.indices, v.span};
  }
  fail(v.span, what + " must be a buffer or a buffer region, got " + type_name(v) + " " + repr(v));
}

// Extents written in the operand itself (whole buffer or slices); nullopt for start indices.
std::optional<std::vector<int64_t>> written_extents(const Operand& op) {
  if (op.whole()) return op.buffer->shape;
  if (op.start_index()) return std::nullopt;
  std::vector<int64_t> extents;
  for (size_t d = 0; d < op.indices.size(); ++d) {
    const IndexItem& idx = op.indices[d];
    if (!idx.is_slice) {
      extents.push_back(1);
      continue;
    }
    ir::Expr start = idx.start ? idx.start : ir::int_imm(0);
    ir::Expr stop = idx.stop ? idx.stop : ir::int_imm(op.buffer->shape[d]);
    std::optional<int64_t> extent = constant_difference(stop, start);
    if (!extent) {
      fail(idx.span, "the extent of slice " + std::to_string(d) + " of " + op.buffer->name +
                         " must be constant after substituting the factory parameters, got '" +
                         ir::print_expr(ir::sub(stop, start)) + "'");
    }
    if (*extent <= 0) {
      fail(idx.span, "slice " + std::to_string(d) + " of " + op.buffer->name + " is empty (extent " +
                         std::to_string(*extent) + ")");
    }
    extents.push_back(*extent);
  }
  return extents;
}

std::vector<int64_t> squeeze(const std::vector<int64_t>& shape) {
  std::vector<int64_t> out;
  for (int64_t d : shape) {
    if (d != 1) out.push_back(d);
  }
  return out;
}

// The other operand's extents fitted to `op`'s rank: right-aligned, unit dimensions dropped or
// added at the front (TileLang's rule for start-index regions).
std::vector<int64_t> fit_extents(const Operand& op, std::vector<int64_t> extents, const std::string& what) {
  size_t rank = op.buffer->shape.size();
  while (extents.size() > rank && extents.front() == 1) extents.erase(extents.begin());
  if (extents.size() > rank) {
    fail(op.span, what + " " + op.buffer->name + " has " + std::to_string(rank) +
                      " dimensions, too few for a copy of shape " + shape_text(extents));
  }
  extents.insert(extents.begin(), rank - extents.size(), 1);
  return extents;
}

ir::Region region_of(const Operand& op, const std::vector<int64_t>& extents, const std::string& what) {
  ir::Region r;
  r.buffer = op.buffer;
  r.span = op.span;
  r.extents = extents;
  for (size_t d = 0; d < extents.size(); ++d) {
    ir::Expr start = op.whole() ? ir::int_imm(0, op.span) : op.indices[d].start;
    if (!start) start = ir::int_imm(0, op.indices[d].span);
    int64_t dim = op.buffer->shape[d];
    const int64_t* s = ir::as_int(start);
    bool past_end = extents[d] > dim || (s && (*s < 0 || *s > dim - extents[d]));
    if (past_end) {
      std::string where = s ? std::string("[") : std::string("extent ");
      where += s ? std::to_string(*s) + ", " + std::to_string(*s + extents[d]) + ")" : std::to_string(extents[d]);
      fail(op.whole() ? op.span : op.indices[d].span,
           what + " region of " + op.buffer->name + " is out of bounds in dimension " + std::to_string(d) + ": " +
               where + " but " + op.buffer->name + " is " + shape_text(op.buffer->shape));
    }
    r.starts.push_back(start);
  }
  return r;
}

std::string describe(const Operand& op, const std::vector<int64_t>& extents) {
  return (op.whole() ? op.buffer->name : "the region of " + op.buffer->name) + " is " + shape_text(extents);
}

bool flag(const std::optional<Value>& v, const std::string& what) {
  if (!v) return false;
  if (v->is<bool>()) return v->get<bool>();
  if (v->is<int64_t>() && (v->get<int64_t>() == 0 || v->get<int64_t>() == 1)) return v->get<int64_t>() == 1;
  fail(v->span, what + " must be True or False, got " + display(*v));
}

void require_default(const std::optional<Value>& v, const char* op, const char* param, const Value& default_value) {
  if (!v) return;
  bool same = repr(*v) == repr(default_value) && type_name(*v) == type_name(default_value);
  if (!same) {
    fail(v->span, std::string("unsupported ") + op + " argument " + param + "=" + display(*v) + ": only the default " +
                      param + "=" + display(default_value) + " is supported");
  }
}

bool is_on_chip(const ir::Buffer& b) { return b->scope != ir::MemScope::Global; }

}  // namespace

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(shape[i]);
  }
  if (shape.size() == 1) s += ",";
  return s + ")";
}

std::vector<int64_t> shape_of(const Value& v, const std::string& name) {
  std::vector<Value> dims;
  if (v.is<Sequence>()) {
    dims = v.get<Sequence>().items;
  } else {
    dims.push_back(v);
  }
  if (dims.empty()) fail(v.span, "the shape of '" + name + "' has no dimensions");
  std::vector<int64_t> shape;
  for (size_t d = 0; d < dims.size(); ++d) {
    const Value& dim = dims[d];
    SourceSpan span = or_span(dim.span, v.span);
    std::string which = "dimension " + std::to_string(d) + " of '" + name + "'";
    if (dim.is<ir::Expr>() || dim.is<BufferAccess>()) {
      if (std::optional<int64_t> c = as_integer(dim)) {
        shape.push_back(*c);
      } else {
        fail(span, "the shape of '" + name +
                       "' must be constant after substituting the factory parameters, but "
                       "dimension " +
                       std::to_string(d) + " is '" + repr(dim) + "'");
      }
    } else if (dim.is<int64_t>()) {
      shape.push_back(dim.get<int64_t>());
    } else if (dim.is<RunTimeValue>()) {
      fail_run_time(dim, which);
    } else {
      fail(span, which + " must be an integer, got " + type_name(dim) + " " + repr(dim));
    }
    if (shape.back() <= 0) fail(span, which + " must be positive, got " + std::to_string(shape.back()));
  }
  return shape;
}

// Block floats (bfp8_b, bfp4_b: one exponent shared by the 16 values of a face row) have a TT data
// format and tile size, but nothing generates their test data, packs or unpacks them in the emulator,
// or models them in the oracle: they are refused here, at the source, rather than deep in the host
// program's data helper.
DataType usable_dtype(DataType d, SourceSpan span) {
  if (d == DataType::Bfp8B || d == DataType::Bfp4B) {
    fail(span,
         "dtype '" + std::string(dtype_name(d)) +
             "' is a block-float format (one exponent shared by 16 values of a face row): its test data, the "
             "emulator's pack/unpack and the oracle do not model it yet; use float16, bfloat16 or float32",
         DiagnosticCategory::Unsupported);
  }
  return d;
}

DataType dtype_of(const Value& v) {
  if (v.is<DataType>()) return usable_dtype(v.get<DataType>(), v.span);
  if (v.is<RunTimeValue>()) fail_run_time(v, "the dtype");
  // T.float8_e4m3fn, "float64", torch.int64: TileLang dtypes the backend has no format for.
  std::string spelling = v.is<std::string>() ? v.get<std::string>() : v.is<Namespace>() ? v.get<Namespace>().path : "";
  spelling = spelling.substr(spelling.rfind('.') == std::string::npos ? 0 : spelling.rfind('.') + 1);
  std::optional<TileMemberClass> c = classify_tile_member(spelling);
  if (!spelling.empty() && c && c->family == std::string_view("dtypes")) {
    fail(v.span, "dtype '" + spelling + "' is not supported on Tenstorrent", DiagnosticCategory::Unsupported);
  }
  if (!spelling.empty() && c && v.is<Namespace>()) {
    fail(v.span, unsupported_member_message(spelling, *c), DiagnosticCategory::Unsupported);
  }
  if (v.is<std::string>()) {
    if (std::optional<DataType> d = parse_dtype(v.get<std::string>())) return usable_dtype(*d, v.span);
    fail(v.span, unknown_name_message("dtype", v.get<std::string>(), dtype_spellings(), "dtypes"));
  }
  fail(v.span, "expected a dtype such as \"float16\" or T.float16, got " + type_name(v) + " " + repr(v));
}

ir::Stmt lower_alloc(TileOp op, const std::string& name, const CallArgs& args, SourceSpan span, ir::Buffer& out) {
  auto bound = bind_arguments(tile_op_signature(op), args);
  std::vector<int64_t> shape = shape_of(*bound[0], name);
  DataType dtype = dtype_of(*bound[1]);
  ir::MemScope scope = op == TileOp::AllocShared     ? ir::MemScope::Shared
                       : op == TileOp::AllocFragment ? ir::MemScope::Fragment
                                                     : ir::MemScope::Local;
  if (bound[2]) {
    // Only the spellings of the op's own memory scope are accepted; another scope would be a
    // different allocation than the op name says.
    const Value& s = *bound[2];
    std::string text = s.is<std::string>() ? s.get<std::string>() : "";
    bool ok =
        scope == ir::MemScope::Shared ? (text == "shared" || text == "shared.dyn") : text == ir::scope_name(scope);
    if (!ok) {
      fail(s.span, "unsupported scope " + repr(s) + " for " + tile_op_signature(op).name,
           DiagnosticCategory::Unsupported);
    }
  }
  out = ir::make_buffer(name, std::move(shape), dtype, scope, span);
  return ir::make_allocate(out, span);
}

ir::Stmt lower_copy(const CallArgs& args, SourceSpan span) {
  auto bound = bind_arguments(tile_op_signature(TileOp::Copy), args);
  require_default(bound[2], "T.copy", "coalesced_width", Value::none());
  require_default(bound[3], "T.copy", "disable_tma", Value::boolean(false));
  require_default(bound[4], "T.copy", "eviction_policy", Value::none());
  Operand src = operand_of(*bound[0], "the T.copy source");
  Operand dst = operand_of(*bound[1], "the T.copy destination");
  std::optional<std::vector<int64_t>> src_ext = written_extents(src);
  std::optional<std::vector<int64_t>> dst_ext = written_extents(dst);
  if (!src_ext && !dst_ext) {
    fail(span, "T.copy cannot infer the copy shape: both " + repr(*bound[0]) + " and " + repr(*bound[1]) +
                   " are start indices; make one side a whole buffer or a slice region");
  }
  if (!src_ext) src_ext = fit_extents(src, *dst_ext, "T.copy source");
  if (!dst_ext) dst_ext = fit_extents(dst, *src_ext, "T.copy destination");
  if (squeeze(*src_ext) != squeeze(*dst_ext)) {
    fail(span, "T.copy shape mismatch: " + describe(src, *src_ext) + " but " + describe(dst, *dst_ext));
  }
  ir::Region s = region_of(src, *src_ext, "T.copy source");
  ir::Region d = region_of(dst, *dst_ext, "T.copy destination");
  return ir::make_copy(std::move(s), std::move(d), span);
}

ir::Stmt lower_gemm(const CallArgs& args, SourceSpan span) {
  auto bound = bind_arguments(tile_op_signature(TileOp::Gemm), args);
  bool ta = flag(bound[3], "transpose_A");
  bool tb = flag(bound[4], "transpose_B");
  if (bound[5] && !(bound[5]->is<Namespace>() && bound[5]->get<Namespace>().path == kDefaultGemmPolicy)) {
    fail(bound[5]->span, "unsupported T.gemm argument policy=" + display(*bound[5]) +
                             ": only the default policy=T.GemmWarpPolicy.Square is supported");
  }
  bool clear = flag(bound[6], "clear_accum");
  require_default(bound[7], "T.gemm", "k_pack", Value::integer(1));
  require_default(bound[8], "T.gemm", "wg_wait", Value::integer(0));

  const char* names[] = {"A", "B", "C"};
  Operand ops[3];
  std::vector<int64_t> ext[3];
  std::vector<int64_t> mat[3];  // the 2-D matrix shape of each operand
  std::string label[3];
  for (int i = 0; i < 3; ++i) {
    ops[i] = operand_of(*bound[i], std::string("T.gemm operand ") + names[i]);
    std::optional<std::vector<int64_t>> e = written_extents(ops[i]);
    if (!e) {
      fail(ops[i].span, std::string("T.gemm operand ") + names[i] + " must be a whole buffer or a slice region; " +
                            repr(*bound[i]) + " gives no shape");
    }
    if (!is_on_chip(ops[i].buffer)) {
      fail(ops[i].span, std::string("T.gemm operand ") + names[i] + " is the global buffer " + ops[i].buffer->name +
                            "; copy it into T.alloc_shared or T.alloc_fragment memory first");
    }
    ext[i] = *e;
    mat[i] = ext[i];
    while (mat[i].size() > 2 && mat[i].front() == 1) mat[i].erase(mat[i].begin());
    label[i] = ops[i].whole() ? ops[i].buffer->name : repr(*bound[i]);
    if (mat[i].size() != 2) {
      fail(ops[i].span, std::string("T.gemm operand ") + names[i] + " (" + label[i] + ") must be 2-D, got shape " +
                            shape_text(ext[i]));
    }
  }
  int64_t m = ta ? mat[0][1] : mat[0][0];
  int64_t k_a = ta ? mat[0][0] : mat[0][1];
  int64_t k_b = tb ? mat[1][1] : mat[1][0];
  int64_t n = tb ? mat[1][0] : mat[1][1];
  if (k_a != k_b) {
    fail(span, "T.gemm shape mismatch: " + label[0] + " is " + shape_text(mat[0]) +
                   (ta ? " with transpose_A=True" : "") + " but " + label[1] + " is " + shape_text(mat[1]) +
                   (tb ? " with transpose_B=True" : "") + ": inner dimensions " + std::to_string(k_a) + " and " +
                   std::to_string(k_b) + " differ");
  }
  if (mat[2][0] != m || mat[2][1] != n) {
    fail(span, "T.gemm shape mismatch: " + label[2] + " is " + shape_text(mat[2]) + " but the product of " + label[0] +
                   " and " + label[1] + " is " + shape_text({m, n}));
  }
  ir::Region a = region_of(ops[0], ext[0], "T.gemm operand A");
  ir::Region b = region_of(ops[1], ext[1], "T.gemm operand B");
  ir::Region c = region_of(ops[2], ext[2], "T.gemm operand C");
  return ir::make_gemm(std::move(a), std::move(b), std::move(c), ta, tb, clear, span);
}

ir::Stmt lower_fill(TileOp op, const CallArgs& args, SourceSpan span) {
  auto bound = bind_arguments(tile_op_signature(op), args);
  const std::string& name = tile_op_signature(op).name;
  Operand dst = operand_of(*bound[0], "the " + name + " destination");
  std::optional<std::vector<int64_t>> ext = written_extents(dst);
  // A T.alloc_var scalar reads as its one element (x[0]); clearing or filling it means the whole variable.
  if (!ext && dst.buffer->num_elements() == 1) {
    dst.indices.clear();
    ext = dst.buffer->shape;
  }
  if (!ext) fail(dst.span, name + " needs a whole buffer or a slice region; " + repr(*bound[0]) + " gives no shape");
  ir::Region region = region_of(dst, *ext, name);
  ir::Expr value;
  if (op == TileOp::Clear) {
    value = dtype_is_float(dst.buffer->dtype) ? ir::float_imm(0.0, span) : ir::int_imm(0, span);
  } else {
    value = to_expr(*bound[1], "the T.fill value");
  }
  return ir::make_fill(std::move(region), std::move(value), op == TileOp::Clear, span);
}

ir::Stmt lower_alloc_var(const std::string& name, const CallArgs& args, SourceSpan span, ir::Buffer& out,
                         ir::Expr& init) {
  auto bound = bind_arguments(tile_op_signature(TileOp::AllocVar), args);
  std::optional<Value> init_value = bound[1];
  std::optional<Value> scope = bound[2];
  if (init_value && init_value->is<std::string>() && !scope && args.positional.size() == 2) {
    scope = init_value;  // T.alloc_var(dtype, "local.var"): the old positional scope
    init_value.reset();
  }
  if (scope && !(scope->is<std::string>() && scope->get<std::string>() == "local.var")) {
    fail(scope->span, "unsupported scope " + repr(*scope) + " for T.alloc_var");
  }
  DataType dtype = dtype_of(*bound[0]);
  if (init_value && !init_value->is<NoneValue>()) init = to_expr(*init_value, "the T.alloc_var init value");
  out = ir::make_buffer(name, {1}, dtype, ir::MemScope::Local, span);
  return ir::make_allocate(out, span);
}

std::optional<ir::ReduceKind> reduce_kind_of(TileOp op) {
  switch (op) {
    case TileOp::ReduceSum:
      return ir::ReduceKind::Sum;
    case TileOp::ReduceMax:
      return ir::ReduceKind::Max;
    case TileOp::ReduceMin:
      return ir::ReduceKind::Min;
    case TileOp::ReduceAbsSum:
      return ir::ReduceKind::AbsSum;
    case TileOp::ReduceAbsMax:
      return ir::ReduceKind::AbsMax;
    default:
      return std::nullopt;
  }
}

ir::Stmt lower_reduce(TileOp op, const CallArgs& args, SourceSpan span) {
  const Signature& sig = tile_op_signature(op);
  const std::string& name = sig.name;
  auto bound = bind_arguments(sig, args);
  // reduce_abssum has no `clear` (it always clears); the others share the slot layout below.
  const bool has_clear = op != TileOp::ReduceAbsSum;
  std::optional<Value> clear_arg = has_clear ? bound[3] : std::nullopt;
  std::optional<Value> batch_arg = has_clear ? bound[4] : bound[3];
  require_default(batch_arg, name.c_str(), "batch", Value::integer(1));
  if (op == TileOp::ReduceMax || op == TileOp::ReduceMin || op == TileOp::ReduceAbsMax) {
    require_default(bound[5], name.c_str(), "nan_propagate", Value::boolean(false));
  }
  const std::optional<Value>& annotations = bound.back();
  if (annotations && !annotations->is<NoneValue>()) {
    fail(annotations->span, "unsupported " + name + " argument annotations=" + repr(*annotations) +
                                ": only the default annotations=None is supported");
  }

  const char* roles[] = {"source", "output"};
  ir::Buffer buffers[2];
  for (int i = 0; i < 2; ++i) {
    const Value& v = *bound[i];
    if (!v.is<ir::Buffer>()) {
      fail(v.span, "the " + name + " " + roles[i] + " must be a whole buffer, got " + type_name(v) + " " + repr(v));
    }
    buffers[i] = v.get<ir::Buffer>();
    if (!is_on_chip(buffers[i])) {
      fail(v.span, "the " + name + " " + roles[i] + " is the global buffer " + buffers[i]->name +
                       "; copy it into T.alloc_shared, T.alloc_fragment or T.alloc_local memory first");
    }
  }
  const ir::Buffer& src = buffers[0];
  const ir::Buffer& dst = buffers[1];
  const int64_t rank = static_cast<int64_t>(src->shape.size());

  int64_t dim = -1;
  if (bound[2]) {
    const Value& d = *bound[2];
    if (!d.is<int64_t>()) fail(d.span, name + " dim must be an integer, got " + type_name(d) + " " + repr(d));
    dim = d.get<int64_t>();
    if (dim < -rank || dim >= rank) {
      fail(d.span, name + " dim=" + std::to_string(dim) + " is out of range: " + src->name + " has " +
                       std::to_string(rank) + (rank == 1 ? " dimension" : " dimensions"));
    }
  }
  if (dim < 0) dim += rank;

  std::vector<int64_t> dropped = src->shape, kept = src->shape;
  dropped.erase(dropped.begin() + dim);
  kept[static_cast<size_t>(dim)] = 1;
  if (dropped.empty()) dropped.push_back(1);  // a 1-D source reduces to one element
  if (dst->shape != dropped && dst->shape != kept) {
    std::string expected = shape_text(dropped) + (dropped == kept ? "" : " or " + shape_text(kept));
    fail(span, name + " shape mismatch: " + src->name + " is " + shape_text(src->shape) +
                   " reduced along dim=" + std::to_string(dim) + ", so the output must be " + expected + ", but " +
                   dst->name + " is " + shape_text(dst->shape));
  }
  bool clear = !clear_arg || flag(clear_arg, "clear");
  return ir::make_reduce(*reduce_kind_of(op), ir::full_region(src, bound[0]->span),
                         ir::full_region(dst, bound[1]->span), static_cast<int>(dim), clear, span);
}

void reject_scan(TileOp op, const CallArgs& args, SourceSpan span) {
  const Signature& sig = tile_op_signature(op);
  const std::string& name = sig.name;
  auto bound = bind_arguments(sig, args);
  // src/dst: a whole buffer, or a region / element of one (TileLang's BufferRegion and BufferLoad forms).
  auto operand = [&](const Value& v, const char* role) -> std::pair<ir::Buffer, std::string> {
    if (v.is<ir::Buffer>()) return {v.get<ir::Buffer>(), v.get<ir::Buffer>()->name};
    if (v.is<BufferAccess>()) return {v.get<BufferAccess>().buffer, repr(v)};
    fail(v.span,
         "the " + name + " " + role + " must be a buffer or a region of one, got " + type_name(v) + " " + repr(v));
  };
  auto [src, src_text] = operand(*bound[0], "source");
  const bool in_place = !bound[1] || bound[1]->is<NoneValue>();
  std::string dst_text = src_text;
  if (!in_place) {
    auto [dst, text] = operand(*bound[1], "output");
    dst_text = text;
    if (bound[0]->is<ir::Buffer>() && bound[1]->is<ir::Buffer>() && dst->shape != src->shape) {
      fail(bound[1]->span, name + " dst shape " + shape_text(dst->shape) + " must match src shape " +
                               shape_text(src->shape) + " (" + dst->name + " and " + src->name + ")");
    }
  }
  const int64_t rank = static_cast<int64_t>(src->shape.size());
  int64_t dim = 0;  // TileLang's default: the first dimension
  if (bound[2]) {
    const Value& d = *bound[2];
    if (!d.is<int64_t>()) fail(d.span, name + " dim must be an integer, got " + type_name(d) + " " + repr(d));
    dim = d.get<int64_t>();
    if (dim < -rank || dim >= rank) {
      fail(d.span, name + " dim=" + std::to_string(dim) + " is out of bounds: " + src->name + " has shape " +
                       shape_text(src->shape));
    }
  }
  if (dim < 0) dim += rank;
  const bool reverse = flag(bound[3], name + " reverse");
  const int64_t n = src->shape[static_cast<size_t>(dim)];
  const std::string last = std::to_string(n - 1);
  const bool sum = op == TileOp::Cumsum;
  std::string what =
      std::string(reverse ? "an inclusive suffix " : "an inclusive prefix ") + (sum ? "sum" : "maximum") + " of " +
      (bound[0]->is<ir::Buffer>() ? src_text : src_text + ", a region of " + src->name) + " " + shape_text(src->shape) +
      " along dim " + std::to_string(dim) + " (element k is the " + (sum ? "sum" : "maximum") + " of elements " +
      (reverse ? "k.." + last : "0..k") + ")" + (in_place ? ", in place" : ", into " + dst_text);
  fail(span,
       name + " is not lowered for Tenstorrent yet: it computes " + what +
           "; the Tenstorrent passes lower element-wise maps, reductions and matmuls, and no scan",
       DiagnosticCategory::Unsupported);
}

}  // namespace tt::frontend
