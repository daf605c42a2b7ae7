# Runs `footfall completion bash` and keeps its output: cmake -DFOOTFALL=… -DOUTPUT=… -P WriteCompletion.cmake
execute_process(COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen ${FOOTFALL} completion bash
                OUTPUT_FILE ${OUTPUT} RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "footfall completion bash failed: ${result}")
endif()
