package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// A recorder records what the page's main thread does during each scripted
// act (-profile): a CPU profile of V8 (JavaScript and the wasm, by function;
// the wasm's functions have their Go names unless it was linked with -s),
// written as NAME.cpuprofile (DevTools' Performance panel and speedscope
// open it), with its top functions printed; and, with -trace, Chromium's
// performance trace (NAME.trace.json, for DevTools or ui.perfetto.dev), its
// main thread's top events printed, which shows the time the page waits for
// the GPU process, styles, lays out and paints, not only script.
type recorder struct {
	dir   string
	trace bool
	top   int
	out   io.Writer

	mu     sync.Mutex
	events []json.RawMessage
	done   chan struct{}

	browserPid int
	cpu0       map[string]float64 // CPU seconds per kind of Chromium process at start
}

// traceCategories are those of DevTools' Performance panel, with the GPU's.
const traceCategories = "devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.frame,v8.execute,blink,cc,gpu,toplevel"

// start starts recording on the tab.
func (r *recorder) start(ctx context.Context) error {
	if _, err := chromedp.Call(ctx, profiler.Enable, cdp.Empty{}); err != nil {
		return err
	}
	// 200 µs between samples: a 16 ms frame gets about 80.
	if _, err := chromedp.Call(ctx, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 200}); err != nil {
		return err
	}
	if r.trace {
		r.mu.Lock()
		r.events = r.events[:0]
		r.done = make(chan struct{})
		done := r.done
		r.mu.Unlock()
		lctx, cancel := context.WithCancel(ctx)
		go func() { <-done; cancel() }()
		if err := chromedp.Listen(lctx, func(ev any) {
			switch ev := ev.(type) {
			case *tracing.EventDataCollected:
				r.mu.Lock()
				for _, v := range ev.Value {
					b, _ := json.Marshal(v)
					r.events = append(r.events, b)
				}
				r.mu.Unlock()
			case *tracing.EventTracingComplete:
				close(done)
			}
		}); err != nil {
			return err
		}
		if _, err := chromedp.Call(ctx, tracing.Start, tracing.StartParams{
			TransferMode: tracing.StartTransferModeReportEvents,
			TraceConfig:  &tracing.TraceConfig{IncludedCategories: strings.Split(traceCategories, ",")},
		}); err != nil {
			return err
		}
	}
	if p := chromedp.FromContext(ctx).Browser.Process(); p != nil {
		r.browserPid = p.Pid
	}
	r.cpu0 = processCPU(r.browserPid)
	_, err := chromedp.Call(ctx, profiler.Start, cdp.Empty{})
	return err
}

// processCPU is the CPU time (user and system, s) used so far by Chromium's
// processes, the browser with its descendants, summed by kind: browser,
// renderer, gpu-process, utility, … On a machine shared with other work the
// wall time of a frame says little; what each process spent says more
// (SwiftShader's drawing is the GPU process's CPU time). Linux only: nil
// elsewhere.
func processCPU(browser int) map[string]float64 {
	if browser == 0 {
		return nil
	}
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	type proc struct {
		ppid int
		cpu  float64
		kind string
	}
	procs := map[int]proc{}
	const hz = 100 // USER_HZ on Linux
	for _, e := range ents {
		var pid int
		if _, err := fmt.Sscan(e.Name(), &pid); err != nil {
			continue
		}
		st, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid … utime stime: fields 14 and 15.
		i := strings.LastIndexByte(string(st), ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(st[i+1:]))
		if len(f) < 13 {
			continue
		}
		var ppid int
		var ut, stime float64
		fmt.Sscan(f[1], &ppid)
		fmt.Sscan(f[11], &ut)
		fmt.Sscan(f[12], &stime)
		kind := "browser"
		if cmd, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline")); err == nil {
			// Chromium rewrites its command line with spaces for NULs.
			for _, a := range strings.FieldsFunc(string(cmd), func(r rune) bool { return r == 0 || r == ' ' }) {
				if t, ok := strings.CutPrefix(a, "--type="); ok {
					kind = t
				}
			}
		}
		procs[pid] = proc{ppid, (ut + stime) / hz, kind}
	}
	out := map[string]float64{}
	for pid, p := range procs {
		for q := pid; q > 1; q = procs[q].ppid {
			if q == browser {
				out[p.kind] += p.cpu
				break
			}
			if _, ok := procs[q]; !ok {
				break
			}
		}
	}
	return out
}

// stop stops recording, writes the files named after name and prints
// their summaries.
func (r *recorder) stop(ctx context.Context, name string) error {
	cpu1 := processCPU(r.browserPid)
	res, err := chromedp.Call(ctx, profiler.Stop, cdp.Empty{})
	if err != nil {
		return err
	}
	chromedp.Call(ctx, profiler.Disable, cdp.Empty{})
	if err := os.MkdirAll(r.dir, 0o755); err != nil {
		return err
	}
	if res.Profile != nil {
		j, err := json.Marshal(res.Profile)
		if err != nil {
			return err
		}
		file := filepath.Join(r.dir, name+".cpuprofile")
		if err := os.WriteFile(file, j, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(r.out, "\n== %s (%s)\n", name, file)
		if cpu1 != nil {
			var kinds []string
			for k := range cpu1 {
				kinds = append(kinds, k)
			}
			slices.Sort(kinds)
			fmt.Fprintf(r.out, "CPU time of Chromium's processes:")
			for _, k := range kinds {
				fmt.Fprintf(r.out, " %s %.0f ms;", k, 1000*(cpu1[k]-r.cpu0[k]))
			}
			fmt.Fprintln(r.out)
		}
		summarizeProfile(r.out, res.Profile, r.top)
	}
	if !r.trace {
		return nil
	}
	if _, err := chromedp.Call(ctx, tracing.End, cdp.Empty{}); err != nil {
		return err
	}
	select {
	case <-r.done:
	case <-time.After(30 * time.Second):
		return fmt.Errorf("the trace did not complete")
	}
	r.mu.Lock()
	events := r.events
	r.mu.Unlock()
	file := filepath.Join(r.dir, name+".trace.json")
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	f.WriteString(`{"traceEvents":[`)
	for i, e := range events {
		if i > 0 {
			f.WriteString(",\n")
		}
		f.Write(e)
	}
	f.WriteString("]}\n")
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(r.out, "-- trace (%s)\n", file)
	summarizeTrace(r.out, events, r.top)
	return nil
}

// fnKey names a function of a profile: its name and where it is.
func fnKey(cf profileFrame) string {
	name := cf.FunctionName
	if name == "" {
		name = "(anonymous)"
	}
	if cf.URL == "" {
		return name
	}
	u := cf.URL
	if strings.HasPrefix(u, "wasm://") {
		u = "wasm"
	} else {
		u = filepath.Base(u)
	}
	return fmt.Sprintf("%s  %s:%d", name, u, cf.LineNumber+1)
}

type profileFrame struct {
	FunctionName string
	URL          string
	LineNumber   int64
}

// summarizeProfile prints the functions that took the most time by
// themselves (self) and with what they called (total), in ms and as a share
// of the time sampled without the idle samples.
func summarizeProfile(w io.Writer, p *profiler.Profile, top int) {
	parent := map[int64]int64{}
	key := map[int64]string{}
	for _, n := range p.Nodes {
		for _, c := range n.Children {
			parent[c] = n.ID
		}
		cf := profileFrame{}
		if n.CallFrame != nil {
			cf = profileFrame{n.CallFrame.FunctionName, n.CallFrame.URL, n.CallFrame.LineNumber}
		}
		key[n.ID] = fnKey(cf)
	}
	self := map[string]float64{}
	total := map[string]float64{}
	var busy, idle float64
	for i, id := range p.Samples {
		// A sample lasts until the next one.
		var d float64
		if i+1 < len(p.TimeDeltas) {
			d = float64(p.TimeDeltas[i+1]) / 1000
		}
		k := key[id]
		if k == "(idle)" {
			idle += d
			continue
		}
		busy += d
		self[k] += d
		seen := map[string]bool{}
		for n, ok := id, true; ok; n, ok = parent[n] {
			if k := key[n]; !seen[k] {
				seen[k] = true
				total[k] += d
			}
		}
	}
	fmt.Fprintf(w, "sampled %.0f ms: busy %.0f ms, idle %.0f ms\n", busy+idle, busy, idle)
	print := func(title string, m map[string]float64) {
		type kv struct {
			k string
			v float64
		}
		var xs []kv
		for k, v := range m {
			if k == "(root)" {
				continue
			}
			xs = append(xs, kv{k, v})
		}
		slices.SortFunc(xs, func(a, b kv) int { return cmp.Compare(b.v, a.v) })
		fmt.Fprintf(w, "%s:\n", title)
		for i, x := range xs {
			if i == top {
				break
			}
			fmt.Fprintf(w, "  %8.1f ms %5.1f%%  %s\n", x.v, 100*x.v/max(busy, 1e-9), x.k)
		}
	}
	print("top by self time", self)
	print("top by total time (with callees)", total)
	summarizeFrames(w, p, key, parent, top)
}

// frameFunc is the wasm's function that runs one frame of the map: the
// callback that frameGate (wasm/frames_js.go) hands to
// requestAnimationFrame, as the wasm's name section names it.
const frameFunc = "main.__frameGate_.start.func1"

// summarizeFrames finds the frames in the samples (runs of samples under
// frameFunc) and prints the longest few with the functions of mapline
// (package main and mapline/…) and the calls into the browser that filled
// them: what the p95 of frame work is made of.
func summarizeFrames(w io.Writer, p *profiler.Profile, key map[int64]string, parent map[int64]int64, top int) {
	type frame struct {
		ms    float64
		total map[string]float64
	}
	var frames []*frame
	var cur *frame
	for i, id := range p.Samples {
		var d float64
		if i+1 < len(p.TimeDeltas) {
			d = float64(p.TimeDeltas[i+1]) / 1000
		}
		in := false
		for n, ok := id, true; ok; n, ok = parent[n] {
			if strings.HasPrefix(key[n], frameFunc+" ") {
				in = true
				break
			}
		}
		if !in {
			if k := key[id]; cur != nil && k != "(program)" && k != "(garbage collector)" {
				frames = append(frames, cur)
				cur = nil
			}
			continue
		}
		if cur == nil {
			cur = &frame{total: map[string]float64{}}
		}
		cur.ms += d
		seen := map[string]bool{}
		for n, ok := id, true; ok; n, ok = parent[n] {
			k := key[n]
			name, _, _ := strings.Cut(k, "  ")
			if seen[name] || strings.HasPrefix(k, frameFunc+" ") {
				continue
			}
			seen[name] = true
			if strings.HasPrefix(name, "main.") || strings.HasPrefix(name, "mapline") || n == id && !strings.Contains(k, "  ") {
				cur.total[name] += d
			}
		}
	}
	if cur != nil {
		frames = append(frames, cur)
	}
	if len(frames) == 0 {
		return
	}
	slices.SortFunc(frames, func(a, b *frame) int { return cmp.Compare(b.ms, a.ms) })
	var ms []string
	for _, f := range frames {
		ms = append(ms, fmt.Sprintf("%.0f", f.ms))
	}
	fmt.Fprintf(w, "frames in the samples (%d, ms, longest first): %s\n", len(frames), strings.Join(ms, " "))
	for _, f := range frames[:min(3, len(frames))] {
		type kv struct {
			k string
			v float64
		}
		var xs []kv
		for k, v := range f.total {
			xs = append(xs, kv{k, v})
		}
		slices.SortFunc(xs, func(a, b kv) int { return cmp.Compare(b.v, a.v) })
		var parts []string
		for _, x := range xs[:min(top/2+1, len(xs))] {
			parts = append(parts, fmt.Sprintf("%s %.1f", x.k, x.v))
		}
		fmt.Fprintf(w, "  frame of %.1f ms: %s\n", f.ms, strings.Join(parts, ", "))
	}
}

// summarizeTrace prints, for the renderer's main thread, the events that
// took the most time, nested ones included (a FunctionCall holds the script
// it ran), and the share of the thread's wall time they cover.
func summarizeTrace(w io.Writer, raw []json.RawMessage, top int) {
	type event struct {
		Name string         `json:"name"`
		Ph   string         `json:"ph"`
		Pid  int64          `json:"pid"`
		Tid  int64          `json:"tid"`
		Ts   float64        `json:"ts"`
		Dur  float64        `json:"dur"`
		Args map[string]any `json:"args"`
	}
	var evs []event
	type thread struct{ pid, tid int64 }
	names := map[thread]string{}
	for _, r := range raw {
		var e event
		if json.Unmarshal(r, &e) != nil {
			continue
		}
		if e.Ph == "M" && e.Name == "thread_name" {
			if n, ok := e.Args["name"].(string); ok {
				names[thread{e.Pid, e.Tid}] = n
			}
			continue
		}
		evs = append(evs, e)
	}
	// Per thread, the time of each event name (complete events only) and
	// of the top-level tasks.
	type sum struct {
		n   int
		dur float64
	}
	byThread := map[thread]map[string]*sum{}
	var lo, hi float64
	for _, e := range evs {
		if e.Ph != "X" {
			continue
		}
		t := thread{e.Pid, e.Tid}
		if byThread[t] == nil {
			byThread[t] = map[string]*sum{}
		}
		s := byThread[t][e.Name]
		if s == nil {
			s = &sum{}
			byThread[t][e.Name] = s
		}
		s.n++
		s.dur += e.Dur / 1000
		if lo == 0 || e.Ts < lo {
			lo = e.Ts
		}
		hi = max(hi, e.Ts+e.Dur)
	}
	wall := (hi - lo) / 1000
	var threads []thread
	for t := range byThread {
		if n := names[t]; n == "CrRendererMain" || n == "CrGpuMain" || strings.HasPrefix(n, "VizCompositor") {
			threads = append(threads, t)
		}
	}
	slices.SortFunc(threads, func(a, b thread) int { return cmp.Compare(names[a], names[b]) })
	for _, t := range threads {
		m := byThread[t]
		tasks := 0.0
		if s := m["RunTask"]; s != nil {
			tasks = s.dur
		} else if s := m["ThreadControllerImpl::RunTask"]; s != nil {
			tasks = s.dur
		}
		fmt.Fprintf(w, "%s (pid %d): tasks %.0f ms of %.0f ms wall (%.0f%%)\n", names[t], t.pid, tasks, wall, 100*tasks/max(wall, 1e-9))
		type kv struct {
			k string
			s *sum
		}
		var xs []kv
		for k, s := range m {
			xs = append(xs, kv{k, s})
		}
		slices.SortFunc(xs, func(a, b kv) int { return cmp.Compare(b.s.dur, a.s.dur) })
		for i, x := range xs {
			if i == top {
				break
			}
			fmt.Fprintf(w, "  %8.1f ms %6d×  %s\n", x.s.dur, x.s.n, x.k)
		}
	}
}
