# Trae Health: the two commands that matter are `make run` and `make test`.
# Both install what they need on Debian 12 (apt-get; npm ci for the web app).
SHELL := /bin/bash
JOBS ?= $(shell nproc)
BUILD ?= build
BIN := $(BUILD)/trae-health
DATA_DIR ?= ./data
HTTPLIB_DIR := $(abspath build/third_party/httplib)
CMAKE_FLAGS ?=

.PHONY: all deps build run test test-unit test-integration test-sanitize coverage format clean help

all: build

help:
	@echo "make run            build and start the app on a demo database (https://localhost:8443)"
	@echo "make test           build and run every test"
	@echo "make test-sanitize  the suite under AddressSanitizer and UBSan"
	@echo "make coverage       line and branch coverage of src/ per directory (gcovr)"
	@echo "make clean          remove build directories"

deps:
	@HTTPLIB_DIR=$(HTTPLIB_DIR) EXTRA_PKGS="$(EXTRA_PKGS)" bash packaging/install-build-deps.sh

# Configure once per build directory; cmake re-runs itself when needed.
$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DTRAE_HTTPLIB_DIR=$(HTTPLIB_DIR) $(CMAKE_FLAGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j$(JOBS)

run: build
	@mkdir -p $(DATA_DIR)
	@echo "Trae Health: https://localhost:$${HTTPS_PORT:-8443}/ (self-signed certificate; see the log for its fingerprint)"
	DATA_DIR=$(DATA_DIR) $(BIN) serve

test: build
	cd $(BUILD) && ctest --output-on-failure --timeout 1200

test-sanitize:
	$(MAKE) test BUILD=build-asan CMAKE_FLAGS="-DTRAE_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo"

coverage:
	@$(MAKE) --no-print-directory deps EXTRA_PKGS=gcovr
	$(MAKE) test BUILD=build-cov CMAKE_FLAGS="-DTRAE_COVERAGE=ON -DCMAKE_BUILD_TYPE=Debug"
	@echo "== src/ coverage by directory (lines, branches) =="
	@for d in core security storage app http config log cli; do \
	  gcovr -r . --object-directory build-cov --filter "src/$$d/" --exclude-throw-branches \
	    --exclude-unreachable-branches --print-summary -o /dev/null 2>/dev/null \
	    | sed -n 's/^\(lines\|branches\): *\(.*\)/'"src\/$$d"' \1: \2/p'; \
	done
	@gcovr -r . --object-directory build-cov --filter 'src/' --exclude-throw-branches \
	  --exclude-unreachable-branches --print-summary --fail-under-line 95 -o build-cov/coverage.txt

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp')

clean:
	rm -rf build build-asan build-cov
