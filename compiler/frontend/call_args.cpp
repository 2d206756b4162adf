// Argument binding with Python's rules: positional first, then keywords; nothing is defaulted
// silently, callers read nullopt as "use the documented default".
#include "compiler/frontend/call_args.h"

#include "compiler/frontend/frontend_error.h"

namespace tt::frontend {

std::string expects_arguments(size_t min, size_t max) {
  std::string count = min == max ? std::to_string(min) : std::to_string(min) + " to " + std::to_string(max);
  return "expects " + count + (max == 1 ? " argument" : " arguments");
}

std::vector<std::optional<Value>> bind_arguments(const Signature& sig, const CallArgs& args) {
  size_t required = 0;
  for (const ParamSpec& p : sig.params) required += p.required ? 1 : 0;
  auto arity_error = [&] {
    fail(args.span, sig.name + " " + expects_arguments(required, sig.max_positional) + ", got " +
                        std::to_string(args.positional.size()));
  };
  if (args.positional.size() > sig.max_positional) arity_error();

  std::vector<std::optional<Value>> bound(sig.params.size());
  for (size_t i = 0; i < args.positional.size(); ++i) bound[i] = args.positional[i];
  for (const KeywordArg& kw : args.keywords) {
    size_t index = sig.params.size();
    for (size_t i = 0; i < sig.params.size(); ++i) {
      if (sig.params[i].name == kw.name) index = i;
    }
    if (index == sig.params.size()) fail(kw.span, sig.name + " got an unexpected keyword argument '" + kw.name + "'");
    if (bound[index]) fail(kw.span, sig.name + " got multiple values for argument '" + kw.name + "'");
    bound[index] = kw.value;
  }
  for (size_t i = 0; i < sig.params.size(); ++i) {
    if (!sig.params[i].required || bound[i]) continue;
    if (args.keywords.empty()) arity_error();
    fail(args.span, sig.name + " missing required argument '" + std::string(sig.params[i].name) + "'");
  }
  return bound;
}

}  // namespace tt::frontend
