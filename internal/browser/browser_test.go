package browser

import (
	"image/color"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestDemo(t *testing.T) {
	story, err := os.ReadFile("../../site/data/story.geojson")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		files   map[string]string
		events  int    // of the loaded story
		wantErr string // in the error, when it fails
	}{
		{name: "built-site", files: map[string]string{DemoPath: string(story)}, events: 12},
		{name: "no-story", files: map[string]string{"embed.html": "<!doctype html>"}, wantErr: "the demo story: open"},
		{name: "not-json", files: map[string]string{DemoPath: "{"}, wantErr: filepath.FromSlash(DemoPath) + ": geo: the story is not valid JSON"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range tc.files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			s, err := Demo(dir)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.HasPrefix(err.Error(), "browser: ") {
					t.Fatalf("Demo: error %v, want one from browser: containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Events) != tc.events {
				t.Errorf("the demo has %d events, want %d", len(s.Events), tc.events)
			}
		})
	}
}

func TestStartWithoutChromium(t *testing.T) {
	_, err := Start(filepath.Join(t.TempDir(), "no-chromium"))
	if err == nil || !strings.Contains(err.Error(), "MAPLINE_CHROMIUM") {
		t.Fatalf("Start of a missing binary: error %v, want one that says how to get Chromium", err)
	}
}

// TestTabScreenshotWebGL starts Chromium as every browser test does, opens a
// tab at device pixel ratio 2 and checks what the tests rely on: WebGL2 (on
// SwiftShader: the map's Ebitengine needs it), the canvas's place, and a
// screenshot in device pixels with the page's colours, saved for a person.
func TestTabScreenshotWebGL(t *testing.T) {
	exe := os.Getenv("MAPLINE_CHROMIUM")
	if exe == "" {
		t.Skip("set MAPLINE_CHROMIUM=/usr/bin/chromium to start Chromium")
	}
	b, err := Start(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if !strings.Contains(b.Version, "Chromium") {
		t.Errorf("Version %q does not name Chromium", b.Version)
	}
	ctx, cancel, err := b.Tab(200, 100, 2, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	defer cancel()
	page := `<!doctype html><body style="margin:0;background:rgb(200,30,40)"><canvas width=50 height=20 style="position:absolute;left:10px;top:30px;width:50px;height:20px"></canvas>`
	if err := chromedp.Do(ctx, chromedp.Navigate("data:text/html,"+url.PathEscape(page))); err != nil {
		t.Fatal(err)
	}
	gl, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.createElement("canvas").getContext("webgl2")`))
	if err != nil {
		t.Fatal(err)
	}
	if !gl {
		t.Error("no WebGL2 in the tab: the map could not render")
	}
	r, err := CanvasRect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r != (Rect{X: 10, Y: 30, W: 50, H: 20}) {
		t.Errorf("CanvasRect = %+v, want {10 30 50 20}", r)
	}
	dir := t.TempDir()
	img, err := Screenshot(ctx, dir, "red")
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got.X != 400 || got.Y != 200 {
		t.Errorf("screenshot of %v device px, want 400×200 (200×100 CSS px at ratio 2)", got)
	}
	if c := color.NRGBAModel.Convert(img.At(300, 150)).(color.NRGBA); c != (color.NRGBA{200, 30, 40, 255}) {
		t.Errorf("pixel %v, want the page's rgb(200,30,40)", c)
	}
	if _, err := os.Stat(filepath.Join(dir, "red.png")); err != nil {
		t.Errorf("the screenshot was not saved: %v", err)
	}

	if err := chromedp.Do(ctx, chromedp.Navigate("data:text/html,"+url.PathEscape("<p>no map</p>"))); err != nil {
		t.Fatal(err)
	}
	if _, err := CanvasRect(ctx); err == nil || !strings.Contains(err.Error(), "no canvas") {
		t.Errorf("CanvasRect of a page without a canvas: error %v, want no canvas", err)
	}
}
