// Front end: parses a TileLang Python file with Tree-sitter (never executing it), evaluates the
// definition-time subset (the @tilelang.jit factory, its defaults and the instantiating call), and
// builds one IR Module per kernel instantiation. Errors are located diagnostics, never exceptions.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "compiler/ir/diagnostics.h"
#include "compiler/ir/ir.h"

namespace tt::frontend {

struct FrontendOptions {
  // -D NAME=VALUE overrides of factory parameters; VALUE is a Python literal (int, float, str, bool).
  std::map<std::string, std::string> defines;
  // Only this kernel (factory or prim_func name); empty: every kernel in the file.
  std::string kernel;
};

std::vector<ir::Module> lower_source(const SourceFile& source, const FrontendOptions& options, DiagnosticList& diags);

}  // namespace tt::frontend
