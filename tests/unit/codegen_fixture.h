// Hand-built kernel IR in the shape split_device_kernels produces (reader/compute/writer PrimFuncs
// with Lets, loops and TT calls, program metadata in module attrs), for the codegen tests until the
// real pipeline produces it. Spans point into assets/examples/example_gemm.py.
#pragma once

#include <string>

#include "compiler/compiler.h"

namespace tt::testing {

struct GemmFixture {
  int64_t m = 1024, n = 1024, k = 1024;
  int64_t block_m = 128, block_n = 128, block_k = 32;
  std::string dtype = "float16";
  std::string accum_dtype = "float32";
  bool transpose_b = false;
  int num_stages = 3;
  std::string device = "wormhole_n150";
};

struct BuiltKernel {
  SourceFile source;
  DeviceModel device;
  KernelResult kernel;  // module after "split_device_kernels", trace with the pipeline's pass names
};

// The reference GEMM (defaults) or a variant; aborts the test binary on an unknown device.
BuiltKernel build_gemm_kernel(const GemmFixture& params);

// The reference source text, for tests that need a SourceFile.
SourceFile example_gemm_source();

}  // namespace tt::testing
