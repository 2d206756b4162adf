// The canonical dtype names a kernel can use (compiler/ir/dtype.h; its aliases "half", "float", ...
// are left out, and so are the block floats bfp8_b/bfp4_b, which parse only to be refused with a
// reason), for "unknown dtype" messages that list the valid names; kept out of dtype.h, which every
// IR user includes, as only messages need it.
#pragma once

#include <string>
#include <vector>

namespace tt {

// "float16", "bfloat16", "float32", ... in the order of DataType.
std::vector<std::string> dtype_spellings();

}  // namespace tt
