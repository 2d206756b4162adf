// Finding the kernels of a file: kernel factories (a def, usually @tilelang.jit, whose body
// defines a @T.prim_func), module-level @T.prim_funcs, and the calls that instantiate factories
// (`kernel = matmul(1024, ...)` at module level or in driver functions such as main()). Binds each
// call's arguments (with -D overrides), removes duplicates and names the resulting modules.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compiler/frontend/evaluator.h"

namespace tt::frontend {

struct CallSite {
  Node call;
  Scope* scope = nullptr;   // bindings visible to its arguments: the statements before it
  std::string assigned_to;  // `kernel = matmul(...)` -> "kernel"
};

struct Factory {
  Node def;                               // function_definition
  std::vector<std::string> prim_funcs;    // names of the @T.prim_func defs in its body
  std::vector<CallSite> calls;            // in source order
  bool eager = false;                     // an eager-syntax kernel: the def itself is the kernel
  std::vector<std::string> symbols;       // eager: its T.const/T.dynamic symbols (bindable by -D)
  std::vector<std::string> annotated;     // eager: names its body declares by annotation (`A: T.Tensor(...)`)
  bool autotuned = false;                 // decorated with @autotune: sizes chosen at run time
  std::vector<std::string> inner_params;  // parameters of nested non-kernel defs (-D for them)
  std::vector<std::string> dynamic_sizes; // not eager: its T.dynamic / T.symbolic names (-D for them)
};

struct ModuleIndex {
  Scope* globals = nullptr;  // the module namespace as its functions see it (late-bound)
  std::vector<Factory> factories;
  std::vector<Node> prim_funcs;           // module-level @T.prim_func defs: kernels by themselves
  std::vector<std::string> module_names;  // names assigned at module level (-D targets for those)
};

// Walks module-level code and driver functions. Assignments there are bound lazily (evaluated only
// when a kernel parameter needs them), so torch/numpy code around the kernel is never evaluated.
ModuleIndex index_module(Evaluator& ev, const ParsedFile& file);

using Defines = std::map<std::string, Value>;

// -D for module-level @T.prim_func kernels: replaces module-level bindings before evaluation.
void apply_module_defines(const ModuleIndex& index, const Defines& defines);

// One kernel to build.
struct Instantiation {
  std::string module_name;
  std::string factory;                  // empty for a module-level @T.prim_func
  std::vector<std::string> prim_funcs;  // (syntactic) prim_func names, for --kernel
  Node def;                             // the factory or the @T.prim_func
  SourceSpan call_span;                 // the instantiating call, or the factory's name
  std::vector<KeywordArg> args;         // the factory's parameters, bound
  std::optional<Diagnostic> error;      // binding failed; reported only if this kernel is compiled
  bool eager = false;                   // `def` is an eager kernel (args include its T.const symbols)
  bool called = false;                  // instantiated by a call in the file (not only by defaults/-D)
  bool result_used = false;             // the call's result is assigned (`kernel = matmul(...)`)
  bool autotuned = false;
  // Not called: the sizes that neither a default nor -D gives (parameters, T.const/T.dynamic symbols).
  // Empty when the kernel is called or fully bound. The front end skips such a kernel (with a note)
  // when another kernel of the file is instantiated and no --kernel selects it.
  std::vector<std::string> unbound;
};

// Every kernel of the file, arguments bound (defines applied), duplicates (same factory, same
// argument values) removed. Naming: a factory instantiated once gives its own name ("matmul");
// several instantiations are named by the variable each is assigned to when those are distinct,
// else "<factory>_<n>" (1-based, source order); a module-level @T.prim_func keeps its name.
std::vector<Instantiation> plan_instantiations(Evaluator& ev, const ModuleIndex& index, const Defines& defines);

}  // namespace tt::frontend
