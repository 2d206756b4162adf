// IR expressions as C++ (uint32_t arithmetic) for the generated kernels.
#pragma once

#include <functional>
#include <string>

#include "compiler/codegen/cpp_names.h"
#include "compiler/ir/diagnostics.h"
#include "compiler/ir/ir.h"

namespace tt::codegen {

// Prints expressions with C++ precedence. TileLang's floordiv/floormod become '/' and '%': every
// kernel value is a non-negative uint32_t, where floor and truncating division agree. Min/max become
// conditional expressions (no <algorithm> on the device). Runtime arguments print as get_arg_val
// calls and CB references through `cb_name`. Unsupported nodes (buffer loads, floats, strings) and
// unbound variables are errors in `diags`; printing continues so that all of them are reported.
class CppExprPrinter {
 public:
  CppExprPrinter(const CppNames& names, std::function<std::string(const ir::CBRefNode*)> cb_name,
                 DiagnosticList& diags)
      : names_(names), cb_name_(std::move(cb_name)), diags_(diags) {}

  std::string print(const ir::Expr& e);
  // Where errors point when the offending expression has no span of its own: the statement printed.
  void set_statement_span(SourceSpan span) { statement_span_ = span; }
  bool ok() const { return ok_; }

 private:
  void print_to(const ir::Expr& e, std::string& out);
  void print_operand(const ir::Expr& e, int parent_prec, bool right, std::string& out);
  void fail(const ir::Expr& e, const std::string& message);

  const CppNames& names_;
  std::function<std::string(const ir::CBRefNode*)> cb_name_;
  DiagnosticList& diags_;
  bool ok_ = true;
  SourceSpan statement_span_;
};

// Whether an expression uses floordiv or floormod (the kernel header then explains '/' and '%').
bool uses_floor_division(const ir::Expr& e);

}  // namespace tt::codegen
