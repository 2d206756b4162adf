// Calls of names that are not user code: Python builtins (min, max, int, ...) and the TileLang
// helpers that compute values (T.ceildiv, T.min, T.max). TileLang ops used in the wrong place
// (`x = T.copy(...)`) get a message saying where they belong.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compiler/frontend/call_args.h"
#include "compiler/frontend/python_parser.h"

namespace tt::frontend {

inline constexpr std::string_view kBuiltinPrefix = "builtins.";
// The builtins bound in the root scope, as "builtins.<name>" paths.
inline constexpr std::string_view kBuiltinNames[] = {
    "min",  "max",  "range",      "int", "float",  "bool", "abs",     "len",      "print", "tuple",
    "list", "dict", "set",        "str", "round",  "sum",  "sorted",  "reversed", "zip",   "enumerate",
    "any",  "all",  "isinstance", "pow", "divmod", "type", "getattr", "hasattr",  "vars",  "iter"};

// The call `call` of the module path `path` (e.g. "builtins.min", "tilelang.language.ceildiv")
// with evaluated `args`. Throws a FrontendError for anything else. `sizes`: values -D gives to
// T.dynamic / T.symbolic names (a size the program would only know when it runs).
Value call_builtin(const std::string& path, const Node& call, const CallArgs& args,
                   const std::map<std::string, Value>* sizes = nullptr);
// The items of a definition-time iterable (sequences, strings, dict keys), or nullopt.
std::optional<std::vector<Value>> iterable_items(const Value& v);

}  // namespace tt::frontend
