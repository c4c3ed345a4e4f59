# Trae Health: the two commands that matter are `make run` and `make test`.
# Both install what they need on Debian 12 (apt-get; npm ci for the web app).
SHELL := /bin/bash
JOBS ?= $(shell nproc)
BUILD ?= build
BIN := $(BUILD)/trae-health
DATA_DIR ?= ./data
HTTPLIB_DIR := $(abspath build/third_party/httplib)
CMAKE_FLAGS ?=

.PHONY: all deps web-deps build run test test-unit test-integration test-sanitize coverage bench package verify format clean help

all: build

help:
	@echo "make run            build and start the app on a demo database (https://localhost:8443)"
	@echo "make test           build and run every test"
	@echo "make test-sanitize  the suite under AddressSanitizer and UBSan"
	@echo "make coverage       line and branch coverage of src/ per directory (gcovr)"
	@echo "make bench          the benchmarks in bench/ (slow: builds a 300,000-recipe catalog)"
	@echo "make package        the .deb (CPack): binary, systemd unit, settings conffile"
	@echo "make verify         sqlmap, testssl.sh, libFuzzer, kill -9 and disk-full checks (docs/security.md)"
	@echo "make clean          remove build directories"

deps:
	@HTTPLIB_DIR=$(HTTPLIB_DIR) EXTRA_PKGS="$(EXTRA_PKGS)" bash packaging/install-build-deps.sh

# The web app is built with Node.js 20.19+ and npm, which Debian 12 does not
# ship: say how to get them instead of failing deep inside the build.
web-deps: deps
	@cmake -DSTEP=check -P packaging/cmake/web.cmake

# Configure once per build directory; cmake re-runs itself when needed.
$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DTRAE_HTTPLIB_DIR=$(HTTPLIB_DIR) $(CMAKE_FLAGS)

build: deps web-deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j$(JOBS)

run: build
	@mkdir -p $(DATA_DIR)
	@echo "Trae Health: https://localhost:$${HTTPS_PORT:-8443}/ (self-signed certificate; see the log for its fingerprint)"
	DATA_DIR=$(DATA_DIR) $(BIN) serve

# CTest runs the C++ suites, Vitest in web/, the browser tests (tests/e2e),
# which drive Debian's Chromium (DejaVu draws the Arabic pages), and the
# operations tests: promtool (prometheus), nginx-light as a deliberately
# wrong target for `trae-health check`, systemd-analyze and dpkg-deb.
test: EXTRA_PKGS += chromium fonts-dejavu-core prometheus nginx-light systemd
test: build
	cd $(BUILD) && ctest --output-on-failure --timeout 1200
	@cat test-results/e2e-summary.txt

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

# Benchmarks print figures; they never fail a build. See bench/README.md.
# bench/web (Lighthouse) drives Debian's Chromium, hence the extra packages.
# bench/load runs on the full scale dataset, seeded once into SEED_DIR.
SEED_DIR ?= $(or $(TMPDIR),/tmp)/trae-seed-full
bench: EXTRA_PKGS += chromium fonts-dejavu-core wrk nghttp2-client nginx-light sqlite3
bench: build
	./$(BUILD)/catalog_bench
	./$(BUILD)/health_bench
	./$(BUILD)/backup_bench
	./$(BUILD)/mealplan_bench
	bench/web/run.sh --binary $(BUILD)/trae-health
	@[ -f $(SEED_DIR)/trae.db ] || DATA_DIR=$(SEED_DIR) ./$(BUILD)/trae-health seed
	bench/load/run.sh --data-dir $(SEED_DIR)
	bench/load/route-cost.sh --data-dir $(SEED_DIR)

# The Debian package, in $(BUILD)/: trae-health_VERSION_ARCH.deb
package: build
	cd $(BUILD) && cpack -G DEB

# The heavier security and reliability checks (docs/security.md); needs root
# for the tmpfs of the disk-full check. FUZZ_SECONDS sets each fuzzer's time.
verify: EXTRA_PKGS += sqlmap testssl.sh clang
verify: build
	bash tests/verify/verify.sh $(BUILD)

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp')

clean:
	rm -rf build build-asan build-cov
