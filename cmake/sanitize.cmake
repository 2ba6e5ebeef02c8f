# Fuzzing and sanitizer builds (standalone mode only; doc/mec-pfm.rst "Fuzzing and
# sanitizers"). Each lives in a build folder of its own (./mec-pfm fuzz: build-fuzz/,
# ./mec-pfm test --sanitize: build-sanitize/); with both options OFF, the default, nothing
# here changes the build.
option(MEC_PFM_FUZZ "Build the libFuzzer targets of fuzz/ (clang only)" OFF)
option(MEC_PFM_SANITIZE "Build everything with AddressSanitizer and UndefinedBehaviorSanitizer"
       OFF)

# Undefined behaviour stops the program (-fno-sanitize-recover): a report that only prints
# would let a test or a fuzzer run pass.
set(mec_pfm_sanitizer_flags -fsanitize=address,undefined -fno-sanitize-recover=all
                            -fno-omit-frame-pointer)
if(MEC_PFM_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "MEC_PFM_FUZZ needs clang (libFuzzer): configure with "
                        "-DCMAKE_CXX_COMPILER=clang++ (Debian: clang, libclang-rt-14-dev)")
  endif()
  # The module's code gets libFuzzer's coverage instrumentation; only the fuzz targets link
  # libFuzzer's main (fuzz/CMakeLists.txt).
  add_compile_options(-fsanitize=fuzzer-no-link ${mec_pfm_sanitizer_flags})
  add_link_options(-fsanitize=address,undefined)
elseif(MEC_PFM_SANITIZE)
  add_compile_options(${mec_pfm_sanitizer_flags})
  add_link_options(-fsanitize=address,undefined)
endif()
