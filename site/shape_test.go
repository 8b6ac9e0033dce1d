package site

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"mapline/internal/embedspec"
)

// TestMapShapeFromGo: an embed that its host fits (embed.js) asks for the
// height of its header, its panel and a map of Go's shape
// (embedspec.MapHeight, which the posters are cut for), at the least, the
// most and in between.
func TestMapShapeFromGo(t *testing.T) {
	for _, tc := range []struct {
		name  string
		width int64
	}{
		{"phone-least", 380},
		{"between", 700},
		{"wide-most", 1200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := tab(t, tc.width, 900, 1)
			navigate(t, ctx, "/testdata/embedjs-host.html?src="+queryEscape("/embed.html?static=1"))
			waitText(t, ctx, `(window.heard || []).join(" ")`, "height")
			// The header's and the panel's heights settle as the fonts come:
			// the embed asks again, and the host follows.
			var m struct{ H, W, Head, Panel float64 }
			var want float64
			js := `(() => { const f = document.querySelector("#embed-0 iframe"), d = f.contentDocument;
				return JSON.stringify({H: f.getBoundingClientRect().height, W: f.contentWindow.innerWidth,
					Head: d.getElementById("head").offsetHeight, Panel: d.getElementById("panel").offsetHeight}); })()`
			for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
				if err := json.Unmarshal([]byte(text(t, ctx, js)), &m); err != nil {
					t.Fatal(err)
				}
				if want = math.Ceil(m.Head + m.Panel + float64(embedspec.MapHeight(m.W))); m.H == want {
					return
				}
			}
			t.Errorf("width %g: the embed is %g px high, want %g (header %g, panel %g, map %d)", m.W, m.H, want, m.Head, m.Panel, embedspec.MapHeight(m.W))
		})
	}
}

// TestControlsFromGo: the zoom buttons lie where Go (embedspec.ZoomBox,
// which keeps the posters' labels clear of them) says, their sizes being
// the ones make build writes into the style sheet.
func TestControlsFromGo(t *testing.T) {
	ctx := tab(t, 800, 650, 1)
	open(t, ctx, "/embed.html", "ready")
	var m struct{ X, Y, W, H, MapW float64 }
	js := `(() => { const c = document.querySelector("canvas").getBoundingClientRect(), b = document.getElementById("map-controls").getBoundingClientRect();
		return JSON.stringify({X: b.left - c.left, Y: b.top - c.top, W: b.width, H: b.height, MapW: c.width}); })()`
	if err := json.Unmarshal([]byte(text(t, ctx, js)), &m); err != nil {
		t.Fatal(err)
	}
	want := embedspec.ZoomBox(m.MapW)
	if m.X != want.X || m.Y != want.Y || m.W != want.W || m.H != want.H {
		t.Errorf("the zoom buttons lie at %+v on a map %g px wide, want %+v", m, m.MapW, want)
	}
}
