package site

import (
	"context"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"mapline/geo"

	"github.com/chromedp/cdproto/input"
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
	draws := func() int { return draws(t, ctx) }
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
	// The first move stops the camera following the story, which changes
	// the controls, not the map: it draws nothing either (a frame drawn
	// there would also move the margin's start off the press).
	n := draws()
	move(4, 2)
	move(60, 30)
	if got := draws(); got != n {
		t.Errorf("a pan within the margin drew %d frames, want none (the frame on screen moves)", got-n)
	}
	// The frame on screen was drawn before the press: it has moved by the
	// whole pan since.
	tr := translate()
	var px []float64
	for _, m := range regexp.MustCompile(`(-?[\d.]+)px`).FindAllStringSubmatch(tr, -1) {
		v, _ := strconv.ParseFloat(m[1], 64)
		px = append(px, v)
	}
	if len(px) != 4 || px[0] != 64 || px[1] != 32 || px[2] != px[0] || px[3] != px[1] {
		t.Errorf("canvas | labels translate = %q while held, want both by 64, 32 px", tr)
	}
	screenshot(t, ctx, "compose-pan-held") // the frame, its labels and the controls above it, moved
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
	labelsByMarkers(t, ctx, s, after, r)
}

// TestCompositorFirstPan: the first drag of a page whose camera follows the
// story stops it following, which changes the controls (the follow box is
// unchecked at once), not the map: the frame on screen moves, drawing
// nothing, until the reader lets go.
func TestCompositorFirstPan(t *testing.T) {
	ctx := tab(t, 800, 650, 1)
	open(t, ctx, "/embed.html", "ready")
	waitText(t, ctx, `document.documentElement.dataset.basemap`, "loaded")
	r := canvasRect(t, ctx)
	settledView(t, ctx, "document", r)
	x, y := r.X+r.W/2, r.Y+r.H/2
	n := draws(t, ctx)
	steps := []chromedp.Action[chromedp.Void]{chromedp.MouseEvent(chromedp.MousePressed, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1))}
	for i := 1; i <= 8; i++ {
		steps = append(steps, chromedp.MouseEvent(chromedp.MouseMoved, x+float64(8*i), y+float64(4*i), chromedp.ButtonLeft))
	}
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // frames enough for every move
	if got := draws(t, ctx); got != n {
		t.Errorf("the first pan, within the margin, drew %d frames while held, want none", got-n)
	}
	if got := text(t, ctx, `String(document.getElementById("follow").checked)`); got != "false" {
		t.Errorf("follow checked = %s while the reader holds the map, want false (the controls show the camera stopped)", got)
	}
	if err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseReleased, x+64, y+32, chromedp.ButtonLeft, chromedp.ClickCount(1))); err != nil {
		t.Fatal(err)
	}
	settledView(t, ctx, "document", r)
	if got := draws(t, ctx); got == n {
		t.Error("let go, the map was not drawn")
	}
}

// labelsByMarkers fails the test unless each story site's label shown lies
// by its marker (within 40 px of its centre) on view v, and one at least is
// shown.
func labelsByMarkers(t *testing.T, ctx context.Context, s *geo.Story, v geo.View, r rect) {
	t.Helper()
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
			p := v.Screen(st.LonLat)
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

// watchMoves records every translate and scale the page gives the canvas
// (page.moveMap), whenever it gives them; moves returns them since.
func watchMoves(t *testing.T, ctx context.Context) (moves func() []string) {
	t.Helper()
	text(t, ctx, `(() => { const c = document.querySelector("canvas"); window.__moves = [];
		new MutationObserver(() => window.__moves.push(c.style.translate + " | " + c.style.scale)).observe(c, {attributes: true, attributeFilter: ["style"]});
		return ""; })()`)
	return func() []string {
		m, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__moves.splice(0)`))
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
}

// scaled tells whether a move of watchMoves scaled the frame.
func scaled(moves []string) bool {
	for _, m := range moves {
		if !strings.HasSuffix(m, "| ") {
			return true
		}
	}
	return false
}

// TestCompositorWheelZoom: a wheel's zoom scales the frame drawn and its
// labels about the cursor on the compositor while it runs; at rest the map
// is drawn where the zoom took it, with nothing moved or scaled, the point
// under the cursor still under it, and the labels by their markers.
func TestCompositorWheelZoom(t *testing.T) {
	s := demo(t)
	ctx := tab(t, 800, 650, 1)
	open(t, ctx, "/embed.html?view=33,45,5&t=2025-06-11", "ready")
	waitText(t, ctx, `document.documentElement.dataset.basemap`, "loaded")
	r := canvasRect(t, ctx)
	v0, _ := settledView(t, ctx, "document", r)
	p := orb.Point{r.W * 0.3, r.H * 0.6}
	onCanvas(t, ctx, "document", p)
	moves := watchMoves(t, ctx)
	if err := chromedp.Do(ctx, wheel(r.X+p.X(), r.Y+p.Y(), -100), wheel(r.X+p.X(), r.Y+p.Y(), -100)); err != nil {
		t.Fatal(err)
	}
	v1, s1 := settledView(t, ctx, "document", r)
	waitText(t, ctx, `document.documentElement.dataset.basemap`, "loaded")
	if m := moves(); !scaled(m) {
		t.Errorf("the wheel's zoom never scaled the frame on screen: canvas translate | scale %q", m)
	}
	if math.Abs(v1.Zoom-v0.Zoom-2.0/3) > 1e-3 {
		t.Errorf("after 200 px of wheel the view is %s, want zoom %.3f", s1, v0.Zoom+2.0/3)
	}
	if q := moved(v0, v1, p); !near(q, p, 1) {
		t.Errorf("the point under the cursor moved from %v to %v", p, q)
	}
	if got := text(t, ctx, `[document.querySelector("canvas").style.translate, document.getElementById("map-labels").style.scale].join(" | ")`); got != " | " {
		t.Errorf("canvas translate | labels scale = %q at rest, want none", got)
	}
	screenshot(t, ctx, "compose-after-wheel")
	labelsByMarkers(t, ctx, s, v1, r)
}

// TestCompositorWheelNotches: a run of wheel notches 40 ms apart (as a
// mouse wheel turns, and as cmd/bench's zoom act does), in by two levels
// and out by three, scales the frame on screen about the cursor however far
// it goes and draws no frame until the zoom rests (maplineStats().why: no
// frame drawn for the scale or the margin); at rest the map is drawn once
// (then again as the new view's tiles come: "tiles") at the
// notches' zoom, the point under the cursor still under it, nothing moved
// or scaled, the labels by their markers.
func TestCompositorWheelNotches(t *testing.T) {
	s := demo(t)
	ctx := tab(t, 800, 650, 1)
	open(t, ctx, "/embed.html?view=33,45,5&t=2025-06-11", "ready")
	waitText(t, ctx, `document.documentElement.dataset.basemap`, "loaded")
	r := canvasRect(t, ctx)
	v0, _ := settledView(t, ctx, "document", r)
	p := orb.Point{r.W * 0.4, r.H * 0.45}
	onCanvas(t, ctx, "document", p)
	moves := watchMoves(t, ctx)
	why0 := whys(t, ctx)
	for i := range 15 {
		dy := -100.0 // 6 notches in, a third of a level each
		if i >= 6 {
			dy = 100 // 9 out
		}
		if err := chromedp.Do(ctx, wheel(r.X+p.X(), r.Y+p.Y(), dy)); err != nil {
			t.Fatal(err)
		}
		time.Sleep(40 * time.Millisecond)
	}
	for deadline := time.Now().Add(10 * time.Second); whys(t, ctx)["rest"] == why0["rest"]; {
		if time.Now().After(deadline) {
			t.Fatal("the wheel's zoom never rested: no frame drawn at rest")
		}
		time.Sleep(50 * time.Millisecond)
	}
	v1, s1 := settledView(t, ctx, "document", r)
	waitText(t, ctx, `document.documentElement.dataset.basemap`, "loaded")
	// At rest the map is drawn ("rest"), and again as the tiles of the new
	// view come ("tiles": the view's zoom-4 tiles were never fetched, and
	// are asked for at rest); nothing else. A notch late by more than the
	// zoom's 200 ms on a busy machine makes the zoom rest twice.
	why1 := whys(t, ctx)
	if d := why1["rest"] - why0["rest"]; d < 1 {
		t.Errorf("the wheel's zoom drew %d frames at rest; want 1 or more", d)
	}
	if d := why1["tiles"] - why0["tiles"]; d < 1 {
		t.Errorf("the wheel's zoom drew %d frames for the new view's tiles (%v); want 1 or more", d, why1)
	}
	for why, n := range why1 {
		if d := n - why0[why]; d > 0 && why != "rest" && why != "tiles" {
			t.Errorf("the wheel's zoom drew %d frames for %q; want frames drawn only at rest and for the tiles", d, why)
		}
	}
	if m := moves(); !scaled(m) {
		t.Errorf("the wheel's zoom never scaled the frame on screen: canvas translate | scale %q", m)
	}
	if want := v0.Zoom - 1; math.Abs(v1.Zoom-want) > 1e-3 {
		t.Errorf("after 6 notches in and 9 out the view is %s, want zoom %.3f", s1, want)
	}
	if q := moved(v0, v1, p); !near(q, p, 1) {
		t.Errorf("the point under the cursor moved from %v to %v", p, q)
	}
	if got := text(t, ctx, `[document.querySelector("canvas").style.translate, document.querySelector("canvas").style.scale, document.getElementById("map-labels").style.scale].join(" | ")`); got != " |  | " {
		t.Errorf("canvas translate | scale | labels scale = %q at rest, want none", got)
	}
	screenshot(t, ctx, "compose-after-wheel-notches")
	labelsByMarkers(t, ctx, s, v1, r)
}

// restedView is the view once a gesture rests: data-view has settled and
// the frame on screen is in place (no translate, no scale). A gesture the
// compositor carries (a glide, a zoom) changes data-view only at rest.
func restedView(t *testing.T, ctx context.Context, r rect) geo.View {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		v, _ := settledView(t, ctx, "document", r)
		if text(t, ctx, `[document.querySelector("canvas").style.translate, document.querySelector("canvas").style.scale].join(" | ")`) == " | " {
			return v
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the gesture never rested: the frame on screen is still moved")
	return geo.View{}
}

// whys is how many frames the map has drawn, by reason (mapui.Compositor.Why).
func whys(t *testing.T, ctx context.Context) map[string]int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]int](`maplineStats().why`))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCompositorPinch: on a phone, fingers that pinch scale the frame drawn
// about their midpoint and draw nothing while they stay on the map, in or
// out however far (a pinch out by two levels uncovers the sea round the
// frame), the scale bar that of the frame as scaled; let go, the map is
// drawn at the zoom the fingers spread it to, the point between them still
// there, the labels by their markers, the scale bar that of the view.
func TestCompositorPinch(t *testing.T) {
	for _, tc := range []struct {
		name  string
		dark  string    // dark=
		from  float64   // half the fingers' distance at the start…
		steps []float64 // …and as they move, held
	}{
		{"in, light", "false", 40, []float64{44, 50, 55, 60}}, // to 1.5 times the distance
		{"in, dark", "true", 40, []float64{44, 50, 55, 60}},
		{"out by two levels, light", "false", 80, []float64{76, 60, 40, 20}}, // to a quarter
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := demo(t)
			ctx := tab(t, 375, 700, 1)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(375, 700, chromedp.EmulateTouch)); err != nil {
				t.Fatal(err)
			}
			open(t, ctx, "/embed.html?view=33,45,5&t=2025-06-11&dark="+tc.dark, "ready")
			waitText(t, ctx, `document.documentElement.dataset.basemap`, "loaded")
			r := canvasRect(t, ctx)
			v0, _ := settledView(t, ctx, "document", r)
			m := orb.Point{r.W / 2, r.H / 2}
			onCanvas(t, ctx, "document", m)
			x, y := r.X+m.X(), r.Y+m.Y()
			at := func(d float64) chromedp.Action[chromedp.Void] {
				return touches(input.DispatchTouchEventTypeTouchMove, orb.Point{x - d, y}, orb.Point{x + d, y})
			}
			moves := watchMoves(t, ctx)
			if err := chromedp.Do(ctx, touches(input.DispatchTouchEventTypeTouchStart, orb.Point{x - tc.from, y}, orb.Point{x + tc.from, y}), at(tc.steps[0])); err != nil {
				t.Fatal(err)
			}
			time.Sleep(300 * time.Millisecond) // frames enough for every move
			n := draws(t, ctx)
			for _, d := range tc.steps[1:] {
				if err := chromedp.Do(ctx, at(d)); err != nil {
					t.Fatal(err)
				}
			}
			time.Sleep(300 * time.Millisecond)
			if got := draws(t, ctx); got != n {
				t.Errorf("a pinch drew %d frames while held, want none (the frame on screen is scaled)", got-n)
			}
			if m := moves(); !scaled(m) {
				t.Errorf("the pinch never scaled the frame on screen: canvas translate | scale %q", m)
			}
			dz := math.Log2(tc.steps[len(tc.steps)-1] / tc.from)
			scaleBarOf(t, ctx, v0.ZoomAbout(dz, m), "while held")
			screenshot(t, ctx, "compose-pinch-held-"+strings.NewReplacer(", ", "-", " ", "-").Replace(tc.name))
			if err := chromedp.Do(ctx, touches(input.DispatchTouchEventTypeTouchEnd)); err != nil {
				t.Fatal(err)
			}
			v1, s1 := settledView(t, ctx, "document", r)
			scaleBarOf(t, ctx, v1, "at rest")
			if want := v0.Zoom + dz; math.Abs(v1.Zoom-want) > 0.01 {
				t.Errorf("after the pinch the view is %s, want zoom %.3f", s1, want)
			}
			if q := moved(v0, v1, m); !near(q, m, 2) {
				t.Errorf("the point between the fingers moved from %v to %v", m, q)
			}
			waitText(t, ctx, `document.documentElement.dataset.basemap`, "loaded")
			if got := text(t, ctx, `[document.querySelector("canvas").style.translate, document.getElementById("map-labels").style.scale].join(" | ")`); got != " | " {
				t.Errorf("canvas translate | labels scale = %q at rest, want none", got)
			}
			screenshot(t, ctx, "compose-pinch-after-"+strings.NewReplacer(", ", "-", " ", "-").Replace(tc.name))
			labelsByMarkers(t, ctx, s, v1, r)
		})
	}
}

// draws is how many frames the map has drawn.
func draws(t *testing.T, ctx context.Context) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`maplineStats().draws`))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// scaleBarOf fails the test unless the scale bar shows what geo's ScaleBar
// says for view v (when says when): its words, and its bars as long, within
// 1.5 px (a pinch's zoom is the fingers' to within 0.01 of a level).
func scaleBarOf(t *testing.T, ctx context.Context, v geo.View, when string) {
	t.Helper()
	want := v.ScaleBar(100)
	for _, bar := range []struct {
		id, text string
		px       float64
	}{{"scale-km", want.KmText(), want.KmPx}, {"scale-mi", want.MiText(), want.MiPx}} {
		if got := text(t, ctx, `document.getElementById("`+bar.id+`").textContent`); got != bar.text {
			t.Errorf("%s, #%s says %q, want %q (zoom %.2f)", when, bar.id, got, bar.text, v.Zoom)
		}
		if got := boxOf(t, ctx, "#"+bar.id).W; math.Abs(got-bar.px) > 1.5 {
			t.Errorf("%s, #%s is %.1f px wide, want %.1f (zoom %.2f)", when, bar.id, got, bar.px, v.Zoom)
		}
	}
}

// TestCompositorGlide: a flick's glide is carried on the compositor however
// far it goes past the margin (the sea shows on the side it uncovers) and
// the map is drawn once when it rests (maplineStats().why: no "margin"),
// further than the drag in its direction, nothing moved at rest, the labels
// by their markers.
func TestCompositorGlide(t *testing.T) {
	s := demo(t)
	ctx := tab(t, 800, 650, 1)
	open(t, ctx, "/embed.html?view=33,45,5&t=2025-06-11", "ready")
	waitText(t, ctx, `document.documentElement.dataset.basemap`, "loaded")
	r := canvasRect(t, ctx)
	c := orb.Point{r.W / 2, r.H / 2}
	onCanvas(t, ctx, "document", c)
	v0, _ := settledView(t, ctx, "document", r)
	why0 := whys(t, ctx)
	// Moves 10 ms apart by their own timestamps, let go 10 ms after the
	// last (TestDragInertia): about 1 px/ms at release, a glide of about
	// 340 px, westwards to the story's sites; the drag itself within the
	// margin.
	d := orb.Point{60, -20}
	if err := chromedp.Do(ctx, timedDrag(r.X+c.X(), r.Y+c.Y(), d, 0.07)...); err != nil {
		t.Fatal(err)
	}
	v1 := restedView(t, ctx, r)
	waitText(t, ctx, `document.documentElement.dataset.basemap`, "loaded")
	q := moved(v0, v1, c)
	got := orb.Point{q.X() - c.X(), q.Y() - c.Y()}
	if along := (got.X()*d.X() + got.Y()*d.Y()) / math.Hypot(d.X(), d.Y()); along < math.Hypot(d.X(), d.Y())+0.25*math.Min(r.W, r.H) { // mapui.Margin
		t.Fatalf("the flick of %v moved the map by %v: want a glide past the margin", d, got)
	}
	for why, n := range whys(t, ctx) {
		dn := n - why0[why]
		switch {
		case why == "rest" && dn != 1:
			t.Errorf("the flick drew %d frames at rest; want 1", dn)
		case dn > 0 && why != "rest" && why != "tiles":
			t.Errorf("the flick drew %d frames for %q; want frames drawn only at rest and for the tiles", dn, why)
		}
	}
	if got := text(t, ctx, `[document.querySelector("canvas").style.translate, document.getElementById("map-labels").style.translate].join(" | ")`); got != " | " {
		t.Errorf("canvas | labels translate = %q at rest, want none", got)
	}
	screenshot(t, ctx, "compose-after-glide")
	labelsByMarkers(t, ctx, s, v1, r)
}
