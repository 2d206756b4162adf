// The dtypes the Source panel's form offers for a string parameter: the device's supported dtypes
// that the whole path can take, compile and Compile > Run emulation (whose host program generates
// and checks data only in these formats). The one place that list lives.
#pragma once

#include <string>
#include <vector>

#include "compiler/target/device.h"

namespace tt::viewer {

// The dtypes the CPU emulator's host path handles (compiler/emu/README.md, "Only these three are
// emulated"); block floats and integers compile but cannot be run there yet.
const std::vector<std::string>& emulated_dtypes();
// `device.supported_dtypes` restricted to emulated_dtypes(), in the device's order.
std::vector<std::string> offered_dtypes(const DeviceModel& device);

}  // namespace tt::viewer
