// "Did you mean": the one edit-distance helper every "unknown X" message uses (subcommands, flags,
// passes, devices, dtypes, panels, T.* ops, Python names), and the list of valid values it shows.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tt {

// Optimal-string-alignment distance (insertions, deletions, substitutions, adjacent swaps), so
// that a swapped pair of letters ("bacth") costs one edit like a single typo does.
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, when it is close enough to be a plausible typo: within a third
// of the word's length (at least one edit), or `word` is a prefix of exactly one candidate. Ties go
// to the earlier candidate, so the result is deterministic.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

// "a, b, c" in the given order.
std::string join_names(const std::vector<std::string>& names);

// "unknown <kind> '<word>'; did you mean '<match>'? (<kind>s: a, b, c)"; the question is left out
// when nothing is close. `plural` names the list ("passes", "devices").
std::string unknown_name_message(std::string_view kind, std::string_view word,
                                 const std::vector<std::string>& candidates, std::string_view plural);

}  // namespace tt
