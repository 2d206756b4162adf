// The one IR printer: stable TVMScript-like text with attributes. It also records, per printed
// line, the source span of the node that produced it, so panels can cross-highlight.
#pragma once

#include <string>
#include <vector>

#include "compiler/ir/ir.h"

namespace tt::ir {

struct PrintedIR {
  std::string text;
  std::vector<SourceSpan> line_spans;  // line_spans[i] = origin of printed line i (0-based)
};

PrintedIR print_module(const Module& module);
std::string print_stmt(const Stmt& stmt);
std::string print_expr(const Expr& expr);
std::string print_region(const Region& region);

}  // namespace tt::ir
