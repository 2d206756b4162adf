# A scripted run of the real window (--exit-after-frames, a tiny --size, --export-png) leaves the
# user's state alone: layout.json byte-identical, no imgui.ini, no recent files, no autosave.
set(config "${OUT}/config")
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${config}/tt-inspect")
set(layout "{\"version\": 1, \"panels\": {\"Source\": {\"x\": 0.0, \"y\": 0.0, \"w\": 0.5, \"h\": 0.5, \"open\": true}}}\n")
file(WRITE "${config}/tt-inspect/layout.json" "${layout}")
foreach(args "--size;100x100;--exit-after-frames;3" "--exit-after-frames;3;--export-png;l1=${OUT}/l1.png")
  execute_process(COMMAND ${CMAKE_COMMAND} -E env XDG_CONFIG_HOME=${config}
                          ${XVFB_RUN} -a -s "-screen 0 1600x1000x24" ${TT_INSPECT} open ${SOURCE} ${args}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "tt-inspect open ${args} exited ${rc}\n${out}\n${err}")
  endif()
  file(READ "${config}/tt-inspect/layout.json" after)
  if(NOT after STREQUAL layout)
    message(FATAL_ERROR "a scripted run (${args}) rewrote the user's layout:\n${after}")
  endif()
  foreach(f imgui.ini recent.json autosave)
    if(EXISTS "${config}/tt-inspect/${f}")
      message(FATAL_ERROR "a scripted run (${args}) wrote ${config}/tt-inspect/${f}")
    endif()
  endforeach()
endforeach()
