// Definition-time models of the libraries TileLang files call around their kernels: torch tensor
// constructors and methods (shape and dtype only), argparse, tvm.IRModule, math and itertools.
// Everything else from a library is a run-time value, never an error by itself.
#pragma once

#include <optional>
#include <string>

#include "compiler/frontend/call_args.h"
#include "compiler/frontend/python_parser.h"

namespace tt::frontend {

// The value of calling library function `path` ("torch.randn", "tvm.IRModule", "math.ceil");
// nullopt when the path is not a library function we model (the caller makes it a run-time value).
std::optional<Value> call_library(const std::string& path, const Node& call, const CallArgs& args);
// `library.attr` constants (math.pi, torch.float16 as a dtype); nullopt for anything else.
std::optional<Value> library_attribute(const std::string& path, SourceSpan span);
// `t.method(...)` of an abstract tensor: dtype/device conversions keep the shape; views reshape.
Value tensor_method(const AbstractTensor& tensor, const std::string& name, const CallArgs& args, const Node& call);
// `t.shape`, `t.dtype`, `t.ndim`, `t.T`, ...
Value tensor_attribute(const AbstractTensor& tensor, const std::string& name, const Node& node);

}  // namespace tt::frontend
