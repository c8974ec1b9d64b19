# Two commands matter on a fresh Debian/Ubuntu box: `make demo` and `make test`.
# Both install the system libraries first (GDAL and PROJ come from the distribution).

SWIFT        ?= swift
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libgdal-dev libproj-dev gdal-bin
PYTHON_GDAL  ?= /usr/bin/python3
OUT          ?= out

.PHONY: deps build demo test bench fixtures clean

deps:
	@if ! pkg-config --exists gdal 2>/dev/null || ! command -v gdalwarp >/dev/null 2>&1; then \
		echo "Installing $(APT_PACKAGES) with apt"; \
		$(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $(APT_PACKAGES) pkg-config; \
	fi

build: deps
	$(SWIFT) build

demo: deps
	$(SWIFT) build -c release --product kranj-heat
	mkdir -p $(OUT)
	$(SWIFT) run -c release kranj-heat demo --output $(OUT)

test: deps
	$(SWIFT) test --parallel

bench: deps
	cd Benchmarks && $(SWIFT) package benchmark

fixtures:
	$(PYTHON_GDAL) Fixtures/generate.py

clean:
	rm -rf .build $(OUT)
