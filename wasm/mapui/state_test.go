package mapui

import (
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"mapline/geo"

	"github.com/paulmach/orb"
)

func demoStory(t *testing.T) *geo.Story {
	t.Helper()
	f, err := os.Open("../../site/data/story.geojson")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := geo.Load(f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The map fits the story once it has both a size and a story, in either order.
func TestStateFitsStoryOnce(t *testing.T) {
	for _, order := range []string{"size-first", "story-first"} {
		t.Run(order, func(t *testing.T) {
			st := NewState(geo.Light)
			s := demoStory(t)
			if order == "size-first" {
				st.Resize(800, 500, 2)
				st.SetStory(s, -1)
			} else {
				st.SetStory(s, -1)
				st.Resize(800, 500, 2)
			}
			b, _ := s.Bound()
			for _, p := range []orb.Point{b.Min, b.Max} {
				q := st.view.Screen(p)
				if q[0] < fitPadding-1e-6 || q[0] > 800-fitPadding+1e-6 || q[1] < fitPadding-1e-6 || q[1] > 500-fitPadding+1e-6 {
					t.Errorf("corner %v of the story is at %v, outside the padded view", p, q)
				}
			}
			if st.cur != 0 || !st.eventDirty {
				t.Errorf("cur %d eventDirty %v, want the first event, announced", st.cur, st.eventDirty)
			}
			// A resize before the reader moves fits the story again.
			st.Resize(500, 700, 2)
			for _, p := range []orb.Point{b.Min, b.Max} {
				if q := st.view.Screen(p); q[0] < fitPadding-1e-6 || q[0] > 500-fitPadding+1e-6 || q[1] < fitPadding-1e-6 || q[1] > 700-fitPadding+1e-6 {
					t.Errorf("after a resize, corner %v of the story is at %v, outside the padded view", p, q)
				}
			}
			// A later resize does not fit again once the reader has moved.
			st.pan(10, 0)
			c := st.view.Center
			st.Resize(600, 400, 2)
			if st.view.Center != c {
				t.Errorf("resize after a pan moved the centre from %v to %v", c, st.view.Center)
			}
		})
	}
}

func TestStateViewFromURLIsKept(t *testing.T) {
	st := NewState(geo.Light)
	st.SetView(orb.Point{44, 33}, 6)
	st.Resize(800, 500, 1)
	st.SetStory(demoStory(t), -1)
	if st.view.Center != (orb.Point{44, 33}) || st.view.Zoom != 6 {
		t.Errorf("view= was replaced by a fit: %v z%v", st.view.Center, st.view.Zoom)
	}
}

// The poster's view is kept when it shows the current event, and replaced by
// a fit when the poster, cropped to the map's shape, cut the event off.
func TestStatePosterView(t *testing.T) {
	s := demoStory(t)
	asad, _ := s.Site("al-asad")
	for _, tc := range []struct {
		name   string
		center orb.Point
		zoom   float64
		keep   bool
	}{
		{"shows the event", orb.Point{47, 31}, 4.2, true},
		{"cuts the event off", orb.Point{50.41, 30.09}, 5.083, false}, // the square poster on a 390×474 map
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := NewState(geo.Light)
			st.SetPosterView(tc.center, tc.zoom)
			st.Resize(390, 474, 1)
			st.SetStory(s, -1)
			kept := st.view.Center == tc.center && st.view.Zoom == tc.zoom
			if kept != tc.keep {
				t.Errorf("opened at %s, poster %v z%g: kept %v, want %v", st.view.Param(), tc.center, tc.zoom, kept, tc.keep)
			}
			if q := st.view.Screen(asad.LonLat); q[0] < fitPadding-1e-6 || q[0] > 390-fitPadding+1e-6 {
				t.Errorf("Al-Asad, the first event's site, is at %v: not inside the map", q)
			}
			if st.home != st.view {
				t.Errorf("home %s is not the opening view %s", st.home.Param(), st.view.Param())
			}
		})
	}
}

// Draw only when something changed.
func TestStateFrameOnlyWhenDirty(t *testing.T) {
	st := NewState(geo.Light)
	if _, ok := st.Frame(); ok {
		t.Error("a frame before the map has a size")
	}
	st.Resize(400, 300, 1)
	if _, ok := st.Frame(); !ok {
		t.Fatal("no first frame")
	}
	if _, ok := st.Frame(); ok {
		t.Error("a second frame with nothing changed")
	}
	type step struct {
		name string
		do   func()
	}
	for _, c := range []step{
		{"pan", func() { st.pan(3, 4) }},
		{"zoom", func() { st.zoom(0.5, orb.Point{10, 10}) }},
		{"resize", func() { st.Resize(401, 300, 1) }},
		{"ratio", func() { st.Resize(401, 300, 2) }},
		{"story", func() { st.SetStory(demoStory(t), -1) }},
		{"event", func() { st.SetEvent(3) }},
	} {
		c.do()
		if _, ok := st.Frame(); !ok {
			t.Errorf("%s: no new frame", c.name)
		}
	}
	for _, c := range []step{
		{"no-pan", func() { st.pan(0, 0) }},
		{"no-zoom", func() { st.zoom(0, orb.Point{}) }},
		{"same-size", func() { st.Resize(401, 300, 2) }},
		{"same-event", func() { st.SetEvent(3) }},
	} {
		c.do()
		if _, ok := st.Frame(); ok {
			t.Errorf("%s: a frame although nothing changed", c.name)
		}
	}
}

func TestStateSetEventClamps(t *testing.T) {
	st := NewState(geo.Light)
	st.SetEvent(2) // no story: nothing happens
	if st.cur != -1 {
		t.Errorf("cur %d without a story", st.cur)
	}
	s := demoStory(t)
	st.SetStory(s, 4)
	if st.cur != 4 {
		t.Errorf("initial event %d, want 4", st.cur)
	}
	st.SetEvent(999)
	if st.cur != len(s.Events)-1 {
		t.Errorf("cur %d, want the last event", st.cur)
	}
	st.SetEvent(-5)
	if st.cur != 0 {
		t.Errorf("cur %d, want the first event", st.cur)
	}
}

// settle advances the animations in frames of 16 ms until they end (at most
// 5 s) and reports how many frames were drawn on the way.
func settle(t *testing.T, st *State) (frames int) {
	t.Helper()
	for i := 0; st.Animating(); i++ {
		if i > 5000/16 {
			t.Fatal("the animation does not end")
		}
		st.advance(16)
		if _, ok := st.Frame(); ok {
			frames++
		}
	}
	return frames
}

// sized is a state with the map at 800×500 CSS px showing the region.
func sized(t *testing.T) *State {
	t.Helper()
	st := NewState(geo.Light)
	st.SetView(orb.Point{45, 30}, 5)
	st.Resize(800, 500, 1)
	st.Frame()
	return st
}

func TestStateSmoothZoomKeepsThePointUnderTheCursor(t *testing.T) {
	st := sized(t)
	at := orb.Point{620, 140}
	ll := st.view.Geo(at)
	// Three wheel events in one frame all count.
	for range 3 {
		st.do(op{kind: opZoomBy, dz: wheelZoom(-100, 0, false, 0), at: at})
	}
	st.advance(16)
	if z := st.view.Zoom; z <= 5 || z >= 6 {
		t.Errorf("after one frame the zoom is %v, want on its way from 5 to 6", z)
	}
	frames := settle(t, st)
	if math.Abs(st.view.Zoom-6) > 1e-9 {
		t.Errorf("zoom %v after the animation, want 6", st.view.Zoom)
	}
	if p := st.view.Screen(ll); distance(p, at) > 1e-6 {
		t.Errorf("the point under the cursor moved from %v to %v", at, p)
	}
	// About zoomMillis of frames, each drawn; then nothing.
	if want := zoomMillis / 16; frames < want-2 || frames > want+2 {
		t.Errorf("%d frames drawn during the zoom, want about %d", frames, want)
	}
	if _, ok := st.Frame(); ok || st.Animating() {
		t.Error("the map still draws after the zoom ended")
	}
}

func TestStateZoomLimits(t *testing.T) {
	st := sized(t)
	st.do(op{kind: opZoomBy, dz: -10, at: orb.Point{400, 250}})
	settle(t, st)
	if want := st.view.FloorZoom(geo.Land); math.Abs(st.view.Zoom-want) > 1e-9 {
		t.Errorf("zoomed out to %v, want the floor %v", st.view.Zoom, want)
	}
	st.do(op{kind: opZoomBy, dz: 20, centre: true})
	settle(t, st)
	if st.view.Zoom != geo.MaxZoom {
		t.Errorf("zoomed in to %v, want %v", st.view.Zoom, geo.MaxZoom)
	}
	// A long drag down and to the left stops at the top of the world, and
	// goes on east round it (the map wraps).
	before := st.view.Center
	st.pan(-1e6, 1e6)
	if c := st.view.Center; c.Lat() != geo.MaxLat || c.Lon() <= before.Lon()+180 {
		t.Errorf("after a long drag the centre is %v, want latitude %v and far east of %v", c, geo.MaxLat, before)
	}
}

func TestStateKeyboardPanAddsUp(t *testing.T) {
	st := sized(t)
	c := st.view.Screen(orb.Point{45, 30})
	o, _ := keyOp("ArrowLeft", false, false)
	st.do(o)
	st.advance(50)
	st.do(o) // key repeat while the first pan runs
	settle(t, st)
	if p := st.view.Screen(orb.Point{45, 30}); math.Abs(p.X()-c.X()-160) > 1e-6 || math.Abs(p.Y()-c.Y()) > 1e-6 {
		t.Errorf("two ← moved the map by %v, want (160, 0)", orb.Point{p.X() - c.X(), p.Y() - c.Y()})
	}
}

func TestStateFlingCoastsAndStops(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    orb.Point // px/ms
		want float64   // px the map coasts
	}{
		{"slow release stays", orb.Point{0.05, 0}, 0},
		{"flick coasts v·τ", orb.Point{0.6, 0.8}, inertiaTau},
		{"fast flick is capped", orb.Point{30, 0}, inertiaMaxSpeed * inertiaTau},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := sized(t) // at zoom 5 a coast of 490 px stays in the region
			ll := orb.Point{45, 30}
			c := st.view.Screen(ll)
			st.do(op{kind: opFling, d: tc.v})
			settle(t, st)
			got := distance(st.view.Screen(ll), c)
			// The glide stops at inertiaStop: it leaves out inertiaStop·τ.
			if math.Abs(got-tc.want) > inertiaStop*inertiaTau+1e-6 {
				t.Errorf("coasted %.2f px, want %.2f", got, tc.want)
			}
		})
	}
}

func TestStatePressStopsEverything(t *testing.T) {
	st := sized(t)
	st.do(op{kind: opFling, d: orb.Point{1, 0}})
	st.do(op{kind: opZoomBy, dz: 1, centre: true})
	st.do(op{kind: opPanBy, d: orb.Point{80, 0}})
	st.advance(16)
	st.do(op{kind: opStop})
	if st.Animating() {
		t.Error("still animating after a press")
	}
}

func TestStateResetReturnsHome(t *testing.T) {
	for _, tc := range []struct {
		name string
		init func(st *State)
	}{
		{"view from the URL", func(st *State) { st.SetView(orb.Point{44, 33}, 6); st.Resize(800, 500, 1) }},
		{"fit of the story", func(st *State) { st.Resize(800, 500, 1); st.SetStory(demoStory(t), -1) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := NewState(geo.Light)
			tc.init(st)
			home := st.view
			st.pan(-200, 90)
			st.zoom(1.5, orb.Point{100, 100})
			st.do(op{kind: opReset})
			st.advance(100)
			if st.view.Center == home.Center {
				t.Error("reset jumped instead of animating")
			}
			settle(t, st)
			if st.view != home {
				t.Errorf("after reset the view is %v z%v, want %v z%v", st.view.Center, st.view.Zoom, home.Center, home.Zoom)
			}
		})
	}
}

// With prefers-reduced-motion everything jumps and nothing coasts.
func TestStateStill(t *testing.T) {
	st := sized(t)
	st.still = true
	home := st.view
	st.do(op{kind: opZoomBy, dz: 1, centre: true})
	if st.view.Zoom != 6 || st.Animating() {
		t.Errorf("zoom %v animating %v, want 6 at once", st.view.Zoom, st.Animating())
	}
	st.do(op{kind: opFling, d: orb.Point{1, 0}})
	st.do(op{kind: opPanBy, d: orb.Point{80, 0}})
	if st.Animating() {
		t.Error("a fling or a key pan animates")
	}
	st.do(op{kind: opReset})
	if st.view != home || st.Animating() {
		t.Errorf("reset: %v z%v, want %v z%v at once", st.view.Center, st.view.Zoom, home.Center, home.Zoom)
	}
}

// A pinch op pair (pan, then zoom about the new midpoint) keeps the
// geographic point between the fingers between them.
func TestStatePinch(t *testing.T) {
	st := sized(t)
	a0, b0 := orb.Point{300, 200}, orb.Point{400, 300}
	a1, b1 := orb.Point{280, 190}, orb.Point{480, 390}
	ll := st.view.Geo(orb.Point{350, 250})
	d, dz, at := pinch(a0, b0, a1, b1)
	st.do(op{kind: opPan, d: d})
	st.do(op{kind: opZoom, dz: dz, at: at})
	if p := st.view.Screen(ll); distance(p, orb.Point{380, 290}) > 1e-6 {
		t.Errorf("the point between the fingers is at %v, want %v", p, orb.Point{380, 290})
	}
	if math.Abs(st.view.Zoom-6) > 1e-9 {
		t.Errorf("zoom %v after spreading the fingers to twice their distance, want 6", st.view.Zoom)
	}
}

func TestStateTickUsesTheClock(t *testing.T) {
	st := sized(t)
	st.do(op{kind: opZoomBy, dz: 1, centre: true})
	t0 := time.Now()
	st.Tick(t0) // the first frame counts as 1/60 s
	st.Tick(t0.Add(zoomMillis / 2 * time.Millisecond))
	st.Tick(t0.Add(zoomMillis * time.Millisecond))
	if st.Animating() || math.Abs(st.view.Zoom-6) > 1e-9 {
		t.Errorf("after the zoom's duration: animating %v at zoom %v, want done at 6", st.Animating(), st.view.Zoom)
	}
	// The next animation starts afresh: a long idle time is not one step.
	st.do(op{kind: opZoomBy, dz: 1, centre: true})
	st.Tick(t0.Add(time.Hour))
	if z := st.view.Zoom; z <= 6 || z >= 6.5 {
		t.Errorf("first frame of the next zoom went to %v, want a small step from 6", z)
	}
}

// The map's names stay in the page's language whatever rebuilds the map: the
// basemap arriving with a story that failed, with one that loaded, a change
// of theme.
func TestStateKeepsTheLanguage(t *testing.T) {
	for _, tc := range []struct {
		name string
		load func(t *testing.T, st *State, s *geo.Story)
	}{
		{"story-fails", func(t *testing.T, st *State, _ *geo.Story) { st.SetBasemap(testBasemap(t)) }},
		{"story-loads", func(t *testing.T, st *State, s *geo.Story) { st.SetBasemap(testBasemap(t)); st.SetStory(s, -1) }},
		{"theme-after-failure", func(t *testing.T, st *State, _ *geo.Story) { st.SetBasemap(testBasemap(t)); st.SetTheme(geo.Dark) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := NewState(geo.Light)
			st.SetLang("ar")
			tc.load(t, st, demoStory(t))
			st.Resize(800, 500, 1)
			// At the region's zoom, where its Cities are drawn (a failed
			// story opens on the world).
			st.SetView(orb.Point{44.4, 33.3}, geo.CitiesFrom+1)
			sc, _ := st.Frame()
			cities := 0
			for _, l := range sc.Labels {
				if l.Kind != geo.CityLabel || l.Ref >= len(geo.Cities) {
					continue // not a city, or a place of the basemap (English names)
				}
				cities++
				c := geo.Cities[l.Ref]
				if want := c.NameIn("ar"); l.Text != want {
					t.Errorf("city %q is labelled %q, want %q", c.Name, l.Text, want)
				}
			}
			if cities == 0 {
				t.Fatal("no city labels in the scene")
			}
		})
	}
}

// testBasemap is the basemap the page fetches (geo.DefaultBasemap is not in
// the wasm build).
func testBasemap(t *testing.T) *geo.Basemap {
	t.Helper()
	b, err := os.ReadFile("../../geo/basemap.bin")
	if err != nil {
		t.Fatal(err)
	}
	bm, err := geo.DecodeBasemap(b)
	if err != nil {
		t.Fatal(err)
	}
	return bm
}

// TestStateStoryWithoutPlacesOpensOnTheWorld: a story whose events name no
// place opens on the world's land, not on the view the map had before.
func TestStateStoryWithoutPlacesOpensOnTheWorld(t *testing.T) {
	s, err := geo.Load(strings.NewReader(`{"type": "FeatureCollection", "features": [
	 {"type": "Feature", "id": "e", "geometry": null, "properties": {"time": "2020-01-08", "title": "E", "source": "test"}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	st := NewState(geo.Light)
	st.Resize(1600, 900, 1)
	st.SetStory(s, -1)
	st.Frame()
	v := st.View()
	// At this size the land fills the map: zoomed in from the home view.
	if want := geo.StartView(s, v); v.Zoom != want.Zoom || v.Center != want.Center {
		t.Errorf("the map opens at %v zoom %.2f, want the land fitted: %v zoom %.2f", v.Center, v.Zoom, want.Center, want.Zoom)
	}
	if span := v.Width / (geo.WorldSize * math.Exp2(v.Zoom)) * 360; span < 359 {
		t.Errorf("the map opens %.1f° wide at %v zoom %.2f, want the whole world", span, v.Center, v.Zoom)
	}
	// The land fits the height too: from Tierra del Fuego to Greenland.
	for _, p := range []orb.Point{{-68, -55}, {-40, 83}} {
		if q := v.Screen(p); q[1] < 0 || q[1] > v.Height {
			t.Errorf("land at %v is at y %.0f, off the map %v zoom %.2f", p, q[1], v.Center, v.Zoom)
		}
	}
}
