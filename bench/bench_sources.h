// Inputs for the benchmarks, generated from the bundled reference GEMM: the file itself, a file
// with N copies of its factory (N kernels), and a directory of distinct kernel files.
#pragma once

#include <string>
#include <vector>

#include "compiler/ir/source.h"

namespace tt::bench {

std::string read_text(const std::string& path);
// assets/examples/example_gemm.py.
SourceFile reference_gemm();
// One file whose main() instantiates `kernels` renamed copies of the reference factory.
SourceFile multi_kernel_source(int kernels);
// Writes `count` files (each one kernel with its own name) into `dir`; returns their paths.
std::vector<std::string> write_kernel_files(const std::string& dir, int count);

}  // namespace tt::bench
