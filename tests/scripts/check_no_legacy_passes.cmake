# Fails when the source tree mentions a legacy TT pass or a CB-id name-suffix fallback (the seed's
# success criteria: no infer_default_* or tiles-to-core-map passes, no CB lookup by a tile suffix).
# The names are assembled from pieces so that this script does not match itself.
set(forbidden
  "infer_default_tt_${EMPTY}schedule"
  "infer_default_tt_${EMPTY}shard"
  "tt_tiles_to_${EMPTY}core_map"
  "\"_${EMPTY}tile\"")
file(GLOB_RECURSE files
  "${ROOT}/compiler/*" "${ROOT}/app/*" "${ROOT}/viewer/*" "${ROOT}/tests/*" "${ROOT}/assets/*" "${ROOT}/bench/*")
set(found "")
foreach(f IN LISTS files)
  if(IS_DIRECTORY "${f}" OR f MATCHES "\\.(png|tgz)$")
    continue()
  endif()
  file(READ "${f}" text)
  string(TOLOWER "${text}" text)
  foreach(word IN LISTS forbidden)
    string(FIND "${text}" "${word}" pos)
    if(NOT pos EQUAL -1)
      list(APPEND found "${f}: ${word}")
    endif()
  endforeach()
endforeach()
if(found)
  string(REPLACE ";" "\n" found "${found}")
  message(FATAL_ERROR "legacy pass names or name-suffix fallbacks found:\n${found}")
endif()
message(STATUS "no legacy passes or name-suffix CB fallbacks in ${ROOT}")
