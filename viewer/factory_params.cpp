// Tree-sitter walk for kernel factories and their instantiating calls.
#include "viewer/factory_params.h"

#include <tree_sitter/api.h>

#include <functional>

extern "C" const TSLanguage* tree_sitter_python();

namespace tt::viewer {

namespace {

std::string_view text_of(TSNode n, std::string_view src) {
  uint32_t b = ts_node_start_byte(n), e = ts_node_end_byte(n);
  if (e > src.size() || b > e) return {};
  return src.substr(b, e - b);
}

std::string_view type_of(TSNode n) { return ts_node_type(n); }

void walk(TSNode n, const std::function<void(TSNode)>& fn) {
  fn(n);
  uint32_t c = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < c; ++i) walk(ts_node_named_child(n, i), fn);
}

// True when `fn_def` (a function_definition) directly contains a @<x>.prim_func definition.
bool defines_prim_func(TSNode fn_def, std::string_view src) {
  TSNode body = ts_node_child_by_field_name(fn_def, "body", 4);
  if (ts_node_is_null(body)) return false;
  uint32_t c = ts_node_named_child_count(body);
  for (uint32_t i = 0; i < c; ++i) {
    TSNode stmt = ts_node_named_child(body, i);
    if (type_of(stmt) != "decorated_definition") continue;
    uint32_t dc = ts_node_named_child_count(stmt);
    for (uint32_t j = 0; j < dc; ++j) {
      TSNode dec = ts_node_named_child(stmt, j);
      if (type_of(dec) != "decorator" || ts_node_named_child_count(dec) == 0) continue;
      TSNode expr = ts_node_named_child(dec, 0);
      if (type_of(expr) != "attribute") continue;
      TSNode attr = ts_node_child_by_field_name(expr, "attribute", 9);
      if (!ts_node_is_null(attr) && text_of(attr, src) == "prim_func") return true;
    }
  }
  return false;
}

// The callee of a call node, when it is `<x>.<attribute>(...)` (empty otherwise).
std::string_view called_attribute(TSNode call, std::string_view src) {
  TSNode fn = ts_node_child_by_field_name(call, "function", 8);
  if (ts_node_is_null(fn) || type_of(fn) != "attribute") return {};
  return text_of(ts_node_child_by_field_name(fn, "attribute", 9), src);
}

// An eager-syntax kernel (`@tilelang.jit def f(A, block_M)` whose own body opens
// `with T.Kernel(...)`): the function is the kernel and its T.const symbols are parameters too.
bool is_eager_kernel(TSNode fn_def, std::string_view src) {
  TSNode body = ts_node_child_by_field_name(fn_def, "body", 4);
  bool found = false;
  uint32_t c = ts_node_is_null(body) ? 0 : ts_node_named_child_count(body);
  for (uint32_t i = 0; i < c && !found; ++i) {
    TSNode stmt = ts_node_named_child(body, i);
    if (type_of(stmt) != "with_statement") continue;
    walk(stmt, [&](TSNode n) { found |= type_of(n) == "call" && called_attribute(n, src) == "Kernel"; });
  }
  return found;
}

// Body statements of an eager kernel: `M, N = T.const("M, N")` symbols (appended as parameters)
// and `A: T.Tensor(...)` declarations (tensor parameters, which the form leaves out).
void eager_symbols(TSNode fn_def, std::string_view src, std::vector<std::string>& symbols,
                   std::vector<std::string>& tensors) {
  TSNode body = ts_node_child_by_field_name(fn_def, "body", 4);
  uint32_t c = ts_node_named_child_count(body);
  for (uint32_t i = 0; i < c; ++i) {
    TSNode stmt = ts_node_named_child(body, i);
    if (type_of(stmt) != "expression_statement" || ts_node_named_child_count(stmt) == 0) continue;
    TSNode a = ts_node_named_child(stmt, 0);
    if (type_of(a) != "assignment") continue;
    TSNode left = ts_node_child_by_field_name(a, "left", 4), right = ts_node_child_by_field_name(a, "right", 5);
    if (ts_node_is_null(right)) {
      if (type_of(left) == "identifier") tensors.emplace_back(text_of(left, src));
      continue;
    }
    if (type_of(right) != "call" || called_attribute(right, src) != "const") continue;
    walk(ts_node_child_by_field_name(right, "arguments", 9), [&](TSNode n) {
      if (type_of(n) != "string_content") return;
      std::string word;
      for (char ch : std::string(text_of(n, src)) + ",") {
        if (ch == ',' || ch == ' ') {
          if (!word.empty()) symbols.push_back(word);
          word.clear();
        } else {
          word += ch;
        }
      }
    });
  }
}

bool is_string_literal(std::string_view s) {
  return s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front();
}

}  // namespace

std::string quote_python_string(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string unquote_python_string(std::string_view literal) {
  if (!is_string_literal(literal)) return std::string(literal);
  return std::string(literal.substr(1, literal.size() - 2));
}

std::vector<Factory> find_factories(std::string_view src) {
  TSParser* parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_python());
  TSTree* tree = ts_parser_parse_string(parser, nullptr, src.data(), static_cast<uint32_t>(src.size()));
  TSNode root = ts_tree_root_node(tree);
  std::vector<Factory> factories;
  std::vector<std::string> eager_names;  // their positional call arguments are tensors, not form values
  walk(root, [&](TSNode n) {
    // Eager kernels are module-level defs (a nested @T.prim_func opens T.Kernel too).
    TSNode parent = ts_node_parent(n);
    if (!ts_node_is_null(parent) && type_of(parent) == "decorated_definition") parent = ts_node_parent(parent);
    bool top_level = !ts_node_is_null(parent) && type_of(parent) == "module";
    bool eager =
        type_of(n) == "function_definition" && top_level && !defines_prim_func(n, src) && is_eager_kernel(n, src);
    if (type_of(n) != "function_definition" || (!eager && !defines_prim_func(n, src))) return;
    std::vector<std::string> symbols, tensors;
    if (eager) eager_symbols(n, src, symbols, tensors);
    Factory f;
    if (eager) eager_names.emplace_back(text_of(ts_node_child_by_field_name(n, "name", 4), src));
    f.name = text_of(ts_node_child_by_field_name(n, "name", 4), src);
    TSNode params = ts_node_child_by_field_name(n, "parameters", 10);
    uint32_t pc = ts_node_named_child_count(params);
    for (uint32_t i = 0; i < pc; ++i) {
      TSNode p = ts_node_named_child(params, i);
      FactoryParam fp;
      if (type_of(p) == "identifier") {
        fp.name = text_of(p, src);
      } else if (type_of(p) == "default_parameter" || type_of(p) == "typed_default_parameter") {
        fp.name = text_of(ts_node_child_by_field_name(p, "name", 4), src);
        fp.default_value = text_of(ts_node_child_by_field_name(p, "value", 5), src);
      } else {
        continue;  // *args, **kwargs: not parameters a form can set
      }
      bool tensor = false;
      for (const std::string& t : tensors) tensor |= t == fp.name;
      if (!tensor) f.params.push_back(std::move(fp));
    }
    for (const std::string& symbol : symbols) f.params.push_back(FactoryParam{symbol, "", "", false});
    factories.push_back(std::move(f));
  });
  // Instantiating calls: `name(args...)` with positional then keyword arguments.
  walk(root, [&](TSNode n) {
    if (type_of(n) != "call") return;
    std::string_view callee = text_of(ts_node_child_by_field_name(n, "function", 8), src);
    // `kernel.compile(M=1024, ...)` instantiates an eager kernel by keywords.
    bool compile = callee.size() > 8 && callee.substr(callee.size() - 8) == ".compile";
    if (compile) callee = callee.substr(0, callee.size() - 8);
    for (Factory& f : factories) {
      if (f.name != callee) continue;
      bool keywords_only = compile;
      for (const std::string& e : eager_names) keywords_only |= e == f.name;
      TSNode args = ts_node_child_by_field_name(n, "arguments", 9);
      uint32_t ac = ts_node_named_child_count(args);
      size_t position = 0;
      for (uint32_t i = 0; i < ac; ++i) {
        TSNode a = ts_node_named_child(args, i);
        if (type_of(a) == "keyword_argument") {
          std::string_view key = text_of(ts_node_child_by_field_name(a, "name", 4), src);
          for (FactoryParam& p : f.params) {
            if (p.name == key) p.call_value = text_of(ts_node_child_by_field_name(a, "value", 5), src);
          }
        } else if (type_of(a) != "comment" && !keywords_only && position < f.params.size()) {
          f.params[position++].call_value = text_of(a, src);
        }
      }
    }
  });
  for (Factory& f : factories) {
    for (FactoryParam& p : f.params) p.is_string = is_string_literal(p.effective());
  }
  ts_tree_delete(tree);
  ts_parser_delete(parser);
  return factories;
}

std::string define_name(const std::vector<Factory>& factories, const Factory& factory, const FactoryParam& param) {
  for (const Factory& other : factories) {
    if (&other == &factory || other.name == factory.name) continue;
    for (const FactoryParam& p : other.params) {
      if (p.name == param.name) return factory.name + "." + param.name;
    }
  }
  return param.name;
}

}  // namespace tt::viewer
