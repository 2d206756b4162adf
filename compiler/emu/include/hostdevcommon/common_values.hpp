// Values shared by host and kernels: the semaphore states the multicast protocol writes
// (tt_metal/hostdevcommon/api/hostdevcommon/common_values.hpp; see ../../API_CHECKED.md).
#pragma once

#include <cstdint>

constexpr static std::uint32_t INVALID = 0;
constexpr static std::uint32_t VALID = 1;
