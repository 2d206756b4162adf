// Value naming, rendering and conversion to IR expressions; scope lookup.
#include "compiler/frontend/value.h"

#include <charconv>
#include <cmath>

#include "compiler/frontend/frontend_error.h"
#include "compiler/ir/printer.h"

namespace tt::frontend {

namespace {
template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

std::string float_repr(double f) {
  if (std::isnan(f)) return "nan";
  if (std::isinf(f)) return f > 0 ? "inf" : "-inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), f);
  std::string s(buf, res.ptr);
  if (s.find_first_of(".en") == std::string::npos) s += ".0";
  return s;
}
}  // namespace

std::string type_name(const Value& v) {
  return std::visit(Overloaded{
                        [](const NoneValue&) -> std::string { return "NoneType"; },
                        [](bool) -> std::string { return "bool"; },
                        [](int64_t) -> std::string { return "int"; },
                        [](double) -> std::string { return "float"; },
                        [](const std::string&) -> std::string { return "str"; },
                        [](const Sequence& s) -> std::string {
                          return s.is_set ? "set" : s.is_list ? "list" : "tuple";
                        },
                        [](DataType) -> std::string { return "dtype"; },
                        [](const Namespace&) -> std::string { return "module"; },
                        [](const ir::Expr&) -> std::string { return "kernel expression"; },
                        [](const ir::Buffer&) -> std::string { return "buffer"; },
                        [](const BufferAccess&) -> std::string { return "buffer access"; },
                        [](const FunctionValue& f) -> std::string { return f.is_prim_func ? "prim_func" : "function"; },
                        [](const Poison&) -> std::string { return "undefined value"; },
                        [](const Thunk&) -> std::string { return "unevaluated value"; },
                        [](const Dict&) -> std::string { return "dict"; },
                        [](const AbstractTensor&) -> std::string { return "Tensor"; },
                        [](const RunTimeValue&) -> std::string { return "run-time value"; },
                        [](const BoundMethod&) -> std::string { return "method"; },
                        [](const ArgParser& p) -> std::string { return p.parsed ? "Namespace" : "ArgumentParser"; },
                    },
                    v.data);
}

std::string repr(const Value& v) {
  return std::visit(Overloaded{
                        [](const NoneValue&) -> std::string { return "None"; },
                        [](bool b) -> std::string { return b ? "True" : "False"; },
                        [](int64_t i) -> std::string { return std::to_string(i); },
                        [](double f) -> std::string { return float_repr(f); },
                        [](const std::string& s) -> std::string { return "'" + s + "'"; },
                        [](const Sequence& s) -> std::string {
                          if (s.is_set && s.items.empty()) return "set()";
                          std::string out = s.is_set ? "{" : s.is_list ? "[" : "(";
                          for (size_t i = 0; i < s.items.size(); ++i) {
                            if (i) out += ", ";
                            out += repr(s.items[i]);
                          }
                          if (!s.is_list && !s.is_set && s.items.size() == 1) out += ",";
                          return out + (s.is_set ? "}" : s.is_list ? "]" : ")");
                        },
                        [](DataType d) -> std::string { return std::string("'") + dtype_name(d) + "'"; },
                        [](const Namespace& n) -> std::string { return n.path; },
                        [](const ir::Expr& e) -> std::string { return ir::print_expr(e); },
                        [](const ir::Buffer& b) -> std::string { return b->name; },
                        [](const BufferAccess& a) -> std::string {
                          std::string out = a.buffer->name + "[";
                          for (size_t i = 0; i < a.indices.size(); ++i) {
                            const IndexItem& idx = a.indices[i];
                            if (i) out += ", ";
                            if (idx.start) out += ir::print_expr(idx.start);
                            if (idx.is_slice) out += ":";
                            if (idx.is_slice && idx.stop) out += ir::print_expr(idx.stop);
                          }
                          return out + "]";
                        },
                        [](const FunctionValue& f) -> std::string {
                          return f.def.is(Syntax::Lambda) ? "<lambda>" : std::string(f.def.field("name").text());
                        },
                        [](const Poison&) -> std::string { return "<undefined>"; },
                        [](const Thunk& t) -> std::string { return t.name; },
                        [](const Dict& d) -> std::string {
                          std::string out = "{";
                          for (size_t i = 0; i < d.keys.size(); ++i) {
                            if (i) out += ", ";
                            out += repr(d.keys[i]) + ": " + repr(d.values[i]);
                          }
                          return out + "}";
                        },
                        [](const AbstractTensor& t) -> std::string {
                          std::string out = "Tensor(shape=(";
                          for (size_t i = 0; i < t.shape.size(); ++i)
                            out += (i ? ", " : "") + std::to_string(t.shape[i]);
                          if (t.shape.size() == 1) out += ",";
                          out += ")";
                          if (t.dtype) out += std::string(", dtype=") + dtype_name(*t.dtype);
                          return out + ")";
                        },
                        [](const RunTimeValue& r) -> std::string { return r.origin; },
                        [](const BoundMethod& m) -> std::string { return "<method " + m.name + ">"; },
                        [](const ArgParser&) -> std::string { return "<argparse>"; },
                    },
                    v.data);
}

std::optional<int64_t> as_integer(const Value& v) {
  if (v.is<int64_t>()) return v.get<int64_t>();
  if (v.is<bool>()) return v.get<bool>() ? 1 : 0;
  if (v.is<ir::Expr>()) {
    if (const int64_t* i = ir::as_int(v.get<ir::Expr>())) return *i;
  }
  return std::nullopt;
}

void fail_run_time(const Value& v, const std::string& what) {
  const RunTimeValue& r = v.get<RunTimeValue>();
  std::string name = r.name.empty() ? "NAME" : r.name;
  std::string subject = r.name.empty() ? what : "'" + r.name + "' (" + what + ")";
  fail(v.span,
       subject + " is only known when the program runs (it comes from '" + r.origin + "'): give it a value with -D " +
           name + "=<value>",
       DiagnosticCategory::Unsupported);
}

ir::Expr to_expr(const Value& v, const std::string& what) {
  if (v.is<RunTimeValue>()) fail_run_time(v, what);
  if (v.is<int64_t>()) return ir::int_imm(v.get<int64_t>(), v.span);
  if (v.is<bool>()) return ir::int_imm(v.get<bool>() ? 1 : 0, v.span);
  if (v.is<double>()) return ir::float_imm(v.get<double>(), v.span);
  if (v.is<ir::Expr>()) return v.get<ir::Expr>();
  if (v.is<BufferAccess>()) {
    const BufferAccess& a = v.get<BufferAccess>();
    std::vector<ir::Expr> indices;
    for (const IndexItem& idx : a.indices) {
      if (idx.is_slice) fail(idx.span, what + " must be a single element, but '" + repr(v) + "' is a slice");
      indices.push_back(idx.start);
    }
    if (indices.size() != a.buffer->shape.size()) {
      fail(v.span, a.buffer->name + " has " + std::to_string(a.buffer->shape.size()) + " dimensions but " +
                       std::to_string(indices.size()) + (indices.size() == 1 ? " index was" : " indices were") +
                       " given");
    }
    return ir::buffer_load(a.buffer, std::move(indices), v.span);
  }
  fail(v.span, what + " must be a number or a kernel expression, got " + type_name(v) + " " + repr(v));
}

Value* Scope::find(std::string_view name) {
  for (Scope* s = this; s; s = s->parent_) {
    if (Value* v = s->find_local(name)) return v;
  }
  return nullptr;
}

Value* Scope::find_local(std::string_view name) {
  auto it = vars_.find(name);
  return it == vars_.end() ? nullptr : &it->second;
}

}  // namespace tt::frontend
