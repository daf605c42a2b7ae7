# Flags shared by every Footfall target, carried by one INTERFACE target.
add_library(footfall_options INTERFACE)
target_compile_features(footfall_options INTERFACE cxx_std_17)
target_compile_definitions(footfall_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    QT_USE_QSTRINGBUILDER)
target_compile_options(footfall_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wnull-dereference -Wformat=2 -Wimplicit-fallthrough)
if(FOOTFALL_WERROR)
    target_compile_options(footfall_options INTERFACE -Werror)
endif()
if(FOOTFALL_SANITIZE)
    target_compile_options(footfall_options INTERFACE
        -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_link_options(footfall_options INTERFACE -fsanitize=address,undefined)
endif()
