package site

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// markerRoom is how far a current marker's centre stays from the map's
// edges, in CSS px: the largest marker with its halo and current ring
// (geo.Scene draws the current ring at about 16 px) and a pixel to spare.
const markerRoom = 17

// TestFollowKeepsCurrentInside steps through every event of the demo at the
// sizes an embed is given (a narrow phone, the usual phone, the desktop
// default): after the map has moved to each, the current event's markers lie
// wholly inside the map, and so do their labels.
func TestFollowKeepsCurrentInside(t *testing.T) {
	s := demo(t)
	for _, size := range []struct{ w, h int64 }{{320, 568}, {390, 844}, {900, 700}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			t.Parallel()
			ctx := tab(t, size.w, size.h, 1)
			ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
			defer cancel()
			open(t, ctx, "/embed.html", "ready")
			r := canvasRect(t, ctx)
			for i := range s.Events {
				e := &s.Events[i]
				if i > 0 {
					text(t, ctx, fmt.Sprintf(`dispatchEvent(new CustomEvent("mapline-command", {detail: {type: "goto", id: %q}})), ""`, e.ID))
				}
				waitText(t, ctx, `document.documentElement.dataset.event`, e.ID)
				v, _ := settledView(t, ctx, "document", r)
				for _, si := range e.Sites {
					site := s.Sites[si]
					p := v.Screen(site.LonLat)
					if p[0] < markerRoom || p[1] < markerRoom || p[0] > r.W-markerRoom || p[1] > r.H-markerRoom {
						t.Errorf("%s: the marker of %s is at (%.0f, %.0f), not inside the %.0f×%.0f map with %d px to spare (view %s)",
							e.ID, site.ID, p[0], p[1], r.W, r.H, markerRoom, v.Param())
					}
				}
				labels := text(t, ctx, fmt.Sprintf(`[...document.querySelectorAll(".label.current")].filter(l => !l.hidden).map(l => {
					const b = l.getBoundingClientRect();
					return b.left >= %[1]f - 0.5 && b.top >= %[2]f - 0.5 && b.right <= %[1]f + %[3]f + 0.5 && b.bottom <= %[2]f + %[4]f + 0.5 ? "" : l.textContent + " at " + [b.left, b.top, b.right, b.bottom].map(Math.round).join(",");
				}).filter(Boolean).join("; ")`, r.X, r.Y, r.W, r.H))
				if labels != "" {
					t.Errorf("%s: labels of current sites outside the map (%.0f,%.0f %.0f×%.0f): %s", e.ID, r.X, r.Y, r.W, r.H, labels)
				}
				if i == 0 {
					screenshot(t, ctx, fmt.Sprintf("follow-%dx%d-first", size.w, size.h))
				}
			}
		})
	}
}

// TestStoryCountryNamed: at the default sizes (the desktop embed, a phone
// opening embed.html) the map names Iraq, the country most of the story's
// sites are in: story countries win label space over others.
func TestStoryCountryNamed(t *testing.T) {
	for _, size := range []struct{ w, h int64 }{{900, 700}, {390, 844}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			t.Parallel()
			ctx := tab(t, size.w, size.h, 1)
			open(t, ctx, "/embed.html", "ready")
			waitText(t, ctx, `[...document.querySelectorAll(".label.country.story")].filter(l => !l.hidden).map(l => l.textContent).includes("Iraq") ? "named" : "not named"`, "named")
		})
	}
}
