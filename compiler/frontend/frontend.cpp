// lower_source: parse, check syntax, index the module, bind -D overrides, plan the kernel
// instantiations and build one Module per selected kernel. Inside the front end a user error is
// a thrown FrontendError (the first error of a kernel ends that kernel, as in Python); it is
// caught here, per kernel, and never leaves the library.
#include "compiler/frontend/frontend.h"

#include <algorithm>
#include <exception>
#include <set>

#include "compiler/frontend/defines.h"
#include "compiler/frontend/evaluator.h"
#include "compiler/frontend/frontend_error.h"
#include "compiler/frontend/instantiation.h"
#include "compiler/frontend/kernel_builder.h"
#include "compiler/frontend/kernel_params.h"
#include "compiler/frontend/python_parser.h"
#include "compiler/frontend/syntax_check.h"
#include "compiler/ir/suggest.h"

namespace tt::frontend {

namespace {

// Every -D must name a parameter of some kernel: a misspelt override must not be ignored.
bool check_define_names(const ModuleIndex& index, const Defines& defines, DiagnosticList& diags) {
  std::set<std::string> known;
  std::vector<std::string> listing;
  for (const Factory& f : index.factories) {
    std::vector<std::string> names;
    for (const ParamInfo& p : function_params(f.def)) {
      if (p.kind != ParamKind::Regular) continue;
      known.insert(p.name);
      known.insert(function_name(f.def) + "." + p.name);  // scoped to this factory
      names.push_back(p.name);
    }
    for (const std::string& symbol : f.symbols) {
      if (known.insert(symbol).second) names.push_back(symbol);
    }
    for (const std::string& inner : f.inner_params) {
      if (known.insert(inner).second) names.push_back(inner);
    }
    for (const std::string& size : f.dynamic_sizes) {
      if (known.insert(size).second) names.push_back(size);
    }
    listing.push_back(function_name(f.def) + "(" + join_names(names) + ")");
  }
  if (!index.prim_funcs.empty()) {
    std::vector<std::string> names;
    for (const std::string& n : index.module_names) {
      if (known.insert(n).second) names.push_back(n);
    }
    listing.push_back("module-level names: " + (names.empty() ? std::string("none") : join_names(names)));
  }
  bool ok = true;
  for (const auto& [name, value] : defines) {
    if (known.count(name)) continue;
    std::string suggestion;
    if (auto match = closest_match(name, std::vector<std::string>(known.begin(), known.end()))) {
      suggestion = "; did you mean '" + *match + "'?";
    }
    diags.error({}, "-D " + name + ": no kernel in this file has a parameter named '" + name + "'" + suggestion +
                        "; parameters: " + join_names(listing));
    ok = false;
  }
  return ok;
}

ir::Module build_module(Evaluator& ev, const ModuleIndex& index, const Instantiation& plan, const Defines& defines) {
  if (plan.eager) {
    ir::Module module;
    module.name = plan.module_name;
    module.instantiated_at = plan.call_span;
    FunctionValue kernel{plan.def, index.globals, false, true};
    module.funcs.push_back(build_eager_kernel(ev, kernel, plan.args, EagerOrigin{plan.called, plan.autotuned}));
    return module;
  }
  FunctionValue prim_func{plan.def, index.globals, true};
  if (!plan.factory.empty()) {
    CallArgs args;
    args.keywords = plan.args;
    args.span = plan.call_span;
    Scope* locals = nullptr;
    Value result = ev.call_function(FunctionValue{plan.def, index.globals, false}, args, plan.call_span, &locals);
    if (result.is<NoneValue>() && locals && !plan.result_used) {
      // A function that defines its @T.prim_func and uses it itself (a test, a benchmark; its
      // result is not used): the kernel is the first prim_func (in source order) it bound.
      const FunctionValue* first = nullptr;
      for (const auto& [name, value] : locals->vars()) {
        if (!value.is<FunctionValue>() || !value.get<FunctionValue>().is_prim_func) continue;
        const FunctionValue& f = value.get<FunctionValue>();
        if (!first || f.def.start_byte() < first->def.start_byte()) first = &f;
      }
      if (first) result = Value{*first, plan.call_span};
    }
    if (result.is<FunctionValue>() && !result.get<FunctionValue>().is_prim_func) {
      // `def factory(...): def kernel_func(block_M, ...): @T.prim_func ...; return kernel_func`:
      // the inner parameters are the autotuner's; -D gives them.
      const FunctionValue& inner = result.get<FunctionValue>();
      CallArgs inner_args;
      inner_args.span = plan.call_span;
      std::string missing;
      for (const ParamInfo& p : function_params(inner.def)) {
        auto d = defines.find(p.name);
        if (d != defines.end()) {
          inner_args.keywords.push_back(KeywordArg{p.name, d->second, plan.call_span});
        } else if (p.kind == ParamKind::Regular && (!p.default_value || p.default_value.is(Syntax::NoneLiteral))) {
          // `block_M=None`: a placeholder the autotuner fills
          missing += (missing.empty() ? "'" : ", '") + p.name + "'";
        }
      }
      if (!missing.empty()) {
        fail(plan.call_span,
             "'" + plan.factory + "' returns '" + function_name(inner.def) + "', whose parameters " + missing +
                 " are chosen when the program runs (by the autotuner or the caller); give them with -D NAME=<value>",
             DiagnosticCategory::Unsupported);
      }
      result = ev.call_function(inner, inner_args, plan.call_span);
    }
    if (result.is<RunTimeValue>()) {
      fail(plan.def.field("name").span(),
           "kernel factory '" + plan.factory + "' returns '" + result.get<RunTimeValue>().origin +
               "', a kernel chosen when the program runs (e.g. by an autotuner); its sizes cannot be read here",
           DiagnosticCategory::Unsupported);
    }
    if (!result.is<FunctionValue>() && !result.is<NoneValue>()) {
      // e.g. `return autotuner, kernel_fn`: the kernel is picked by code that runs later.
      fail(plan.def.field("name").span(),
           "kernel factory '" + plan.factory + "' returns a " + type_name(result) +
               ", not its @T.prim_func: the kernel is chosen by code that runs later, which is not followed here",
           DiagnosticCategory::Unsupported);
    }
    if (!result.is<FunctionValue>() || !result.get<FunctionValue>().is_prim_func) {
      fail(plan.def.field("name").span(),
           "kernel factory '" + plan.factory + "' must return its @T.prim_func, but it returns " + type_name(result));
    }
    prim_func = result.get<FunctionValue>();
  }
  ir::Module module;
  module.name = plan.module_name;
  module.instantiated_at = plan.call_span;
  module.funcs.push_back(build_prim_func(ev, prim_func));
  return module;
}

// A kernel that fails only because of one -D value is the command line's mistake: the error is
// reported as `-D NAME=VALUE: <message>`, with a note at the source line that used the value.
// The culprit is found by building the kernel again without each -D in turn (only on failure);
// a -D whose removal lets the kernel build is the one to blame. Module-level -Ds are not undone
// (they rebind globals in place), so they are never blamed.
Diagnostic blame_define(Evaluator& ev, const ModuleIndex& index, const Instantiation& failed, const Defines& defines,
                        const std::map<std::string, std::string>& spelled, const Diagnostic& error) {
  for (const auto& [name, value] : defines) {
    Defines without = defines;
    without.erase(name);
    try {
      std::vector<Instantiation> plans = plan_instantiations(ev, index, without);
      auto same = std::find_if(plans.begin(), plans.end(),
                               [&](const Instantiation& p) { return p.module_name == failed.module_name; });
      if (same == plans.end() || same->error) continue;
      build_module(ev, index, *same, without);
    } catch (const FrontendError&) {
      continue;
    }
    auto text = spelled.find(name);
    return blamed_on_define(error, name, name + "=" + (text == spelled.end() ? repr(value) : text->second));
  }
  return error;
}

// "M, N" -> "-D M=<value> -D N=<value>"
std::string define_hints(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "-D " : " -D ") + n + "=<value>";
  return out;
}

std::vector<ir::Module> lower(const SourceFile& source, const FrontendOptions& options, DiagnosticList& diags,
                              std::vector<SkippedKernel>& skipped) {
  std::unique_ptr<ParsedFile> file = ParsedFile::parse(source, diags);
  if (!file) return {};
  if (std::optional<Diagnostic> error = check_syntax(*file)) {
    diags.add(*error);
    return {};
  }
  Evaluator ev(*file);
  ModuleIndex index = index_module(ev, *file);
  if (index.factories.empty() && index.prim_funcs.empty()) {
    SourceLoc start = source.loc_at(0);
    diags.error(SourceSpan{start, start},
                "no TileLang kernel found: expected a @T.prim_func, or a @tilelang.jit function whose body opens "
                "'with T.Kernel(...)'");
    return {};
  }

  Defines defines;
  for (const auto& [name, text] : options.defines) {
    std::string error;
    std::optional<Value> value = parse_define_value(text, error);
    if (!value) {
      diags.error({}, "-D " + name + "=" + text + ": " + error);
      continue;
    }
    defines[name] = *value;
  }
  if (diags.has_errors() || !check_define_names(index, defines, diags)) return {};
  apply_module_defines(index, defines);
  ev.set_dynamic_sizes(defines);

  std::vector<Instantiation> plans = plan_instantiations(ev, index, defines);
  std::vector<const Instantiation*> selected;
  for (const Instantiation& p : plans) {
    bool match = options.kernel.empty() || p.module_name == options.kernel || p.factory == options.kernel;
    for (const std::string& f : p.prim_funcs) match |= f == options.kernel;
    if (match) selected.push_back(&p);
  }
  if (selected.empty()) {
    std::vector<std::string> available;
    for (const Instantiation& p : plans) {
      available.push_back(p.module_name +
                          (p.prim_funcs.empty() ? "" : " (prim_func " + join_names(p.prim_funcs) + ")"));
    }
    diags.error({},
                "no kernel named '" + options.kernel + "' in this file; available kernels: " + join_names(available));
    return {};
  }

  std::vector<ir::Module> modules;
  // Several instantiations of one kernel often fail at the same place: report it once.
  auto add_once = [&diags](const Diagnostic& d) {
    for (const Diagnostic& have : diags) {
      if (have.message == d.message && have.span.begin.line == d.span.begin.line &&
          have.span.begin.col == d.span.begin.col) {
        return;
      }
    }
    diags.add(d);
  };
  // A file often defines variants of a kernel that only some code paths use (rms_norm.py's
  // rms_norm_splitk): with another kernel instantiated, an uncalled one without sizes is not an error.
  const bool any_instantiated = std::any_of(plans.begin(), plans.end(), [](const Instantiation& p) {
    return p.called || p.factory.empty();  // a module-level @T.prim_func is a kernel by itself
  });
  for (const Instantiation* plan : selected) {
    if (options.kernel.empty() && any_instantiated && !plan->unbound.empty()) {
      std::string reason = "kernel '" + plan->module_name + "' is not compiled: no call in this file instantiates '" +
                           plan->factory + "' and " + join_names(plan->unbound) +
                           (plan->unbound.size() == 1 ? " has" : " have") + " no value; select it with --kernel " +
                           plan->module_name + " " + define_hints(plan->unbound);
      diags.add(Diagnostic{Severity::Note, plan->call_span, reason, {}, {}});
      skipped.push_back(SkippedKernel{plan->module_name, reason, plan->call_span});
      continue;
    }
    if (plan->error) {
      add_once(defines.empty() ? *plan->error : blame_define(ev, index, *plan, defines, options.defines, *plan->error));
      continue;
    }
    try {
      modules.push_back(build_module(ev, index, *plan, defines));
    } catch (const FrontendError& e) {
      add_once(defines.empty() ? e.diagnostic : blame_define(ev, index, *plan, defines, options.defines, e.diagnostic));
    }
  }
  // GPU hints come after the errors, so an error stays the first diagnostic.
  for (const Diagnostic& note : ev.hint_notes()) diags.add(note);
  if (diags.has_errors()) return {};
  return modules;
}

}  // namespace

std::string source_too_large_message(uint64_t bytes, bool at_least) {
  auto commas = [](uint64_t v) {
    std::string digits = std::to_string(v), out;
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i && (digits.size() - i) % 3 == 0) out += ',';
      out += digits[i];
    }
    return out;
  };
  const std::string limit = commas(kMaxSourceBytes) + " bytes (" + std::to_string(kMaxSourceBytes >> 20) + " MiB)";
  if (at_least) return "the file is too large to compile: it is longer than the limit of " + limit;
  return "the file is too large to compile: " + commas(bytes) + " bytes, the limit is " + limit;
}

std::vector<ir::Module> lower_source(const SourceFile& source, const FrontendOptions& options, DiagnosticList& diags,
                                     std::vector<SkippedKernel>* skipped) {
  std::vector<SkippedKernel> ignored;
  try {
    return lower(source, options, diags, skipped ? *skipped : ignored);
  } catch (const FrontendError& e) {
    diags.add(e.diagnostic);
  } catch (const std::exception& e) {
    diags.error({}, std::string("internal error in the front end: ") + e.what()).category =
        DiagnosticCategory::Internal;
  }
  return {};
}

std::map<std::string, int64_t> kernel_int_params(const SourceFile& source, const FrontendOptions& options,
                                                 const std::string& module_name) {
  std::map<std::string, int64_t> ints;
  try {
    DiagnosticList ignored;
    std::unique_ptr<ParsedFile> file = ParsedFile::parse(source, ignored);
    if (!file || check_syntax(*file)) return ints;
    Evaluator ev(*file);
    ModuleIndex index = index_module(ev, *file);
    Defines defines;
    for (const auto& [name, text] : options.defines) {
      std::string error;
      if (std::optional<Value> value = parse_define_value(text, error)) defines[name] = *value;
    }
    apply_module_defines(index, defines);
    ev.set_dynamic_sizes(defines);
    for (const Instantiation& plan : plan_instantiations(ev, index, defines)) {
      if (plan.module_name != module_name) continue;
      for (const KeywordArg& arg : plan.args) {
        if (arg.value.is<int64_t>()) ints[arg.name] = arg.value.get<int64_t>();
      }
    }
    // Parameters of an inner (autotuned) def are given only by -D.
    for (const auto& [name, value] : defines) {
      if (value.is<int64_t>()) ints.emplace(name, value.get<int64_t>());
    }
  } catch (const std::exception&) {
    // The kernel compiled through the front end already; a failure here only means no suggestion.
  }
  return ints;
}

}  // namespace tt::frontend
