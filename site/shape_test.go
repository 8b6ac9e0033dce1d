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
