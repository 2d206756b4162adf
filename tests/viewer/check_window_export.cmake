# The desktop window under Xvfb exports two panels as PNG (--export-png) and exits 0; the PNGs exist,
# are not empty, and an unknown panel is a usage error (exit code 2) listing the panels.
file(REMOVE_RECURSE ${OUT})
execute_process(COMMAND ${XVFB_RUN} -a -s "-screen 0 1600x1000x24" ${TT_INSPECT} open ${SOURCE} --size 1600x1000
                        --exit-after-frames 4 --export-png core_grid=${OUT}/core_grid.png --export-png L1=${OUT}/l1.png
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tt-inspect open --export-png exited ${rc}\n${out}\n${err}")
endif()
foreach(f core_grid.png l1.png)
  if(NOT EXISTS ${OUT}/${f})
    message(FATAL_ERROR "${OUT}/${f} missing; output:\n${out}\n${err}")
  endif()
  file(SIZE ${OUT}/${f} size)
  if(size LESS 2000)
    message(FATAL_ERROR "${OUT}/${f} is only ${size} bytes")
  endif()
endforeach()
if(NOT out MATCHES "exported ${OUT}/core_grid.png")
  message(FATAL_ERROR "no export report on stdout:\n${out}")
endif()
execute_process(COMMAND ${XVFB_RUN} -a -s "-screen 0 1600x1000x24" ${TT_INSPECT} open ${SOURCE}
                        --exit-after-frames 4 --export-png nosuchpanel=${OUT}/x.png
                RESULT_VARIABLE rc2 OUTPUT_VARIABLE out2 ERROR_VARIABLE err2)
if(NOT rc2 EQUAL 2 OR NOT err2 MATCHES "tt-inspect: error: unknown panel 'nosuchpanel' \\(panels: source, ")
  message(FATAL_ERROR "unknown panel: exit ${rc2}\n${err2}")
endif()
