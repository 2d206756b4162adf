# The desktop window under Xvfb: open --kernel with a name the file has shows it and exits 0; a name it
# does not have is a usage error (exit code 2) that lists the kernels and suggests the closest one.
execute_process(COMMAND ${XVFB_RUN} -a -s "-screen 0 800x600x24" ${TT_INSPECT} open ${SOURCE} --size 800x600
                        --kernel elementwise_add --exit-after-frames 3
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tt-inspect open --kernel elementwise_add exited ${rc}\n${out}\n${err}")
endif()
execute_process(COMMAND ${XVFB_RUN} -a -s "-screen 0 800x600x24" ${TT_INSPECT} open ${SOURCE} --size 800x600
                        --kernel elementwise_ad --exit-after-frames 3
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 2)
  message(FATAL_ERROR "tt-inspect open --kernel elementwise_ad exited ${rc}, not 2\n${out}\n${err}")
endif()
string(FIND "${err}" "tt-inspect: error: unknown kernel 'elementwise_ad'; did you mean 'elementwise_add'? (kernels: matmul, elementwise_add)" at)
if(at EQUAL -1)
  message(FATAL_ERROR "no kernel list in the error:\n${err}")
endif()
