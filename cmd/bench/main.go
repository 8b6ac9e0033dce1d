// Command bench measures mapline in headless Chromium: what the embed
// transfers before its first paint and in total, how soon it paints and is
// ready (on a fast local network and on a throttled 4G-like one), what the
// reader waits for while a script pans, zooms and scrubs the timeline (the
// intervals between animation frames, each scrub step from the input to the
// frame on screen) beside the main-thread work of the map's own frames, how
// busy it keeps the main thread while idle, and its memory after load and
// after a minute of scrubbing. Stories: the demo and
// generated stories (geo/synth, seed 1) of 10,000 and 100,000 events.
//
// It prints a table, writes the figures as JSON (-json) and rewrites
// BENCHMARKS.md (-md) with them, the Go benchmarks' output (-gobench), the
// date, the machine and the command. make bench runs it after the Go
// benchmarks:
//
//	make build
//	go test ./geo ./geo/convert ./geo/raster -run '^$' -bench . -benchmem > out/gobench.txt
//	go run ./cmd/bench -dist dist -gobench out/gobench.txt
//
// Every figure comes from a run; nothing is typed in.
//
// To see where the time of the frames goes, -profile DIR records a CPU
// profile of each load (from navigation to ready: LOAD-PAGE-STORY-NET-RUN;
// the profiler slows the load, so its ready times are not the figures to
// quote) and of each pan, zoom and scrub (DevTools and speedscope open the
// .cpuprofile files) and prints the top functions by self and total time,
// the CPU time each of Chromium's processes spent (under SwiftShader the GPU
// process's is the drawing), and the longest frames with what filled them;
// -trace adds Chromium's performance trace (ui.perfetto.dev opens it), which
// shows what the main thread waits for besides script. The built wasm is
// linked with -s, without the names of its functions: -wasm serves another
// build in its place, one linked without -s. Every load also logs its
// steps: the page's performance marks and measures named mapline:… (the
// wasm's start, the story's fetch and parse, the first frame with the
// story, …), in ms from navigation start.
//
//	GOOS=js GOARCH=wasm go build -trimpath -o /tmp/named.wasm ./wasm
//	go run ./cmd/bench -stories 10k -runs 1 -scrub 0 -md '' -json /tmp/b.json -wasm /tmp/named.wasm -profile /tmp/profile
//
// Beside mapline it measures its peers by the same method on the same
// stories (peers.go: Leaflet with Leaflet.TimeDimension, and MapLibre GL
// JS, their libraries from npm), and the first frame of a bare Ebitengine
// game (cmd/size/bare), the yardstick of mapline's ready time.
//
// The code: main.go reads the flags; serve.go serves the site and the
// stories; peers.go the peers' pages (peers/) and the bare game; browser.go drives a tab (Chromium itself starts through
// internal/browser, as in the browser tests); measure.go measures the
// loads, frames and memory; import.go runs mapline import and render (no
// browser: -import-only runs them alone); studio.go times studio.html from a
// sheet of the 10k story's events given to it to its problems listed and its
// preview drawn; explore.go the search of a large story (a keystroke to the
// map and the list updated); tiles.go the basemap tiles (the opening view's
// bytes, a pan's and a zoom's time to their tiles drawn); report.go summarizes them and writes the tables,
// BENCHMARKS.md and the JSON (compare.go: the side-by-side tables); profile.go is -profile. The report is
// checked against testdata/*.md (go test ./cmd/bench; -update rewrites them).
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	headless "mapline/internal/browser"
)

// main reads the flags, measures (measure.go, in Chromium through
// browser.go, the site served by serve.go) and writes the report
// (report.go).
func main() {
	var (
		dist      = flag.String("dist", "dist", "the built site (make build)")
		exe       = flag.String("chromium", headless.Exe(), "headless Chromium")
		runs      = flag.Int("runs", 3, "runs per story (and loads of the demo on the 4G-like network)")
		act       = flag.Duration("act", 2500*time.Millisecond, "how long each of pan, zoom and scrub goes on")
		idle      = flag.Duration("idle", 10*time.Second, "how long the map stays idle while measured")
		scrub     = flag.Duration("scrub", time.Minute, "how long the memory run scrubs (0: no memory run)")
		jsonOut   = flag.String("json", "out/bench.json", "where to write the figures as JSON")
		mdOut     = flag.String("md", "BENCHMARKS.md", "where to write the report ('' for none)")
		gobench   = flag.String("gobench", "", "output of go test -bench to put in the report")
		command   = flag.String("command", "", "the command to name in the report (default: this one's arguments)")
		width     = flag.Int64("width", 1280, "viewport width, CSS px")
		height    = flag.Int64("height", 800, "viewport height, CSS px")
		only      = flag.String("stories", "demo,10k,100k", "the stories to measure")
		from      = flag.String("from", "", "measure nothing: write the report again from this JSON file of an earlier run")
		profDir   = flag.String("profile", "", "record a CPU profile of each load (load-PAGE-STORY-NET-RUN.cpuprofile) and each pan, zoom and scrub into this directory (STORY-ACT-RUN.cpuprofile) and print its top functions; build the wasm without -s to see Go names")
		trace     = flag.Bool("trace", false, "with -profile, also record Chromium's performance trace of each (STORY-ACT-RUN.trace.json) and print its main thread's top events")
		top       = flag.Int("top", 25, "with -profile, how many functions (and trace events) to print")
		peers     = flag.String("peers", "leaflet,maplibre", "the peers to measure beside mapline ('' for none)")
		peerLib   = flag.String("peer-lib", ".cache/peers/node_modules", "the peers' npm packages (make bench installs them)")
		bareWasm  = flag.String("bare", ".cache/build/bare.wasm", "the bare Ebitengine game (cmd/size/bare, built by make bench) whose first frame mapline's ready is measured against ('' for none)")
		bareAlike = flag.String("bare-alike", "", "the bare game linked as the wasm is (make size's .cache/build/bare-alike.wasm): the wasm's size is compared with it too")
		wasmFile  = flag.String("wasm", "", "serve this wasm in place of the built one (a build linked without -s keeps the function names -profile shows)")
		imp       = flag.Bool("import", true, "also measure mapline import of a 100,000-row sheet and mapline render's PNG of the 10k story (import.go)")
		impOnly   = flag.Bool("import-only", false, "measure only the import and the PNG poster (no browser) and print their table")
		explore   = flag.String("explore", "out/bench-explore.json", "where to write the search's figures as JSON (explore.go; '' to skip the search)")
		exOnly    = flag.Bool("explore-only", false, "measure only the search (explore.go), and add its table to -md")
		tilesOut  = flag.String("tiles", "out/bench-tiles.json", "where to write the basemap tiles' figures as JSON (tiles.go; '' to skip them)")
		tlOnly    = flag.Bool("tiles-only", false, "measure only the basemap tiles (tiles.go), and add their table to -md")
	)
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("bench: ")
	if *impOnly {
		r, err := measureImport(*runs)
		if err != nil {
			log.Fatal(err)
		}
		r.table(os.Stdout)
		return
	}
	if *from != "" {
		rep, err := readReport(*from)
		if err != nil {
			log.Fatal(err)
		}
		if err := rep.write(os.Stdout, "", *mdOut); err != nil {
			log.Fatal(err)
		}
		return
	}
	cfg := config{
		dist: *dist, chromium: *exe, wasm: *wasmFile,
		stories: pickStories(*only), runs: *runs,
		peers: pickPeers(*peers), peerLib: *peerLib, bareWasm: *bareWasm,
		act: *act, idle: *idle, scrub: *scrub,
		viewport: [2]int64{*width, *height},
		command:  *command,
		args:     "go run ./cmd/bench " + strings.Join(os.Args[1:], " "),
	}
	if len(cfg.stories) == 0 || cfg.runs < 1 {
		log.Fatal("nothing to measure")
	}
	if _, err := os.Stat(filepath.Join(cfg.dist, "embed.html")); err != nil {
		log.Fatalf("no built site in %s: run make build", cfg.dist)
	}
	if cfg.command == "" {
		cfg.command = cfg.args
	}
	if *profDir != "" {
		cfg.rec = &recorder{dir: *profDir, trace: *trace, top: *top, out: os.Stdout}
	}

	if *tlOnly {
		rs, err := measureTiles(cfg)
		if err == nil {
			err = writeTiles(os.Stdout, rs, *mdOut, *tilesOut)
		}
		if err != nil {
			log.Fatal(err)
		}
		return
	}
	if *exOnly {
		rs, err := measureExplore(cfg)
		if err == nil {
			err = writeExplore(os.Stdout, rs, *mdOut, *explore)
		}
		if err != nil {
			log.Fatal(err)
		}
		return
	}
	rep, err := measure(cfg)
	if err != nil {
		log.Fatal(err)
	}
	if *imp {
		if rep.Import, err = measureImport(cfg.runs); err != nil {
			log.Fatal(err)
		}
	}
	if cfg.bareWasm != "" {
		if rep.Wasm, err = measureWasm(cfg, *bareAlike); err != nil {
			log.Fatal(err)
		}
	}
	if *gobench != "" {
		g, err := os.ReadFile(*gobench)
		if err != nil {
			log.Fatal(err)
		}
		rep.GoBench = string(g)
	}
	rep.targets()
	if err := rep.write(os.Stdout, *jsonOut, *mdOut); err != nil {
		log.Fatal(fmt.Errorf("writing the report: %v", err))
	}
	if *explore != "" {
		rs, err := measureExplore(cfg)
		if err == nil {
			err = writeExplore(os.Stdout, rs, *mdOut, *explore)
		}
		if err != nil {
			log.Fatal(fmt.Errorf("the search: %v", err))
		}
	}
	if *tilesOut != "" {
		rs, err := measureTiles(cfg)
		if err == nil {
			err = writeTiles(os.Stdout, rs, *mdOut, *tilesOut)
		}
		if err != nil {
			log.Fatal(fmt.Errorf("the tiles: %v", err))
		}
	}
}
