# The web app (web/, a Next.js static export) compiled into the binary, and
# its tests. Included by CMakeLists.txt; the steps that call npm run this same
# file as a script (cmake -DSTEP=... -P web.cmake), so they can check for Node
# first and clean up after a failed build.
#
# Three steps, each redone only when its inputs change:
#   npm ci          web/package.json or package-lock.json is newer than
#                   web/node_modules (npm writes node_modules/.package-lock.json)
#   npm run build   a web source is newer than web/out/index.html. The export
#                   stays in the source tree, so every build directory
#                   (build, build-asan, build-cov) shares one web build.
#   trae-embed-web  web/out changed: writes generated/embedded_web.cpp

set(NODE_HELP "Node.js 20.19 or newer, with npm, is needed to build the web app in web/.
Debian 12's own nodejs package (18.x) is too old. Any one of these gives you a recent Node:
  - NodeSource's Debian packages:
      curl -fsSL https://deb.nodesource.com/setup_20.x | bash - && apt-get install -y nodejs
  - the official build from https://nodejs.org/en/download (Linux x64 .tar.xz):
      tar -xJf node-v20.*-linux-x64.tar.xz -C /usr/local --strip-components=1
  - nvm (https://github.com/nvm-sh/nvm): nvm install 20
Then run the command again.")

if(CMAKE_SCRIPT_MODE_FILE)
  # STEP=check (make build runs it first) only checks for Node and npm.
  find_program(NODE node)
  find_program(NPM npm)
  if(NODE)
    execute_process(COMMAND "${NODE}" --version OUTPUT_VARIABLE node_version OUTPUT_STRIP_TRAILING_WHITESPACE)
    string(REGEX REPLACE "^v" "" node_version "${node_version}")
  endif()
  if(NOT NODE OR NOT NPM OR node_version VERSION_LESS 20.19)
    if(NODE AND NPM)
      message(NOTICE "Found Node.js ${node_version} at ${NODE}.")
    endif()
    message(NOTICE "${NODE_HELP}")
    message(FATAL_ERROR "Node.js 20.19+ and npm are required (see above).")
  endif()
  if(STEP STREQUAL "check")
    return()
  endif()
  set(ENV{NEXT_TELEMETRY_DISABLED} 1)

  # Two builds (two build directories, or two people in one) must not run npm
  # in the same folder at once. The second waits, then skips the work when the
  # first has just done it.
  string(TIMESTAMP started "%s")
  string(MD5 lock_id "${WEB_DIR}${E2E_DIR}")
  set(lock_dir "$ENV{TMPDIR}")
  if(NOT lock_dir)
    set(lock_dir /tmp)
  endif()
  file(LOCK "${lock_dir}/trae-health-web-${lock_id}.lock" GUARD PROCESS TIMEOUT 1800)
  function(done_since_start file out)
    set(${out} FALSE PARENT_SCOPE)
    if(EXISTS "${file}")
      file(TIMESTAMP "${file}" mtime "%s")
      if(mtime GREATER_EQUAL started)
        set(${out} TRUE PARENT_SCOPE)
      endif()
    endif()
  endfunction()

  # npm ci when node_modules is missing or older than package.json or the lock file.
  function(npm_ci dir)
    set(stamp "${dir}/node_modules/.package-lock.json")
    done_since_start("${stamp}" fresh)
    if(NOT fresh AND (NOT EXISTS "${stamp}" OR "${dir}/package-lock.json" IS_NEWER_THAN "${stamp}"
                      OR "${dir}/package.json" IS_NEWER_THAN "${stamp}"))
      execute_process(COMMAND "${NPM}" ci --no-audit --no-fund WORKING_DIRECTORY "${dir}" RESULT_VARIABLE rc)
      if(NOT rc EQUAL 0)
        message(FATAL_ERROR "npm ci failed in ${dir}")
      endif()
      file(TOUCH "${stamp}")
    endif()
  endfunction()

  if(STEP STREQUAL "ci")
    npm_ci("${WEB_DIR}")
  elseif(STEP STREQUAL "build")
    done_since_start("${WEB_DIR}/out/index.html" fresh)
    if(fresh)
      return()
    endif()
    # A half-written export must not look up to date, and after a failed build
    # .next can hold stale state (web/README.md): start clean, and clean up.
    file(REMOVE_RECURSE "${WEB_DIR}/out")
    execute_process(COMMAND "${NPM}" run build WORKING_DIRECTORY "${WEB_DIR}" RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0 OR NOT EXISTS "${WEB_DIR}/out/index.html")
      file(REMOVE_RECURSE "${WEB_DIR}/out" "${WEB_DIR}/.next")
      message(FATAL_ERROR "The web build failed (npm run build in ${WEB_DIR}); web/out and web/.next were removed.")
    endif()
  elseif(STEP STREQUAL "test")
    npm_ci("${WEB_DIR}")
    execute_process(COMMAND "${NPM}" test WORKING_DIRECTORY "${WEB_DIR}" RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "npm test failed in ${WEB_DIR}")
    endif()
  elseif(STEP STREQUAL "e2e")
    npm_ci("${E2E_DIR}")
    execute_process(COMMAND "${NODE}" "${E2E_DIR}/run.mjs" --binary "${BINARY}" --results "${RESULTS_DIR}"
                    RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "the end-to-end tests failed")
    endif()
  else()
    message(FATAL_ERROR "web.cmake: unknown STEP '${STEP}'")
  endif()
  return()
endif()

set(WEB_DIR "${CMAKE_SOURCE_DIR}/web")
set(WEB_SCRIPT "${CMAKE_CURRENT_LIST_FILE}")

add_custom_command(
  OUTPUT "${WEB_DIR}/node_modules/.package-lock.json"
  COMMAND ${CMAKE_COMMAND} -DSTEP=ci "-DWEB_DIR=${WEB_DIR}" -P "${WEB_SCRIPT}"
  DEPENDS "${WEB_DIR}/package.json" "${WEB_DIR}/package-lock.json"
  COMMENT "Installing the web app's npm packages (npm ci)")

# What next build reads. src/i18n/ is generated from messages/ by every npm
# script (npm test too), so it is left out: it would make each test run look
# like a source change.
file(GLOB_RECURSE WEB_SOURCES CONFIGURE_DEPENDS
  "${WEB_DIR}/src/*" "${WEB_DIR}/messages/*" "${WEB_DIR}/public/*" "${WEB_DIR}/scripts/*")
list(FILTER WEB_SOURCES EXCLUDE REGEX "/web/src/i18n/")
file(GLOB WEB_CONFIG CONFIGURE_DEPENDS "${WEB_DIR}/*.mjs" "${WEB_DIR}/*.json")
list(APPEND WEB_SOURCES ${WEB_CONFIG})
add_custom_command(
  OUTPUT "${WEB_DIR}/out/index.html"
  COMMAND ${CMAKE_COMMAND} -DSTEP=build "-DWEB_DIR=${WEB_DIR}" -P "${WEB_SCRIPT}"
  DEPENDS "${WEB_DIR}/node_modules/.package-lock.json" ${WEB_SOURCES}
  COMMENT "Building the web app (next build -> web/out)")

# A build tool, not shipped: sanitizer and coverage instrumentation would only
# slow the build down and count its lines as src/ coverage.
find_library(BROTLIENC_LIB NAMES libbrotlienc.a brotlienc REQUIRED)
find_library(BROTLICOMMON_LIB NAMES libbrotlicommon.a brotlicommon REQUIRED)
add_executable(trae-embed-web src/build/embed_web.cpp)
set_target_properties(trae-embed-web PROPERTIES COMPILE_OPTIONS "-Wall;-Wextra;-Werror" LINK_OPTIONS "")
target_link_libraries(trae-embed-web PRIVATE ${BROTLIENC_LIB} ${BROTLICOMMON_LIB} OpenSSL::Crypto ${ZLIB_STATIC})

set(WEB_CPP "${CMAKE_BINARY_DIR}/generated/embedded_web.cpp")
add_custom_command(
  OUTPUT "${WEB_CPP}"
  COMMAND trae-embed-web --out "${WEB_CPP}" --root "${WEB_DIR}/out"
  DEPENDS trae-embed-web "${WEB_DIR}/out/index.html"
  COMMENT "Embedding the web app")

# Registered by CMakeLists.txt after the C++ suites. Vitest only runs in the
# plain build: sanitizers and coverage change nothing in JavaScript. The
# browser run goes against this build's binary, sanitized ones included.
function(trae_add_web_tests)
  if(NOT TRAE_SANITIZE AND NOT TRAE_COVERAGE)
    add_test(NAME web_unit COMMAND ${CMAKE_COMMAND} -DSTEP=test "-DWEB_DIR=${WEB_DIR}" -P "${WEB_SCRIPT}")
    set_tests_properties(web_unit PROPERTIES TIMEOUT 600)
  endif()
  add_test(NAME e2e
    COMMAND ${CMAKE_COMMAND} -DSTEP=e2e "-DE2E_DIR=${CMAKE_SOURCE_DIR}/tests/e2e"
            "-DBINARY=$<TARGET_FILE:trae-health>" "-DRESULTS_DIR=${CMAKE_SOURCE_DIR}/test-results"
            -P "${WEB_SCRIPT}")
  set_tests_properties(e2e PROPERTIES TIMEOUT 900)
endfunction()
