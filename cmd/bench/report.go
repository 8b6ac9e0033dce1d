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
	Date     string        `json:"date"`
	Command  string        `json:"command"`
	Args     string        `json:"browserCommand"`
	LoadAvg  []string      `json:"loadAverage"` // /proc/loadavg at the start and the end
	Machine  machineInfo   `json:"machine"`
	Viewport string        `json:"viewport"`
	FourG    string        `json:"throttledNetwork"`
	Seconds  float64       `json:"seconds"`
	Stories  []storyInfo   `json:"stories"`
	Loads    []loadResult  `json:"loads"`
	Frames   []frameResult `json:"frames"`
	Memory   []memResult   `json:"memory"`
	Studio   *studioResult `json:"studio,omitempty"` // studio.go
	Targets  []target      `json:"targets"`
	GoBench  string        `json:"goBench,omitempty"`
	Import   *importResult `json:"import,omitempty"` // import.go
}

func (rep *report) load(story, net string) *loadResult {
	for i := range rep.Loads {
		if rep.Loads[i].Story == story && rep.Loads[i].Network == net {
			return &rep.Loads[i]
		}
	}
	return nil
}

func (rep *report) frame(story string) *frameResult {
	for i := range rep.Frames {
		if rep.Frames[i].Story == story {
			return &rep.Frames[i]
		}
	}
	return nil
}

// targets compares the figures with the goals of the performance issue.
func (rep *report) targets() {
	add := func(goal, measure string, met bool) {
		rep.Targets = append(rep.Targets, target{goal, measure, met})
	}
	if l := rep.load("100k", "local"); l != nil {
		s := l.Summary["storyLoadIndex"]
		add("100,000 events load and index in under 1.5 s in the wasm",
			fmt.Sprintf("parse %.0f ms + index %.0f ms = %.0f ms (median; min %.0f, max %.0f)",
				l.Summary["storyParse"].Median, l.Summary["storyIndex"].Median, s.Median, s.Min, s.Max), s.Median < 1500)
	}
	var scrub []string
	okScrub := true
	for _, f := range rep.Frames {
		p := f.Summary["scrub.p95"]
		scrub = append(scrub, fmt.Sprintf("%s %.1f ms", f.Story, p.Median))
		okScrub = okScrub && p.Median < 16.7/2
	}
	add("scrubbing: work per frame well under 16.7 ms (here: under half), at any size",
		"p95 of frame work: "+strings.Join(scrub, ", "), okScrub)
	if f := rep.frame("10k"); f != nil {
		pan, zoom := f.Summary["pan.p95"], f.Summary["zoom.p95"]
		add("pan/zoom with 10,000 events: p95 main-thread work under 16.7 ms",
			fmt.Sprintf("pan p95 %.1f ms, zoom p95 %.1f ms", pan.Median, zoom.Median), pan.Median < 16.7 && zoom.Median < 16.7)
	}
	var idle []string
	okIdle := true
	for _, f := range rep.Frames {
		b, fr := f.Summary["idle.busy"], f.Summary["idle.frames"]
		idle = append(idle, fmt.Sprintf("%s %.2f%% busy, %.0f frames", f.Story, b.Median*100, fr.Max))
		okIdle = okIdle && b.Median < 0.01 && fr.Max == 0
	}
	add("idle: no frames, main thread under 1% busy", strings.Join(idle, "; "), okIdle)
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
	n := 0
	if len(rep.Loads) > 0 {
		n = len(rep.Loads[0].Runs)
	}
	fmt.Fprintf(w, "### Loading (ms from navigation start; median (min–max) of %d runs)\n\n", n)
	fmt.Fprintln(w, "| story | network | first paint | first contentful paint | ready | story fetch | parse | index | controls and list |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|")
	for _, l := range rep.Loads {
		s := l.Summary
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", l.Story, l.Network, ms(s["firstPaint"]), ms(s["firstContentfulPaint"]),
			ms(s["ready"]), ms(s["storyFetch"]), ms(s["storyParse"]), ms(s["storyIndex"]), ms(s["storyControls"]))
	}
	kinds := []string{"html", "css", "js", "wasm", "story", "other", "all"}
	fmt.Fprintf(w, "\n### Bytes transferred (compressed, headers included; kB, median)\n\n")
	fmt.Fprintf(w, "| story | network | when | %s |\n|---|---|---|%s\n", strings.Join(kinds, " | "), strings.Repeat("---|", len(kinds)))
	for _, l := range rep.Loads {
		for _, when := range []string{"bytesBeforeFirstPaint", "bytesTotal"} {
			row := []string{l.Story, l.Network, map[string]string{"bytesBeforeFirstPaint": "before first paint", "bytesTotal": "total"}[when]}
			for _, k := range kinds {
				row = append(row, kbs(l.Summary[when+"."+k]))
			}
			fmt.Fprintf(w, "| %s |\n", strings.Join(row, " | "))
		}
	}
	n = 0
	if len(rep.Frames) > 0 {
		n = len(rep.Frames[0].Runs)
	}
	fmt.Fprintf(w, "\n### Frames: main-thread work per frame (ms; median (min–max) of %d runs)\n\n", n)
	fmt.Fprintln(w, "| story | script | inputs | frames | p50 | p95 | p99 | longest | main thread busy | per input: script / style / layout ms |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|")
	for _, f := range rep.Frames {
		s := f.Summary
		for _, a := range actNames {
			fmt.Fprintf(w, "| %s | %s | %.0f | %.0f | %s | %s | %s | %s | %.0f%% | %.1f / %.1f / %.1f |\n", f.Story, a, s[a+".inputs"].Median, s[a+".frames"].Median,
				ms1(s[a+".p50"]), ms1(s[a+".p95"]), ms1(s[a+".p99"]), ms1(s[a+".max"]), s[a+".busy"].Median*100,
				s[a+".script"].Median, s[a+".style"].Median, s[a+".layout"].Median)
		}
	}
	fmt.Fprintf(w, "\n### Idle (the map ready and left alone; median (min–max) of %d runs)\n\n", n)
	fmt.Fprintln(w, "| story | seconds | frames run | frames drawn | main thread busy | script |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	for _, f := range rep.Frames {
		s := f.Summary
		fmt.Fprintf(w, "| %s | %.1f | %.0f (%.0f–%.0f) | %.0f | %.2f%% (%.2f–%.2f) | %.2f%% |\n", f.Story, f.Runs[0].Idle.Seconds,
			s["idle.frames"].Median, s["idle.frames"].Min, s["idle.frames"].Max, s["idle.draws"].Median,
			s["idle.busy"].Median*100, s["idle.busy"].Min*100, s["idle.busy"].Max*100, s["idle.script"].Median*100)
	}
	fmt.Fprintf(w, "\n### Memory (after a garbage collection; one run each)\n\n")
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
	b.WriteString(strings.Join(ss, "; ") + "\n\n")
	b.WriteString(`How to read it: *first paint* and *first contentful paint* are the browser's paint timings; *ready* is when the
page's root gets ` + "`data-mapline=ready`" + ` (the first frame with the story is on screen). *Story fetch*, *parse*,
*index* and *controls and list* are the wasm's own ` + "`performance.measure`" + ` spans: the fetch and read of the file,
` + "`geo.Load`" + `, the map's index (` + "`geo.NewMap`" + ` and the first view), and the page's slider, its marks and the list of
all events (DOM). *Frame work* is the main-thread time of each
frame the map ran (from the animation frame's callback to Ebitengine's request for the next one, logged by the
wasm), during a drag (pointer events every 16 ms round a circle, then let go), a wheel zoom (a wheel event every
40 ms, six notches in, six out) and a scrub of the slider (an input event every 16 ms), each for a few seconds and
dispatched in the page on the canvas and the slider, including the frames that the input set going (animations,
inertia); *inputs* is how many events the page found time to dispatch. *Main thread busy* is CDP's
TaskDuration over the wall time. Under SwiftShader the GPU's work is CPU work too: treat the frame times as
ratios between stories, not as what a reader's GPU does.

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
