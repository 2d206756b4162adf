// How an emulated host program finds its kernels: tt-metal compiles a kernel when CreateKernel names its
// file; here the runner compiles every kernel beforehand (with the compile-time arguments recorded in
// tt.plan.json) and registers it under its file name. EnqueueMeshWorkload looks kernels up by file name and
// checks that the host passes the compile-time arguments they were built with.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace ttemu {

struct RegisteredKernel {
  std::string file;  // base name, e.g. "reader.cpp"
  void (*entry)() = nullptr;
  std::vector<std::uint32_t> compile_args;
};

struct KernelRegistration {
  KernelRegistration(const char* file, void (*entry)(), std::initializer_list<std::uint32_t> compile_args);
};

// The kernel registered under the base name of `file`, or null.
const RegisteredKernel* find_kernel(const std::string& file);

}  // namespace ttemu
