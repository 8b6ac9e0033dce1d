package main

// The report: the figures of a run summarized over its runs, compared with
// the targets, and written as Markdown tables (printed, and in BENCHMARKS.md
// with how to read them) and as JSON (out/bench.json, which -from reads
// back).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// A stat is the median, the minimum and the maximum over runs.
type stat struct {
	Median float64 `json:"median"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
}

func summarize(xs []float64) stat {
	if len(xs) == 0 {
		return stat{}
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	med := s[len(s)/2]
	if len(s)%2 == 0 {
		med = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return stat{med, s[0], s[len(s)-1]}
}

type loadResult struct {
	Page    string          `json:"page,omitempty"` // "" is mapline (a report of before the peers)
	Story   string          `json:"story"`
	Network string          `json:"network"`
	Runs    []loadRun       `json:"runs"`
	Summary map[string]stat `json:"summary"`
}

func (lr *loadResult) summarize() {
	lr.Summary = map[string]stat{}
	get := func(f func(loadRun) float64) stat {
		var xs []float64
		for _, r := range lr.Runs {
			xs = append(xs, f(r))
		}
		return summarize(xs)
	}
	lr.Summary["firstPaint"] = get(func(r loadRun) float64 { return r.FP })
	lr.Summary["firstContentfulPaint"] = get(func(r loadRun) float64 { return r.FCP })
	lr.Summary["ready"] = get(func(r loadRun) float64 { return r.Ready })
	lr.Summary["notReady"] = get(func(r loadRun) float64 {
		if r.NotReady {
			return 1
		}
		return 0
	})
	lr.Summary["storyFetch"] = get(func(r loadRun) float64 { return r.Fetch })
	lr.Summary["storyParse"] = get(func(r loadRun) float64 { return r.Parse })
	lr.Summary["storyIndex"] = get(func(r loadRun) float64 { return r.Index })
	lr.Summary["storyControls"] = get(func(r loadRun) float64 { return r.Controls })
	lr.Summary["storyLoadIndex"] = get(func(r loadRun) float64 { return r.Parse + r.Index })
	kinds := map[string]bool{}
	for _, r := range lr.Runs {
		for k := range r.BytesTotal {
			kinds[k] = true
		}
	}
	for k := range kinds {
		lr.Summary["bytesBeforeFirstPaint."+k] = get(func(r loadRun) float64 { return float64(r.BytesBeforeFP[k]) })
		lr.Summary["bytesTotal."+k] = get(func(r loadRun) float64 { return float64(r.BytesTotal[k]) })
	}
}

type frameResult struct {
	Page    string          `json:"page,omitempty"` // "" is mapline
	Story   string          `json:"story"`
	Runs    []frameRun      `json:"runs"`
	Summary map[string]stat `json:"summary"`
}

func (fr *frameResult) summarize() {
	fr.Summary = map[string]stat{}
	get := func(f func(frameRun) float64) stat {
		var xs []float64
		for _, r := range fr.Runs {
			xs = append(xs, f(r))
		}
		return summarize(xs)
	}
	fr.Summary["idle.busy"] = get(func(r frameRun) float64 { return r.Idle.Busy })
	fr.Summary["idle.script"] = get(func(r frameRun) float64 { return r.Idle.Script })
	fr.Summary["idle.frames"] = get(func(r frameRun) float64 { return float64(r.Idle.Frames) })
	fr.Summary["idle.draws"] = get(func(r frameRun) float64 { return float64(r.Idle.Draws) })
	for _, a := range actNames {
		fr.Summary[a+".p50"] = get(func(r frameRun) float64 { return r.Acts[a].P50 })
		fr.Summary[a+".p95"] = get(func(r frameRun) float64 { return r.Acts[a].P95 })
		fr.Summary[a+".p99"] = get(func(r frameRun) float64 { return r.Acts[a].P99 })
		fr.Summary[a+".max"] = get(func(r frameRun) float64 { return r.Acts[a].Max })
		fr.Summary[a+".frames"] = get(func(r frameRun) float64 { return float64(r.Acts[a].Frames) })
		fr.Summary[a+".inputs"] = get(func(r frameRun) float64 { return float64(r.Acts[a].Inputs) })
		fr.Summary[a+".busy"] = get(func(r frameRun) float64 { return r.Acts[a].Busy })
		fr.Summary[a+".script"] = get(func(r frameRun) float64 { return r.Acts[a].Script })
		fr.Summary[a+".style"] = get(func(r frameRun) float64 { return r.Acts[a].Style })
		fr.Summary[a+".layout"] = get(func(r frameRun) float64 { return r.Acts[a].Layout })
		fr.Summary[a+".intervals"] = get(func(r frameRun) float64 { return float64(r.Acts[a].Intervals) })
		fr.Summary[a+".interval.p50"] = get(func(r frameRun) float64 { return r.Acts[a].IntervalP50 })
		fr.Summary[a+".interval.p95"] = get(func(r frameRun) float64 { return r.Acts[a].IntervalP95 })
		fr.Summary[a+".step.p50"] = get(func(r frameRun) float64 { return r.Acts[a].StepP50 })
		fr.Summary[a+".step.p95"] = get(func(r frameRun) float64 { return r.Acts[a].StepP95 })
	}
}

var actNames = []string{"pan", "zoom", "scrub"}

type storyInfo struct {
	Name   string `json:"name"`
	Events int    `json:"events"`
	Sites  int    `json:"sites"`
	Bytes  int    `json:"bytes"`
	Gzip   int    `json:"gzipBytes"`
}

type machineInfo struct {
	CPU      string `json:"cpu"`
	Nproc    int    `json:"nproc"`
	OS       string `json:"os"`
	Go       string `json:"go"`
	Chromium string `json:"chromium"`
}

type target struct {
	Goal    string `json:"goal"`
	Measure string `json:"measure"`
	Met     bool   `json:"met"`
}

type report struct {
	Date     string            `json:"date"`
	Command  string            `json:"command"`
	Args     string            `json:"browserCommand"`
	LoadAvg  []string          `json:"loadAverage"` // /proc/loadavg at the start and the end
	Machine  machineInfo       `json:"machine"`
	Viewport string            `json:"viewport"`
	FourG    string            `json:"throttledNetwork"`
	Seconds  float64           `json:"seconds"`
	Stories  []storyInfo       `json:"stories"`
	Loads    []loadResult      `json:"loads"`
	Frames   []frameResult     `json:"frames"`
	Memory   []memResult       `json:"memory"`
	Studio   *studioResult     `json:"studio,omitempty"` // studio.go
	Targets  []target          `json:"targets"`
	Peers    map[string]string `json:"peers,omitempty"` // the peers' libraries' versions
	GoBench  string            `json:"goBench,omitempty"`
	Import   *importResult     `json:"import,omitempty"` // import.go
	Wasm     *wasmSizes        `json:"wasm,omitempty"`   // wasmsize.go
}

// pageName is the page of a result: "" (a report of before the peers) is
// mapline.
func pageName(p string) string {
	if p == "" {
		return mapline.Name
	}
	return p
}

// pageTitle is how the report names a page.
func pageTitle(p string) string {
	for _, q := range []mapPage{mapline, leaflet, maplibre, bare} {
		if q.Name == pageName(p) {
			return q.Title
		}
	}
	return p
}

func (rep *report) load(page, story, net string) *loadResult {
	for i := range rep.Loads {
		if l := &rep.Loads[i]; pageName(l.Page) == page && l.Story == story && l.Network == net {
			return l
		}
	}
	return nil
}

func (rep *report) frame(page, story string) *frameResult {
	for i := range rep.Frames {
		if f := &rep.Frames[i]; pageName(f.Page) == page && f.Story == story && len(f.Runs) > 0 {
			return f
		}
	}
	return nil
}

// targets compares the figures with the goals of the performance issues
// (issue 17: against the peers and the bare game, measured in the same run).
func (rep *report) targets() {
	add := func(goal, measure string, met bool) {
		rep.Targets = append(rep.Targets, target{goal, measure, met})
	}
	med := func(f *frameResult, k string) float64 { return f.Summary[k].Median }

	// Nothing while idle.
	var idle []string
	okIdle := true
	for _, f := range rep.Frames {
		if pageName(f.Page) != mapline.Name || len(f.Runs) == 0 {
			continue
		}
		b, fr := f.Summary["idle.busy"], f.Summary["idle.frames"]
		idle = append(idle, fmt.Sprintf("%s %.3f%% busy (max %.3f%%), %.0f frames", f.Story, b.Median*100, b.Max*100, fr.Max))
		okIdle = okIdle && b.Median <= 0.0005 && fr.Max == 0
	}
	if len(idle) > 0 {
		add("idle: no frames, main thread at most 0.05% busy (the peers' class)", strings.Join(idle, "; "), okIdle)
	}

	// Interactive sooner: ready against the bare game's first frame.
	for _, net := range []string{"local", "4G"} {
		m, b := rep.load(mapline.Name, "demo", net), rep.load(bare.Name, "none", net)
		if m == nil || b == nil {
			continue
		}
		r, f := m.Summary["ready"].Median, b.Summary["ready"].Median
		add(fmt.Sprintf("ready at most 1.25× a bare Ebitengine game's first frame (%s)", net),
			fmt.Sprintf("demo ready %.0f ms, bare game %.0f ms: %.2f×, %+.0f ms", r, f, r/f, r-f), r <= 1.25*f)
	}

	// Pans: frame intervals and busy against Leaflet.
	if f := rep.frame(mapline.Name, "demo"); f != nil {
		p := med(f, "pan.interval.p95")
		add("demo pan: p95 of frame intervals at most 17 ms", fmt.Sprintf("%.1f ms", p), p <= 17)
		if l := rep.frame(leaflet.Name, "demo"); l != nil {
			m, lb := med(f, "pan.busy"), med(l, "pan.busy")
			add("demo pan: main thread busy within 2× Leaflet's", fmt.Sprintf("%.0f%% against %.0f%%: %.1f×", m*100, lb*100, m/lb), m <= 2*lb)
		}
	}

	// Scrubs against MapLibre's 10k.
	if ml := rep.frame(maplibre.Name, "10k"); ml != nil {
		ref := med(ml, "scrub.step.p95")
		if f := rep.frame(mapline.Name, "10k"); f != nil {
			s := med(f, "scrub.step.p95")
			add("10k scrub step (input to the frame on screen), p95, at most half of MapLibre's",
				fmt.Sprintf("%.0f ms against %.0f ms: %.2f×", s, ref, s/ref), s <= ref/2)
		}
		if f := rep.frame(mapline.Name, "100k"); f != nil {
			s := med(f, "scrub.step.p95")
			add("100k scrub step, p95, at most MapLibre's at 10k",
				fmt.Sprintf("%.0f ms against %.0f ms: %.2f×", s, ref, s/ref), s <= ref)
		}
	}

	if f := rep.frame(mapline.Name, "demo"); f != nil {
		z := med(f, "zoom.interval.p95")
		add("demo zoom: p95 of frame intervals at most 17 ms", fmt.Sprintf("%.1f ms", z), z <= 17)
	}
	if t, ok := rep.Wasm.target(); ok {
		rep.Targets = append(rep.Targets, t)
	}

	if l := rep.load(mapline.Name, "100k", "local"); l != nil {
		s := l.Summary["storyLoadIndex"]
		add("100,000 events load and index in under 1.5 s in the wasm",
			fmt.Sprintf("parse %.0f ms + index %.0f ms = %.0f ms (median; min %.0f, max %.0f)",
				l.Summary["storyParse"].Median, l.Summary["storyIndex"].Median, s.Median, s.Min, s.Max), s.Median < 1500)
	}
	var mem []string
	okMem := len(rep.Memory) > 0
	for _, m := range rep.Memory {
		// Flat: from the end of the first quarter of the scrubbing to the
		// end, the wasm memory grows by less than 1 MB and the JS heap by
		// less than 10%. (From the load on, the Go heap settles first.)
		first := m.Samples[0]
		dj, dw := m.Scrubbed.JSHeap-first.JSHeap, m.Scrubbed.Wasm-first.Wasm
		mem = append(mem, fmt.Sprintf("%s: over the last three quarters of %s, JS heap %+.2f MB, wasm memory %+.2f MB (from the load: %+.2f MB, %+.2f MB)",
			m.Story, m.Duration, dj/1e6, dw/1e6, (m.Scrubbed.JSHeap-m.Load.JSHeap)/1e6, (m.Scrubbed.Wasm-m.Load.Wasm)/1e6))
		okMem = okMem && dw < 1e6 && dj < 0.1*first.JSHeap
	}
	if len(mem) == 0 {
		mem = []string{"not measured: no memory run in this one (-scrub 0)"}
	}
	add("memory flat over a minute of scrubbing", strings.Join(mem, "; "), okMem)
	rep.Targets = append(rep.Targets, rep.Import.targets()...)
}

func kb(n int64) string   { return fmt.Sprintf("%.0f kB", float64(n)/1000) }
func mb(x float64) string { return fmt.Sprintf("%.1f MB", x/1e6) }

func ms(s stat) string { return fmt.Sprintf("%.0f (%.0f–%.0f)", s.Median, s.Min, s.Max) }
func ms1(s stat) string {
	return fmt.Sprintf("%.1f (%.1f–%.1f)", s.Median, s.Min, s.Max)
}
func kbs(s stat) string {
	return fmt.Sprintf("%.0f", s.Median/1000)
}

// table writes the figures as Markdown tables (they read as plain text too).
func (rep *report) table(w io.Writer) {
	rep.sideBySide(w)
	rep.start(w)
	n := 0
	if len(rep.Loads) > 0 {
		n = len(rep.Loads[0].Runs)
	}
	fmt.Fprintf(w, "### Loading (ms from navigation start; median (min–max) of %d runs)\n\n", n)
	fmt.Fprintln(w, "| page | story | network | first paint | first contentful paint | ready | story fetch | parse | index | controls and list |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|")
	for _, l := range rep.Loads {
		s := l.Summary
		if pageName(l.Page) != mapline.Name {
			// The peers' pages and the bare game's have no spans of their own.
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | — | — | — | — |\n", pageTitle(l.Page), l.Story, l.Network, ms(s["firstPaint"]), ms(s["firstContentfulPaint"]), ms(s["ready"]))
			continue
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", pageTitle(l.Page), l.Story, l.Network, ms(s["firstPaint"]), ms(s["firstContentfulPaint"]),
			ms(s["ready"]), ms(s["storyFetch"]), ms(s["storyParse"]), ms(s["storyIndex"]), ms(s["storyControls"]))
	}
	kinds := []string{"html", "css", "js", "wasm", "story", "other", "all"}
	fmt.Fprintf(w, "\n### Bytes transferred (compressed, headers included; kB, median)\n\n")
	fmt.Fprintf(w, "| page | story | network | when | %s |\n|---|---|---|---|%s\n", strings.Join(kinds, " | "), strings.Repeat("---|", len(kinds)))
	for _, l := range rep.Loads {
		for _, when := range []string{"bytesBeforeFirstPaint", "bytesTotal"} {
			row := []string{pageTitle(l.Page), l.Story, l.Network, map[string]string{"bytesBeforeFirstPaint": "before first paint", "bytesTotal": "total"}[when]}
			for _, k := range kinds {
				row = append(row, kbs(l.Summary[when+"."+k]))
			}
			fmt.Fprintf(w, "| %s |\n", strings.Join(row, " | "))
		}
	}
	fmt.Fprintf(w, "\n### Frames: what the reader waits for, and mapline's frame work (ms; median (min–max) of the runs)\n\n")
	fmt.Fprintln(w, "| page | story | script | inputs | frame intervals p50 | p95 | scrub step p50 | p95 | mapline frames | frame work p50 | p95 | p99 | longest | main thread busy | per input: script / style / layout ms |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
	for _, f := range rep.Frames {
		s := f.Summary
		if len(f.Runs) == 0 {
			continue
		}
		for _, a := range actNames {
			step50, step95 := "—", "—"
			if a == "scrub" {
				step50, step95 = ms(s[a+".step.p50"]), ms(s[a+".step.p95"])
			}
			work := []string{"—", "—", "—", "—", "—"}
			if pageName(f.Page) == mapline.Name {
				work = []string{fmt.Sprintf("%.0f", s[a+".frames"].Median), ms1(s[a+".p50"]), ms1(s[a+".p95"]), ms1(s[a+".p99"]), ms1(s[a+".max"])}
			}
			fmt.Fprintf(w, "| %s | %s | %s | %.0f | %s | %s | %s | %s | %s | %.0f%% | %.1f / %.1f / %.1f |\n", pageTitle(f.Page), f.Story, a, s[a+".inputs"].Median,
				ms1(s[a+".interval.p50"]), ms1(s[a+".interval.p95"]), step50, step95, strings.Join(work, " | "), s[a+".busy"].Median*100,
				s[a+".script"].Median, s[a+".style"].Median, s[a+".layout"].Median)
		}
	}
	fmt.Fprintf(w, "\n### Idle (the map ready and left alone; median (min–max) of the runs)\n\n")
	fmt.Fprintln(w, "| page | story | seconds | mapline frames run | frames drawn | main thread busy | script |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	for _, f := range rep.Frames {
		s := f.Summary
		if len(f.Runs) == 0 {
			continue
		}
		frames, drawn := "—", "—"
		if pageName(f.Page) == mapline.Name {
			frames = fmt.Sprintf("%.0f (%.0f–%.0f)", s["idle.frames"].Median, s["idle.frames"].Min, s["idle.frames"].Max)
			drawn = fmt.Sprintf("%.0f", s["idle.draws"].Median)
		}
		fmt.Fprintf(w, "| %s | %s | %.1f | %s | %s | %.3f%% (%.3f–%.3f) | %.3f%% |\n", pageTitle(f.Page), f.Story, f.Runs[0].Idle.Seconds, frames, drawn,
			s["idle.busy"].Median*100, s["idle.busy"].Min*100, s["idle.busy"].Max*100, s["idle.script"].Median*100)
	}
	fmt.Fprintf(w, "\n### Memory (mapline, after a garbage collection; one run each)\n\n")
	fmt.Fprintln(w, "| story | scrubbing | inputs | JS heap after load | after scrubbing | wasm memory after load | after scrubbing | Go heap after load | after scrubbing |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|")
	for _, m := range rep.Memory {
		fmt.Fprintf(w, "| %s | %s | %d | %s | %s | %s | %s | %s | %s |\n", m.Story, m.Duration, m.Inputs, mb(m.Load.JSHeap), mb(m.Scrubbed.JSHeap),
			mb(m.Load.Wasm), mb(m.Scrubbed.Wasm), mb(m.Load.GoHeapAlloc), mb(m.Scrubbed.GoHeapAlloc))
	}
	rep.Import.table(w)
	fmt.Fprintf(w, "\n### Targets\n\n| goal | measured | met |\n|---|---|---|\n")
	for _, t := range rep.Targets {
		fmt.Fprintf(w, "| %s | %s | %s |\n", t.Goal, t.Measure, map[bool]string{true: "yes", false: "**no**"}[t.Met])
	}
}

func (rep *report) markdown(tables string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Benchmarks\n\n")
	fmt.Fprintf(&b, "Written by `make bench` (cmd/bench) on %s; every figure below comes from that run.\n\n", rep.Date)
	fmt.Fprintf(&b, "- Command: `%s`; the browser part `%s` took %.0f s\n", rep.Command, strings.TrimSpace(rep.Args), rep.Seconds)
	fmt.Fprintf(&b, "- Machine: %s, `nproc` %d, %s, %s; %s headless, WebGL on SwiftShader (the CPU)\n",
		rep.Machine.CPU, rep.Machine.Nproc, rep.Machine.OS, rep.Machine.Go, rep.Machine.Chromium)
	fmt.Fprintf(&b, "- Load average (1, 5, 15 min) at the start and the end of the browser part: %s. Other work on the machine slows every figure.\n",
		strings.Join(rep.LoadAvg, " → "))
	fmt.Fprintf(&b, "- Page: `embed.html?data=…` at %s, served from `dist/` on localhost with the cache off (every load a first visit)\n", rep.Viewport)
	fmt.Fprintf(&b, "- Throttled network (\"4G\"): %s\n", rep.FourG)
	b.WriteString("- Stories: ")
	var ss []string
	for _, s := range rep.Stories {
		if s.Events == 0 {
			ss = append(ss, "demo (`site/data/story.geojson`)")
			continue
		}
		ss = append(ss, fmt.Sprintf("%s (geo/synth seed 1: %d events on %d sites, %.1f MB, %.1f MB gzip)", s.Name, s.Events, s.Sites, float64(s.Bytes)/1e6, float64(s.Gzip)/1e6))
	}
	b.WriteString(strings.Join(ss, "; ") + "\n")
	if len(rep.Peers) > 0 {
		fmt.Fprintf(&b, "- Peers (cmd/bench/peers, the libraries from npm at bench time): Leaflet %s with Leaflet.TimeDimension %s (SVG circle markers, permanent tooltips as labels, its slider); MapLibre GL JS %s (GeoJSON sources, a circle layer filtered by time, a range input). The same stories, and the same basemap: geo/basemap.bin's countries at the level mapline draws at zoom 5, as GeoJSON\n",
			rep.Peers["leaflet"], rep.Peers["timedimension"], rep.Peers["maplibre"])
	}
	b.WriteString("\n")
	b.WriteString(`How to read it: one method for every page. *Ready* is when the page says so on its root element
(mapline: ` + "`data-mapline=ready`" + `, set in the frame after the first frame with the story; the peers and the bare
game: ` + "`data-ready`" + `, set in the frame after the first frame with their markers, or after Ebitengine's first frame),
in ms from navigation start; *first paint* and *first contentful paint* are the browser's. *Frame intervals* are the
times between animation frames (a ` + "`requestAnimationFrame`" + ` callback of the bench's own) while a drag (CDP mouse
events every 16 ms round a circle, then let go) or a wheel zoom (a notch every 40 ms, six in, six out) goes on:
what the reader sees of the frames, whatever runs them. A *scrub step* is the time from an input on the time control
(mapline's and MapLibre's range input, an input event every 16 ms; Leaflet.TimeDimension's time set as its slider
sets it) to the animation frame in which the page shows it (for MapLibre, which filters in a worker, the first frame
after it has drawn the new filter). *Main thread busy* is CDP's TaskDuration over the wall time. mapline's *frame
work* is the main-thread time of each frame the map ran (from the animation frame's callback to Ebitengine's request
for the next one, logged by the wasm): its own share of a frame, not what the reader waits for. *Story fetch*,
*parse*, *index* and *controls and list* are mapline's ` + "`performance.measure`" + ` spans. Runs are interleaved
(mapline, the peers, mapline again, …). Under SwiftShader the GPU's work is CPU work too: read the figures as ratios
within this run, not as what a reader's GPU does.

`)
	b.WriteString(tables)
	if rep.GoBench != "" {
		b.WriteString("\n### Go benchmarks (`go test ./geo ./geo/convert ./geo/raster -run '^$' -bench . -benchmem -benchtime 300ms -count 1`, as make bench runs them: on the host, not in the wasm)\n\n```\n")
		b.WriteString(strings.TrimSpace(rep.GoBench))
		b.WriteString("\n```\n")
	}
	return b.Bytes()
}

// readReport reads the JSON of an earlier run (-from) and compares its
// figures with the targets anew (after a change of the targets or of the
// report's form; the figures are the run's).
func readReport(name string) (*report, error) {
	j, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var rep report
	if err := json.Unmarshal(j, &rep); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	rep.Targets = nil
	rep.targets()
	return &rep, nil
}

// write prints the tables to stdout and writes the figures as JSON to
// jsonName and the report to mdName, each unless empty.
func (rep *report) write(stdout io.Writer, jsonName, mdName string) error {
	var out bytes.Buffer
	rep.table(&out)
	rep.studioTable(&out)
	stdout.Write(out.Bytes())
	if jsonName != "" {
		j, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(jsonName), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(jsonName, append(j, '\n'), 0o644); err != nil {
			return err
		}
	}
	if mdName != "" {
		if err := os.WriteFile(mdName, rep.markdown(out.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}
