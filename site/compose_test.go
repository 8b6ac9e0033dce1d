package site

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/paulmach/orb"
)

// TestCompositorPan: while the mouse holds the map, a pan moves the frame
// already drawn and its labels with a CSS translate, drawing nothing; past
// the margin the map is drawn anew under the pointer; let go, the map is
// drawn where the pointer left it, the translate is gone, and the story's
// labels sit by their markers.
func TestCompositorPan(t *testing.T) {
	s := demo(t)
	ctx := tab(t, 800, 650, 1)
	open(t, ctx, "/embed.html?view=33,45,5&t=2025-06-11", "ready")
	r := canvasRect(t, ctx)
	c := orb.Point{r.W / 2, r.H / 2}
	onCanvas(t, ctx, "document", c)
	before, _ := settledView(t, ctx, "document", r)
	draws := func() int {
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`maplineStats().draws`))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	translate := func() string {
		return text(t, ctx, `[document.querySelector("canvas").style.translate, document.getElementById("map-labels").style.translate].join(" | ")`)
	}
	x, y := r.X+c.X(), r.Y+c.Y()
	move := func(dx, dy float64) {
		t.Helper()
		var steps []chromedp.Action[chromedp.Void]
		for i := 1; i <= 5; i++ {
			f := float64(i) / 5
			steps = append(steps, chromedp.MouseEvent(chromedp.MouseMoved, x+dx*f, y+dy*f, chromedp.ButtonLeft))
		}
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
		x, y = x+dx, y+dy
		time.Sleep(300 * time.Millisecond) // frames enough for every move
	}
	press := func() {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MousePressed, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1))); err != nil {
			t.Fatal(err)
		}
	}
	release := func() {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseReleased, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1))); err != nil {
			t.Fatal(err)
		}
		settledView(t, ctx, "document", r)
		waitText(t, ctx, `document.documentElement.dataset.basemap`, "loaded")
	}
	// A first pan there and back brings the tiles it shows: a tile that
	// arrives during a hold is drawn (one frame), which would blur what
	// this test measures.
	waitText(t, ctx, `document.documentElement.dataset.basemap`, "loaded")
	press()
	move(64, 32)
	release()
	press()
	move(-64, -32)
	release()
	before, _ = settledView(t, ctx, "document", r)
	press()
	// The first move stops the camera following the story: that frame draws.
	move(4, 2)
	n := draws()
	move(60, 30)
	if got := draws(); got != n {
		t.Errorf("a pan within the margin drew %d frames, want none (the frame on screen moves)", got-n)
	}
	// The frame on screen was drawn during the first move, at most 4, 2 px
	// before its end: it has moved by the pan since.
	tr := translate()
	var px []float64
	for _, m := range regexp.MustCompile(`(-?[\d.]+)px`).FindAllStringSubmatch(tr, -1) {
		v, _ := strconv.ParseFloat(m[1], 64)
		px = append(px, v)
	}
	if len(px) != 4 || px[0] < 60 || px[0] > 64 || px[1] < 30 || px[1] > 32 || px[2] != px[0] || px[3] != px[1] {
		t.Errorf("canvas | labels translate = %q while held, want both by 60–64, 30–32 px", tr)
	}
	// Past the margin (a quarter of the map's smaller side) the map is drawn
	// anew under the pointer, and the translate starts again from it.
	move(0, math.Min(r.W, r.H)/4+10)
	if got := draws(); got == n {
		t.Error("a pan past the margin drew nothing")
	}
	if got := translate(); strings.Contains(got, "64px") {
		t.Errorf("translate = %q after a frame was drawn under the pointer, want it restarted", got)
	}
	n = draws()
	release()
	after, _ := settledView(t, ctx, "document", r)
	if got := draws(); got == n {
		t.Error("let go, the map was not drawn")
	}
	if got := translate(); got != " | " {
		t.Errorf("translate = %q after the pan, want none", got)
	}
	d := orb.Point{64, 32 + math.Min(r.W, r.H)/4 + 10}
	if q, want := moved(before, after, c), (orb.Point{c.X() + d.X(), c.Y() + d.Y()}); !near(q, want, 2) {
		t.Errorf("the pan moved the point under the pointer from %v to %v, want %v", c, q, want)
	}
	screenshot(t, ctx, "compose-after-pan")
	// Each story site's label lies by its marker (within 40 px of its
	// centre), where the map is now.
	labels := visibleLabels(t, ctx)
	checked := 0
	for _, l := range labels {
		if !strings.Contains(l.Class, "site") {
			continue
		}
		for _, st := range s.Sites {
			if st.Name != l.Text {
				continue
			}
			p := after.Screen(st.LonLat)
			p = orb.Point{p.X() + r.X, p.Y() + r.Y}
			b := l.box()
			dx := math.Max(0, math.Max(b.X-p.X(), p.X()-(b.X+b.W)))
			dy := math.Max(0, math.Max(b.Y-p.Y(), p.Y()-(b.Y+b.H)))
			if math.Hypot(dx, dy) > 40 {
				t.Errorf("label %q at %+v is %.0f px from its marker at %v", l.Text, b, math.Hypot(dx, dy), p)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Errorf("no story site's label to check: %v", labels)
	}
}
