package site

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"mapline/geo"
)

// TestStoryClearOfControls: on a phone's touch screen (375 px; its coarse
// pointer makes the zoom buttons 44 px, embed.css) the view fitted to the
// story keeps every marker drawn clear of the zoom and reset buttons, on
// their side: the right in English, the left in Arabic (right to left).
// The fit kept 36 px around the sites on every side while the buttons take
// 52 px on theirs: Al-Asad's marker, the current one, lay under them in
// Arabic. Light and dark, at the opening event; and on a desktop (32 px
// buttons, a mouse).
func TestStoryClearOfControls(t *testing.T) {
	s := demo(t)
	for _, tc := range []struct {
		lang, dark string
		touch      bool // a phone 375 px wide with a touch screen, else a desktop 1024 px wide
	}{
		{"ar", "false", true},
		{"ar", "true", true},
		{"en", "false", true},
		{"en", "true", true},
		{"ar", "false", false},
		{"en", "true", false},
	} {
		t.Run(fmt.Sprintf("lang=%s/dark=%s/touch=%v", tc.lang, tc.dark, tc.touch), func(t *testing.T) {
			w, h, button := int64(1024), int64(768), 32.0
			if tc.touch {
				w, h, button = 375, 700, 44
			}
			ctx := tab(t, w, h, 2)
			if tc.touch {
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, h, chromedp.EmulateScale(2), chromedp.EmulateTouch)); err != nil {
					t.Fatal(err)
				}
			}
			open(t, ctx, "/embed.html?lang="+tc.lang+"&dark="+tc.dark, "ready")
			waitText(t, ctx, `document.documentElement.dataset.basemap || ""`, "loaded")
			r := canvasRect(t, ctx)
			v, _ := settledView(t, ctx, "document", r)
			v.Ratio = 2
			cur := s.Index(text(t, ctx, `document.documentElement.dataset.event || ""`))
			controls := mapButtons(t, ctx)
			screenshot(t, ctx, fmt.Sprintf("fit-controls-%s-%d-touch-%v-dark-%s", tc.lang, w, tc.touch, tc.dark))
			if len(controls) < 3 || controls[0].W != button {
				t.Fatalf("controls %+v: the test needs the three buttons, %g px", controls, button)
			}
			// The markers the map draws at that view and event (geo
			// draws the page's scene from the same story).
			sc := geo.NewMap(geo.MapOptions{Story: s, Theme: geo.Light}).Render(v, cur)
			n := 0
			for _, mk := range sc.Markers {
				if mk.Site < 0 {
					continue
				}
				n++
				b := mk.Bounds()
				b.X, b.Y = b.X+r.X, b.Y+r.Y
				for _, c := range controls {
					if b.Intersects(c.box()) {
						t.Errorf("the marker of %s (%s) %+v lies under %s %+v (view %s)",
							s.Sites[mk.Site].ID, mk.Status, b, c.Text, c.box(), v.Param())
					}
				}
			}
			if n == 0 || cur < 0 {
				t.Fatalf("event %d, %d markers: the test needs the story's markers", cur, n)
			}
		})
	}
}
