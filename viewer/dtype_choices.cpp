// offered_dtypes(): the device's list filtered by what the emulator runs.
#include "viewer/dtype_choices.h"

#include <algorithm>

namespace tt::viewer {

const std::vector<std::string>& emulated_dtypes() {
  static const std::vector<std::string> dtypes = {"float16", "bfloat16", "float32"};
  return dtypes;
}

std::vector<std::string> offered_dtypes(const DeviceModel& device) {
  std::vector<std::string> out;
  const std::vector<std::string>& ok = emulated_dtypes();
  for (const std::string& d : device.supported_dtypes) {
    if (std::find(ok.begin(), ok.end(), d) != ok.end()) out.push_back(d);
  }
  return out;
}

}  // namespace tt::viewer
