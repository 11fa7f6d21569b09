# tekigo_layer(NAME FOLDER [DEPS lib...] [PUBLIC target...] [PRIVATE target...])
# Declares one layer of tekigo: a static library of FOLDER/*.cpp (an interface library when
# the folder has headers only). Its include directory, build/include/NAME, holds links to
# FOLDER/*.hpp at their paths from the source root (`#include "engine/values/version.hpp"`),
# and nothing else: a library sees its own headers and those of its DEPS (transitively,
# through their PUBLIC include directories), never the repository root. The table in the
# top-level CMakeLists.txt is the one place where these calls are made.
# Makes build/include/NAME with links to FOLDER/*.hpp at their paths from the source root;
# sets OUT_VAR to that directory.
function(tekigo_header_links name folder out_var)
  file(GLOB headers CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${folder}/*.hpp)
  set(inc ${PROJECT_BINARY_DIR}/include/${name})
  file(REMOVE_RECURSE ${inc})
  file(MAKE_DIRECTORY ${inc}/${folder})
  foreach(header IN LISTS headers)
    get_filename_component(file_name ${header} NAME)
    file(CREATE_LINK ${header} ${inc}/${folder}/${file_name} SYMBOLIC)
  endforeach()
  set(${out_var} ${inc} PARENT_SCOPE)
endfunction()

function(tekigo_layer name folder)
  cmake_parse_arguments(L "" "" "DEPS;PUBLIC;PRIVATE" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${folder}/*.cpp)
  tekigo_header_links(${name} ${folder} inc)
  if(sources)
    add_library(${name} STATIC ${sources})
    target_include_directories(${name} PUBLIC ${inc})
    target_link_libraries(${name} PUBLIC ${L_DEPS} ${L_PUBLIC} PRIVATE ${L_PRIVATE})
  else()
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE ${inc})
    target_link_libraries(${name} INTERFACE ${L_DEPS} ${L_PUBLIC})
  endif()
  set_property(GLOBAL APPEND PROPERTY TEKIGO_LAYERS ${name})
  string(REPLACE ";" "\", \"" deps "${L_DEPS}")
  string(REPLACE ";" "\", \"" public "${L_PUBLIC}")
  string(REPLACE ";" "\", \"" private "${L_PRIVATE}")
  set_property(GLOBAL APPEND_STRING PROPERTY TEKIGO_LAYERS_JSON
    "  \"${name}\": {\"folder\": \"${folder}\", \"deps\": [\"${deps}\"], \"public\": [\"${public}\"], \"private\": [\"${private}\"]},\n")
endfunction()

# Writes the table as build/layers.json for tests/layering/check_includes.py.
function(tekigo_layer_table_done)
  get_property(json GLOBAL PROPERTY TEKIGO_LAYERS_JSON)
  string(REPLACE "[\"\"]" "[]" json "${json}")
  string(REGEX REPLACE ",\n$" "\n" json "${json}")
  file(WRITE ${PROJECT_BINARY_DIR}/layers.json "{\n${json}}\n")
endfunction()
