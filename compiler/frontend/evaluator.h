// The definition-time evaluator: Python expressions (constants, arithmetic, tuples, T.ceildiv,
// min/max, names, calls of user functions such as the kernel factory) and the statements of
// definition-time function bodies. Inside a @T.prim_func the same expression rules produce
// symbolic IR for block and loop variables. Errors are thrown as FrontendError.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compiler/frontend/call_args.h"
#include "compiler/frontend/python_parser.h"
#include "compiler/frontend/python_syntax.h"
#include "compiler/frontend/value.h"

namespace tt::frontend {

class Evaluator {
 public:
  static constexpr int kMaxNesting = 200;   // nested expressions/blocks (Python's parser allows 200 parens)
  static constexpr int kMaxCallDepth = 24;  // nested definition-time calls (catches runaway recursion)

  explicit Evaluator(const ParsedFile& file);
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  // The root scope: `T`, `tilelang` and the Python builtins we know.
  Scope* builtins() { return builtins_; }
  // Values -D gives to T.dynamic / T.symbolic names met at definition time (a factory's
  // `seq_len = T.dynamic("seq_len")`); a name without one stays a run-time size.
  void set_dynamic_sizes(std::map<std::string, Value> sizes) { dynamic_sizes_ = std::move(sizes); }
  // The module namespace (argparse defaults are evaluated there); set by the module indexer.
  void set_module_scope(Scope* scope) { module_scope_ = scope; }

  // GPU hints met while building kernels, one located note per hint (the first use).
  void note_hint(const std::string& key, SourceSpan span, std::string message);
  const std::vector<Diagnostic>& hint_notes() const { return hint_notes_; }
  // Throws the error for using `T.<member>` when it is GPU-only or not lowered yet; returns
  // normally (after noting it) for a GPU scheduling hint. `path` must name a classified member.
  void use_classified_member(const std::string& path, SourceSpan span);
  // Whether `path` is a `T.<member>` the backend does not lower (see classify_tile_member).
  static bool is_classified_member(const std::string& path);
  Scope* new_scope(Scope* parent) { return arena_.make(parent); }

  // --- expressions
  Value eval(const Node& expr, Scope* scope);
  // The items `for x in value` visits (sequences, strings, dict keys); throws for other values.
  std::vector<Value> iterate(const Value& value, SourceSpan span);
  CallArgs eval_arguments(const Node& call, Scope* scope);
  // The value bound to `name` (forcing lazy bindings); throws "name '...' is not defined".
  Value lookup(std::string_view name, Scope* scope, SourceSpan use);
  // The module path a callee expression names, without calling anything (null for other values).
  std::optional<std::string> callee_path(const Node& callee, Scope* scope);

  // --- definition-time code
  // `locals`: receives the call's local scope (what its body defined), for callers that look
  // inside (a function that defines a @T.prim_func and uses it itself).
  Value call_function(const FunctionValue& fn, const CallArgs& args, SourceSpan call_span, Scope** locals = nullptr);
  // Binds `args` to `fn`'s parameters in `local` with Python's rules (defaults evaluated in the
  // closure, *args/**kwargs collected, arity and keyword errors as CPython words them).
  void bind_parameters(const FunctionValue& fn, const CallArgs& args, SourceSpan call_span, Scope* local);
  // Binds a (decorated) def in `scope`, recording whether it is a @T.prim_func. The function
  // closes over `closure` (default: `scope`); module-level functions close over the late-bound
  // globals so that they see every module-level name, as in Python.
  void define_function(const Node& def_or_decorated, Scope* scope, Scope* closure = nullptr);
  bool is_prim_func_decorator(const Node& decorator, Scope* scope);
  // Whether a def is an eager-syntax kernel: its own body (not a nested def) opens `with T.Kernel`.
  bool has_kernel_block(const Node& def, Scope* scope);
  // Binds the names of an import statement to module paths (never resolved).
  void bind_import(const Node& import, Scope* scope);
  // `target = value` for names and (nested) tuple targets.
  void assign(const Node& target, const Value& value, Scope* scope);
  // The value `name` receives when `value` is assigned to `target` (tuple unpacking).
  std::optional<Value> unpack_for(const Node& target, const Value& value, std::string_view name);

  // Guards recursion over nested syntax; every recursive walk over user code holds one.
  class [[nodiscard]] Nesting {
   public:
    Nesting(Evaluator& ev, const Node& node, const char* what);
    ~Nesting() { --ev_.depth_; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;

   private:
    Evaluator& ev_;
  };

 private:
  struct Flow {
    bool returned = false;
    Value value;
  };
  Flow exec_block(const Node& block, Scope* scope, const std::string& where);
  Flow exec_statement(const Node& stmt, Scope* scope, const std::string& where);

  Value eval_identifier(const Node& node, Scope* scope);
  Value eval_attribute(const Node& node, Scope* scope);
  Value eval_subscript(const Node& node, Scope* scope);
  Value eval_call(const Node& node, Scope* scope);
  Value eval_comparison(const Node& node, Scope* scope);
  Value eval_boolean(const Node& node, Scope* scope);
  // A string literal; an f-string's replacement fields are evaluated in `scope` (str(), !r, simple format specs).
  Value eval_string(const Node& node, Scope* scope);
  std::string format_replacement_field(const Node& interpolation, Scope* scope);
  Value eval_sequence(const Node& node, Scope* scope, bool is_list);
  Value eval_dict(const Node& node, Scope* scope);
  Value eval_comprehension(const Node& node, Scope* scope);
  Value call_method(const BoundMethod& method, const CallArgs& args, const Node& call);
  Value parsed_argument(const std::string& name, SourceSpan span);
  Value force(Value& slot, SourceSpan use);

  const ParsedFile& file_;
  ScopeArena arena_;
  Scope* builtins_;
  Scope* module_scope_ = nullptr;
  bool has_wildcard_import_ = false;  // unknown names may come from `from x import *`
  int depth_ = 0;
  std::vector<Diagnostic> hint_notes_;
  std::map<std::string, Value> dynamic_sizes_;
  std::set<std::string> noted_;
  std::optional<std::map<std::string, Node>> argparse_defaults_;  // dest -> add_argument call
  std::vector<Node> call_stack_;                                  // defs of the definition-time calls in progress
};

}  // namespace tt::frontend
