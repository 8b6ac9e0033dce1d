// Command bench measures mapline in headless Chromium: what the embed
// transfers before its first paint and in total, how soon it paints and is
// ready (on a fast local network and on a throttled 4G-like one), the
// main-thread work of its frames while a script pans, zooms and scrubs the
// timeline, how busy it keeps the main thread while idle, and its memory
// after load and after a minute of scrubbing. Stories: the demo and
// generated stories (geo/synth, seed 1) of 10,000 and 100,000 events.
//
// It prints a table, writes the figures as JSON (-json) and rewrites
// BENCHMARKS.md (-md) with them, the Go benchmarks' output (-gobench), the
// date, the machine and the command. make bench runs it after the Go
// benchmarks:
//
//	make build
//	go test ./geo -run '^$' -bench . -benchmem > out/gobench.txt
//	go run ./cmd/bench -dist dist -gobench out/gobench.txt
//
// Every figure comes from a run; nothing is typed in.
//
// To see where the time of the frames goes, -profile DIR records a CPU
// profile of each pan, zoom and scrub (DevTools and speedscope open the
// .cpuprofile files) and prints the top functions by self and total time,
// the CPU time each of Chromium's processes spent (under SwiftShader the GPU
// process's is the drawing), and the longest frames with what filled them;
// -trace adds Chromium's performance trace (ui.perfetto.dev opens it), which
// shows what the main thread waits for besides script. The built wasm is
// linked with -s, without the names of its functions: -wasm serves another
// build in its place, one linked without -s.
//
//	GOOS=js GOARCH=wasm go build -trimpath -o /tmp/named.wasm ./wasm
//	go run ./cmd/bench -stories 10k -runs 1 -scrub 0 -md '' -json /tmp/b.json -wasm /tmp/named.wasm -profile /tmp/profile
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/heapprofiler"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/performance"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"mapline/geo/synth"
	"mapline/site"
)

// A story the benchmark loads: the demo from dist/, or a generated one
// served from memory under /bench/.
type story struct {
	Name   string `json:"name"`
	Events int    `json:"events"`
	Sites  int    `json:"sites"`
	path   string // URL path, for data=
	raw    []byte // generated stories only
	gz     []byte
}

var stories = []*story{
	{Name: "demo", path: "data/story.geojson"},
	{Name: "10k", Events: 10000, Sites: 2000},
	{Name: "100k", Events: 100000, Sites: 5000},
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

func main() {
	var (
		dist     = flag.String("dist", "dist", "the built site (make build)")
		chromium = flag.String("chromium", envOr("MAPLINE_CHROMIUM", "/usr/bin/chromium"), "headless Chromium")
		runs     = flag.Int("runs", 3, "runs per story (and loads of the demo on the 4G-like network)")
		act      = flag.Duration("act", 2500*time.Millisecond, "how long each of pan, zoom and scrub goes on")
		idle     = flag.Duration("idle", 5*time.Second, "how long the map stays idle while measured")
		scrub    = flag.Duration("scrub", time.Minute, "how long the memory run scrubs (0: no memory run)")
		jsonOut  = flag.String("json", "out/bench.json", "where to write the figures as JSON")
		mdOut    = flag.String("md", "BENCHMARKS.md", "where to write the report ('' for none)")
		gobench  = flag.String("gobench", "", "output of go test -bench to put in the report")
		command  = flag.String("command", "", "the command to name in the report (default: this one's arguments)")
		width    = flag.Int64("width", 1280, "viewport width, CSS px")
		height   = flag.Int64("height", 800, "viewport height, CSS px")
		only     = flag.String("stories", "demo,10k,100k", "the stories to measure")
		from     = flag.String("from", "", "measure nothing: write the report again from this JSON file of an earlier run")
		profDir  = flag.String("profile", "", "record a CPU profile of each pan, zoom and scrub into this directory (STORY-ACT-RUN.cpuprofile) and print its top functions; build the wasm without -s to see Go names")
		trace    = flag.Bool("trace", false, "with -profile, also record Chromium's performance trace of each (STORY-ACT-RUN.trace.json) and print its main thread's top events")
		top      = flag.Int("top", 25, "with -profile, how many functions (and trace events) to print")
		wasmFile = flag.String("wasm", "", "serve this wasm in place of the built one (a build linked without -s keeps the function names -profile shows)")
	)
	flag.Parse()
	if *from != "" {
		rewrite(*from, *mdOut)
		return
	}
	stories = slices.DeleteFunc(stories, func(s *story) bool { return !slices.Contains(strings.Split(*only, ","), s.Name) })
	if len(stories) == 0 || *runs < 1 {
		log.Fatal("nothing to measure")
	}
	log.SetFlags(0)
	log.SetPrefix("bench: ")
	if _, err := os.Stat(filepath.Join(*dist, "embed.html")); err != nil {
		log.Fatalf("no built site in %s: run make build", *dist)
	}
	args := "go run ./cmd/bench " + strings.Join(os.Args[1:], " ")
	if *command == "" {
		*command = args
	}
	start := time.Now()

	for _, s := range stories {
		if s.Events == 0 {
			continue
		}
		s.raw = synth.Story(1, s.Sites, s.Events)
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		zw.Write(s.raw)
		zw.Close()
		s.gz = b.Bytes()
		s.path = "/bench/" + s.Name + ".geojson"
	}
	base, stop, err := serve(*dist, *wasmFile)
	if err != nil {
		log.Fatal(err)
	}
	defer stop()

	b, err := newBrowser(*chromium)
	if err != nil {
		log.Fatal(err)
	}
	defer b.close()
	if *profDir != "" {
		b.rec = &recorder{dir: *profDir, trace: *trace, top: *top, out: os.Stdout}
	}

	rep := report{
		Date:     start.UTC().Format(time.RFC3339),
		Command:  *command,
		Machine:  machine(b.version),
		Viewport: fmt.Sprintf("%d×%d CSS px, device pixel ratio 1", *width, *height),
		FourG:    fourGText,
		Args:     args,
		LoadAvg:  []string{loadavg()},
	}
	for _, s := range stories {
		rep.Stories = append(rep.Stories, storyInfo{Name: s.Name, Events: s.Events, Sites: s.Sites, Bytes: len(s.raw), Gzip: len(s.gz)})
	}
	vp := [2]int64{*width, *height}

	// Each run loads a story in a fresh tab (cache off), then, on the local
	// network, leaves it idle, pans, zooms and scrubs it; the last run of
	// the demo and of the largest story then scrubs for a minute more and
	// samples the memory. The demo also loads on the 4G-like network.
	memFor := map[string]bool{"demo": true, stories[len(stories)-1].Name: true}
	for _, s := range stories {
		lr := loadResult{Story: s.Name, Network: "local"}
		fr := frameResult{Story: s.Name}
		for i := range *runs {
			var fmr frameRun
			after := func(ctx context.Context) error {
				if _, err := chromedp.Call(ctx, performance.Enable, performance.EnableParams{}); err != nil {
					return err
				}
				if _, err := settle(ctx, time.Second, 30*time.Second); err != nil {
					return err
				}
				var loaded memSample
				mem := i == *runs-1 && memFor[s.Name] && *scrub > 0
				if mem {
					var err error
					if loaded, err = sample(ctx); err != nil {
						return err
					}
				}
				var err error
				if fmr, err = b.frames(ctx, fmt.Sprintf("%s-%%s-%d", s.Name, i+1), vp, *act, *idle); err != nil {
					return err
				}
				log.Printf("frames %-5s run %d: idle %.2f%% busy, %d frames; pan p95 %.1f ms, zoom p95 %.1f ms, scrub p95 %.1f ms",
					s.Name, i+1, fmr.Idle.Busy*100, fmr.Idle.Frames, fmr.Acts["pan"].P95, fmr.Acts["zoom"].P95, fmr.Acts["scrub"].P95)
				if !mem {
					return nil
				}
				m, err := b.memory(ctx, s, loaded, *scrub)
				if err != nil {
					return err
				}
				log.Printf("memory %-5s: JS heap %s → %s, wasm memory %s → %s after %s of scrubbing (%d inputs)",
					s.Name, mb(m.Load.JSHeap), mb(m.Scrubbed.JSHeap), mb(m.Load.Wasm), mb(m.Scrubbed.Wasm), m.Duration, m.Inputs)
				rep.Memory = append(rep.Memory, m)
				return nil
			}
			r, err := b.load(base, s, false, vp, after)
			if err != nil {
				log.Fatalf("%s run %d: %v", s.Name, i+1, err)
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
			continue
		}
		lr = loadResult{Story: s.Name, Network: "4G"}
		for i := range *runs {
			r, err := b.load(base, s, true, vp, nil)
			if err != nil {
				log.Fatalf("%s 4G run %d: %v", s.Name, i+1, err)
			}
			logLoad(s.Name, "4G", i, r)
			lr.Runs = append(lr.Runs, r)
		}
		lr.summarize()
		rep.Loads = append(rep.Loads, lr)
	}
	rep.Seconds = time.Since(start).Seconds()
	rep.LoadAvg = append(rep.LoadAvg, loadavg())

	if *gobench != "" {
		g, err := os.ReadFile(*gobench)
		if err != nil {
			log.Fatal(err)
		}
		rep.GoBench = string(g)
	}
	rep.targets()

	var out bytes.Buffer
	rep.table(&out)
	os.Stdout.Write(out.Bytes())
	if *jsonOut != "" {
		j, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.MkdirAll(filepath.Dir(*jsonOut), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(*jsonOut, append(j, '\n'), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	if *mdOut != "" {
		if err := os.WriteFile(*mdOut, rep.markdown(out.String()), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// rewrite writes the table and the report again from the JSON of a run
// (after a change of their form; the figures are the run's).
func rewrite(from, md string) {
	j, err := os.ReadFile(from)
	if err != nil {
		log.Fatal(err)
	}
	var rep report
	if err := json.Unmarshal(j, &rep); err != nil {
		log.Fatalf("%s: %v", from, err)
	}
	rep.Targets = nil
	rep.targets()
	var out bytes.Buffer
	rep.table(&out)
	os.Stdout.Write(out.Bytes())
	if md != "" {
		if err := os.WriteFile(md, rep.markdown(out.String()), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

func logLoad(story, net string, i int, r loadRun) {
	log.Printf("load %-5s %-5s run %d: first paint %4.0f ms, ready %6.0f ms (fetch %.0f, parse %.0f, index %.0f, controls %.0f), %s",
		story, net, i+1, r.FP, r.Ready, r.Fetch, r.Parse, r.Index, r.Controls, kb(r.BytesTotal["all"]))
}

func envOr(k, d string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return d
}

// serve serves the built site and the generated stories on localhost,
// the stories gzip-compressed when the browser accepts it (as a host would
// serve them; the site's own files come with their .br/.gz siblings), and
// wasm, unless empty, in place of the site's wasm.
func serve(dist, wasm string) (base string, stop func(), err error) {
	mux := http.NewServeMux()
	h := site.Handler(dist)
	if wasm != "" {
		if _, err := os.Stat(wasm); err != nil {
			return "", nil, err
		}
		mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
			if name := path.Base(r.URL.Path); strings.HasPrefix(name, "mapline.") && strings.HasSuffix(name, ".wasm") {
				w.Header().Set("Content-Type", "application/wasm")
				w.Header().Set("Cache-Control", "no-store")
				http.ServeFile(w, r, wasm)
				return
			}
			h.ServeHTTP(w, r)
		})
	}
	mux.HandleFunc("/bench/", func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimSuffix(path.Base(r.URL.Path), ".geojson")
		for _, s := range stories {
			if s.Name != name || s.raw == nil {
				continue
			}
			w.Header().Set("Content-Type", "application/geo+json")
			w.Header().Set("Cache-Control", site.CacheRevalidate)
			w.Header().Set("Vary", "Accept-Encoding")
			body := s.raw
			if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
				w.Header().Set("Content-Encoding", "gzip")
				body = s.gz
			}
			w.Header().Set("Content-Length", fmt.Sprint(len(body)))
			w.Write(body)
			return
		}
		http.NotFound(w, r)
	})
	if wasm == "" {
		mux.Handle("/", h)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), func() { srv.Close() }, nil
}

// browser is one headless Chromium; every run opens a tab of its own.
type browser struct {
	ctx     context.Context
	cancel  func()
	profile string
	version string
	rec     *recorder // -profile: records each act
}

func newBrowser(exe string) (*browser, error) {
	if _, err := os.Stat(exe); err != nil {
		return nil, fmt.Errorf("no Chromium at %s: apt-get install -y chromium (or set MAPLINE_CHROMIUM)", exe)
	}
	profile, err := os.MkdirTemp("", "mapline-bench-")
	if err != nil {
		return nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	b := &browser{ctx: ctx, profile: profile, cancel: func() { cancel(); cancelAlloc() }}
	if err := chromedp.Do(ctx); err != nil {
		b.close()
		return nil, fmt.Errorf("starting %s: %v", exe, err)
	}
	if out, err := exec.Command(exe, "--version").Output(); err == nil {
		b.version = strings.TrimSpace(string(out))
	}
	return b, nil
}

func (b *browser) close() {
	b.cancel()
	os.RemoveAll(b.profile)
}

// tab opens a tab with the cache off (every load is a first visit), the
// viewport set and the bench's watcher installed: it notes when the root
// element's data-mapline becomes ready (or error).
func (b *browser) tab(vp [2]int64, timeout time.Duration) (context.Context, func(), error) {
	ctx, cancel := chromedp.NewContext(b.ctx)
	ctx, cancelT := context.WithTimeout(ctx, timeout)
	done := func() { cancelT(); cancel() }
	err := chromedp.Do(ctx, chromedp.EmulateViewport(vp[0], vp[1]))
	if err == nil {
		_, err = chromedp.Call(ctx, network.Enable, network.EnableParams{})
	}
	if err == nil {
		_, err = chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
	}
	if err == nil {
		_, err = chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watcherJS})
	}
	if err != nil {
		done()
		return nil, nil, err
	}
	return ctx, done, nil
}

const watcherJS = `(() => {
  const b = window.__bench = {ready: 0, state: ""};
  // The script runs before the page's root element exists: watch the
  // whole document.
  new MutationObserver(() => {
    const root = document.documentElement;
    const s = root ? root.getAttribute("data-mapline") || "" : "";
    if (s !== b.state) {
      b.state = s;
      if ((s === "ready" || s === "error") && !b.ready) b.ready = performance.now();
    }
  }).observe(document, {attributes: true, subtree: true, attributeFilter: ["data-mapline"]});
})();`

// waitReady waits until the map is ready, and fails on an error.
func waitReady(ctx context.Context) error {
	for {
		st, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(window.__bench ? "" : "no-watcher ") + (document.documentElement.getAttribute("data-mapline") || "")`))
		if err != nil {
			return err
		}
		if strings.HasPrefix(st, "no-watcher ") {
			return errors.New("the bench's watcher did not run in the page")
		}
		switch st {
		case "ready":
			return nil
		case "error":
			msg, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("map-note")?.innerText ?? ""`))
			return fmt.Errorf("the map shows an error: %.300s", msg)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// settle waits until the map has run no frame for quiet (at most max), and
// returns the work of the frames it ran meanwhile (reading the frame log
// empties it).
func settle(ctx context.Context, quiet, max time.Duration) ([]float64, error) {
	end := time.Now().Add(max)
	last, since := -1, time.Now()
	var work []float64
	for time.Now().Before(end) {
		st, err := stats(ctx)
		if err != nil {
			return work, err
		}
		work = append(work, st.Work...)
		if st.Frames != last {
			last, since = st.Frames, time.Now()
		} else if time.Since(since) >= quiet {
			return work, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return work, nil // still running frames: the figures will say so
}

type wasmStats struct {
	Frames      int       `json:"frames"`
	Draws       int       `json:"draws"`
	Work        []float64 `json:"work"`
	GoHeapAlloc float64   `json:"goHeapAlloc"`
	GoSys       float64   `json:"goSys"`
}

// stats reads (and empties) the wasm's frame log: maplineStats() of
// wasm/frames_js.go.
func stats(ctx context.Context) (wasmStats, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[wasmStats](`maplineStats()`))
}

func (s *story) url(base string) string {
	return base + "/embed.html?data=" + s.path
}

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

func metrics(ctx context.Context) (map[string]float64, error) {
	res, err := chromedp.Call(ctx, performance.GetMetrics, cdp.Empty{})
	if err != nil {
		return nil, err
	}
	m := map[string]float64{}
	for _, x := range res.Metrics {
		m[x.Name] = x.Value
	}
	return m, nil
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
	rect, err := chromedp.Run(ctx, chromedp.Evaluate[struct{ X, Y, W, H float64 }](`(() => {
	  const r = document.querySelector("canvas").getBoundingClientRect();
	  return {X: r.left, Y: r.top, W: r.width, H: r.height}; })()`))
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

// The scripted input runs in the page, so that its pace does not depend on
// the protocol's round trips: events every 16 ms (a pointer's pace) for
// pan, every 40 ms for the wheel, dispatched on the canvas, where the map's
// listeners (on window, capture phase) and Ebitengine's see them.

// panJS drags the map round a circle of 120 px, then lets go (inertia).
const panJS = `(d, cx, cy) => new Promise(done => {
  const c = document.querySelector("canvas"), end = performance.now() + d;
  const ev = (type, x, y) => c.dispatchEvent(new PointerEvent(type, {bubbles: true, cancelable: true,
    pointerId: 1, pointerType: "mouse", isPrimary: true, button: type === "pointermove" ? -1 : 0,
    buttons: type === "pointerup" ? 0 : 1, clientX: x, clientY: y}));
  let n = 0, a = 0, x = cx, y = cy;
  ev("pointerdown", x, y);
  const tick = () => {
    if (performance.now() >= end) { ev("pointerup", x, y); done(n); return; }
    a += 0.12; x = cx + 120 * Math.sin(a); y = cy + 60 * (1 - Math.cos(a));
    ev("pointermove", x, y); n++;
    setTimeout(tick, 16);
  };
  tick();
})`

// zoomJS turns the wheel about the centre: six notches in, six out, again.
const zoomJS = `(d, cx, cy) => new Promise(done => {
  const c = document.querySelector("canvas"), end = performance.now() + d;
  let n = 0;
  const tick = () => {
    if (performance.now() >= end) { done(n); return; }
    c.dispatchEvent(new WheelEvent("wheel", {bubbles: true, cancelable: true, clientX: cx, clientY: cy,
      deltaY: Math.floor(n / 6) % 2 ? 100 : -100, deltaMode: 0}));
    n++;
    setTimeout(tick, 40);
  };
  tick();
})`

// inPage runs one of the scripts above for d.
func inPage(ctx context.Context, script string, d time.Duration, cx, cy float64) (int, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf("(%s)(%d, %g, %g)", script, d.Milliseconds(), cx, cy), chromedp.EvalAwaitPromise))
}

// scrubFor moves the timeline's slider back and forth for d, an input event
// every 16 ms, in the page (as a reader's drag of the thumb does), and
// returns the number of input events.
func scrubFor(ctx context.Context, d time.Duration) (int, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(`new Promise(done => {
	  const s = document.getElementById("timeline");
	  const max = Number(s.max) || 100, end = performance.now() + %d;
	  let n = 0, dir = 1, v = Number(s.value) || 0;
	  const step = Math.max(1, Math.round(max / 240));
	  const tick = () => {
	    if (performance.now() >= end) { done(n); return; }
	    v += dir * step;
	    if (v >= max) { v = max; dir = -1; } else if (v <= 0) { v = 0; dir = 1; }
	    s.value = String(v);
	    s.dispatchEvent(new Event("input", {bubbles: true}));
	    n++;
	    setTimeout(tick, 16);
	  };
	  tick();
	})`, d.Milliseconds()), chromedp.EvalAwaitPromise))
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
	Targets  []target      `json:"targets"`
	GoBench  string        `json:"goBench,omitempty"`
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
		b.WriteString("\n### Go benchmarks (`go test ./geo -run '^$' -bench . -benchmem -benchtime 300ms -count 1`, as make bench runs them: on the host, not in the wasm)\n\n```\n")
		b.WriteString(strings.TrimSpace(rep.GoBench))
		b.WriteString("\n```\n")
	}
	return b.Bytes()
}
