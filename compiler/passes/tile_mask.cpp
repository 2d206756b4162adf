// Per-tile masks: the linear-form analysis of a select's condition (see tile_mask.h).
#include "compiler/passes/tile_mask.h"

#include <algorithm>
#include <cmath>

#include "compiler/frontend/linear_form.h"
#include "compiler/passes/tile_op_analysis.h"

namespace tt::passes {

using namespace ir;

namespace {

int64_t floor_mod(int64_t x, int64_t m) { return ((x % m) + m) % m; }

// sum(coeff * term) + constant over the terms of one sign: the non-negative side of G.
Expr side(const std::vector<std::pair<Expr, int64_t>>& terms, int64_t constant, int64_t sign) {
  Expr out;
  for (const auto& [term, coeff] : terms) {
    if (coeff * sign <= 0) continue;
    Expr t = coeff * sign == 1 ? term : mul(term, int_imm(coeff * sign));
    out = out ? add(out, t) : t;
  }
  const int64_t c = constant * sign > 0 ? constant * sign : 0;
  if (!out) return int_imm(c);
  return c ? add(out, int_imm(c)) : out;
}

}  // namespace

std::optional<double> numeric_constant(const Expr& e) {
  if (!e) return std::nullopt;
  if (const int64_t* v = as_int(e)) return static_cast<double>(*v);
  if (e->kind == ExprKind::FloatImm) return as<FloatImmNode>(e)->value;
  if (e->kind == ExprKind::Cast) return numeric_constant(as<CastNode>(e)->value);
  return std::nullopt;
}

double TileMask::pattern_value(int64_t r, int64_t c) const {
  return a * r + b * c + *partial >= 0 ? true_value : false_value;
}

std::pair<Expr, Expr> TileMask::offset_of_tile(const Expr& ti, const Expr& tj) const {
  std::vector<std::pair<Expr, int64_t>> all = terms;
  int64_t c = constant;
  for (auto [index, coeff] : {std::pair{ti, tile * a}, std::pair{tj, tile * b}}) {
    if (!coeff) continue;
    if (const int64_t* v = as_int(index)) {
      c += *v * coeff;  // a constant tile index folds into the constant
    } else {
      all.emplace_back(index, coeff);
    }
  }
  return {side(all, c, 1), side(all, c, -1)};
}

std::optional<TileMask> analyze_tile_mask(const Expr& value, const VarNode* row, const VarNode* col, int64_t tile,
                                          std::string& why) {
  if (!value || value->kind != ExprKind::Select) {
    why = "its value is not a T.if_then_else of two constants";
    return std::nullopt;
  }
  auto* sel = as<SelectNode>(value);
  std::optional<double> tv = numeric_constant(sel->true_value), fv = numeric_constant(sel->false_value);
  if (!tv || !fv) {
    why = "its value is not a T.if_then_else of two constants";
    return std::nullopt;
  }
  if (!sel->cond || sel->cond->kind != ExprKind::Binary) {
    why = "its condition is not one comparison";
    return std::nullopt;
  }
  auto* cmp = as<BinaryNode>(sel->cond);
  // X >= 0 with X integer: a >= b is a - b >= 0, a > b is a - b - 1 >= 0, a <= b is b - a >= 0, a < b is b - a - 1.
  Expr x;
  switch (cmp->op) {
    case BinaryOp::Ge:
      x = sub(cmp->a, cmp->b);
      break;
    case BinaryOp::Gt:
      x = sub(sub(cmp->a, cmp->b), int_imm(1));
      break;
    case BinaryOp::Le:
      x = sub(cmp->b, cmp->a);
      break;
    case BinaryOp::Lt:
      x = sub(sub(cmp->b, cmp->a), int_imm(1));
      break;
    default:
      why = "its condition is not an ordering comparison (>=, >, <=, <)";
      return std::nullopt;
  }
  std::optional<frontend::LinearForm> form = frontend::to_linear(x);
  if (!form) {
    why = "its condition is not integer-affine in the indices";
    return std::nullopt;
  }
  TileMask m;
  m.tile = tile;
  m.true_value = *tv;
  m.false_value = *fv;
  m.constant = form->constant;
  for (const auto& [term, coeff] : form->terms) {
    if (coeff == 0) continue;
    const bool is_row = term->kind == ExprKind::Var && as<VarNode>(term) == row;
    const bool is_col = term->kind == ExprKind::Var && as<VarNode>(term) == col;
    if (is_row || is_col) {
      if (coeff != 1 && coeff != -1) {
        why = "its condition scales the " + std::string(is_row ? "row" : "column") + " index by " +
              std::to_string(coeff) + " (only +-1: a diagonal or a straight edge)";
        return std::nullopt;
      }
      (is_row ? m.a : m.b) = coeff;
      continue;
    }
    if (uses_var(term, row) || uses_var(term, col)) {
      why = "its condition uses the map's indices in a non-affine term";
      return std::nullopt;
    }
    if (coeff % tile != 0) {
      why = "the mask's edge moves by " + std::to_string(coeff) + " elements per step of a block index or loop " +
            "variable, not by whole " + std::to_string(tile) + "-element tiles";
      return std::nullopt;
    }
    m.terms.emplace_back(term, coeff);
  }
  // Bounds of a * r + b * c over r, c in [0, tile).
  m.lo = std::min<int64_t>(0, m.a * (tile - 1)) + std::min<int64_t>(0, m.b * (tile - 1));
  m.hi = std::max<int64_t>(0, m.a * (tile - 1)) + std::max<int64_t>(0, m.b * (tile - 1));
  // G takes the values congruent to constant mod tile; mixed tiles have G in [-hi, -lo - 1].
  const int64_t residue = floor_mod(m.constant, tile);
  std::vector<int64_t> mixed;
  for (int64_t g = -m.hi; g <= -m.lo - 1; ++g) {
    if (floor_mod(g, tile) == residue) mixed.push_back(g);
  }
  if (mixed.size() > 1) {
    why = "its edge crosses tiles at an offset of " + std::to_string(residue) + " elements, so " +
          std::to_string(mixed.size()) + " different mixed tiles occur (one constant mask tile is supported: an " +
          "edge aligned to the tile grid)";
    return std::nullopt;
  }
  if (!mixed.empty()) m.partial = mixed.front();
  return m;
}

std::optional<TileMask> tile_mask_of_map(const Stmt& map, const Buffer& acc, int64_t tile, bool& is_init_map,
                                         std::string& why) {
  is_init_map = false;
  std::vector<const ForNode*> loops;
  Stmt body = map;
  while (body && body->kind == StmtKind::For && as<ForNode>(body)->for_kind == ForKind::Parallel) {
    loops.push_back(as<ForNode>(body));
    body = loops.back()->body;
    while (body && body->kind == StmtKind::Seq && as<SeqNode>(body)->stmts.size() == 1)
      body = as<SeqNode>(body)->stmts[0];
  }
  if (loops.size() != 2 || acc->shape.size() != 2 || !body || body->kind != StmtKind::Store) return std::nullopt;
  auto* store = as<StoreNode>(body);
  if (store->buffer != acc || store->indices.size() != 2) return std::nullopt;
  for (const BufferUse& u : buffer_uses(body)) {
    if (!u.write) return std::nullopt;  // reads a buffer: an update of its target, not an initialiser
  }
  for (size_t d = 0; d < 2; ++d) {
    const int64_t *mn = as_int(loops[d]->min), *ext = as_int(loops[d]->extent);
    if (!mn || !ext || *mn != 0 || *ext != acc->shape[d] || store->indices[d]->kind != ExprKind::Var ||
        as<VarNode>(store->indices[d]) != loops[d]->var.get()) {
      return std::nullopt;
    }
  }
  is_init_map = true;
  return analyze_tile_mask(store->value, loops[0]->var.get(), loops[1]->var.get(), tile, why);
}

std::string mask_cb_name(const std::string& acc) { return acc + "_mask"; }

}  // namespace tt::passes
