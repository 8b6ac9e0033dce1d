package main

// What a run measures: each story's loads (local and 4G-like), its frames
// (idle, pan, zoom, scrub) and its memory over a minute of scrubbing, and
// the machine it ran on.

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/heapprofiler"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/performance"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	headless "mapline/internal/browser"
)

// config is what the flags ask a run to measure, and how.
type config struct {
	dist     string   // the built site
	chromium string   // headless Chromium
	wasm     string   // served in place of the built wasm, unless empty
	stories  []*story // in the order they run
	runs     int      // per story, and loads of the demo on the 4G-like network
	act      time.Duration
	idle     time.Duration
	scrub    time.Duration // 0: no memory run
	viewport [2]int64      // CSS px
	command  string        // named in the report
	args     string        // this command's own arguments
	rec      *recorder     // -profile, or nil
}

// measure serves the site, starts Chromium and measures every story; the
// report it returns has the figures, not yet the Go benchmarks or the
// targets.
func measure(cfg config) (*report, error) {
	start := time.Now()
	for _, s := range cfg.stories {
		s.generate()
	}
	base, stop, err := serve(cfg.dist, cfg.wasm, cfg.stories)
	if err != nil {
		return nil, err
	}
	defer stop()
	b, err := newBrowser(cfg.chromium)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	b.rec = cfg.rec

	rep := &report{
		Date:     start.UTC().Format(time.RFC3339),
		Command:  cfg.command,
		Machine:  machine(b.Version),
		Viewport: fmt.Sprintf("%d×%d CSS px, device pixel ratio 1", cfg.viewport[0], cfg.viewport[1]),
		FourG:    fourGText,
		Args:     cfg.args,
		LoadAvg:  []string{loadavg()},
	}
	for _, s := range cfg.stories {
		rep.Stories = append(rep.Stories, storyInfo{Name: s.Name, Events: s.Events, Sites: s.Sites, Bytes: len(s.raw), Gzip: len(s.gz)})
	}
	// The last run of the demo and of the largest story samples the memory.
	memFor := map[string]bool{"demo": true, cfg.stories[len(cfg.stories)-1].Name: true}
	for _, s := range cfg.stories {
		if err := b.measureStory(rep, cfg, base, s, memFor[s.Name]); err != nil {
			return nil, err
		}
	}
	if err := b.measureStudio(rep, cfg, base); err != nil {
		return nil, err
	}
	rep.Seconds = time.Since(start).Seconds()
	rep.LoadAvg = append(rep.LoadAvg, loadavg())
	return rep, nil
}

// measureStory adds a story's figures to rep. Each run loads the story in a
// fresh tab (cache off), then, on the local network, leaves it idle, pans,
// zooms and scrubs it; with mem, the last run then scrubs for cfg.scrub more
// and samples the memory. The demo also loads on the 4G-like network.
func (b *browser) measureStory(rep *report, cfg config, base string, s *story, mem bool) error {
	lr := loadResult{Story: s.Name, Network: "local"}
	fr := frameResult{Story: s.Name}
	for i := range cfg.runs {
		var fmr frameRun
		after := func(ctx context.Context) error {
			var m *memResult
			var err error
			fmr, m, err = b.afterLoad(ctx, cfg, s, i, mem && i == cfg.runs-1 && cfg.scrub > 0)
			if m != nil {
				rep.Memory = append(rep.Memory, *m)
			}
			return err
		}
		r, err := b.load(base, s, false, cfg.viewport, after)
		if err != nil {
			return fmt.Errorf("%s run %d: %v", s.Name, i+1, err)
		}
		logLoad(s.Name, "local", i, r)
		lr.Runs = append(lr.Runs, r)
		fr.Runs = append(fr.Runs, fmr)
	}
	lr.summarize()
	fr.summarize()
	rep.Loads = append(rep.Loads, lr)
	rep.Frames = append(rep.Frames, fr)
	if s.Name != "demo" {
		return nil
	}
	lr = loadResult{Story: s.Name, Network: "4G"}
	for i := range cfg.runs {
		r, err := b.load(base, s, true, cfg.viewport, nil)
		if err != nil {
			return fmt.Errorf("%s 4G run %d: %v", s.Name, i+1, err)
		}
		logLoad(s.Name, "4G", i, r)
		lr.Runs = append(lr.Runs, r)
	}
	lr.summarize()
	rep.Loads = append(rep.Loads, lr)
	return nil
}

// afterLoad measures run i of a loaded story: its frames, and with mem its
// memory after the load and after scrubbing.
func (b *browser) afterLoad(ctx context.Context, cfg config, s *story, i int, mem bool) (frameRun, *memResult, error) {
	var fmr frameRun
	if _, err := chromedp.Call(ctx, performance.Enable, performance.EnableParams{}); err != nil {
		return fmr, nil, err
	}
	if _, err := settle(ctx, time.Second, 30*time.Second); err != nil {
		return fmr, nil, err
	}
	var loaded memSample
	if mem {
		var err error
		if loaded, err = sample(ctx); err != nil {
			return fmr, nil, err
		}
	}
	fmr, err := b.frames(ctx, fmt.Sprintf("%s-%%s-%d", s.Name, i+1), cfg.viewport, cfg.act, cfg.idle)
	if err != nil {
		return fmr, nil, err
	}
	log.Printf("frames %-5s run %d: idle %.2f%% busy, %d frames; pan p95 %.1f ms, zoom p95 %.1f ms, scrub p95 %.1f ms",
		s.Name, i+1, fmr.Idle.Busy*100, fmr.Idle.Frames, fmr.Acts["pan"].P95, fmr.Acts["zoom"].P95, fmr.Acts["scrub"].P95)
	if !mem {
		return fmr, nil, nil
	}
	m, err := b.memory(ctx, s, loaded, cfg.scrub)
	if err != nil {
		return fmr, nil, err
	}
	log.Printf("memory %-5s: JS heap %s → %s, wasm memory %s → %s after %s of scrubbing (%d inputs)",
		s.Name, mb(m.Load.JSHeap), mb(m.Scrubbed.JSHeap), mb(m.Load.Wasm), mb(m.Scrubbed.Wasm), m.Duration, m.Inputs)
	return fmr, &m, nil
}

// fourG is the throttled network: a 4G-like connection as Lighthouse's
// "slow 4G" and WebPageTest's "4G" profiles describe it.
var fourG = network.Conditions{
	Latency:            170,       // ms, request to response headers
	DownloadThroughput: 9e6 / 8,   // 9 Mbit/s, in bytes/s
	UploadThroughput:   1.5e6 / 8, // 1.5 Mbit/s
	ConnectionType:     network.ConnectionTypeCellular4g,
}

const fourGText = "170 ms latency, 9 Mbit/s down, 1.5 Mbit/s up (CDP Network.emulateNetworkConditionsByRule)"

// A loadRun is one page load: times in ms from navigation start, bytes
// (compressed, as transferred, headers included) per kind of resource.
type loadRun struct {
	FP            float64          `json:"firstPaint"`
	FCP           float64          `json:"firstContentfulPaint"`
	Ready         float64          `json:"ready"`
	Fetch         float64          `json:"storyFetch"`    // fetch and read of the story in the wasm
	Parse         float64          `json:"storyParse"`    // geo.Load in the wasm
	Index         float64          `json:"storyIndex"`    // geo.NewMap and the view: the map's index
	Controls      float64          `json:"storyControls"` // the page's slider, marks and list of events
	BytesBeforeFP map[string]int64 `json:"bytesBeforeFirstPaint"`
	BytesTotal    map[string]int64 `json:"bytesTotal"`
}

type netReq struct {
	url      string
	typ      network.ResourceType
	finished float64 // monotonic s; 0 while loading
	bytes    float64
}

// load loads the story in a new tab and measures the load; then, if after
// is not nil, it runs after on the tab before closing it.
func (b *browser) load(base string, s *story, throttled bool, vp [2]int64, after func(context.Context) error) (loadRun, error) {
	var r loadRun
	ctx, done, err := b.tab(vp, 15*time.Minute)
	if err != nil {
		return r, err
	}
	defer done()
	if throttled {
		c := fourG
		if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule,
			network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: []*network.Conditions{&c}}); err != nil {
			return r, fmt.Errorf("throttling: %v", err)
		}
	}
	var mu sync.Mutex
	reqs := map[network.RequestID]*netReq{}
	var docMono, docWall float64
	err = chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			if ev.Type == network.ResourceTypeDocument && docMono == 0 {
				docMono, docWall = ev.Timestamp.Float64(), ev.WallTime.Float64()
			}
			reqs[ev.RequestID] = &netReq{url: ev.Request.URL, typ: ev.Type}
		case *network.EventLoadingFinished:
			if q := reqs[ev.RequestID]; q != nil {
				q.finished, q.bytes = ev.Timestamp.Float64(), ev.EncodedDataLength
			}
		}
	})
	if err != nil {
		return r, err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url(base))); err != nil {
		return r, err
	}
	if err := waitReady(ctx); err != nil {
		return r, err
	}
	type timing struct {
		Origin, FP, FCP, Ready float64
		Measures               map[string]float64
	}
	t, err := chromedp.Run(ctx, chromedp.Evaluate[timing](`(() => {
	  const p = {};
	  for (const e of performance.getEntriesByType("paint")) p[e.name] = e.startTime;
	  const m = {};
	  for (const e of performance.getEntriesByType("measure")) if (e.name.startsWith("mapline:")) m[e.name] = e.duration;
	  return {Origin: performance.timeOrigin, FP: p["first-paint"] || 0, FCP: p["first-contentful-paint"] || 0,
	    Ready: window.__bench.ready, Measures: m};
	})()`))
	if err != nil {
		return r, err
	}
	r.FP, r.FCP, r.Ready = t.FP, t.FCP, t.Ready
	r.Fetch, r.Parse, r.Index = t.Measures["mapline:fetch"], t.Measures["mapline:parse"], t.Measures["mapline:index"]
	r.Controls = t.Measures["mapline:controls"]
	// Every request has finished by ready (the story was the last); give
	// the protocol's events a moment to arrive.
	time.Sleep(200 * time.Millisecond)
	mu.Lock()
	// Network timestamps are monotonic seconds; the paint times are ms from
	// performance.timeOrigin. The document's request ties the two clocks.
	fpMono := docMono + (t.Origin+t.FP-docWall*1000)/1000
	r.BytesBeforeFP, r.BytesTotal = map[string]int64{}, map[string]int64{}
	for _, q := range reqs {
		if q.finished == 0 {
			continue
		}
		k := kind(q.url, q.typ)
		r.BytesTotal[k] += int64(q.bytes)
		r.BytesTotal["all"] += int64(q.bytes)
		if t.FP > 0 && q.finished <= fpMono {
			r.BytesBeforeFP[k] += int64(q.bytes)
			r.BytesBeforeFP["all"] += int64(q.bytes)
		}
	}
	mu.Unlock()
	if after != nil {
		return r, after(ctx)
	}
	return r, nil
}

// kind names a resource by what it is to the embed.
func kind(u string, t network.ResourceType) string {
	p := u
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	switch ext := path.Ext(p); {
	case ext == ".html" || t == network.ResourceTypeDocument:
		return "html"
	case ext == ".wasm":
		return "wasm"
	case ext == ".js":
		return "js"
	case ext == ".css":
		return "css"
	case ext == ".geojson":
		return "story"
	case t == network.ResourceTypeImage:
		return "image"
	case t == network.ResourceTypeFont:
		return "font"
	}
	return "other"
}

// An actRun is one scripted interaction: the main-thread work of each frame
// the map ran during it (from the wasm's own log: the time from the
// animation frame's callback to Ebitengine's request for the next), and the
// main-thread busy time over the whole interaction (CDP Performance
// metrics: TaskDuration).
type actRun struct {
	Inputs  int     `json:"inputs"`
	Seconds float64 `json:"seconds"`
	Frames  int     `json:"frames"`
	Draws   int     `json:"draws"`
	P50     float64 `json:"p50"`
	P95     float64 `json:"p95"`
	P99     float64 `json:"p99"`
	Max     float64 `json:"max"`
	Busy    float64 `json:"busy"` // main-thread task time / wall time
	// Where the main thread's time went (CDP Performance metrics), ms per
	// input event: scripts (the wasm included), style, layout.
	Script float64 `json:"scriptPerInput"`
	Style  float64 `json:"stylePerInput"`
	Layout float64 `json:"layoutPerInput"`
}

type idleRun struct {
	Seconds float64 `json:"seconds"`
	Frames  int     `json:"frames"`
	Draws   int     `json:"draws"`
	Busy    float64 `json:"busy"`   // main-thread task time / wall time
	Script  float64 `json:"script"` // script time / wall time
}

type frameRun struct {
	Idle idleRun           `json:"idle"`
	Acts map[string]actRun `json:"acts"`
}

// frames measures a loaded map: idle, then the scripted pan, zoom and scrub.
// With -profile, each act is recorded under the name fmt.Sprintf(name, act).
func (b *browser) frames(ctx context.Context, name string, vp [2]int64, act, idle time.Duration) (frameRun, error) {
	r := frameRun{Acts: map[string]actRun{}}

	// Idle: nothing happens for a while, from after the rings round the
	// current event's sites (a CSS animation, 2 × 1.2 s) are over.
	time.Sleep(3 * time.Second)
	st0, err := stats(ctx)
	if err != nil {
		return r, err
	}
	m0, err := metrics(ctx)
	if err != nil {
		return r, err
	}
	t0 := time.Now()
	time.Sleep(idle)
	m1, err := metrics(ctx)
	if err != nil {
		return r, err
	}
	wall := time.Since(t0).Seconds()
	st1, err := stats(ctx)
	if err != nil {
		return r, err
	}
	r.Idle = idleRun{Seconds: wall, Frames: st1.Frames - st0.Frames, Draws: st1.Draws - st0.Draws,
		Busy:   (m1["TaskDuration"] - m0["TaskDuration"]) / wall,
		Script: (m1["ScriptDuration"] - m0["ScriptDuration"]) / wall}

	w, h := float64(vp[0]), float64(vp[1])
	rect, err := headless.CanvasRect(ctx)
	if err != nil {
		return r, err
	}
	if rect.W > 0 {
		w, h = rect.W, rect.H
	}
	cx, cy := rect.X+w/2, rect.Y+h/2
	acts := []struct {
		name string
		run  func(d time.Duration) (int, error)
	}{
		{"pan", func(d time.Duration) (int, error) { return inPage(ctx, panJS, d, cx, cy) }},
		{"zoom", func(d time.Duration) (int, error) { return inPage(ctx, zoomJS, d, cx, cy) }},
		{"scrub", func(d time.Duration) (int, error) { return scrubFor(ctx, d) }},
	}
	for _, a := range acts {
		if _, err := stats(ctx); err != nil { // empty the frame log
			return r, err
		}
		m0, err := metrics(ctx)
		if err != nil {
			return r, err
		}
		if b.rec != nil {
			if err := b.rec.start(ctx); err != nil {
				return r, fmt.Errorf("profile: %v", err)
			}
		}
		st0, _ := stats(ctx)
		t0 := time.Now()
		n, err := a.run(act)
		if err != nil {
			return r, fmt.Errorf("%s: %v", a.name, err)
		}
		// The frames the input set going (animations, inertia) count too.
		tail, err := settle(ctx, 500*time.Millisecond, 10*time.Second)
		if err != nil {
			return r, err
		}
		wall := time.Since(t0).Seconds()
		m1, err := metrics(ctx)
		if err != nil {
			return r, err
		}
		st1, err := stats(ctx)
		if err != nil {
			return r, err
		}
		if b.rec != nil {
			// The figures of a recorded act include the profiler's
			// overhead: compare recorded runs with recorded runs.
			if err := b.rec.stop(ctx, fmt.Sprintf(name, a.name)); err != nil {
				return r, fmt.Errorf("profile: %v", err)
			}
		}
		work := append(append(st0.Work, tail...), st1.Work...)
		ar := actRun{Inputs: n, Seconds: wall, Frames: st1.Frames - st0.Frames, Draws: st1.Draws - st0.Draws,
			Busy: (m1["TaskDuration"] - m0["TaskDuration"]) / wall}
		if n > 0 {
			per := func(k string) float64 { return (m1[k] - m0[k]) * 1000 / float64(n) }
			ar.Script, ar.Style, ar.Layout = per("ScriptDuration"), per("RecalcStyleDuration"), per("LayoutDuration")
		}
		ar.P50, ar.P95, ar.P99, ar.Max = pct(work, 50), pct(work, 95), pct(work, 99), pct(work, 100)
		r.Acts[a.name] = ar
	}
	return r, nil
}

// memSample is the memory of the page after a garbage collection of the Go
// heap and then of the JS heap.
type memSample struct {
	JSHeap      float64 `json:"jsHeapUsed"`  // bytes, V8's used heap
	Wasm        float64 `json:"wasmMemory"`  // bytes, the WebAssembly.Memory buffer
	GoHeapAlloc float64 `json:"goHeapAlloc"` // bytes, the Go heap inside it
}

type memResult struct {
	Story    string      `json:"story"`
	Duration string      `json:"duration"`
	Inputs   int         `json:"inputs"`
	Load     memSample   `json:"afterLoad"`
	Samples  []memSample `json:"samples"` // every quarter of the scrub
	Scrubbed memSample   `json:"afterScrub"`
}

func sample(ctx context.Context) (memSample, error) {
	var m memSample
	// Both heaps: Go's first, whose finalizers release the JS values the
	// wasm no longer holds (they run once the call has returned), then V8's.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[wasmStats](`maplineStats({gc: true})`)); err != nil {
		return m, err
	}
	time.Sleep(200 * time.Millisecond)
	if _, err := chromedp.Call(ctx, heapprofiler.CollectGarbage, cdp.Empty{}); err != nil {
		return m, err
	}
	h, err := chromedp.Call(ctx, cdpruntime.GetHeapUsage, cdp.Empty{})
	if err != nil {
		return m, err
	}
	m.JSHeap = h.UsedSize
	// The wasm's memory: every WebAssembly.Memory of the page (there is one).
	proto, err := chromedp.Call(ctx, cdpruntime.Evaluate, cdpruntime.EvaluateParams{Expression: "WebAssembly.Memory.prototype"})
	if err != nil || proto.Result == nil {
		return m, fmt.Errorf("WebAssembly.Memory.prototype: %v", err)
	}
	objs, err := chromedp.Call(ctx, cdpruntime.QueryObjects, cdpruntime.QueryObjectsParams{PrototypeObjectID: proto.Result.ObjectID, ObjectGroup: "bench"})
	if err != nil {
		return m, err
	}
	byValue := true
	res, err := chromedp.Call(ctx, cdpruntime.CallFunctionOn, cdpruntime.CallFunctionOnParams{
		FunctionDeclaration: `function() { return this.reduce((n, m) => n + m.buffer.byteLength, 0); }`,
		ObjectID:            objs.Objects.ObjectID, ReturnByValue: &byValue})
	if err != nil {
		return m, err
	}
	chromedp.Call(ctx, cdpruntime.ReleaseObjectGroup, cdpruntime.ReleaseObjectGroupParams{ObjectGroup: "bench"})
	if err := json.Unmarshal(res.Result.Value, &m.Wasm); err != nil {
		return m, fmt.Errorf("wasm memory: %v", err)
	}
	st, err := stats(ctx)
	if err != nil {
		return m, err
	}
	m.GoHeapAlloc = st.GoHeapAlloc
	return m, nil
}

// memory scrubs a loaded map for d and samples its memory every quarter;
// loaded is the sample taken after the load.
func (b *browser) memory(ctx context.Context, s *story, loaded memSample, d time.Duration) (memResult, error) {
	r := memResult{Story: s.Name, Duration: d.String(), Load: loaded}
	for range 4 {
		n, err := scrubFor(ctx, d/4)
		if err != nil {
			return r, err
		}
		r.Inputs += n
		if _, err := settle(ctx, 500*time.Millisecond, 10*time.Second); err != nil {
			return r, err
		}
		m, err := sample(ctx)
		if err != nil {
			return r, err
		}
		r.Samples = append(r.Samples, m)
	}
	r.Scrubbed = r.Samples[len(r.Samples)-1]
	return r, nil
}

// pct is the p-th percentile of xs (nearest rank); 0 for none.
func pct(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	i := int(p/100*float64(len(s))+0.5) - 1
	return s[max(0, min(i, len(s)-1))]
}

func logLoad(story, net string, i int, r loadRun) {
	log.Printf("load %-5s %-5s run %d: first paint %4.0f ms, ready %6.0f ms (fetch %.0f, parse %.0f, index %.0f, controls %.0f), %s",
		story, net, i+1, r.FP, r.Ready, r.Fetch, r.Parse, r.Index, r.Controls, kb(r.BytesTotal["all"]))
}

func machine(chromium string) machineInfo {
	m := machineInfo{Nproc: runtime.NumCPU(), OS: runtime.GOOS + "/" + runtime.GOARCH, Go: runtime.Version(), Chromium: chromium}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	if out, err := exec.Command("nproc").Output(); err == nil {
		fmt.Sscan(string(out), &m.Nproc)
	}
	return m
}

// loadavg is the machine's load average over 1, 5 and 15 minutes: the
// figures mean little on a machine busy with other work.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
