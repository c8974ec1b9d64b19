# Two commands matter on a fresh Debian/Ubuntu box: `make demo` and `make test`.
# Both install the system libraries first (GDAL and PROJ come from the distribution).

SWIFT        ?= swift
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libgdal-dev libproj-dev gdal-bin libcairo2-dev pkg-config
# Chromium renders report.html in one headless screenshot test. Debian calls it chromium, Ubuntu
# chromium-browser; without either, that one test is skipped and the rest still build and run.
BROWSERS     := chromium chromium-browser
PYTHON_GDAL  ?= /usr/bin/python3
OUT          ?= out
# Release builds of the CLI and benchmarks use AVX2 when the CPU has it (about twice the SIMD
# throughput of the x86-64 baseline); the library manifest itself carries no such flags.
ARCH_FLAGS   ?= $(shell grep -qw avx2 /proc/cpuinfo 2>/dev/null && echo "-Xcc -march=x86-64-v3")
RELEASE      := -c release $(ARCH_FLAGS)
# The CLI links the Swift runtime and Foundation statically: a dozen fewer shared libraries for the
# dynamic loader to map and relocate, which took about a fifth of a short `kranj-heat zonal` run.
# (The linker's warning about `mktemp` while linking comes from Foundation's static library.)
# It also names, among its own libraries, the two dozen that GDAL's start-up binds most symbols to
# (counted by the dynamic loader, LD_DEBUG=bindings, on gdalinfo). libgdal is linked with BIND_NOW,
# so ~57 000 symbols are looked up before main, each in the loader's list of ~120 libraries from
# its front: named early, most searches end there. About 10 ms of a 90 ms `kranj-heat zonal` on
# the 26 districts. Without gdalinfo the list is empty and the link the usual one. The binary then
# needs those libraries where it runs, as it needs libgdal: build it where it runs. Recursive (=),
# so that it runs after `deps` has installed GDAL.
GDAL_EARLY_LIBS = $(shell LD_DEBUG=bindings gdalinfo --version 2>&1 >/dev/null \
	| sed -n 's/.* to \(\/[^ ]*\.so[^ ]*\) \[[0-9]*\]: .*/\1/p' | grep -v '/ld-linux' \
	| sort | uniq -c | sort -rn | head -24 | awk '{print $$2}')
CLI_RELEASE  = $(RELEASE) --static-swift-stdlib -Xlinker --no-as-needed $(addprefix -Xlinker ,$(GDAL_EARLY_LIBS))

.PHONY: deps build demo test docs test-asan test-tsan test-big fuzz bench bench-compare fixtures clean

deps:
	@if ! pkg-config --exists gdal cairo 2>/dev/null || ! command -v gdalwarp >/dev/null 2>&1; then \
		echo "Installing $(APT_PACKAGES) with apt"; \
		$(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $(APT_PACKAGES); \
	fi
	@if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then \
		echo "Installing Chromium with apt (for the report screenshot test)"; \
		$(SUDO) apt-get update >/dev/null; \
		for b in $(BROWSERS); do $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $$b && break; done \
			|| echo "No Chromium: the report screenshot test will be skipped"; \
	fi

build: deps
	$(SWIFT) build

demo: deps
	$(SWIFT) build $(CLI_RELEASE) --product kranj-heat
	"$$($(SWIFT) build $(CLI_RELEASE) --show-bin-path)/kranj-heat" demo --output $(OUT)

test: deps
	$(SWIFT) test --parallel

# DocC: each library's catalogue and symbol comments built into .build-docs/<module>.doccarchive,
# where any warning fails: a link to a symbol that does not exist or is ambiguous, a parameter
# documented under a name it does not have. The symbol graphs come from a build of its own (they are
# written only when a module compiles, so they stay beside that build).
DOCC        ?= docc
DOC_MODULES := HeatIslandKernels HeatIslandGDAL HeatIsland HeatIslandMaps
docs: deps
	mkdir -p .build-docs/graphs
	for t in HeatIsland HeatIslandMaps; do \
		$(SWIFT) build --scratch-path .build-docs --target $$t -Xswiftc -emit-symbol-graph \
			-Xswiftc -emit-symbol-graph-dir -Xswiftc $(CURDIR)/.build-docs/graphs || exit 1; \
	done
	for m in $(DOC_MODULES); do \
		rm -rf .build-docs/graphs-$$m && mkdir -p .build-docs/graphs-$$m && \
		cp .build-docs/graphs/$$m.symbols.json $$(ls .build-docs/graphs/$$m@*.symbols.json 2>/dev/null) .build-docs/graphs-$$m/ && \
		$(DOCC) convert Sources/$$m/$$m.docc --fallback-display-name $$m --fallback-bundle-identifier org.heatisland.$$m \
			--additional-symbol-graph-dir .build-docs/graphs-$$m --output-path .build-docs/$$m.doccarchive \
			--warnings-as-errors || exit 1; \
	done

# Sanitizer runs of the whole test suite, in their own build directories. LeakSanitizer is off:
# the only leaks it reports are inside Foundation's Process and XCTest's runner (64 bytes).
# HEATISLAND_SANITIZER skips the one test that runs the CLI under `ulimit -v`, where no sanitizer
# build can start.
test-asan: deps
	HEATISLAND_SANITIZER=address ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --sanitize=address --scratch-path .build-asan

test-tsan: deps
	HEATISLAND_SANITIZER=thread $(SWIFT) test --sanitize=thread --scratch-path .build-tsan

# A 20000 × 20000 Float32 raster (1.6 GB in a temporary directory, removed afterwards) through
# streaming zonal statistics and cell hotspots: peak RSS under 512 MiB, equal to in-memory on a crop.
test-big: deps
	HEATISLAND_BIG_RASTER=1 $(SWIFT) test $(RELEASE) --filter BigRasterTests

# libFuzzer harnesses (Tests/Fuzz, a package of its own) for the zones reader and raster opening,
# FUZZ_SECONDS each, starting from the committed seeds; new inputs gather in .fuzz/ (not committed).
# Each run's output goes to .fuzz/<harness>.log; besides crashes, the target fails when GDAL printed
# a message of its own ("ERROR 1: …"), which means a GDAL call ran outside our error handler.
# (lld: gold fails on the sanitizer runtime's symbols.)
FUZZ_SECONDS ?= 600
fuzz: deps
	cd Tests/Fuzz && $(SWIFT) build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld --scratch-path ../../.build-fuzz
	for h in Zones Raster; do \
		mkdir -p .fuzz/$$h .fuzz/$$h-crashes; \
		echo "fuzzing $$h for $(FUZZ_SECONDS) s (output in .fuzz/$$h.log)"; \
		ASAN_OPTIONS=detect_leaks=0 .build-fuzz/release/Fuzz$$h .fuzz/$$h Tests/Fuzz/Corpus/$$(echo $$h | tr A-Z a-z) \
			-max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -timeout=30 -artifact_prefix=.fuzz/$$h-crashes/ -print_final_stats=1 \
			> .fuzz/$$h.log 2>&1 || { tail -60 .fuzz/$$h.log; exit 1; }; \
		grep -E "^Done|stat::(number_of_executed_units|peak_rss_mb)" .fuzz/$$h.log; \
		if grep -qE "^(ERROR|Warning) [0-9]+:" .fuzz/$$h.log; then \
			grep -E "^(ERROR|Warning) [0-9]+:" .fuzz/$$h.log | sort | uniq -c | sort -rn | head; \
			echo "GDAL printed the messages above outside our error handler"; exit 1; \
		fi; \
	done

bench: deps
	cd Benchmarks && $(SWIFT) package $(ARCH_FLAGS) benchmark

# Peer comparisons on generated full-size scenes (never committed): GDAL/NumPy and gdalwarp,
# exactextract, xarray-spatial. Python peers live in venvs under .venv-*/ with pinned versions.
PY312        ?= $(or $(shell ls -d $$HOME/.pyenv/versions/3.12*/bin/python3 2>/dev/null | head -1),python3.12)
BENCH_DIR    ?= /tmp/heatisland-bench

.venv-peers/bin/python:
	python3 -m venv .venv-peers && .venv-peers/bin/pip install -q -r Benchmarks/requirements-peers.txt

.venv-xrspatial/bin/python:
	$(PY312) -m venv .venv-xrspatial && .venv-xrspatial/bin/pip install -q -r Benchmarks/requirements-xrspatial.txt

bench-compare: deps .venv-peers/bin/python .venv-xrspatial/bin/python
	$(SWIFT) build $(CLI_RELEASE) --product kranj-heat
	$(PYTHON_GDAL) Benchmarks/scripts/compare_spine.py --workdir $(BENCH_DIR) --binary "$$($(SWIFT) build $(CLI_RELEASE) --show-bin-path)/kranj-heat"
	$(PYTHON_GDAL) Benchmarks/scripts/compare_zonal.py --workdir $(BENCH_DIR) --exactextract-python .venv-peers/bin/python --binary "$$($(SWIFT) build $(CLI_RELEASE) --show-bin-path)/kranj-heat" \
		--early-libraries "$(GDAL_EARLY_LIBS)"
	$(PYTHON_GDAL) Benchmarks/scripts/compare_hotspots.py --workdir $(BENCH_DIR) --xrspatial-python .venv-xrspatial/bin/python \
		--radius 5 --radius 50 --square-radius 5 --square-radius 50 --skip-peer-above 5 --binary "$$($(SWIFT) build $(CLI_RELEASE) --show-bin-path)/kranj-heat"
	$(PYTHON_GDAL) Benchmarks/scripts/compare_districts.py --workdir $(BENCH_DIR) --esda-python .venv-peers/bin/python --binary "$$($(SWIFT) build $(CLI_RELEASE) --show-bin-path)/kranj-heat"
	$(PYTHON_GDAL) Benchmarks/scripts/write_report.py --workdir $(BENCH_DIR) --output docs/benchmarks.md

# The generator needs GDAL's Python bindings and NumPy from Debian (never a runtime dependency).
fixtures: deps
	@$(PYTHON_GDAL) -c "import osgeo.gdal, numpy" 2>/dev/null || \
		($(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-gdal python3-numpy)
	$(PYTHON_GDAL) Fixtures/generate.py

clean:
	rm -rf .build .build-asan .build-tsan .build-fuzz .fuzz $(OUT)
