// Definition-time values of the Python subset the front end evaluates (numbers, strings, tuples,
// dtypes, module paths, functions) plus the kernel-side values that become IR (symbolic
// expressions, buffers, buffer accesses), and the scopes that bind names to them.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "compiler/frontend/python_parser.h"
#include "compiler/ir/ir.h"

namespace tt::frontend {

struct Value;
class Scope;

struct NoneValue {};
// A module or a name inside one, by dotted path: "tilelang.language" (what `T` is),
// "tilelang.language.copy", "builtins.min", "torch". Imports bind these; nothing is resolved.
struct Namespace {
  std::string path;
};
struct Sequence {
  bool is_list = false;
  std::vector<Value> items;
  bool is_set = false;  // a set literal/comprehension (items kept unique, in insertion order)
};
// A dict (insertion-ordered, as in Python): keys[i] maps to values[i].
struct Dict {
  std::vector<Value> keys;
  std::vector<Value> values;
};
// A tensor known only by shape and dtype: what `torch.randn(M, K, dtype=torch.float16)` and
// `.cuda()/.half()/.to(...)` produce at definition time. Shapes bind an eager kernel's T.const
// symbols when it is called with tensors.
struct AbstractTensor {
  std::vector<int64_t> shape;
  std::optional<DataType> dtype;
};
// A value only known when the program runs (torch math, I/O, profiling, unknown libraries). It
// is carried along silently; using it as a kernel size is an error naming `origin`.
struct RunTimeValue {
  std::string origin;  // the expression that produced it, e.g. "torch.cuda.device_count()"
  std::string name;    // the first variable or parameter it was bound to (for the -D hint)
};
// `obj.method` of a definition-time value (str/dict/list/tensor methods, argparse parsers),
// called later with its arguments.
struct BoundMethod {
  std::shared_ptr<const Value> self;
  std::string name;
};
// `argparse.ArgumentParser(...)` and the namespace its parse_args() returns: `args.m` is the
// `default=` of the file's `add_argument("--m", ...)`.
struct ArgParser {
  bool parsed = false;
};
// One index of a buffer subscript: a point `i` (start only) or a slice `a:b` (either may be null
// when omitted).
struct IndexItem {
  bool is_slice = false;
  ir::Expr start, stop;
  SourceSpan span;
};
// `A[...]` inside a kernel: an element (all points) or a region (a copy/gemm operand).
struct BufferAccess {
  ir::Buffer buffer;
  std::vector<IndexItem> indices;
  bool is_var = false;  // the name of a T.alloc_var buffer: it stands for the buffer's one element
};
// A Python `def` (a factory, a helper or a @T.prim_func) with the scope it closes over.
struct FunctionValue {
  Node def;  // the function_definition node
  Scope* closure = nullptr;
  bool is_prim_func = false;
  bool is_eager_kernel = false;  // an eager-syntax @tilelang.jit kernel (its body has a T.Kernel)
  bool is_macro = false;         // @T.macro: inlined where a kernel calls it
};
// A binding whose evaluation failed; using it reports the original error.
struct Poison {
  std::shared_ptr<const Diagnostic> error;
};
// A binding evaluated on first use (module-level and driver-function assignments), in the scope
// as it stood at that statement.
struct Thunk {
  Node stmt;  // assignment, augmented_assignment, a parameter with a default, or an expression
  Scope* scope = nullptr;
  std::string name;
  bool is_expression = false;  // `stmt` is an expression whose value is the binding (a call argument)
};

struct Value {
  using Data = std::variant<NoneValue, bool, int64_t, double, std::string, Sequence, DataType, Namespace, ir::Expr,
                            ir::Buffer, BufferAccess, FunctionValue, Poison, Thunk, Dict, AbstractTensor, RunTimeValue,
                            BoundMethod, ArgParser>;
  Data data;
  SourceSpan span;  // where the value was written (for errors about it)

  template <typename T>
  bool is() const {
    return std::holds_alternative<T>(data);
  }
  template <typename T>
  const T& get() const {
    return std::get<T>(data);
  }

  static Value none(SourceSpan s = {}) { return Value{NoneValue{}, s}; }
  static Value boolean(bool b, SourceSpan s = {}) { return Value{b, s}; }
  static Value integer(int64_t i, SourceSpan s = {}) { return Value{i, s}; }
  static Value floating(double f, SourceSpan s = {}) { return Value{f, s}; }
  static Value string(std::string str, SourceSpan s = {}) { return Value{std::move(str), s}; }
  static Value sequence(std::vector<Value> items, bool is_list, SourceSpan s = {}) {
    return Value{Sequence{is_list, std::move(items)}, s};
  }
  static Value dtype(DataType d, SourceSpan s = {}) { return Value{d, s}; }
  static Value name_path(std::string path, SourceSpan s = {}) { return Value{Namespace{std::move(path)}, s}; }
  static Value expr(ir::Expr e, SourceSpan s = {}) { return Value{std::move(e), s}; }
  static Value buffer(ir::Buffer b, SourceSpan s = {}) { return Value{std::move(b), s}; }
  static Value run_time(std::string origin, SourceSpan s = {}) { return Value{RunTimeValue{std::move(origin)}, s}; }
};

// Python's name for the value's type, for messages ("int", "str", "tuple", "buffer", ...).
std::string type_name(const Value& v);
// Python-like rendering for messages and keys: 128, 0.5, 'float16', (128, 32), bx * 128.
std::string repr(const Value& v);
// The integer a value stands for: int, bool, or a folded kernel expression.
std::optional<int64_t> as_integer(const Value& v);
// The error for using a run-time value where the kernel needs a definition-time one (a size, a
// dtype): names the value and where it comes from, and suggests -D (category unsupported).
[[noreturn]] void fail_run_time(const Value& v, const std::string& what);
// The value as an IR expression (numbers, symbolic expressions, element loads); throws a
// FrontendError naming `what` otherwise.
ir::Expr to_expr(const Value& v, const std::string& what);

class Scope {
 public:
  explicit Scope(Scope* parent) : parent_(parent) {}
  // The binding of `name` here or in an enclosing scope (null when unbound).
  Value* find(std::string_view name);
  Value* find_local(std::string_view name);
  void set(const std::string& name, Value value) { vars_[name] = std::move(value); }
  Scope* parent() const { return parent_; }
  void set_parent(Scope* parent) { parent_ = parent; }
  const std::map<std::string, Value, std::less<>>& vars() const { return vars_; }

 private:
  std::map<std::string, Value, std::less<>> vars_;
  Scope* parent_;
};

// Owns every scope of one front-end run; values refer to scopes by pointer, so closures that
// refer back to their own scope form no ownership cycle.
class ScopeArena {
 public:
  Scope* make(Scope* parent) { return &scopes_.emplace_back(parent); }

 private:
  std::deque<Scope> scopes_;
};

}  // namespace tt::frontend
