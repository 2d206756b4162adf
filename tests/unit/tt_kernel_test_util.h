// Helpers for the tensorize_tt / split_device_kernels / verify_tt_ir tests: the reference GEMM run
// up to a pass, one function's printed IR, and enumeration of NoC tile ids through constant loops.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "compiler/ir/functor.h"
#include "compiler/ir/printer.h"
#include "compiler/passes/verify_tt_ir_internal.h"
#include "tests/unit/test_ir_builders.h"

namespace tt::test {

struct GemmShape {
  int64_t M = 1024, N = 1024, K = 1024, bM = 128, bN = 128, bK = 32;
  DataType dtype = DataType::Float16, accum = DataType::Float32;
  bool transpose_b = false;
};

inline ir::Module gemm_module(const GemmShape& s) {
  return make_gemm_module(s.M, s.N, s.K, s.bM, s.bN, s.bK, s.dtype, s.accum, 3, s.transpose_b);
}

// Runs the real pipeline on `m` up to and including `last`; fails the test on any diagnostic.
inline void run_to(ir::Module& m, const std::string& last) {
  DiagnosticList diags;
  ASSERT_TRUE(run_through(m, last, device(), diags)) << testing::PrintToString(headlines(diags));
}

inline ir::Module gemm_after(const std::string& last, const GemmShape& s = {}) {
  ir::Module m = gemm_module(s);
  run_to(m, last);
  return m;
}

// One function as printed, without the module header.
inline std::string func_text(const ir::PrimFunc& f) {
  ir::Module one;
  one.funcs.push_back(f);
  std::string text = ir::print_module(one).text;
  return text.substr(text.find("\n\n") + 2);
}

inline const ir::PrimFunc& kernel(const ir::Module& m, ir::KernelRole role) {
  for (const ir::PrimFunc& f : m.funcs) {
    if (f.role == role) return f;
  }
  ADD_FAILURE() << "no " << ir::kernel_role_name(role) << " kernel";
  return m.funcs.front();
}

// Every execution of `op` calls inside `s`, with the given outer variables bound: each constant-trip
// loop is enumerated and every Let that evaluates is bound. `fn` gets the evaluated operands.
inline void enumerate_calls(const ir::Stmt& s, ir::TTIntrinsic op, passes::verify::Env& env,
                            const std::function<void(const std::vector<int64_t>&)>& fn) {
  using namespace ir;
  if (!s) return;
  switch (s->kind) {
    case StmtKind::Seq:
      for (const Stmt& c : as<SeqNode>(s)->stmts) enumerate_calls(c, op, env, fn);
      break;
    case StmtKind::Let: {
      auto* let = as<LetNode>(s);
      if (auto v = passes::verify::eval_const(let->value, env)) env[let->var.get()] = *v;
      break;
    }
    case StmtKind::For: {
      auto* f = as<ForNode>(s);
      auto mn = passes::verify::eval_const(f->min, env);
      auto ext = passes::verify::eval_const(f->extent, env);
      ASSERT_TRUE(mn && ext) << print_stmt(s);
      for (int64_t v = *mn; v < *mn + *ext; ++v) {
        env[f->var.get()] = v;
        enumerate_calls(f->body, op, env, fn);
      }
      break;
    }
    case StmtKind::If: {
      auto c = passes::verify::eval_const(as<IfNode>(s)->cond, env);
      ASSERT_TRUE(c.has_value());
      enumerate_calls(*c ? as<IfNode>(s)->then_body : as<IfNode>(s)->else_body, op, env, fn);
      break;
    }
    case StmtKind::TTCall: {
      auto* call = as<TTCallNode>(s);
      if (call->op != op) break;
      std::vector<int64_t> values;
      for (const Expr& a : call->args) {
        auto v = passes::verify::eval_const(a, env);
        values.push_back(v ? *v : -1);  // non-integer operands (names, CBs) as -1
      }
      fn(values);
      break;
    }
    default: break;
  }
}

// The body of the first persistent loop of `f`, and its loop variable.
inline const ir::ForNode* persistent_loop(const ir::PrimFunc& f) {
  const ir::ForNode* found = nullptr;
  ir::for_each_stmt(f.body, [&](const ir::Stmt& s) {
    if (!found && s->kind == ir::StmtKind::For && ir::as<ir::ForNode>(s)->for_kind == ir::ForKind::Persistent) {
      found = ir::as<ir::ForNode>(s);
    }
  });
  return found;
}

// `example_gemm.py:L:C: error: <message>` at the first occurrence of `snippet` in the reference source.
inline std::string error_at(const std::string& snippet, const std::string& message) {
  SourceSpan span = span_of(snippet);
  return "example_gemm.py:" + std::to_string(span.begin.line) + ":" + std::to_string(span.begin.col) +
         ": error: " + message;
}

}  // namespace tt::test
