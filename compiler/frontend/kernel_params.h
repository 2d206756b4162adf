// The integer parameters of one instantiated kernel, as bound (call site, defaults, -D): what a
// diagnostic can suggest another -D value for. Evaluates the definitions again (never the kernel body).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "compiler/frontend/frontend.h"

namespace tt::frontend {

// NAME -> value of kernel `module_name`'s integer parameters; empty if the file no longer plans it.
std::map<std::string, int64_t> kernel_int_params(const SourceFile& source, const FrontendOptions& options,
                                                 const std::string& module_name);

}  // namespace tt::frontend
