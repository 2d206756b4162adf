// Front end: parses a TileLang Python file with Tree-sitter (never executing it), evaluates the
// definition-time subset (the @tilelang.jit factory, its defaults and the instantiating call), and
// builds one IR Module per kernel instantiation. Errors are located diagnostics, never exceptions.
#pragma once

#include <cstdint>
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

// Largest source file the front end accepts. Kernel files are a few KiB; the bound keeps parse time
// and memory small for files that are not kernels at all.
inline constexpr uint64_t kMaxSourceBytes = uint64_t{8} << 20;
// "the file is too large to compile: N bytes, the limit is 8,388,608 bytes (8 MiB)"; `at_least`: the
// size is unknown (a pipe), only that it is over the limit.
std::string source_too_large_message(uint64_t bytes, bool at_least = false);

// A kernel of the file that was not compiled: no call instantiates it and some of its sizes have no
// value, while another kernel of the file is instantiated (see lower_source).
struct SkippedKernel {
  std::string name;
  std::string reason;  // the note's message
  SourceSpan span;     // the kernel's name in its definition
};

// Builds one Module per instantiated kernel. An uncalled kernel whose sizes are unbound is skipped
// with a note (and listed in `skipped`) when another kernel of the file is instantiated; selected by
// FrontendOptions::kernel, or when no kernel is instantiated, it is compiled and fails with the -D hint.
std::vector<ir::Module> lower_source(const SourceFile& source, const FrontendOptions& options, DiagnosticList& diags,
                                     std::vector<SkippedKernel>* skipped = nullptr);

}  // namespace tt::frontend
