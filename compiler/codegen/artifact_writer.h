// Writes a kernel's artifacts (and optionally its per-pass IR dump) to disk atomically: everything
// goes to a temporary directory that replaces the previous set only when complete.
#pragma once

#include <string>

#include "compiler/compiler.h"

namespace tt {

// Kernel names become directory names: anything but [A-Za-z0-9_.-] becomes '_', and names that
// would escape the output directory ("", ".", "..") are rejected.
std::string sanitize_artifact_name(const std::string& name);

struct ArtifactWriteOptions {
  bool dump_ir = false;  // also write ir/NN_<pass>.tir for every recorded pass
};

// Writes <out_dir>/<kernel>/...; returns false with `error` set when anything failed, in which case
// a previous artifact set in that place is left untouched.
bool write_kernel_artifacts(const KernelResult& kernel, const std::string& out_dir, const ArtifactWriteOptions& options,
                            std::string& error);

}  // namespace tt
