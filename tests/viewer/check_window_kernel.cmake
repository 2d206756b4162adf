# The desktop window under Xvfb: open --kernel with a name the file has shows it and exits 0 (an unknown
# name is refused before any window opens: tests/unit/cli_messages_test.cpp).
execute_process(COMMAND ${XVFB_RUN} -a -s "-screen 0 800x600x24" ${TT_INSPECT} open ${SOURCE} --size 800x600
                        --kernel elementwise_add --exit-after-frames 3
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tt-inspect open --kernel elementwise_add exited ${rc}\n${out}\n${err}")
endif()
