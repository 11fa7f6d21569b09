# tekigo_layer(NAME FOLDER [RECURSE] [DEPS lib...] [PUBLIC target...] [PRIVATE target...])
# Declares one layer of tekigo: a static library of FOLDER/*.cpp (with RECURSE, of its
# subfolders' too: a layer whose folders are not yet libraries of their own) (an interface library when
# the folder has headers only). Its include directory, build/include/NAME, holds links to
# FOLDER/*.hpp at their paths from the source root (`#include "engine/values/version.hpp"`),
# and nothing else: a library sees its own headers and those of its DEPS (transitively,
# through their PUBLIC include directories), never the repository root. The table in the
# top-level CMakeLists.txt is the one place where these calls are made.
# Makes build/include/NAME with links to FOLDER/*.hpp at their paths from the source root;
# sets OUT_VAR to that directory.
# With RECURSE, the headers of FOLDER's subfolders too.
function(tekigo_header_links name folder out_var)
  if(ARGV3 STREQUAL "RECURSE")
    file(GLOB_RECURSE headers CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${folder}/*.hpp)
  else()
    file(GLOB headers CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${folder}/*.hpp)
  endif()
  set(inc ${PROJECT_BINARY_DIR}/include/${name})
  file(REMOVE_RECURSE ${inc})
  foreach(header IN LISTS headers)
    file(RELATIVE_PATH rel ${PROJECT_SOURCE_DIR} ${header})
    get_filename_component(dir ${inc}/${rel} DIRECTORY)
    file(MAKE_DIRECTORY ${dir})
    file(CREATE_LINK ${header} ${inc}/${rel} SYMBOLIC)
  endforeach()
  file(MAKE_DIRECTORY ${inc})
  set(${out_var} ${inc} PARENT_SCOPE)
endfunction()

function(tekigo_layer name folder)
  cmake_parse_arguments(L "RECURSE" "" "DEPS;PUBLIC;PRIVATE" ${ARGN})
  if(L_RECURSE)
    file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${folder}/*.cpp)
    tekigo_header_links(${name} ${folder} inc RECURSE)
  else()
    file(GLOB sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${folder}/*.cpp)
    tekigo_header_links(${name} ${folder} inc)
  endif()
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
  if(L_RECURSE)
    set(recurse true)
  else()
    set(recurse false)
  endif()
  string(REPLACE ";" "\", \"" deps "${L_DEPS}")
  string(REPLACE ";" "\", \"" public "${L_PUBLIC}")
  string(REPLACE ";" "\", \"" private "${L_PRIVATE}")
  set_property(GLOBAL APPEND_STRING PROPERTY TEKIGO_LAYERS_JSON
    "  \"${name}\": {\"folder\": \"${folder}\", \"recurse\": ${recurse}, \"deps\": [\"${deps}\"], \"public\": [\"${public}\"], \"private\": [\"${private}\"]},\n")
endfunction()

# Writes the table as build/layers.json for tests/layering/check_includes.py.
function(tekigo_layer_table_done)
  get_property(json GLOBAL PROPERTY TEKIGO_LAYERS_JSON)
  string(REPLACE "[\"\"]" "[]" json "${json}")
  string(REGEX REPLACE ",\n$" "\n" json "${json}")
  file(WRITE ${PROJECT_BINARY_DIR}/layers.json "{\n${json}}\n")
endfunction()
