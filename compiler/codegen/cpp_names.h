// Unique C++ identifiers for one generated function: IR variables (identity = node) and the names
// codegen introduces (CB ids, address generators) never collide, and never shadow a C++ keyword.
#pragma once

#include <map>
#include <set>
#include <string>

#include "compiler/ir/ir.h"

namespace tt::codegen {

class CppNames {
 public:
  // A fresh identifier based on `base` (made a valid identifier; suffixed _1, _2, ... when taken).
  std::string fresh(const std::string& base);
  // Declares an IR variable (a fresh name); declaring the same variable again reuses its name.
  std::string declare(const ir::VarNode* var);
  // The name of a declared variable, or nullptr.
  const std::string* lookup(const ir::VarNode* var) const;

 private:
  std::set<std::string> taken_;
  std::map<const ir::VarNode*, std::string> vars_;
};

// `name` as a C identifier: other characters become '_', a leading digit gets a '_' prefix.
std::string c_identifier(const std::string& name);

}  // namespace tt::codegen
