package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata/")

// run is the figures of one run of a story, from which a fixture makes
// the loadRun and frameRun a measurement would.
type run struct {
	fp, ready, parse, index float64
	wasmKB                  int64
	p95                     float64 // of every act
	idleBusy                float64
	idleFrames              int
	interval, step          float64 // p95 of frame intervals and of scrub steps
	busy                    float64 // main thread busy in every act, if not 0
	notReady                bool
}

func (r run) load() loadRun {
	b := map[string]int64{"html": 9000, "css": 4000, "js": 12000, "wasm": r.wasmKB * 1000, "story": 3000, "other": 500}
	var all int64
	for _, n := range b {
		all += n
	}
	b["all"] = all
	before := map[string]int64{"html": 9000, "css": 4000, "js": 12000, "all": 25000}
	return loadRun{FP: r.fp, FCP: r.fp + 4, Ready: r.ready, NotReady: r.notReady, Fetch: 20, Parse: r.parse, Index: r.index, Controls: 35,
		BytesBeforeFP: before, BytesTotal: b}
}

func (r run) frames() frameRun {
	fr := frameRun{Idle: idleRun{Seconds: 5.01, Frames: r.idleFrames, Draws: r.idleFrames / 2, Busy: r.idleBusy, Script: r.idleBusy / 2},
		Acts: map[string]actRun{}}
	for i, a := range actNames {
		fr.Acts[a] = actRun{Inputs: 150 + i*10, Seconds: 3.1, Frames: 140 + i, Draws: 130 + i,
			Intervals: 180, IntervalP50: 16.7, IntervalP95: r.interval,
			P50: r.p95 / 2, P95: r.p95, P99: r.p95 * 1.2, Max: r.p95 * 1.5, Busy: 0.4 + float64(i)/10,
			Script: 1.5, Style: 0.25, Layout: 0.125}
		if r.busy > 0 {
			ar := fr.Acts[a]
			ar.Busy = r.busy
			fr.Acts[a] = ar
		}
		if a == "scrub" {
			ar := fr.Acts[a]
			ar.StepP50, ar.StepP95 = r.step/2, r.step
			fr.Acts[a] = ar
		}
	}
	return fr
}

// fixture is a report as a run of the given stories makes it, the figures
// of each run given; mem adds the memory runs, growing by grow bytes of
// wasm memory over the scrubbing.
func fixture(runs map[string][]run, order []string, mem bool, grow float64) *report {
	return fixtureWith(runs, order, mem, grow, nil, nil)
}

// fixtureWith is fixture with the peers' runs (by page, then story) and
// the bare game's loads (local, then 4G) besides.
func fixtureWith(runs map[string][]run, order []string, mem bool, grow float64, peers map[string]map[string][]run, bareRuns []run) *report {
	rep := &report{
		Date:     "2026-12-01T10:00:00Z",
		Command:  "make bench",
		Args:     "go run ./cmd/bench -dist dist -md BENCHMARKS.md",
		LoadAvg:  []string{"1.00 0.80 0.50", "2.10 1.20 0.70"},
		Machine:  machineInfo{CPU: "Test CPU @ 2.0GHz", Nproc: 2, OS: "linux/amd64", Go: "go1.26.8", Chromium: "Chromium 156.0.0.0 built on Debian"},
		Viewport: "1280×800 CSS px, device pixel ratio 1",
		FourG:    fourGText,
		Seconds:  412.4,
		GoBench:  "BenchmarkRender-2   1000   1200000 ns/op   0 B/op   0 allocs/op\n",
	}
	sizes := map[string]storyInfo{"demo": {Name: "demo"},
		"10k":  {Name: "10k", Events: 10000, Sites: 2000, Bytes: 3_400_000, Gzip: 610_000},
		"100k": {Name: "100k", Events: 100000, Sites: 5000, Bytes: 34_100_000, Gzip: 6_050_000}}
	for _, name := range order {
		rep.Stories = append(rep.Stories, sizes[name])
		lr, fr := loadResult{Story: name, Network: "local"}, frameResult{Story: name}
		for _, r := range runs[name] {
			lr.Runs = append(lr.Runs, r.load())
			fr.Runs = append(fr.Runs, r.frames())
		}
		lr.summarize()
		fr.summarize()
		rep.Loads = append(rep.Loads, lr)
		rep.Frames = append(rep.Frames, fr)
		for _, p := range allPeers {
			pr, ok := peers[p.Name][name]
			if !ok {
				continue
			}
			lr, fr := loadResult{Page: p.Name, Story: name, Network: "local"}, frameResult{Page: p.Name, Story: name}
			for _, r := range pr {
				lr.Runs = append(lr.Runs, r.load())
				if !r.notReady {
					fr.Runs = append(fr.Runs, r.frames())
				}
			}
			lr.summarize()
			fr.summarize()
			rep.Loads = append(rep.Loads, lr)
			rep.Frames = append(rep.Frames, fr)
		}
		if name == "demo" {
			g := loadResult{Story: name, Network: "4G"}
			for _, r := range runs[name] {
				r.fp, r.ready = r.fp*6, r.ready*5
				g.Runs = append(g.Runs, r.load())
			}
			g.summarize()
			rep.Loads = append(rep.Loads, g)
		}
		if mem && (name == "demo" || name == order[len(order)-1]) {
			m := memResult{Story: name, Duration: "1m0s", Inputs: 3600,
				Load: memSample{JSHeap: 4.2e6, Wasm: 60e6, GoHeapAlloc: 20e6}}
			for q := range 4 {
				m.Samples = append(m.Samples, memSample{JSHeap: 4.4e6, Wasm: 62e6 + grow*float64(q)/3, GoHeapAlloc: 21e6})
			}
			m.Scrubbed = m.Samples[3]
			rep.Memory = append(rep.Memory, m)
		}
	}
	if len(peers) > 0 {
		rep.Peers = map[string]string{"leaflet": "1.9.4", "timedimension": "1.1.1", "maplibre": "5.24.1"}
	}
	if bareRuns != nil {
		for _, net := range []string{"local", "4G"} {
			l := loadResult{Page: bare.Name, Story: "none", Network: net}
			for _, r := range bareRuns {
				if net == "4G" {
					r.fp, r.ready = r.fp*6, r.ready*5
				}
				l.Runs = append(l.Runs, r.load())
			}
			l.summarize()
			rep.Loads = append(rep.Loads, l)
		}
	}
	rep.targets()
	return rep
}

var (
	fast = []run{
		{fp: 120, ready: 900, parse: 8, index: 12, wasmKB: 2440, p95: 3.5, idleBusy: 0.0002, interval: 16.7, step: 40, busy: 0.2},
		{fp: 110, ready: 950, parse: 9, index: 11, wasmKB: 2440, p95: 3.9, idleBusy: 0.0003, interval: 16.9, step: 45, busy: 0.25},
		{fp: 130, ready: 870, parse: 7, index: 13, wasmKB: 2440, p95: 3.1, idleBusy: 0.0001, interval: 16.6, step: 35},
	}
	big = []run{
		{fp: 120, ready: 2100, parse: 700, index: 300, wasmKB: 2440, p95: 6.5, idleBusy: 0.0004, interval: 16.8, step: 90},
		{fp: 125, ready: 2300, parse: 760, index: 320, wasmKB: 2440, p95: 7.5, idleBusy: 0.0005, interval: 16.9, step: 95},
	}
	slow = []run{
		{fp: 300, ready: 4100, parse: 1400, index: 500, wasmKB: 2440, p95: 21, idleBusy: 0.03, idleFrames: 12, interval: 50, step: 230, busy: 0.9},
		{fp: 320, ready: 4300, parse: 1300, index: 450, wasmKB: 2440, p95: 19, idleBusy: 0.02, idleFrames: 0, interval: 67, step: 250, busy: 0.8},
	}
	// The peers' runs: Leaflet, and MapLibre, whose 10k scrub step is the
	// yardstick of mapline's.
	leafletRuns = map[string][]run{
		"demo": {{fp: 90, ready: 400, interval: 16.7, step: 20, idleBusy: 0.0001, busy: 0.12}, {fp: 95, ready: 450, interval: 16.7, step: 22, idleBusy: 0.0002, busy: 0.14}},
		"10k":  {{fp: 90, ready: 6000, interval: 33, step: 250, idleBusy: 0.0001}, {fp: 95, ready: 7000, interval: 40, step: 290, idleBusy: 0.0002}},
		"100k": {{fp: 90, ready: 60000, notReady: true}, {fp: 95, ready: 45000, interval: 200, step: 1400, idleBusy: 0.0004}},
	}
	maplibreRuns = map[string][]run{
		"demo": {{fp: 100, ready: 1200, interval: 33, step: 60, idleBusy: 0.0004}, {fp: 105, ready: 1400, interval: 50, step: 70, idleBusy: 0.0005}},
		"10k":  {{fp: 100, ready: 1800, interval: 40, step: 100, idleBusy: 0.0004}, {fp: 105, ready: 2200, interval: 50, step: 110, idleBusy: 0.0005}},
		"100k": {{fp: 100, ready: 5500, interval: 60, step: 550, idleBusy: 0.0004}, {fp: 105, ready: 6000, interval: 67, step: 630, idleBusy: 0.0005}},
	}
	peerRuns = map[string]map[string][]run{"leaflet": leafletRuns, "maplibre": maplibreRuns}
	bareFast = []run{{fp: 60, ready: 800}, {fp: 70, ready: 820}}
	bareSlow = []run{{fp: 60, ready: 300}, {fp: 70, ready: 320}}
)

// withWasm gives a fixture the wasm's and the bare games' brotli sizes.
func withWasm(rep *report, s wasmSizes) *report {
	rep.Wasm = &s
	rep.Targets = nil
	rep.targets()
	return rep
}

// TestReport writes the report of each case and compares it with
// testdata/CASE.md; go test ./cmd/bench -run TestReport -update rewrites
// them (read the diff: it is what make bench will write to BENCHMARKS.md).
func TestReport(t *testing.T) {
	for _, tc := range []struct {
		name string
		rep  *report
		met  []bool // of the targets, in order
	}{
		// Targets: idle; ready against the bare game, local and 4G; demo pan
		// intervals and busy against Leaflet; 10k and 100k scrub steps
		// against MapLibre's 10k; demo zoom intervals; the wasm's size
		// against the bare game's; 100k load and index; memory.
		{"all-targets-met", withWasm(fixtureWith(map[string][]run{"demo": {fast[0], fast[1]}, "10k": fast[1:], "100k": big}, []string{"demo", "10k", "100k"}, true, 0.2e6, peerRuns, bareFast), wasmSizes{1757246, 1748471, 1301458}),
			[]bool{true, true, true, true, true, true, true, true, true, true, true}},
		{"targets-missed", withWasm(fixtureWith(map[string][]run{"demo": slow, "10k": slow, "100k": slow}, []string{"demo", "10k", "100k"}, true, 5e6, peerRuns, bareSlow), wasmSizes{Mapline: 2175967, Bare: 1748471}),
			[]bool{false, false, false, false, false, false, false, false, false, false, false}},
		// A run without the peers and the bare game (-peers '' -bare ''):
		// no ready, no scrub against MapLibre, no wasm budget.
		{"demo-only-no-memory", fixture(map[string][]run{"demo": fast[:1]}, []string{"demo"}, false, 0),
			[]bool{true, true, true, false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var met []bool
			for _, g := range tc.rep.Targets {
				met = append(met, g.Met)
			}
			if !slices.Equal(met, tc.met) {
				t.Errorf("targets met %v, want %v:\n%+v", met, tc.met, tc.rep.Targets)
			}
			dir := t.TempDir()
			md, js := filepath.Join(dir, "BENCHMARKS.md"), filepath.Join(dir, "out", "bench.json")
			var stdout bytes.Buffer
			if err := tc.rep.write(&stdout, js, md); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(md)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(got, stdout.Bytes()) || !strings.HasPrefix(stdout.String(), "### ") {
				t.Errorf("the printed tables are not the report's:\n%s", stdout.String())
			}
			golden := filepath.Join("testdata", tc.name+".md")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test ./cmd/bench -run TestReport -update writes it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("the report differs from %s (go test ./cmd/bench -run TestReport -update, then read the diff):\n%s", golden, firstDiff(got, want))
			}

			// -from: the JSON read back writes the same report.
			again, err := readReport(js)
			if err != nil {
				t.Fatal(err)
			}
			md2 := filepath.Join(dir, "again.md")
			if err := again.write(&bytes.Buffer{}, "", md2); err != nil {
				t.Fatal(err)
			}
			if got2, _ := os.ReadFile(md2); !bytes.Equal(got2, got) {
				t.Errorf("the report written again from its JSON differs:\n%s", firstDiff(got2, got))
			}
		})
	}
}

func TestReadReportErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"loads": 3}`), 0o644)
	for _, tc := range []struct{ name, file, want string }{
		{"missing", filepath.Join(dir, "none.json"), "none.json"},
		{"not-a-report", bad, "bad.json: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := readReport(tc.file); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("readReport(%s): error %v, want one naming %q", tc.file, err, tc.want)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	for _, tc := range []struct {
		name string
		xs   []float64
		want stat
	}{
		{"none", nil, stat{}},
		{"one", []float64{7}, stat{7, 7, 7}},
		{"odd-unsorted", []float64{9, 1, 4}, stat{4, 1, 9}},
		{"even-mean-of-middle", []float64{10, 2, 4, 8}, stat{6, 2, 10}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := summarize(tc.xs); got != tc.want {
				t.Errorf("summarize(%v) = %+v, want %+v", tc.xs, got, tc.want)
			}
		})
	}
}

func TestPct(t *testing.T) {
	twenty := make([]float64, 20)
	for i := range twenty {
		twenty[i] = float64(20 - i) // 20 … 1
	}
	for _, tc := range []struct {
		name string
		xs   []float64
		p    float64
		want float64
	}{
		{"none", nil, 95, 0},
		{"one", []float64{3}, 50, 3},
		{"p50-of-twenty", twenty, 50, 10},
		{"p95-of-twenty", twenty, 95, 19},
		{"p99-rounds-to-the-last", twenty, 99, 20},
		{"max", twenty, 100, 20},
		{"p0-is-the-least", twenty, 0, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := pct(tc.xs, tc.p); got != tc.want {
				t.Errorf("pct(%v, %g) = %g, want %g", tc.xs, tc.p, got, tc.want)
			}
		})
	}
}

func TestKind(t *testing.T) {
	for _, tc := range []struct {
		name, url string
		typ       network.ResourceType
		want      string
	}{
		{"page", "http://127.0.0.1:1/embed.html?data=x", network.ResourceTypeDocument, "html"},
		{"document-without-extension", "http://127.0.0.1:1/", network.ResourceTypeDocument, "html"},
		{"hashed-wasm", "http://127.0.0.1:1/mapline.0123456789.wasm", network.ResourceTypeFetch, "wasm"},
		{"script-with-query", "http://127.0.0.1:1/frame.0123456789.js?v=1#x", network.ResourceTypeScript, "js"},
		{"style", "http://127.0.0.1:1/embed.0123456789.css", network.ResourceTypeStylesheet, "css"},
		{"story", "http://127.0.0.1:1/bench/10k.geojson", network.ResourceTypeFetch, "story"},
		{"image", "http://127.0.0.1:1/icon", network.ResourceTypeImage, "image"},
		{"font", "http://127.0.0.1:1/f.woff2", network.ResourceTypeFont, "font"},
		{"basemap", "http://127.0.0.1:1/basemap.0123456789.bin", network.ResourceTypeFetch, "other"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := kind(tc.url, tc.typ); got != tc.want {
				t.Errorf("kind(%s, %s) = %s, want %s", tc.url, tc.typ, got, tc.want)
			}
		})
	}
}

func TestPickStories(t *testing.T) {
	for _, tc := range []struct{ name, names, want string }{
		{"default", "demo,10k,100k", "demo 10k 100k"},
		{"in-the-bench-order", "100k,demo", "demo 100k"},
		{"unknown-ignored", "demo,1m", "demo"},
		{"none", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range pickStories(tc.names) {
				got = append(got, s.Name)
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("pickStories(%q) = %q, want %q", tc.names, got, tc.want)
			}
		})
	}
	// Each pick is a story of its own: generating it leaves allStories alone.
	s := pickStories("10k")[0]
	s.generate()
	if allStories[1].raw != nil || s.path != "/bench/10k.geojson" || len(s.gz) == 0 || len(s.gz) >= len(s.raw) {
		t.Errorf("generate: path %q, %d bytes, %d gzip; allStories touched: %v", s.path, len(s.raw), len(s.gz), allStories[1].raw != nil)
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n got  %s\n want %s", i+1, a, b)
		}
	}
	return ""
}
