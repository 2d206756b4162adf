// The Python that real TileLang files use to choose sizes, beyond arithmetic: dict literals and
// comprehensions, iteration, methods of str/dict/list/tensor values and argparse namespaces.
// Anything that only means something when the program runs becomes a RunTimeValue.
#include <algorithm>
#include <cctype>

#include "compiler/frontend/builtin_calls.h"
#include "compiler/frontend/evaluator.h"
#include "compiler/frontend/frontend_error.h"
#include "compiler/frontend/library_calls.h"
#include "compiler/frontend/python_arith.h"

namespace tt::frontend {

namespace {

// Longest definition-time iteration (a `range` or a comprehension); real files iterate over a
// handful of configurations.
constexpr size_t kMaxIterations = 1 << 20;

// Thrown out of a comprehension that iterates over run-time data.
struct RunTimeResult {};

bool equal(const Value& a, const Value& b, SourceSpan span) {
  return truthiness(apply_binary(PyOp::Eq, a, b, span)).value_or(false);
}

}  // namespace

std::vector<Value> Evaluator::iterate(const Value& value, SourceSpan span) {
  if (std::optional<std::vector<Value>> items = iterable_items(value)) return *items;
  if (value.is<DataType>()) return iterate(Value::string(dtype_name(value.get<DataType>()), span), span);
  if (value.is<RunTimeValue>()) fail_run_time(value, "the iterated value");
  fail(span, "'" + type_name(value) + "' object is not iterable at definition time");
}

Value Evaluator::eval_dict(const Node& node, Scope* scope) {
  Dict dict;
  auto put = [&](Value key, Value value) {
    for (size_t i = 0; i < dict.keys.size(); ++i) {
      if (equal(dict.keys[i], key, node.span())) {
        dict.values[i] = std::move(value);
        return;
      }
    }
    dict.keys.push_back(std::move(key));
    dict.values.push_back(std::move(value));
  };
  for (const Node& child : node.children()) {
    if (child.is(Syntax::Pair)) {
      put(eval(child.field("key"), scope), eval(child.field("value"), scope));
    } else if (child.is(Syntax::DictionarySplat)) {
      std::vector<Node> inner = child.children();
      Value other = inner.empty() ? Value::none() : eval(inner[0], scope);
      if (!other.is<Dict>()) fail(child.span(), "'" + type_name(other) + "' object is not a mapping");
      const Dict& d = other.get<Dict>();
      for (size_t i = 0; i < d.keys.size(); ++i) put(d.keys[i], d.values[i]);
    } else {
      fail(child.span(), "invalid syntax");
    }
  }
  return Value{std::move(dict), node.span()};
}

Value Evaluator::eval_comprehension(const Node& node, Scope* scope) {
  SourceSpan span = node.span();
  Node body = node.field("body");
  std::vector<Node> clauses;
  for (const Node& c : node.children()) {
    if (c.is(Syntax::ForInClause) || c.is(Syntax::IfClause)) clauses.push_back(c);
  }
  std::vector<Value> items;
  Dict dict;
  size_t steps = 0;
  // Clauses nest left to right, as in Python; each comprehension has its own scope.
  auto run = [&](auto&& self, size_t i, Scope* inner) -> void {
    if (i == clauses.size()) {
      if (++steps > kMaxIterations) fail(span, "this comprehension has too many items to evaluate at definition time");
      if (body.is(Syntax::Pair)) {
        dict.keys.push_back(eval(body.field("key"), inner));
        dict.values.push_back(eval(body.field("value"), inner));
      } else {
        items.push_back(eval(body, inner));
      }
      return;
    }
    const Node& clause = clauses[i];
    if (clause.is(Syntax::IfClause)) {
      std::vector<Node> cond = clause.children();
      std::optional<bool> t = cond.empty() ? std::nullopt : truthiness(eval(cond[0], inner));
      if (!t) fail(clause.span(), "this condition must be known at definition time");
      if (*t) self(self, i + 1, inner);
      return;
    }
    Value source = eval(clause.field("right"), inner);
    if (source.is<RunTimeValue>() || source.is<AbstractTensor>()) throw RunTimeResult{};
    for (const Value& item : iterate(source, clause.field("right").span())) {
      Scope* layer = new_scope(inner);
      assign(clause.field("left"), item, layer);
      self(self, i + 1, layer);
    }
  };
  try {
    run(run, 0, new_scope(scope));
  } catch (const RunTimeResult&) {  // iterating run-time data: the whole result is run-time data
    return Value::run_time(std::string(node.text()), span);
  }
  if (node.is(Syntax::DictionaryComprehension)) return Value{std::move(dict), span};
  if (node.is(Syntax::SetComprehension)) {
    Sequence set{true, {}, true};
    for (Value& v : items) {
      bool seen = false;
      for (const Value& have : set.items) seen |= equal(have, v, span);
      if (!seen) set.items.push_back(std::move(v));
    }
    return Value{std::move(set), span};
  }
  // A generator is consumed by its caller (sum, tuple, max, ...): a list stands in for it.
  return Value::sequence(std::move(items), true, span);
}

Value Evaluator::parsed_argument(const std::string& name, SourceSpan span) {
  if (!argparse_defaults_) {
    argparse_defaults_.emplace();
    walk_preorder(file_.root(), [&](const Node& n) {
      if (!n.is(Syntax::Call)) return true;
      Node fn = n.field("function");
      if (!fn.is(Syntax::Attribute) || fn.field("attribute").text() != "add_argument") return true;
      std::string dest;
      Node args = n.field("arguments");
      for (const Node& a : args.children()) {
        if (a.is(Syntax::KeywordArgument) && a.field("name").text() == "dest" && a.field("value").is(Syntax::String)) {
          dest = std::string(a.field("value").text());
          dest = dest.substr(1, dest.size() - 2);
        }
      }
      if (dest.empty()) {
        for (const Node& a : args.children()) {
          if (!a.is(Syntax::String)) continue;
          std::string flag(a.text());
          flag = flag.substr(1, flag.size() - 2);
          bool is_long = flag.rfind("--", 0) == 0;
          if (!dest.empty() && !is_long) continue;
          size_t start = flag.find_first_not_of('-');
          dest = start == std::string::npos ? "" : flag.substr(start);
          std::replace(dest.begin(), dest.end(), '-', '_');
          if (is_long) break;
        }
      }
      if (!dest.empty() && !argparse_defaults_->count(dest)) argparse_defaults_->emplace(dest, n);
      return true;
    });
  }
  auto it = argparse_defaults_->find(name);
  if (it == argparse_defaults_->end())
    fail(span, "'Namespace' object has no attribute '" + name + "' (no add_argument for it)");
  Scope* scope = module_scope_ ? module_scope_ : builtins_;
  std::string action;
  for (const Node& a : it->second.field("arguments").children()) {
    if (!a.is(Syntax::KeywordArgument)) continue;
    std::string_view kw = a.field("name").text();
    if (kw == "default") {
      Value v = eval(a.field("value"), scope);
      v.span = span;
      return v;
    }
    if (kw == "action") {
      Value act = eval(a.field("value"), scope);
      if (act.is<std::string>()) action = act.get<std::string>();
    }
  }
  if (action == "store_true") return Value::boolean(false, span);
  if (action == "store_false") return Value::boolean(true, span);
  // No default: the value comes from the command line when the program runs.
  return Value::run_time("the command-line argument '" + name + "'", span);
}

Value Evaluator::call_method(const BoundMethod& method, const CallArgs& args, const Node& call) {
  SourceSpan span = call.span();
  const Value& self = *method.self;
  const std::string& name = method.name;
  auto arg = [&](size_t i) -> const Value& {
    if (i >= args.positional.size()) fail(span, name + "() expects at least " + std::to_string(i + 1) + " argument(s)");
    return args.positional[i];
  };
  if (self.is<std::string>()) {
    std::string s = self.get<std::string>();
    if (name == "upper" || name == "lower") {
      for (char& c : s)
        c = static_cast<char>(name == "upper" ? std::toupper(static_cast<unsigned char>(c))
                                              : std::tolower(static_cast<unsigned char>(c)));
      return Value::string(s, span);
    }
    if (name == "strip") {
      size_t b = s.find_first_not_of(" \t\n"), e = s.find_last_not_of(" \t\n");
      return Value::string(b == std::string::npos ? "" : s.substr(b, e - b + 1), span);
    }
    if (name == "split") {
      std::string sep = args.positional.empty() || args.positional[0].is<NoneValue>() ? " " : "";
      if (sep.empty()) {
        if (!arg(0).is<std::string>() || arg(0).get<std::string>().empty()) fail(span, "split() needs a non-empty str");
        sep = arg(0).get<std::string>();
      }
      std::vector<Value> parts;
      size_t at = 0;
      for (size_t next; (next = s.find(sep, at)) != std::string::npos; at = next + sep.size()) {
        if (next > at || sep != " ") parts.push_back(Value::string(s.substr(at, next - at), span));
      }
      if (at < s.size() || sep != " ") parts.push_back(Value::string(s.substr(at), span));
      return Value::sequence(std::move(parts), true, span);
    }
    if (name == "isdigit" || name == "isalpha" || name == "isalnum") {
      bool all = !s.empty();
      for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        all &= name == "isdigit"   ? std::isdigit(u) != 0
               : name == "isalpha" ? std::isalpha(u) != 0
                                   : std::isalnum(u) != 0;
      }
      return Value::boolean(all, span);
    }
    if (name == "startswith" || name == "endswith") {
      if (!arg(0).is<std::string>()) fail(span, name + "() expects a str");
      const std::string& x = arg(0).get<std::string>();
      bool r = x.size() <= s.size() && (name == "startswith" ? s.compare(0, x.size(), x) == 0
                                                             : s.compare(s.size() - x.size(), x.size(), x) == 0);
      return Value::boolean(r, span);
    }
    if (name == "replace") {
      if (!arg(0).is<std::string>() || !arg(1).is<std::string>() || arg(0).get<std::string>().empty())
        fail(span, "replace() expects two str arguments");
      const std::string &from = arg(0).get<std::string>(), &to = arg(1).get<std::string>();
      for (size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
      return Value::string(s, span);
    }
    if (name == "join") {
      std::string out;
      bool first = true;
      for (const Value& v : iterate(arg(0), span)) {
        if (!v.is<std::string>()) return Value::run_time(std::string(call.text()), span);
        out += (first ? "" : s) + v.get<std::string>();
        first = false;
      }
      return Value::string(out, span);
    }
    // format() and other formatting: the text is only shown at run time.
    return Value::string(s, span);
  }
  if (self.is<int64_t>() && name == "bit_length") {
    uint64_t v = static_cast<uint64_t>(self.get<int64_t>() < 0 ? -self.get<int64_t>() : self.get<int64_t>());
    int64_t bits = 0;
    for (; v; v >>= 1) ++bits;
    return Value::integer(bits, span);
  }
  if (self.is<Dict>()) {
    const Dict& d = self.get<Dict>();
    if (name == "get") {
      for (size_t i = 0; i < d.keys.size(); ++i) {
        if (equal(d.keys[i], arg(0), span)) return d.values[i];
      }
      return args.positional.size() > 1 ? args.positional[1] : Value::none(span);
    }
    if (name == "keys") return Value::sequence(d.keys, true, span);
    if (name == "values") return Value::sequence(d.values, true, span);
    if (name == "items") {
      std::vector<Value> pairs;
      for (size_t i = 0; i < d.keys.size(); ++i)
        pairs.push_back(Value::sequence({d.keys[i], d.values[i]}, false, span));
      return Value::sequence(std::move(pairs), true, span);
    }
    if (name == "copy") return self;
  }
  if (self.is<Sequence>()) {
    const std::vector<Value>& items = self.get<Sequence>().items;
    if (name == "index") {
      for (size_t i = 0; i < items.size(); ++i) {
        if (equal(items[i], arg(0), span)) return Value::integer(static_cast<int64_t>(i), span);
      }
      fail(span, repr(arg(0)) + " is not in " + type_name(self));
    }
    if (name == "count") {
      int64_t n = 0;
      for (const Value& v : items) n += equal(v, arg(0), span) ? 1 : 0;
      return Value::integer(n, span);
    }
  }
  if (self.is<AbstractTensor>()) return tensor_method(self.get<AbstractTensor>(), name, args, call);
  if (self.is<ArgParser>()) {
    if (name == "parse_args") return Value{ArgParser{true}, span};
    if (name == "parse_known_args") {
      return Value::sequence({Value{ArgParser{true}, span}, Value::sequence({}, true, span)}, false, span);
    }
    if (name == "add_argument") return Value::none(span);  // read back from the file by parsed_argument
    return self;  // add_argument_group, add_mutually_exclusive_group, set_defaults: the same parser
  }
  if (self.is<FunctionValue>() && name == "compile") {
    return Value::run_time(std::string(call.text()), span);  // the compiled kernel object
  }
  // Mutating methods (list.append, dict.update) and everything else act at run time.
  return Value::run_time(std::string(call.text()), span);
}

}  // namespace tt::frontend
