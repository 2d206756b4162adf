// The canonical dtype names parse_dtype accepts (compiler/ir/dtype.h; its aliases "half", "float",
// ... are left out), for "unknown dtype" messages that list the valid names; kept out of dtype.h,
// which every IR user includes, as only messages need it.
#pragma once

#include <string>
#include <vector>

namespace tt {

// "float16", "bfloat16", "float32", ... in the order of DataType.
std::vector<std::string> dtype_spellings();

}  // namespace tt
