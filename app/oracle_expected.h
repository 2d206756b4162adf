// The oracle as the emulator's source of expected outputs: the kernel's front-end IR interpreted in
// double precision (compiler/oracle) on the very inputs the generated host program dumped.
#pragma once

#include <memory>

#include "compiler/ir/ir.h"
#include "output_check.h"

namespace tt::app {

// Expected outputs of `kernel` (a front-end PrimFunc, shared with the caller's module) for any op mix.
// expected() throws std::runtime_error with the oracle's first diagnostic when it cannot interpret the
// kernel or the dump does not match its parameters.
std::shared_ptr<const ttemu::ExpectedOutputs> oracle_expected(ir::PrimFunc kernel);

}  // namespace tt::app
