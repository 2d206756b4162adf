// Atomic file replacement: the bytes go to a hidden temporary file beside the target, which is renamed
// over it only when complete, so a reader never sees a half-written file. Every file tt-inspect writes
// outside an artifact set (saved sources, exports, PNGs, settings) goes through this.
#pragma once

#include <string>

namespace tt {

// Creates missing parent directories. On failure returns false with `error` naming the path; the
// previous file, if any, is left as it was.
bool write_file_atomically(const std::string& path, const std::string& bytes, std::string& error);

}  // namespace tt
