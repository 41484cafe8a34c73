# Writes OUT, a C file defining the text of SRC as ps_builtin_istanbul_2025 (a NUL-terminated
# char array) and its length.
file(READ ${SRC} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" body "${body}")
file(WRITE ${OUT} "/* Generated from scenarios/istanbul_2025.lua by cmake/embed.cmake: do not edit. */\n#include <stddef.h>\nconst char ps_builtin_istanbul_2025[] = {\n${body}0x00};\nconst size_t ps_builtin_istanbul_2025_len = sizeof ps_builtin_istanbul_2025 - 1;\n")
