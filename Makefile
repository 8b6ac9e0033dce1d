# mapline: run `make help` for the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

GO      ?= go
PORT    ?= 8080
DIST    := dist
GOROOT  := $(shell $(GO) env GOROOT)
BUILD   := .cache/build
WASM    := $(BUILD)/mapline.wasm
GO_SRC  := go.mod go.sum $(shell find geo wasm -name '*.go' -not -name '*_test.go') geo/basemap.bin
STATIC  := $(shell find site -type f -not -name '*.go' -not -path 'site/testdata/*')
DIST_GO := $(filter-out %_test.go,$(wildcard cmd/dist/*.go))
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)
WORLD_ATLAS := .cache/world-atlas

.PHONY: help build serve test size basemap axe chromium clean bench

help: ## show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-13s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: $(DIST)/embed.html ## build the site into dist/: hashed names, precompressed, ready for any static host or CDN

$(WASM): $(GO_SRC)
	@mkdir -p $(BUILD)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $@ ./wasm

# dist/ is made whole in a fresh directory (the pages, data/, wasm_exec.js, the
# wasm), turned by cmd/dist into hashed names and .br/.gz siblings, and only
# then put in place of the old one. dist/embed.html, rewritten by every run of
# cmd/dist, stands for the finished dist/. The compressed bytes are kept in
# $(BUILD)/compressed: an edit of a page does not recompress the wasm.
$(DIST)/embed.html: $(WASM) $(GOROOT)/lib/wasm/wasm_exec.js $(STATIC) $(DIST_GO)
	tmp=$(abspath $(DIST)).new.$$$$ && trap 'rm -rf "$$tmp"' EXIT && rm -rf "$$tmp" && mkdir -p "$$tmp" && \
	(cd site && find . -type f -not -name '*.go' -not -path './testdata/*' -exec cp --parents -t "$$tmp" {} +) && \
	cp $(WASM) $(GOROOT)/lib/wasm/wasm_exec.js "$$tmp"/ && \
	$(GO) run ./cmd/dist -cache $(BUILD)/compressed "$$tmp" && \
	rm -rf $(DIST) && mv -T "$$tmp" $(DIST)

serve: build ## build, then serve the demo at http://localhost:$(PORT)
	PORT=$(PORT) $(GO) run ./cmd/serve -dir $(DIST)

test: build chromium ## run every test: Go tests on the host, wasm vet, browser tests in headless Chromium
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm
	MAPLINE_DIST=$(CURDIR)/$(DIST) MAPLINE_CHROMIUM=$(CHROMIUM) $(GO) test -count=1 ./...

# The Go benchmarks' output goes into BENCHMARKS.md with the browser's figures.
GOBENCH := out/gobench.txt

bench: build chromium ## measure: Go benchmarks of geo, then the embed in headless Chromium (cmd/bench); rewrites BENCHMARKS.md (16 min on 2 busy cores, most of it the 100k-event story)
	@mkdir -p out
	$(GO) test ./geo -run '^$$' -bench . -benchmem -benchtime 300ms -count 1 | tee $(GOBENCH)
	$(GO) run ./cmd/bench -dist $(DIST) -chromium $(CHROMIUM) -gobench $(GOBENCH) -json out/bench.json -md BENCHMARKS.md -command "make bench"

size: $(WASM) ## print the wasm's raw, gzip -9 and brotli -q 11 sizes (brotli takes about a minute)
	$(GO) run ./cmd/size $(WASM)

basemap: ## regenerate geo/basemap.bin from Natural Earth (world-atlas 2.0.2, needs npm)
	mkdir -p $(WORLD_ATLAS)
	npm install --no-save --no-package-lock --prefix $(WORLD_ATLAS) world-atlas@2.0.2
	$(GO) run ./cmd/basemap -in $(WORLD_ATLAS)/node_modules/world-atlas -out geo/basemap.bin

axe: ## refresh the vendored axe-core used by the accessibility test (needs npm)
	rm -rf .cache/axe && mkdir -p .cache/axe
	cd .cache/axe && npm pack axe-core@4 >/dev/null && tar xzf axe-core-*.tgz
	cp .cache/axe/package/axe.min.js .cache/axe/package/LICENSE site/testdata/axe/

chromium: ## make sure headless Chromium is there (installs Debian's package when it can; never in CI)
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	if [ "$$CI" = true ]; then echo "chromium is missing: .ci/run installs it with  apt-get install -y chromium" >&2; exit 1; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "chromium is missing: run  sudo apt-get install -y chromium" >&2; exit 1; fi

clean: ## remove build output
	rm -rf $(DIST) $(DIST).new.* $(BUILD)
