// Identifier allocation for generated kernels.
#include "compiler/codegen/cpp_names.h"

#include <array>
#include <string_view>

namespace tt::codegen {

namespace {
// C++ keywords an IR variable could plausibly be called, plus the names TT-Metalium kernels rely on.
constexpr std::array<std::string_view, 28> kReserved{
    "and",    "auto",   "bool",        "break",  "case",   "char",     "const",    "continue", "default", "do",
    "double", "else",   "float",       "for",    "if",     "int",      "long",     "namespace", "new",    "not",
    "or",     "return", "short",       "static", "switch", "uint32_t", "kernel_main", "MAIN"};
}  // namespace

std::string c_identifier(const std::string& name) {
  std::string out;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    out += ok ? c : '_';
  }
  if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out.insert(out.begin(), '_');
  return out;
}

std::string CppNames::fresh(const std::string& base) {
  std::string id = c_identifier(base);
  for (std::string_view r : kReserved) {
    if (id == r) id += '_';
  }
  std::string candidate = id;
  for (int i = 1; taken_.count(candidate); ++i) candidate = id + "_" + std::to_string(i);
  taken_.insert(candidate);
  return candidate;
}

std::string CppNames::declare(const ir::VarNode* var) {
  auto it = vars_.find(var);
  if (it != vars_.end()) return it->second;
  std::string name = fresh(var->name);
  vars_.emplace(var, name);
  return name;
}

const std::string* CppNames::lookup(const ir::VarNode* var) const {
  auto it = vars_.find(var);
  return it == vars_.end() ? nullptr : &it->second;
}

}  // namespace tt::codegen
