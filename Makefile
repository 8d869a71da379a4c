# Schakel — two commands to start: `make run` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
BIN := .build/debug/schakel

# System libraries the build needs, and tools the tests drive.
BUILD_PACKAGES := pkg-config libncursesw5-dev libsqlite3-dev
TEST_PACKAGES := tmux age sqlite3 ncurses-term python3 python3-icalendar python3-recurring-ical-events
BENCH_PACKAGES := age hyperfine python3
# `make dist`: dpkg-shlibdeps (dpkg-dev) for Depends, objdump and strip (binutils), python3 for
# the man page; `make dist-test`: tmux, man, groff and col (bsdextrautils) to run and read it.
DIST_PACKAGES := dpkg-dev binutils python3
DIST_TEST_PACKAGES := tmux python3 man-db groff-base bsdextrautils

XDG_DATA_HOME ?= $(HOME)/.local/share
DEMO_STORE ?= $(XDG_DATA_HOME)/schakel-demo

# Fuzzing (docs/FUZZING.md): a separate package in Fuzz/, its own build directory.
FUZZ_SECONDS ?= 60
FUZZ_BUILD := .build-fuzz
FUZZ_OUT ?= .fuzz
FUZZ_TARGETS ?= FuzzAgeDecrypt FuzzAgeStream FuzzAgeKeys FuzzBundleParser FuzzRecords FuzzBundleImport \
	FuzzBackupRestore FuzzContactCard FuzzOutsideSignal FuzzCSV FuzzTheme FuzzConfig
FUZZ_SWIFT_FLAGS := -Xswiftc -sanitize=fuzzer,address

.PHONY: run test test-asan test-tsan build deps test-deps demo bench clean dist dist-test fuzz fuzz-build fuzz-seeds

# Installs what is missing with apt-get when run as root; otherwise prints the command and stops.
define ensure_packages
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing:$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing system packages. Run:"; echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
endef

deps:
	$(call ensure_packages,$(BUILD_PACKAGES))

test-deps: deps
	$(call ensure_packages,$(TEST_PACKAGES))

build: deps
	$(SWIFT) build --product schakel

demo: build
	@if [ ! -f "$(DEMO_STORE)/schakel.sqlite" ]; then $(BIN) demo --store "$(DEMO_STORE)"; fi

run: demo
	$(BIN) --store "$(DEMO_STORE)"

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The suite under AddressSanitizer (with LeakSanitizer) and ThreadSanitizer, each in its own
# build folder so `.build` is never rebuilt. The tests run the sanitized `schakel` from the
# same folder (AppTests find it next to the test runner). Every sanitized process, also the
# ones the tests start in tmux or kill, writes its reports to SAN_LOGS; the run fails if any
# report was written, even when the process that wrote it was not watched by a test.
# SCHAKEL_TEST_TIME_SCALE stretches the tests' real-time waits (docs/SANITIZERS.md).
ASAN_SCRATCH := .build-asan
TSAN_SCRATCH := .build-tsan
ASAN_LOGS = $(CURDIR)/$(ASAN_SCRATCH)/sanitizer-logs
TSAN_LOGS = $(CURDIR)/$(TSAN_SCRATCH)/sanitizer-logs
# disable_coredump=1 (also ASan's default on 64-bit) keeps dumps off even where a test
# process has not called ProcessHardening yet: a dump would hold decrypted data.
ASAN_OPTIONS_TEST = halt_on_error=1:abort_on_error=0:disable_coredump=1:detect_leaks=1:detect_stack_use_after_return=1:log_path=$(ASAN_LOGS)/asan
# halt_on_error=0: report every race of a run, not only the first; a process that reported
# one still exits with status 66, and any report file fails the target.
TSAN_OPTIONS_TEST = halt_on_error=0:exitcode=66:disable_coredump=1:second_deadlock_stack=1:log_path=$(TSAN_LOGS)/tsan
# Suppressions: only third-party false positives, each justified in the file itself.
LSAN_OPTIONS_TEST = suppressions=$(CURDIR)/Tests/Sanitizers/lsan.supp:print_suppressions=0
ASAN_TIME_SCALE ?= 4
TSAN_TIME_SCALE ?= 10

# $(1) sanitizer, $(2) scratch folder, $(3) logs folder, $(4) environment for the run.
define sanitized_test
	$(SWIFT) build --build-tests --sanitize=$(1) --scratch-path $(2)
	@rm -rf "$(3)" && mkdir -p "$(3)"
	@start=$$(date +%s); status=0; \
	env $(4) SCHAKEL_BIN=$(CURDIR)/$(2)/debug/schakel $(SWIFT) test --skip-build --disable-xctest --sanitize=$(1) --scratch-path $(2) || status=$$?; \
	echo "$(1) sanitizer run took $$(( $$(date +%s) - start )) s"; \
	if [ -n "$$(ls -A "$(3)")" ]; then \
	  echo "Sanitizer reports (from the runner or a schakel it started):"; \
	  for f in "$(3)"/*; do echo "== $$f"; cat "$$f"; done; status=1; \
	fi; \
	exit $$status
endef

test-asan: test-deps
	$(call sanitized_test,address,$(ASAN_SCRATCH),$(ASAN_LOGS),ASAN_OPTIONS=$(ASAN_OPTIONS_TEST) LSAN_OPTIONS=$(LSAN_OPTIONS_TEST) SCHAKEL_TEST_TIME_SCALE=$(ASAN_TIME_SCALE))

test-tsan: test-deps
	$(call sanitized_test,thread,$(TSAN_SCRATCH),$(TSAN_LOGS),TSAN_OPTIONS=$(TSAN_OPTIONS_TEST) SCHAKEL_TEST_TIME_SCALE=$(TSAN_TIME_SCALE))

bench: deps
	$(call ensure_packages,$(BENCH_PACKAGES))
	$(SWIFT) build -c release --product schakel-bench
	$(SWIFT) build -c release --product schakel
	.build/release/schakel-bench
	Benchmarks/age-throughput.sh .bench-cache .build/release/schakel

# A release binary with the Swift runtime linked in, packaged as dist/schakel_VERSION_ARCH.deb
# (docs/DIST.md). Its own scratch path, so the debug build in .build stays as it is.
dist: deps
	$(call ensure_packages,$(DIST_PACKAGES))
	SWIFT="$(SWIFT)" packaging/build-deb.sh

# Installs that package into a temporary tree and runs it there (not part of `make test`).
dist-test: dist
	$(call ensure_packages,$(DIST_TEST_PACKAGES))
	.ci/dist-test.sh

# Fuzzing (docs/FUZZING.md).
fuzz-build: deps
	$(SWIFT) build --package-path Fuzz --scratch-path $(FUZZ_BUILD) $(FUZZ_SWIFT_FLAGS)

# Each target for FUZZ_SECONDS (default 60) with its corpora; non-zero exit on any finding.
# Crash inputs land in $(FUZZ_OUT)/artifacts/TARGET/, logs in $(FUZZ_OUT)/logs/.
fuzz: fuzz-build
	Fuzz/run-fuzzers.sh $(FUZZ_BUILD) $(FUZZ_OUT) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Rewrites the committed seeds in Fuzz/corpus that a program makes (encrypted files, bundles).
fuzz-seeds: fuzz-build
	rm -rf $(addprefix Fuzz/corpus/,FuzzAgeDecrypt FuzzAgeStream FuzzAgeKeys FuzzBundleParser FuzzRecords FuzzContactCard)
	SCHAKEL_FUZZ_WRITE_SEEDS=Fuzz/corpus $(FUZZ_BUILD)/debug/FuzzRecords

clean:
	rm -rf .build .build-asan .build-tsan .build-dist dist .bench-cache $(FUZZ_BUILD) $(FUZZ_OUT)
