// Package browser launches the headless Chromium that mapline's browser
// tests (site/, cmd/mapline) and tools (cmd/bench) drive through chromedp:
// one set of flags, one way to open a tab, one screenshot helper and one
// loader of the demo story, so that a test and the benchmark see the same
// browser.
//
//	b, err := browser.Start(browser.Exe())
//	defer b.Close()
//	ctx, cancel, err := b.Tab(800, 600, 1, time.Minute)
package browser

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"mapline/geo"
)

// DefaultExe is where Debian's package puts Chromium.
const DefaultExe = "/usr/bin/chromium"

// Exe is the Chromium to run: $MAPLINE_CHROMIUM (make test and make bench
// set it), else DefaultExe.
func Exe() string {
	if v := os.Getenv("MAPLINE_CHROMIUM"); v != "" {
		return v
	}
	return DefaultExe
}

// Options are the flags of a headless Chromium that works here as root, in
// CI and on a shared machine: no sandbox, no GPU (WebGL2 runs on SwiftShader,
// on the CPU, so an Ebitengine map renders and can be screenshotted), none of
// the background traffic of a desktop browser, and its own profile in
// profile (a fresh temporary directory).
func Options(exe, profile string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
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
}

// A Browser is one running headless Chromium with a profile of its own;
// every test or run opens tabs in it (Tab).
type Browser struct {
	// Ctx is the browser's first tab: chromedp.NewContext(Ctx) opens
	// another in the same browser.
	Ctx context.Context
	// Version is what chromium --version prints ("" when it printed
	// nothing).
	Version string
	profile string
	cancel  func()
}

// Start starts Chromium at exe with Options and a fresh profile in a
// temporary directory, which Close removes.
func Start(exe string) (*Browser, error) {
	if _, err := os.Stat(exe); err != nil {
		return nil, fmt.Errorf("browser: no Chromium at %s: apt-get install -y chromium (or set MAPLINE_CHROMIUM)", exe)
	}
	profile, err := os.MkdirTemp("", "mapline-chromium-")
	if err != nil {
		return nil, fmt.Errorf("browser: a profile for Chromium: %v", err)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), Options(exe, profile)...)
	ctx, cancel := chromedp.NewContext(alloc)
	b := &Browser{Ctx: ctx, profile: profile, cancel: func() { cancel(); cancelAlloc() }}
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		b.Close()
		return nil, fmt.Errorf("browser: starting %s: %v", exe, err)
	}
	if out, err := exec.Command(exe, "--version").Output(); err == nil {
		b.Version = strings.TrimSpace(string(out))
	}
	return b, nil
}

// Close stops the browser and removes its profile.
func (b *Browser) Close() {
	b.cancel()
	os.RemoveAll(b.profile)
}

// Tab opens a tab of w×h CSS px at the device pixel ratio; the tab closes
// when cancel is called or timeout has passed.
func (b *Browser) Tab(w, h int64, ratio float64, timeout time.Duration) (ctx context.Context, cancel func(), err error) {
	return Tab(b.Ctx, w, h, ratio, timeout)
}

// Tab opens a tab of w×h CSS px at the device pixel ratio in the browser of
// parent (a Browser's Ctx, or a tab of it); the tab closes when cancel is
// called or timeout has passed.
func Tab(parent context.Context, w, h int64, ratio float64, timeout time.Duration) (ctx context.Context, cancel func(), err error) {
	ctx, cancelTab := chromedp.NewContext(parent)
	ctx, cancelT := context.WithTimeout(ctx, timeout)
	cancel = func() { cancelT(); cancelTab() }
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, h, chromedp.EmulateScale(ratio))); err != nil {
		cancel()
		return nil, nil, fmt.Errorf("browser: a tab of %d×%d px: %v", w, h, err)
	}
	return ctx, cancel, nil
}

// Screenshot captures the tab's viewport (in device pixels: CSS px times
// the ratio) and decodes it. When dir is not empty it also saves it as
// dir/name.png for a person to look at; failing to save is not an error.
func Screenshot(ctx context.Context, dir, name string) (image.Image, error) {
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		return nil, fmt.Errorf("browser: screenshot %s: %v", name, err)
	}
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err == nil {
			_ = os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644)
		}
	}
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		return nil, fmt.Errorf("browser: screenshot %s: %v", name, err)
	}
	return img, nil
}

// A Rect is a box on the page in CSS px, as getBoundingClientRect gives it.
type Rect struct{ X, Y, W, H float64 }

// CanvasRect is where the page's (first) canvas, the map's, lies; an error
// when the page has none.
func CanvasRect(ctx context.Context) (Rect, error) {
	type found struct {
		X, Y, W, H float64
		Found      bool
	}
	r, err := chromedp.Run(ctx, chromedp.Evaluate[found](`(() => { const c = document.querySelector("canvas");
		if (!c) return {Found: false};
		const r = c.getBoundingClientRect(); return {X: r.left, Y: r.top, W: r.width, H: r.height, Found: true}; })()`))
	if err != nil {
		return Rect{}, fmt.Errorf("browser: where the canvas is: %v", err)
	}
	if !r.Found {
		return Rect{}, errors.New("browser: the page has no canvas")
	}
	return Rect{r.X, r.Y, r.W, r.H}, nil
}

// DemoPath is the demo story in a built site (dist/), as a path and as the
// URL path embed.html's data= takes.
const DemoPath = "data/story.geojson"

// Demo is the demo story of the built site in dist, as the page loads it.
func Demo(dist string) (*geo.Story, error) {
	name := filepath.Join(dist, filepath.FromSlash(DemoPath))
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("browser: the demo story: %v", err)
	}
	defer f.Close()
	s, err := geo.Load(f)
	if err != nil {
		return nil, fmt.Errorf("browser: the demo story %s: %v", name, err)
	}
	return s, nil
}
