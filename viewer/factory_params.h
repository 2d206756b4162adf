// The parameters of a file's kernel factories (the function holding a @T.prim_func), with their
// defaults and the values of the call that instantiates them, for the Source panel's form.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tt::viewer {

struct FactoryParam {
  std::string name;
  std::string default_value;  // Python source text of the default ("" when none)
  std::string call_value;     // source text of the instantiating call's argument ("" when not passed)
  bool is_string = false;     // the effective value is a string literal (a dtype, typically)
  // What the kernel is compiled with before overrides: the call's argument, else the default.
  const std::string& effective() const { return call_value.empty() ? default_value : call_value; }
};

struct Factory {
  std::string name;
  std::vector<FactoryParam> params;
};

// Found structurally with Tree-sitter: a function whose body defines a function decorated with
// `T.prim_func` (any `<module>.prim_func` attribute), or an eager kernel (its body opens
// `with T.Kernel`), whose T.const symbols follow its parameters and whose tensor parameters
// (declared `A: T.Tensor(...)` in the body) are left out. Calls `name(...)` and
// `name.compile(...)` anywhere supply the values.
std::vector<Factory> find_factories(std::string_view source);
// The Python literal for a -D override of a string parameter ("float16" -> "\"float16\"").
std::string quote_python_string(std::string_view value);
// Strips one level of Python string quotes, if present.
std::string unquote_python_string(std::string_view literal);
// The -D name the form sets for `param` of `factory`: the bare name, or `factory.param` when another
// factory of the file has a parameter of that name too (a bare -D would change both).
std::string define_name(const std::vector<Factory>& factories, const Factory& factory, const FactoryParam& param);

}  // namespace tt::viewer
