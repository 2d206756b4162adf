// provenance.json: for every generated artifact, the source span of each line that has one (the
// side table the GUI uses to link generated lines back to the TileLang source).
#pragma once

#include <string>
#include <vector>

#include "compiler/compiler.h"

namespace tt::codegen {

// {"source": <file name>, "artifacts": {"reader.cpp": [{"line": 12, "begin": [line, col], "end": [line, col]}, ...]}}
// Lines are 1-based in both files; artifacts without any provenance are listed with an empty array.
Artifact emit_provenance(const std::vector<Artifact>& artifacts, const std::string& source_name);

}  // namespace tt::codegen
