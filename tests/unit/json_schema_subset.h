// A validator for the subset of JSON Schema draft 2020-12 that our plan schemas use (Debian has no
// C++ validator for 2020-12: libvalijson-dev stops at draft 7 and pulls in Qt and Poco).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tt::testing {

// Supported keywords: type, enum, const, required, properties, additionalProperties, propertyNames,
// pattern, items (single schema), minItems, maxItems, minimum, maximum, $ref to "#/$defs/<name>",
// and the annotations $schema, $id, $defs, title, description, $comment. Any other keyword is an
// error, so a schema can never rely on a check this validator silently skips.
// Returns one message per violation ("<json pointer>: <what>"); empty means valid.
std::vector<std::string> validate_json_schema(const nlohmann::json& instance, const nlohmann::json& schema);

}  // namespace tt::testing
