// Python call arguments as values, and binding them to a signature with Python-style arity and
// keyword errors ("T.copy expects 2 arguments, got 3").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/frontend/value.h"

namespace tt::frontend {

struct KeywordArg {
  std::string name;
  Value value;
  SourceSpan span;  // the whole `name=value`
};

struct CallArgs {
  std::vector<Value> positional;
  std::vector<KeywordArg> keywords;
  SourceSpan span;  // the call expression
  // `f(**config)` / `f(*sizes)` of a run-time value: the text of that argument. The parameters
  // it would fill are then unknown until the program runs.
  std::string run_time_splat;
};

struct ParamSpec {
  std::string_view name;
  bool required = false;
};

struct Signature {
  std::string name;               // as shown in messages: "T.copy", "matmul"
  std::vector<ParamSpec> params;  // required parameters first
  size_t max_positional = 0;      // params[0..max_positional) may be passed positionally
};

// One slot per parameter (nullopt: not passed). Throws a FrontendError on arity problems, unknown
// or repeated keywords.
std::vector<std::optional<Value>> bind_arguments(const Signature& sig, const CallArgs& args);

// "expects 2 arguments", "expects 1 to 3 arguments" (shared with variadic ops' own checks).
std::string expects_arguments(size_t min, size_t max);

}  // namespace tt::frontend
