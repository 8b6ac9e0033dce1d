package main

// What a run measures: each story's loads and frames (idle, pan, zoom,
// scrub) on mapline and on each peer, mapline's memory over a minute of
// scrubbing, the demo's loads on mapline and the bare game's on the local
// and the 4G-like network, and the machine it ran on.

import (
	"cmp"
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
	dist     string    // the built site
	chromium string    // headless Chromium
	wasm     string    // served in place of the built wasm, unless empty
	stories  []*story  // in the order they run
	peers    []mapPage // measured beside mapline
	peerLib  string    // node_modules with the peers' libraries
	bareWasm string    // the bare Ebitengine game, "" for none
	runs     int       // per story and page, and loads on the 4G-like network
	act      time.Duration
	idle     time.Duration
	scrub    time.Duration // 0: no memory run
	viewport [2]int64      // CSS px
	command  string        // named in the report
	args     string        // this command's own arguments
	rec      *recorder     // -profile, or nil
}

// peerReadyLimit is how long a peer's page may take to be ready; a page
// that takes longer is noted as not ready and not measured further.
const peerReadyLimit = time.Minute

// measure serves the site, starts Chromium and measures every story on
// mapline and the peers, and the bare game's first frame; the report it
// returns has the figures, not yet the Go benchmarks or the targets.
func measure(cfg config) (*report, error) {
	start := time.Now()
	for _, s := range cfg.stories {
		s.generate()
	}
	var ps *peerServer
	if len(cfg.peers) > 0 || cfg.bareWasm != "" {
		lib := ""
		if len(cfg.peers) > 0 {
			lib = cfg.peerLib
		}
		var err error
		if ps, err = newPeerServer(lib, cfg.bareWasm, cfg.dist); err != nil {
			return nil, err
		}
	}
	base, stop, err := serve(cfg.dist, cfg.wasm, cfg.stories, ps)
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
	if ps != nil {
		rep.Peers = ps.versions
	}
	for _, s := range cfg.stories {
		rep.Stories = append(rep.Stories, storyInfo{Name: s.Name, Events: s.Events, Sites: s.Sites, Bytes: len(s.raw), Gzip: len(s.gz)})
	}
	// The last run of the demo and of the largest story samples mapline's
	// memory.
	memFor := map[string]bool{"demo": true, cfg.stories[len(cfg.stories)-1].Name: true}
	for _, s := range cfg.stories {
		if err := b.measureStory(rep, cfg, base, s, memFor[s.Name]); err != nil {
			return nil, err
		}
	}
	if err := b.measureStudio(rep, cfg, base); err != nil {
		return nil, err
	}
	if err := b.measureStart(rep, cfg, base); err != nil {
		return nil, err
	}
	if throttledBy != "" {
		rep.FourG = fourGText + " (" + throttledBy + ")"
	}
	rep.Seconds = time.Since(start).Seconds()
	rep.LoadAvg = append(rep.LoadAvg, loadavg())
	return rep, nil
}

// measureStory adds a story's figures to rep, for mapline and each peer.
// The runs are interleaved (mapline, the peers, mapline again, …), so that
// a change in the machine's load falls on all alike. Each run loads the
// story in a fresh tab (cache off), then, on the local network, leaves it
// idle, pans, zooms and scrubs it; with mem, mapline's last run then
// scrubs for cfg.scrub more and samples the memory.
func (b *browser) measureStory(rep *report, cfg config, base string, s *story, mem bool) error {
	pages := append([]mapPage{mapline}, cfg.peers...)
	lrs := make([]loadResult, len(pages))
	frs := make([]frameResult, len(pages))
	for j, p := range pages {
		lrs[j] = loadResult{Page: p.Name, Story: s.Name, Network: "local"}
		frs[j] = frameResult{Page: p.Name, Story: s.Name}
	}
	for i := range cfg.runs {
		for j, p := range pages {
			var fmr frameRun
			after := func(ctx context.Context) error {
				var m *memResult
				var err error
				fmr, m, err = b.afterLoad(ctx, cfg, p, s, i, p == mapline && mem && i == cfg.runs-1 && cfg.scrub > 0)
				if m != nil {
					rep.Memory = append(rep.Memory, *m)
				}
				return err
			}
			limit := 15 * time.Minute
			if p != mapline {
				limit = peerReadyLimit
			}
			r, err := b.load(p.url(base, s), fmt.Sprintf("load-%s-%s-local-%d", p.Name, s.Name, i+1), false, cfg.viewport, limit, after)
			if err != nil {
				return fmt.Errorf("%s on %s, run %d: %v", s.Name, p.Name, i+1, err)
			}
			logLoad(p.Name, s.Name, "local", i, r)
			lrs[j].Runs = append(lrs[j].Runs, r)
			if !r.NotReady {
				frs[j].Runs = append(frs[j].Runs, fmr)
			}
		}
	}
	for j := range pages {
		lrs[j].summarize()
		frs[j].summarize()
		rep.Loads = append(rep.Loads, lrs[j])
		rep.Frames = append(rep.Frames, frs[j])
	}
	return nil
}

// measureStart loads the demo on mapline and the bare game's page, on the
// local and the 4G-like network, interleaved: mapline's ready time against
// the first frame of a bare Ebitengine game. The local loads of the demo on
// mapline are those of measureStory.
func (b *browser) measureStart(rep *report, cfg config, base string) error {
	demo := &story{Name: "demo", path: headless.DemoPath}
	type one struct {
		p   mapPage
		net string
	}
	var todo []one
	if cfg.bareWasm != "" {
		todo = append(todo, one{bare, "local"})
	}
	todo = append(todo, one{mapline, "4G"})
	if cfg.bareWasm != "" {
		todo = append(todo, one{bare, "4G"})
	}
	res := make([]loadResult, len(todo))
	for k, o := range todo {
		res[k] = loadResult{Page: o.p.Name, Story: "demo", Network: o.net}
		if o.p == bare {
			res[k].Story = "none"
		}
	}
	for i := range cfg.runs {
		for k, o := range todo {
			r, err := b.load(o.p.url(base, demo), fmt.Sprintf("load-%s-%s-%s-%d", o.p.Name, res[k].Story, o.net, i+1), o.net == "4G", cfg.viewport, 15*time.Minute, nil)
			if err != nil {
				return fmt.Errorf("%s on %s, %s run %d: %v", res[k].Story, o.p.Name, o.net, i+1, err)
			}
			logLoad(o.p.Name, res[k].Story, o.net, i, r)
			res[k].Runs = append(res[k].Runs, r)
		}
	}
	for k := range res {
		res[k].summarize()
		rep.Loads = append(rep.Loads, res[k])
	}
	return nil
}

// afterLoad measures run i of a loaded story on page p: its frames, and
// with mem its memory after the load and after scrubbing.
func (b *browser) afterLoad(ctx context.Context, cfg config, p mapPage, s *story, i int, mem bool) (frameRun, *memResult, error) {
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
	fmr, err := b.frames(ctx, fmt.Sprintf("%s-%s-%%s-%d", p.Name, s.Name, i+1), cfg.act, cfg.idle)
	if err != nil {
		return fmr, nil, err
	}
	log.Printf("frames %-8s %-5s run %d: idle %.3f%% busy, %d frames; pan intervals p95 %.1f ms, %.0f%% busy; zoom intervals p95 %.1f ms; scrub steps p95 %.1f ms",
		p.Name, s.Name, i+1, fmr.Idle.Busy*100, fmr.Idle.Frames, fmr.Acts["pan"].IntervalP95, fmr.Acts["pan"].Busy*100,
		fmr.Acts["zoom"].IntervalP95, fmr.Acts["scrub"].StepP95)
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

const fourGText = "170 ms latency, 9 Mbit/s down, 1.5 Mbit/s up"

// The protocol's ways to throttle have changed: Network.emulateNetworkConditions
// (deprecated, and gone from the protocol cdproto is generated from), then
// emulateNetworkConditionsByRule with offline beside the rules, then with
// offline in each rule (the form cdproto sends, which Chromium 148 refuses
// with -32602, invalid params: it wants offline beside the rules). throttle
// tries them from the newest, and says which one took.
type byRuleOffline struct {
	Offline bool                  `json:"offline"`
	Rules   []*network.Conditions `json:"matchedNetworkConditions"`
}

type legacyConditions struct {
	Offline            bool                   `json:"offline"`
	Latency            float64                `json:"latency"`
	DownloadThroughput float64                `json:"downloadThroughput"`
	UploadThroughput   float64                `json:"uploadThroughput"`
	ConnectionType     network.ConnectionType `json:"connectionType,omitempty"`
}

var (
	byRuleWithOffline = cdp.Command[byRuleOffline, network.EmulateNetworkConditionsByRuleResult]{Method: network.CommandEmulateNetworkConditionsByRule}
	legacyThrottle    = cdp.Command[legacyConditions, cdp.Empty]{Method: "Network.emulateNetworkConditions"}
)

// throttle puts the tab on the 4G-like network and returns the method that
// did it.
func throttle(ctx context.Context) (string, error) {
	c := fourG
	_, err1 := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule,
		network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: []*network.Conditions{&c}})
	if err1 == nil {
		return "CDP Network.emulateNetworkConditionsByRule", nil
	}
	_, err2 := chromedp.Call(ctx, byRuleWithOffline, byRuleOffline{Rules: []*network.Conditions{&c}})
	if err2 == nil {
		return "CDP Network.emulateNetworkConditionsByRule, offline beside the rules", nil
	}
	_, err3 := chromedp.Call(ctx, legacyThrottle, legacyConditions{Latency: c.Latency,
		DownloadThroughput: c.DownloadThroughput, UploadThroughput: c.UploadThroughput, ConnectionType: c.ConnectionType})
	if err3 == nil {
		return "CDP Network.emulateNetworkConditions", nil
	}
	return "", fmt.Errorf("throttling: emulateNetworkConditionsByRule: %v; with offline beside the rules: %v; emulateNetworkConditions: %v", err1, err2, err3)
}

// throttledBy is the method throttle used, for the report.
var throttledBy string

// A loadRun is one page load: times in ms from navigation start, bytes
// (compressed, as transferred, headers included) per kind of resource.
type loadRun struct {
	FP       float64 `json:"firstPaint"`
	FCP      float64 `json:"firstContentfulPaint"`
	Ready    float64 `json:"ready"`
	NotReady bool    `json:"notReady,omitempty"` // a peer not ready within peerReadyLimit
	Fetch    float64 `json:"storyFetch"`         // fetch and read of the story in the wasm
	Parse    float64 `json:"storyParse"`         // geo.Load in the wasm
	Index    float64 `json:"storyIndex"`         // geo.NewMap and the view: the map's index
	Controls float64 `json:"storyControls"`      // the page's slider, marks and list of events
	// The load's steps (ms from navigation start): the page's marks
	// (performance.mark, names mapline:…) and its measures, each with its
	// start and end, in the order they ended (loadSteps).
	Steps         []loadStep       `json:"steps,omitempty"`
	BytesBeforeFP map[string]int64 `json:"bytesBeforeFirstPaint"`
	BytesTotal    map[string]int64 `json:"bytesTotal"`
}

type netReq struct {
	url      string
	typ      network.ResourceType
	finished float64 // monotonic s; 0 while loading
	bytes    float64
}

// A loadStep is a mark (Start == End) or a measure of the page's load.
type loadStep struct {
	Name  string  `json:"name"`
	Start float64 `json:"start"`
	End   float64 `json:"end"`
}

// load loads the page at u in a new tab and measures the load; then, if
// after is not nil, it runs after on the tab before closing it. A page not
// ready within limit is NotReady (and after does not run). With -profile
// it records the load, from navigation to ready, as name (recorder).
func (b *browser) load(u, name string, throttled bool, vp [2]int64, limit time.Duration, after func(context.Context) error) (loadRun, error) {
	var r loadRun
	ctx, done, err := b.tab(vp, limit+15*time.Minute)
	if err != nil {
		return r, err
	}
	defer done()
	if throttled {
		by, err := throttle(ctx)
		if err != nil {
			return r, err
		}
		throttledBy = by
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
	if b.rec != nil {
		if err := b.rec.start(ctx); err != nil {
			return r, err
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		return r, err
	}
	err = waitReady(ctx, limit)
	if b.rec != nil {
		if err := b.rec.stop(ctx, name); err != nil {
			return r, err
		}
	}
	if err == errNotReady {
		r.NotReady, r.Ready = true, limit.Seconds()*1000
		return r, nil
	} else if err != nil {
		return r, err
	}
	type timing struct {
		Origin, FP, FCP, Ready float64
		Measures               map[string]float64
		Steps                  []loadStep
	}
	t, err := chromedp.Run(ctx, chromedp.Evaluate[timing](`(() => {
	  const p = {};
	  for (const e of performance.getEntriesByType("paint")) p[e.name] = e.startTime;
	  const m = {};
	  for (const e of performance.getEntriesByType("measure")) if (e.name.startsWith("mapline:")) m[e.name] = e.duration;
	  const steps = [];
	  for (const e of performance.getEntriesByType("mark").concat(performance.getEntriesByType("measure")))
	    if (e.name.startsWith("mapline:")) steps.push({name: e.name, start: e.startTime, end: e.startTime + e.duration});
	  return {Origin: performance.timeOrigin, FP: p["first-paint"] || 0, FCP: p["first-contentful-paint"] || 0,
	    Ready: window.__bench.ready, Measures: m, Steps: steps};
	})()`))
	if err != nil {
		return r, err
	}
	r.FP, r.FCP, r.Ready = t.FP, t.FCP, t.Ready
	r.Fetch, r.Parse, r.Index = t.Measures["mapline:fetch"], t.Measures["mapline:parse"], t.Measures["mapline:index"]
	r.Controls = t.Measures["mapline:controls"]
	r.Steps = t.Steps
	slices.SortStableFunc(r.Steps, func(a, b loadStep) int { return cmp.Compare(a.End, b.End) })
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

// An actRun is one scripted interaction. What the reader waits for: the
// intervals between animation frames while it goes on (the frame clock),
// and for a scrub each step's time from the input to the frame that shows
// it (scrubJS). Beside them, mapline's own: the main-thread work of each
// frame the map ran (from the wasm's log: from the animation frame's
// callback to Ebitengine's request for the next). And the main-thread busy
// time over the whole interaction (CDP Performance metrics: TaskDuration).
type actRun struct {
	Inputs  int     `json:"inputs"`
	Seconds float64 `json:"seconds"`
	// The frame clock's intervals (ms).
	Intervals   int     `json:"intervals"`
	IntervalP50 float64 `json:"intervalP50"`
	IntervalP95 float64 `json:"intervalP95"`
	// A scrub's steps, input to the frame on screen (ms).
	StepP50 float64 `json:"stepP50,omitempty"`
	StepP95 float64 `json:"stepP95,omitempty"`
	// mapline's frames and their work (ms); none on the peers' pages.
	Frames int     `json:"frames"`
	Draws  int     `json:"draws"`
	P50    float64 `json:"p50"`
	P95    float64 `json:"p95"`
	P99    float64 `json:"p99"`
	Max    float64 `json:"max"`
	Busy   float64 `json:"busy"` // main-thread task time / wall time
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
func (b *browser) frames(ctx context.Context, name string, act, idle time.Duration) (frameRun, error) {
	r := frameRun{Acts: map[string]actRun{}}

	// Idle: nothing happens for a while, from after the rings round the
	// current event's sites (a CSS animation, 2 × 1.2 s) are over and the
	// page has finished what its load set going (the work it leaves for
	// idle callbacks, a worker's answers).
	time.Sleep(3 * time.Second)
	if err := quiet(ctx, 0.01, time.Second, 30*time.Second); err != nil {
		return r, err
	}
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

	x, y, w, h, err := mapRect(ctx)
	if err != nil {
		return r, err
	}
	cx, cy := x+w/2, y+h/2
	var steps []float64
	acts := []struct {
		name string
		run  func(d time.Duration) (int, error)
	}{
		{"pan", func(d time.Duration) (int, error) { return drag(ctx, d, cx, cy) }},
		{"zoom", func(d time.Duration) (int, error) { return wheel(ctx, d, cx, cy) }},
		{"scrub", func(d time.Duration) (n int, err error) { n, steps, err = scrubFor(ctx, d); return }},
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
		if err := startClock(ctx); err != nil {
			return r, err
		}
		t0 := time.Now()
		steps = nil
		n, err := a.run(act)
		if err != nil {
			return r, fmt.Errorf("%s: %v", a.name, err)
		}
		intervals, err := stopClock(ctx)
		if err != nil {
			return r, err
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
		if st1.Draws > st0.Draws {
			fmt.Fprintf(os.Stderr, "bench: %s drew %d frames, by reason: %s\n", fmt.Sprintf(name, a.name), st1.Draws-st0.Draws, whyDiff(st0.Why, st1.Why))
		}
		work := append(append(st0.Work, tail...), st1.Work...)
		ar := actRun{Inputs: n, Seconds: wall, Frames: st1.Frames - st0.Frames, Draws: st1.Draws - st0.Draws,
			Busy:      (m1["TaskDuration"] - m0["TaskDuration"]) / wall,
			Intervals: len(intervals), IntervalP50: pct(intervals, 50), IntervalP95: pct(intervals, 95),
			StepP50: pct(steps, 50), StepP95: pct(steps, 95)}
		if n > 0 {
			per := func(k string) float64 { return (m1[k] - m0[k]) * 1000 / float64(n) }
			ar.Script, ar.Style, ar.Layout = per("ScriptDuration"), per("RecalcStyleDuration"), per("LayoutDuration")
		}
		ar.P50, ar.P95, ar.P99, ar.Max = pct(work, 50), pct(work, 95), pct(work, 99), pct(work, 100)
		r.Acts[a.name] = ar
	}
	return r, nil
}

// quiet waits until the main thread has been busy less than share of a
// window (CDP's TaskDuration), for at most max.
func quiet(ctx context.Context, share float64, window, max time.Duration) error {
	end := time.Now().Add(max)
	m0, err := metrics(ctx)
	if err != nil {
		return err
	}
	for time.Now().Before(end) {
		t0 := time.Now()
		time.Sleep(window)
		m1, err := metrics(ctx)
		if err != nil {
			return err
		}
		if (m1["TaskDuration"]-m0["TaskDuration"])/time.Since(t0).Seconds() < share {
			return nil
		}
		m0 = m1
	}
	return nil // still busy: the idle figure will say so
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
		n, _, err := scrubFor(ctx, d/4)
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

func logLoad(page, story, net string, i int, r loadRun) {
	ready := fmt.Sprintf("%6.0f ms", r.Ready)
	if r.NotReady {
		ready = "not within " + ready
	}
	log.Printf("load %-8s %-5s %-5s run %d: first paint %4.0f ms, ready %s (fetch %.0f, parse %.0f, index %.0f, controls %.0f), %s",
		page, story, net, i+1, r.FP, ready, r.Fetch, r.Parse, r.Index, r.Controls, kb(r.BytesTotal["all"]))
	if len(r.Steps) > 0 {
		var b strings.Builder
		for _, s := range r.Steps {
			if s.End == s.Start {
				fmt.Fprintf(&b, " %s@%.0f", strings.TrimPrefix(s.Name, "mapline:"), s.End)
			} else {
				fmt.Fprintf(&b, " %s@%.0f–%.0f", strings.TrimPrefix(s.Name, "mapline:"), s.Start, s.End)
			}
		}
		log.Printf("load %-8s %-5s %-5s run %d: steps (ms from navigation start):%s", page, story, net, i+1, b.String())
	}
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

// whyDiff is the frames drawn between two wasmStats.Why, by reason.
func whyDiff(a, b map[string]int) string {
	var out []string
	for k, n := range b {
		if d := n - a[k]; d != 0 {
			out = append(out, fmt.Sprintf("%s %d", k, d))
		}
	}
	slices.Sort(out)
	return strings.Join(out, ", ")
}
