// Module indexing with a straight-line view of module-level and driver code: every statement
// that binds names gets a new scope layer holding lazy bindings, so an argument sees exactly
// the assignments before its call. Control flow is not followed: loop targets and `with ... as`
// names are undefined (with a message saying why) rather than guessed.
#include "compiler/frontend/instantiation.h"

#include <algorithm>
#include <map>
#include <set>

#include "compiler/frontend/frontend_error.h"
#include "compiler/frontend/tile_ops.h"

namespace tt::frontend {

namespace {

// The names an assignment target binds (`a`, `a, (b, c)`); subscripts/attributes bind none.
void target_names(const Node& target, std::vector<Node>& out) {
  if (target.is(Syntax::Identifier)) {
    out.push_back(target);
    return;
  }
  bool list = target.is(Syntax::PatternList) || target.is(Syntax::TuplePattern) || target.is(Syntax::ListPattern) ||
              target.is(Syntax::Tuple) || target.is(Syntax::List) || target.is(Syntax::ExpressionList) ||
              target.is(Syntax::ParenthesizedExpression);
  if (!list) return;
  for (const Node& n : target.children()) target_names(n, out);
}

bool is_function(const Node& stmt) {
  return stmt.is(Syntax::FunctionDefinition) ||
         (stmt.is(Syntax::DecoratedDefinition) && stmt.field("definition").is(Syntax::FunctionDefinition));
}
Node definition_of(const Node& stmt) { return stmt.is(Syntax::DecoratedDefinition) ? stmt.field("definition") : stmt; }

class Indexer {
 public:
  Indexer(Evaluator& ev, ModuleIndex& index) : ev_(ev), index_(index) {}

  void run(const ParsedFile& file) {
    index_.globals = ev_.new_scope(nullptr);
    ev_.set_module_scope(index_.globals);
    Scope* layer = ev_.new_scope(ev_.builtins());
    std::vector<Node> drivers;
    for (const Node& stmt : file.root().children()) {
      Node cls = stmt.is(Syntax::DecoratedDefinition) ? stmt.field("definition") : stmt;
      if (cls.is(Syntax::ClassDefinition)) {
        // Methods (autograd forward/backward, nn.Module.forward) call factories at run time with
        // sizes from their tensors: driver code like main().
        for (const Node& member : cls.field("body").children()) {
          if (is_function(member)) drivers.push_back(definition_of(member));
        }
        layer = ev_.new_scope(layer);
        layer->set(std::string(cls.field("name").text()),
                   Value::run_time(std::string(cls.field("name").text()), cls.span()));
        continue;
      }
      if (is_function(stmt)) {
        classify(stmt, layer, drivers);
        layer = ev_.new_scope(layer);
        ev_.define_function(stmt, layer, index_.globals);
        continue;
      }
      if (stmt.is(Syntax::ExpressionStatement)) {
        for (const Node& e : stmt.children()) {
          if (e.is(Syntax::Assignment) || e.is(Syntax::AugmentedAssignment)) {
            std::vector<Node> names;
            collect_assigned(e, names);
            for (const Node& n : names) index_.module_names.emplace_back(n.text());
          }
        }
      }
      straight_line(stmt, layer);
    }
    index_.globals->set_parent(layer);
    // Driver functions run after the whole module is defined: they see every global. Their
    // parameters are bound once every call of every driver is known (below).
    std::vector<Scope*> locals;
    for (const Node& def : drivers) {
      locals.push_back(ev_.new_scope(index_.globals));
      Scope* layer_in = ev_.new_scope(locals.back());
      straight_line_block(def.field("body"), layer_in);
    }
    for (size_t i = 0; i < drivers.size(); ++i) bind_driver_parameters(drivers[i], locals[i]);
    for (Factory& f : index_.factories) {
      std::sort(f.calls.begin(), f.calls.end(),
                [](const CallSite& a, const CallSite& b) { return a.call.start_byte() < b.call.start_byte(); });
    }
  }

 private:
  // A driver's parameter is the argument of the first call that passes it (`run(1024, 512)` from
  // main or module code), else its default, else a run-time value (a test harness argument).
  void bind_driver_parameters(const Node& def, Scope* local) {
    std::string name = function_name(def);
    std::vector<ParamInfo> params = function_params(def);
    std::vector<const CallSite*> sites;
    auto found = driver_calls_.find(name);
    if (found != driver_calls_.end()) {
      for (const CallSite& c : found->second) sites.push_back(&c);
    }
    std::sort(sites.begin(), sites.end(),
              [](const CallSite* a, const CallSite* b) { return a->call.start_byte() < b->call.start_byte(); });
    for (size_t i = 0, position = 0; i < params.size(); ++i) {
      const ParamInfo& p = params[i];
      if (p.kind == ParamKind::VarPositional) {
        local->set(p.name, Value::sequence({}, false, p.node.span()));
        continue;
      }
      if (p.kind == ParamKind::VarKeyword) {
        local->set(p.name, Value{Dict{}, p.node.span()});
        continue;
      }
      std::optional<size_t> index;
      if (!p.keyword_only) index = position++;
      Node argument;
      Scope* scope = nullptr;
      for (const CallSite* site : sites) {
        if ((argument = argument_for(site->call, p.name, index))) {
          scope = site->scope;
          break;
        }
      }
      if (argument) {
        local->set(p.name, Value{Thunk{argument, scope, p.name, true}, argument.span()});
      } else if (p.default_value) {
        local->set(p.name, Value{Thunk{p.node, index_.globals, p.name}, p.node.span()});
      } else {
        Value v = Value::run_time("parameter '" + p.name + "' of '" + name + "'", p.node.span());
        local->set(p.name, v);
      }
    }
  }

  // The argument node a call passes for parameter `name` at `index` (null when not passed or
  // passed through * / **).
  static Node argument_for(const Node& call, const std::string& name, std::optional<size_t> index) {
    Node list = call.field("arguments");
    if (!list.is(Syntax::ArgumentList)) return Node();
    size_t position = 0;
    for (const Node& a : list.children()) {
      if (a.is(Syntax::ListSplat) || a.is(Syntax::DictionarySplat)) return Node();
      if (a.is(Syntax::KeywordArgument)) {
        if (a.field("name").text() == name) return a.field("value");
        continue;
      }
      if (index && position == *index) return a;
      ++position;
    }
    return Node();
  }

  // A module-level def is a kernel factory when its body defines a @T.prim_func, a kernel by
  // itself when it is one, and otherwise driver code that may instantiate factories.
  void classify(const Node& stmt, Scope* layer, std::vector<Node>& drivers) {
    if (stmt.is(Syntax::DecoratedDefinition)) {
      for (const Node& d : stmt.children()) {
        if (d.is(Syntax::Decorator) && ev_.is_prim_func_decorator(d, layer)) {
          index_.prim_funcs.push_back(definition_of(stmt));
          return;
        }
      }
    }
    Node def = definition_of(stmt);
    Factory factory{def, {}, {}};
    if (ev_.has_kernel_block(def, layer)) {
      factory.eager = true;
      factory.autotuned = has_autotune_decorator(stmt, layer);
      factory.symbols = declared_symbols(def, layer);
      factory.annotated = annotated_names(def);
      index_.factories.push_back(std::move(factory));
      return;
    }
    factory.autotuned = has_autotune_decorator(stmt, layer);
    factory.dynamic_sizes = declared_symbols(def, layer);
    // The @T.prim_func may sit in a nested function (`def kernel_func(block_M, ...)` returned by
    // the factory, the autotuner's usual shape): any depth counts.
    walk_preorder(def.field("body"), [&](const Node& inner) {
      if (inner.is(Syntax::Lambda) || inner.is(Syntax::ClassDefinition)) return false;
      if (!inner.is(Syntax::DecoratedDefinition)) return true;
      for (const Node& d : inner.children()) {
        if (d.is(Syntax::Decorator) && ev_.is_prim_func_decorator(d, layer)) {
          factory.prim_funcs.push_back(function_name(definition_of(inner)));
          return false;
        }
      }
      if (definition_of(inner).is(Syntax::FunctionDefinition)) {
        for (const ParamInfo& p : function_params(definition_of(inner))) factory.inner_params.push_back(p.name);
      }
      return true;
    });
    if (factory.prim_funcs.empty()) {
      drivers.push_back(def);
    } else {
      index_.factories.push_back(std::move(factory));
    }
  }

  void collect_assigned(const Node& e, std::vector<Node>& names) {
    if (e.is(Syntax::AugmentedAssignment)) {
      if (e.field("left").is(Syntax::Identifier)) names.push_back(e.field("left"));
      return;
    }
    for (Node a = e; a.is(Syntax::Assignment); a = a.field("right")) target_names(a.field("left"), names);
  }

  void straight_line_block(const Node& block, Scope*& layer) {
    for (const Node& stmt : block.children()) straight_line(stmt, layer);
  }

  // Records factory calls in `stmt` (seeing `layer`), then binds what `stmt` defines.
  void straight_line(const Node& stmt, Scope*& layer) {
    Evaluator::Nesting guard(ev_, stmt, "statement");
    switch (stmt.kind()) {
      case Syntax::ExpressionStatement:
        find_calls(stmt, layer);
        for (const Node& e : stmt.children()) {
          if (!e.is(Syntax::Assignment) && !e.is(Syntax::AugmentedAssignment)) continue;
          std::vector<Node> names;
          collect_assigned(e, names);
          Scope* before = layer;
          layer = ev_.new_scope(before);
          for (const Node& n : names)
            layer->set(std::string(n.text()), Value{Thunk{e, before, std::string(n.text())}, n.span()});
        }
        return;
      case Syntax::ImportStatement:
      case Syntax::ImportFromStatement:
        layer = ev_.new_scope(layer);
        ev_.bind_import(stmt, layer);
        return;
      case Syntax::FunctionDefinition:
      case Syntax::DecoratedDefinition:
        // A helper defined inside driver code (`def maybe_contiguous(x)`): bound, body not walked.
        if (!definition_of(stmt).is(Syntax::FunctionDefinition)) return;
        layer = ev_.new_scope(layer);
        ev_.define_function(stmt, layer);
        return;
      case Syntax::ClassDefinition:
        layer = ev_.new_scope(layer);
        layer->set(std::string(stmt.field("name").text()),
                   Value::run_time(std::string(stmt.field("name").text()), stmt.span()));
        return;
      case Syntax::ForStatement: {
        find_calls(stmt.field("right"), layer);
        std::vector<Node> names;
        target_names(stmt.field("left"), names);
        layer = ev_.new_scope(layer);
        for (const Node& n : names) {
          // Which iteration instantiates the kernel is a run-time choice: -D picks the size.
          layer->set(std::string(n.text()),
                     Value::run_time("the 'for' loop variable '" + std::string(n.text()) + "'", n.span()));
        }
        break;
      }
      case Syntax::WithStatement:
        walk_preorder(stmt, [&](const Node& n) {
          if (n.is(Syntax::Block)) return false;
          if (n.is(Syntax::AsPatternTarget)) {
            std::vector<Node> names;
            for (const Node& t : n.children()) target_names(t, names);
            layer = ev_.new_scope(layer);
            for (const Node& name : names) {
              layer->set(std::string(name.text()),
                         Value::run_time("'" + std::string(name.text()) + "' of 'with ... as'", name.span()));
            }
          }
          if (n.is(Syntax::Call)) record_call(n, layer, "");
          return true;
        });
        break;
      default:
        // if/while/try/match: conditions may call factories too; their blocks follow below.
        for (const Node& child : stmt.children()) {
          if (!child.is(Syntax::Block) && !child.is(Syntax::ElseClause) && !child.is(Syntax::ElifClause) &&
              !child.is(Syntax::ExceptClause) && !child.is(Syntax::FinallyClause)) {
            find_calls(child, layer);
          }
        }
        break;
    }
    // Blocks of compound statements, in order, as straight-line code.
    for (const Node& child : stmt.children()) {
      if (child.is(Syntax::Block)) {
        straight_line_block(child, layer);
        continue;
      }
      for (const Node& grandchild : child.children()) {
        if (grandchild.is(Syntax::Block)) straight_line_block(grandchild, layer);
      }
    }
  }

  void find_calls(const Node& root, Scope* layer) {
    if (root.null()) return;
    std::string assigned;
    if (root.is(Syntax::ExpressionStatement)) {
      std::vector<Node> kids = root.children();
      if (kids.size() == 1 && kids[0].is(Syntax::Assignment) && kids[0].field("left").is(Syntax::Identifier)) {
        assigned = kids[0].field("left").text();
      }
    }
    walk_preorder(root, [&](const Node& n) {
      if (n.is(Syntax::FunctionDefinition) || n.is(Syntax::ClassDefinition) || n.is(Syntax::Lambda) ||
          n.is(Syntax::Block)) {
        return false;
      }
      if (n.is(Syntax::Call)) {
        Node parent = n.parent();
        bool direct = parent.is(Syntax::Assignment) && parent.field("right") == n;
        record_call(n, layer, direct ? assigned : "");
      }
      return true;
    });
  }

  void record_call(const Node& call, Scope* layer, const std::string& assigned) {
    Node fn = call.field("function");
    // `kernel.compile(M=..., ...)` instantiates an eager kernel by keywords.
    // `kernel.compile(M=...)`, `kernel.get_kernel_source(...)`, `kernel.get_tir(...)` instantiate
    // an eager kernel by keywords.
    std::string_view method = fn.is(Syntax::Attribute) ? fn.field("attribute").text() : std::string_view();
    bool compile = (method == "compile" || method == "get_kernel_source" || method == "get_tir") &&
                   fn.field("object").is(Syntax::Identifier);
    if (compile) fn = fn.field("object");
    if (!fn.is(Syntax::Identifier)) return;
    if (!compile) driver_calls_[std::string(fn.text())].push_back(CallSite{call, layer, assigned});
    for (Factory& f : index_.factories) {
      if (function_name(f.def) == fn.text() && (!compile || f.eager))
        f.calls.push_back(CallSite{call, layer, assigned});
    }
  }

  // `@tilelang.autotune(configs=...)` / `@autotune(...)`: the factory's tile sizes are chosen
  // when the program runs.
  bool has_autotune_decorator(const Node& stmt, Scope* layer) {
    if (!stmt.is(Syntax::DecoratedDefinition)) return false;
    for (const Node& d : stmt.children()) {
      std::vector<Node> kids = d.is(Syntax::Decorator) ? d.children() : std::vector<Node>{};
      if (kids.empty()) continue;
      std::optional<std::string> path =
          ev_.callee_path(kids[0].is(Syntax::Call) ? kids[0].field("function") : kids[0], layer);
      if (path && path->rfind("tilelang", 0) == 0 && path->size() >= 8 &&
          path->compare(path->size() - 8, 8, "autotune") == 0) {
        return true;
      }
    }
    return false;
  }

  // The T.const/T.dynamic symbols a kernel (eager) or factory declares, from the string literals of
  // its `... = T.const("M, N")` statements (for -D and the parameter form, before any evaluation).
  std::vector<std::string> declared_symbols(const Node& def, Scope* layer) {
    std::vector<std::string> out;
    for (const Node& stmt : def.field("body").children()) {
      if (!stmt.is(Syntax::ExpressionStatement)) continue;
      for (const Node& e : stmt.children()) {
        Node right = e.is(Syntax::Assignment) ? e.field("right") : Node();
        if (!right.is(Syntax::Call)) continue;
        std::optional<std::string> path = ev_.callee_path(right.field("function"), layer);
        std::optional<TileOp> op = path ? tile_op_of(*path) : std::nullopt;
        if (op != TileOp::Const && op != TileOp::Dynamic) continue;
        for (const Node& a : right.field("arguments").children()) {
          if (!a.is(Syntax::String)) continue;
          const std::string_view text = a.text();
          for (std::string& name : symbol_names(text.substr(1, text.size() - 2))) {
            if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
          }
        }
      }
    }
    return out;
  }

  // `A: T.Tensor((M, N), dtype)` at the top of an eager kernel's body: the parameters it declares.
  static std::vector<std::string> annotated_names(const Node& def) {
    std::vector<std::string> out;
    for (const Node& stmt : def.field("body").children()) {
      if (!stmt.is(Syntax::ExpressionStatement)) continue;
      for (const Node& e : stmt.children()) {
        if (!e.is(Syntax::Assignment) || !e.field("type") || e.field("right")) continue;
        if (e.field("left").is(Syntax::Identifier)) out.emplace_back(e.field("left").text());
      }
    }
    return out;
  }

  Evaluator& ev_;
  ModuleIndex& index_;
  std::map<std::string, std::vector<CallSite>> driver_calls_;  // every call of a plain name
};

// Binds a factory's parameters for one instantiation: -D > call argument > default. An eager
// kernel also takes its T.const symbols as keywords (`.compile(M=1024)`), and its tensor
// parameters may stay unbound (they are declared by annotations in its body).
std::vector<KeywordArg> bind_factory(Evaluator& ev, const Factory& f, const CallSite* site, const Defines& defines,
                                     Scope* globals) {
  std::string name = function_name(f.def);
  std::vector<ParamInfo> params = function_params(f.def);
  std::vector<std::optional<Value>> given(params.size());
  std::vector<KeywordArg> extra;  // eager: T.const symbols given by keyword
  std::string site_args_splat;
  if (site) {
    SourceSpan span = site->call.span();
    CallArgs args = ev.eval_arguments(site->call, site->scope);
    site_args_splat = args.run_time_splat;
    size_t max_positional = 0;
    for (const ParamInfo& p : params) max_positional += p.keyword_only || p.kind != ParamKind::Regular ? 0 : 1;
    if (args.positional.size() > max_positional) {
      fail(span, name + "() takes " + std::to_string(max_positional) + " positional argument" +
                     (max_positional == 1 ? "" : "s") + " but " + std::to_string(args.positional.size()) +
                     " were given");
    }
    for (size_t i = 0, slot = 0; i < args.positional.size(); ++i, ++slot) {
      while (params[slot].keyword_only || params[slot].kind != ParamKind::Regular) ++slot;
      given[slot] = args.positional[i];
    }
    for (const KeywordArg& kw : args.keywords) {
      size_t i = 0;
      while (i < params.size() && params[i].name != kw.name) ++i;
      if (i == params.size()) {
        bool symbol = std::find(f.symbols.begin(), f.symbols.end(), kw.name) != f.symbols.end();
        if (!symbol) {
          fail(kw.span, name + "() got an unexpected keyword argument '" + kw.name + "'" +
                            (f.eager ? " (neither a parameter nor a T.const symbol of '" + name + "')" : ""));
        }
        extra.push_back(kw);
        continue;
      }
      if (given[i]) fail(kw.span, name + "() got multiple values for argument '" + kw.name + "'");
      given[i] = kw.value;
    }
  }
  std::vector<KeywordArg> bound;
  std::string missing;
  for (size_t i = 0; i < params.size(); ++i) {
    const ParamInfo& p = params[i];
    if (p.kind != ParamKind::Regular) continue;
    // `-D factory.param` binds that factory's parameter only and wins over a bare `-D param`, which
    // binds every factory's parameter of that name.
    auto define = defines.find(name + "." + p.name);
    if (define == defines.end()) define = defines.find(p.name);
    if (define != defines.end()) {
      bound.push_back(KeywordArg{p.name, define->second, p.node.span()});
    } else if (given[i]) {
      Value v = *given[i];
      if (v.is<RunTimeValue>()) {  // name it after the parameter, which -D can set
        RunTimeValue r = v.get<RunTimeValue>();
        r.name = p.name;
        v.data = r;
      }
      bound.push_back(KeywordArg{p.name, v, v.span});
    } else if (p.default_value) {
      bound.push_back(KeywordArg{p.name, ev.eval(p.default_value, globals), p.default_value.span()});
    } else if (f.eager) {
      continue;  // a tensor parameter, or reported where the body uses it
    } else if (site) {
      missing += (missing.empty() ? "'" : ", '") + p.name + "'";
    } else {
      // The file is fine; only its sizes are unknown (the kernel is called from run-time code).
      fail(p.node.span(),
           "parameter '" + p.name + "' of '" + name + "' has no default value and no call instantiates '" + name +
               "'; give it a value with -D " + p.name + "=<value>",
           DiagnosticCategory::Unsupported);
    }
  }
  if (!missing.empty() && site && !site_args_splat.empty()) {
    fail(site->call.span(),
         name + "() gets " + missing + " from '" + site_args_splat +
             "', which is only known when the program runs; give them with -D NAME=<value>",
         DiagnosticCategory::Unsupported);
  }
  if (!missing.empty() && f.autotuned) {
    fail(site->call.span(),
         name + "() is decorated with @autotune, which chooses " + missing +
             " when the program runs; give them with -D NAME=<value>",
         DiagnosticCategory::Unsupported);
  }
  if (!missing.empty()) fail(site->call.span(), name + "() missing required argument(s): " + missing);
  for (const std::string& symbol : f.symbols) {
    auto define = defines.find(symbol);
    if (define != defines.end()) {
      bound.push_back(KeywordArg{symbol, define->second, f.def.field("name").span()});
      continue;
    }
    for (const KeywordArg& kw : extra) {
      if (kw.name == symbol) bound.push_back(kw);
    }
  }
  return bound;
}

// An uncalled factory's sizes that no default and no -D give: its regular parameters without a
// default (an eager kernel's tensor parameters excepted: its body declares them) and, for an eager
// kernel, its T.const/T.dynamic symbols.
std::vector<std::string> unbound_sizes(const Factory& f, const Defines& defines) {
  const std::string name = function_name(f.def);
  auto defined = [&](const std::string& n) { return defines.count(n) || defines.count(name + "." + n); };
  std::vector<std::string> out;
  for (const ParamInfo& p : function_params(f.def)) {
    if (p.kind != ParamKind::Regular || p.default_value || defined(p.name)) continue;
    if (f.eager && std::find(f.annotated.begin(), f.annotated.end(), p.name) != f.annotated.end()) continue;
    out.push_back(p.name);
  }
  for (const std::string& symbol : f.symbols) {
    if (!defines.count(symbol)) out.push_back(symbol);
  }
  return out;
}

std::string key_of(const Instantiation& inst) {
  std::string key = inst.factory + "(";
  for (const KeywordArg& a : inst.args) key += a.name + "=" + type_name(a.value) + ":" + repr(a.value) + ",";
  return key + ")";
}

}  // namespace

ModuleIndex index_module(Evaluator& ev, const ParsedFile& file) {
  ModuleIndex index;
  Indexer(ev, index).run(file);
  return index;
}

void apply_module_defines(const ModuleIndex& index, const Defines& defines) {
  for (const auto& [name, value] : defines) {
    // The latest module-level binding of `name` is the one kernels see; replacing it in place
    // also updates the names defined from it later on (`SIZE = BLOCK * 4`).
    for (Scope* s = index.globals->parent(); s; s = s->parent()) {
      if (s->find_local(name)) {
        s->set(name, value);
        break;
      }
    }
  }
}

std::vector<Instantiation> plan_instantiations(Evaluator& ev, const ModuleIndex& index, const Defines& defines) {
  std::vector<Instantiation> plans;
  for (const Factory& f : index.factories) {
    std::string name = function_name(f.def);
    std::vector<const CallSite*> sites;
    for (const CallSite& c : f.calls) sites.push_back(&c);
    if (sites.empty()) sites.push_back(nullptr);  // instantiate with defaults (and -D)
    std::vector<Instantiation> mine;
    std::set<std::string> seen;
    for (const CallSite* site : sites) {
      Instantiation inst;
      inst.factory = name;
      inst.eager = f.eager;
      inst.called = site != nullptr;
      inst.result_used = site && !site->assigned_to.empty();
      inst.autotuned = f.autotuned;
      inst.prim_funcs = f.prim_funcs;
      inst.def = f.def;
      inst.call_span = site ? site->call.span() : f.def.field("name").span();
      if (!site) inst.unbound = unbound_sizes(f, defines);
      std::string assigned = site ? site->assigned_to : "";
      try {
        inst.args = bind_factory(ev, f, site, defines, index.globals);
        if (!seen.insert(key_of(inst)).second) continue;  // the same kernel again
      } catch (const FrontendError& e) {
        inst.error = e.diagnostic;
      }
      inst.module_name = assigned;  // provisional: the variable it is assigned to
      mine.push_back(std::move(inst));
    }
    std::set<std::string> vars;
    bool distinct = true;
    for (const Instantiation& i : mine) distinct &= !i.module_name.empty() && vars.insert(i.module_name).second;
    for (size_t i = 0; i < mine.size(); ++i) {
      if (mine.size() == 1) {
        mine[i].module_name = name;
      } else if (!distinct) {
        mine[i].module_name = name + "_" + std::to_string(i + 1);
      }
      plans.push_back(std::move(mine[i]));
    }
  }
  for (const Node& def : index.prim_funcs) {
    Instantiation inst;
    inst.module_name = function_name(def);
    inst.prim_funcs = {inst.module_name};
    inst.def = def;
    inst.call_span = def.field("name").span();
    plans.push_back(std::move(inst));
  }
  // Names are directory names downstream: keep them unique across factories too.
  std::set<std::string> used;
  for (Instantiation& p : plans) {
    std::string base = p.module_name;
    for (int n = 2; !used.insert(p.module_name).second; ++n) p.module_name = base + "_" + std::to_string(n);
  }
  return plans;
}

}  // namespace tt::frontend
