// Reading Python definitions from syntax: parameters of a def, its name, dotted names, and how
// unsupported constructs are named in errors.
#pragma once

#include <string>
#include <vector>

#include "compiler/frontend/python_parser.h"

namespace tt::frontend {

// One parameter of a Python `def`.
enum class ParamKind { Regular, VarPositional, VarKeyword };  // `x`, `*args`, `**kwargs`
struct ParamInfo {
  std::string name;
  Node node;           // the whole parameter
  Node default_value;  // null when required
  Node annotation;     // null when unannotated (the expression inside `type`)
  bool keyword_only = false;
  ParamKind kind = ParamKind::Regular;
};
// Parameters of a function_definition, `*args`/`**kwargs` included (parameters after `*args`
// are keyword-only).
std::vector<ParamInfo> function_params(const Node& def);
// The function's name (its `def` identifier).
std::string function_name(const Node& def);
// `a.b.c` of an import, joined without whitespace.
std::string dotted_name(const Node& node);
// How an unsupported syntax node is named in errors: 'while', 'lambda', 'list comprehension'...
std::string construct_name(const Node& node);

}  // namespace tt::frontend
