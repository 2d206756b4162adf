// Compile-time kernel arguments, as tt_metal/hw/inc/compile_time_args.h: the runner compiles each kernel with
// -DKERNEL_COMPILE_TIME_ARGS=a,b,c and get_compile_time_arg_val(i) is a constant expression (index checked).
#pragma once

#include <array>
#include <cstdint>

#ifndef KERNEL_COMPILE_TIME_ARGS
#define KERNEL_COMPILE_TIME_ARGS
#endif

// Anonymous namespace: the reader, compute and writer translation units are linked into one executable
// with different argument lists, so nothing here may be shared between them (ODR).
namespace {

template <class T, class... Ts>
constexpr std::array<T, sizeof...(Ts)> make_array(Ts... values) {
  return {T(values)...};
}

constexpr auto kernel_compile_time_args = make_array<std::uint32_t>(KERNEL_COMPILE_TIME_ARGS);

template <std::uint32_t Idx>
constexpr std::uint32_t get_ct_arg() {
  static_assert(Idx < kernel_compile_time_args.size(), "Index out of range");
  return kernel_compile_time_args[Idx];
}

}  // namespace

#define get_compile_time_arg_val(arg_idx) get_ct_arg<arg_idx>()
