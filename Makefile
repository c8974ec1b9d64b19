# Two commands matter on a fresh Debian/Ubuntu box: `make demo` and `make test`.
# Both install the system libraries first (GDAL and PROJ come from the distribution).

SWIFT        ?= swift
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# chromium renders report.html in a headless screenshot test.
APT_PACKAGES := libgdal-dev libproj-dev gdal-bin libcairo2-dev chromium
PYTHON_GDAL  ?= /usr/bin/python3
OUT          ?= out
# Release builds of the CLI and benchmarks use AVX2 when the CPU has it (about twice the SIMD
# throughput of the x86-64 baseline); the library manifest itself carries no such flags.
ARCH_FLAGS   ?= $(shell grep -qw avx2 /proc/cpuinfo 2>/dev/null && echo "-Xcc -march=x86-64-v3")
RELEASE      := -c release $(ARCH_FLAGS)

.PHONY: deps build demo test test-asan test-tsan bench bench-compare fixtures clean

deps:
	@if ! pkg-config --exists gdal cairo 2>/dev/null || ! command -v gdalwarp >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then \
		echo "Installing $(APT_PACKAGES) with apt"; \
		$(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $(APT_PACKAGES) pkg-config; \
	fi

build: deps
	$(SWIFT) build

demo: deps
	$(SWIFT) build $(RELEASE) --product kranj-heat
	"$$($(SWIFT) build $(RELEASE) --show-bin-path)/kranj-heat" demo --output $(OUT)

test: deps
	$(SWIFT) test --parallel

# Sanitizer runs of the whole test suite, in their own build directories. LeakSanitizer is off:
# the only leaks it reports are inside Foundation's Process and XCTest's runner (64 bytes).
test-asan: deps
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --sanitize=address --scratch-path .build-asan

test-tsan: deps
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan

bench: deps
	cd Benchmarks && $(SWIFT) package $(ARCH_FLAGS) benchmark

# Times loading and reprojection of a generated full-size scene against GDAL peers.
bench-compare: deps
	$(SWIFT) build $(RELEASE) --product kranj-heat
	$(PYTHON_GDAL) Benchmarks/scripts/compare_spine.py

# The generator needs GDAL's Python bindings and NumPy from Debian (never a runtime dependency).
fixtures: deps
	@$(PYTHON_GDAL) -c "import osgeo.gdal, numpy" 2>/dev/null || \
		($(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-gdal python3-numpy)
	$(PYTHON_GDAL) Fixtures/generate.py

clean:
	rm -rf .build .build-asan .build-tsan $(OUT)
