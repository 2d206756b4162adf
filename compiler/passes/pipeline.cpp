// The one ordered list of passes. Ordering constraints are comments on the entries; target
// differences are data the passes read (DeviceModel), never a second list.
#include "compiler/passes/pass_manager.h"

namespace tt {

const std::vector<PassInfo>& pipeline() {
  static const std::vector<PassInfo> kPipeline = {
  };
  return kPipeline;
}

}  // namespace tt
