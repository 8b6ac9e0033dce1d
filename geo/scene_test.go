package geo_test

import (
	"bytes"
	"flag"
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"mapline/geo"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenEvent is the current event of the golden scene: the day diplomats
// were ordered out of Baghdad and Erbil.
const goldenEvent = "ordered-departure"

// hex writes a colour as #rrggbb, or #rrggbbaa when it is not opaque.
func hex(c color.NRGBA) string {
	if c.A == 0xff {
		return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
	}
	return fmt.Sprintf("#%02x%02x%02x%02x", c.R, c.G, c.B, c.A)
}

// px writes a coordinate rounded to 0.01 px.
func px(x float64) string {
	s := fmt.Sprintf("%.2f", x)
	if s == "-0.00" {
		return "0.00"
	}
	return s
}

// summary writes a scene as compact, readable text: counts for the basemap,
// every marker and every label in drawing order.
func summary(s *geo.Story, sc *geo.Scene) string {
	var b strings.Builder
	fmt.Fprintf(&b, "scene %gx%g ratio %g background %s\n", sc.Width, sc.Height, sc.Ratio, hex(sc.Background))
	for _, f := range sc.Fills {
		rings, points := 0, 0
		bd := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
		for _, p := range f.Polygons {
			rings += len(p)
			for _, r := range p {
				points += len(r)
				for _, q := range r {
					bd = bd.Extend(q)
				}
			}
		}
		fmt.Fprintf(&b, "fill %s: %d polygons, %d rings, %d points, bound %s,%s %s,%s\n", hex(f.Color),
			len(f.Polygons), rings, points, px(bd.Min[0]), px(bd.Min[1]), px(bd.Max[0]), px(bd.Max[1]))
	}
	for _, l := range sc.Lines {
		points := 0
		for _, ls := range l.Lines {
			points += len(ls)
		}
		fmt.Fprintf(&b, "line %s width %g: %d lines, %d points\n", hex(l.Color), l.Width, len(l.Lines), points)
	}
	name := func(site int) string {
		if site < 0 || s == nil || site >= len(s.Sites) {
			return fmt.Sprintf("(site %d)", site)
		}
		return s.Sites[site].ID
	}
	for _, d := range sc.Dots {
		fmt.Fprintf(&b, "dot %s x=%s y=%s r=%g fill %s stroke %s shown=%v\n", geo.Cities[d.City].Name,
			px(d.X), px(d.Y), d.R, hex(d.Fill), hex(d.Stroke), sc.DotShown(&d))
	}
	for _, m := range sc.Markers {
		fmt.Fprintf(&b, "marker %s %s %s %s x=%s y=%s r=%g fill %s stroke %s", name(m.Site), m.Kind, m.Shape, m.Status,
			px(m.X), px(m.Y), m.R, hex(m.Fill), hex(m.Stroke))
		if m.Halo.A != 0 {
			fmt.Fprintf(&b, " halo %s r=%s", hex(m.Halo), px(m.HaloR))
		}
		b.WriteByte('\n')
	}
	for _, l := range sc.Labels {
		var ref string
		switch l.Kind {
		case geo.SiteLabel:
			ref = name(l.Ref) + " " + l.Status.String()
		case geo.CountryLabel:
			ref = fmt.Sprintf("%d", l.Ref)
			if l.Emphasis {
				ref += " story"
			}
		default:
			ref = geo.Cities[l.Ref].Name
		}
		fmt.Fprintf(&b, "label %s %s %q at %s,%s", l.Kind, ref, l.Text, px(l.X), px(l.Y))
		if m := l.Mark; m.W > 0 {
			fmt.Fprintf(&b, " mark %s,%s %sx%s", px(m.X), px(m.Y), px(m.W), px(m.H))
		}
		if l.MaxW > 0 {
			fmt.Fprintf(&b, " maxw %s", px(l.MaxW))
		}
		if l.W > 0 {
			if l.Shown {
				fmt.Fprintf(&b, ": %s, box %s,%s %sx%s", l.Side, px(l.Box.X), px(l.Box.Y), px(l.Box.W), px(l.Box.H))
			} else {
				b.WriteString(": dropped")
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// measure gives the labels of a scene a size as a browser might: about 7 px
// per character of 13 px text, more for the spaced capitals of countries.
func measure(sc *geo.Scene) {
	for i := range sc.Labels {
		l := &sc.Labels[i]
		n := float64(len([]rune(l.Text)))
		switch l.Kind {
		case geo.SiteLabel:
			l.W, l.H = 7*n, 18
		case geo.CountryLabel:
			l.W, l.H = 8.5*n, 14
		default:
			l.W, l.H = 6.5*n, 16
		}
	}
}

// demoMap is the demo story on the embedded basemap in the light theme.
func demoMap(tb testing.TB) *geo.Map {
	tb.Helper()
	if err := geo.DefaultBasemapErr(); err != nil {
		tb.Fatalf("the embedded basemap: %v", err)
	}
	return geo.NewMap(geo.MapOptions{Story: loadDemo(tb), Basemap: geo.DefaultBasemap(), Theme: geo.Light})
}

func eventIndex(tb testing.TB, s *geo.Story, id string) int {
	tb.Helper()
	i := s.Index(id)
	if i < 0 {
		tb.Fatalf("the demo story has no event %q", id)
	}
	return i
}

// TestRenderGolden compares the display list of the demo story, its labels
// measured by measure and placed, with testdata/scene-demo.golden. Run `go test ./geo -run RenderGolden -update`
// after a deliberate change (to the basemap, the theme or the demo story) and
// read the diff.
func TestRenderGolden(t *testing.T) {
	m := demoMap(t)
	cur := eventIndex(t, m.Story, goldenEvent)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s on the default basemap, theme %s\n", demoPath, m.Theme.Name)
	fmt.Fprintf(&b, "# view: centre %g,%g zoom %g; event %d %q\n",
		demoView.Center.Lon(), demoView.Center.Lat(), demoView.Zoom, cur, goldenEvent)
	sc := m.Render(demoView, cur)
	measure(sc)
	sc.Place(new(geo.Placer), nil)
	b.WriteString(summary(m.Story, sc))
	got := []byte(b.String())

	golden := filepath.Join("testdata", "scene-demo.golden")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < max(len(gl), len(wl)); i++ {
			g, w := "", ""
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Errorf("%s:%d\n got %s\nwant %s", golden, i+1, g, w)
			}
		}
		t.Errorf("the scene differs from %s (run with -update if the change is deliberate)", golden)
	}
}

func TestRenderMarkers(t *testing.T) {
	m := demoMap(t)
	s := m.Story
	bi := slices.IndexFunc(s.Sites, func(st geo.Site) bool { return st.ID == "embassy-baghdad" })
	if bi < 0 {
		t.Fatal("the demo story has no embassy-baghdad")
	}
	baghdad := s.Sites[bi].LonLat
	views := []geo.View{
		demoView,
		{Center: orb.Point{44, 33}, Zoom: 9, Width: 320, Height: 568, Ratio: 3},
		{Center: orb.Point{10, 60}, Zoom: 1, Width: 1920, Height: 1080},
	}
	for _, v := range views {
		for cur := -1; cur < len(s.Events); cur++ {
			t.Run(fmt.Sprintf("%s/event%d", viewName(v), cur), func(t *testing.T) {
				sc := m.Render(v, cur)
				current := map[int]bool{}
				if cur >= 0 {
					for _, j := range s.Events[cur].Sites {
						current[j] = true
					}
				}
				lastFuture, firstCurrent, sites := -1, len(sc.Markers), 0
				for i, mk := range sc.Markers {
					if mk.R < geo.MinMarkerRadius {
						t.Errorf("marker %d has radius %g < MinMarkerRadius", i, mk.R)
					}
					switch mk.Status {
					case geo.Future:
						lastFuture = i
					case geo.Current:
						firstCurrent = min(firstCurrent, i)
					}
					if mk.Site < 0 {
						continue
					}
					sites++
					if current[mk.Site] != (mk.Status == geo.Current) {
						t.Errorf("site %q has status %v; current sites are %v", s.Sites[mk.Site].ID, mk.Status, s.Events[max(cur, 0)].Sites)
					}
					if mk.Site == bi {
						if got, want := (orb.Point{mk.X, mk.Y}), v.Screen(baghdad); !near(got, want, 1e-9) {
							t.Errorf("the Baghdad marker is at %v, view.Screen(Baghdad) is %v", got, want)
						}
					}
				}
				onScreen := 0
				for _, st := range s.Sites {
					p := v.Screen(st.LonLat)
					if p[0] >= 0 && p[1] >= 0 && p[0] <= v.Width && p[1] <= v.Height {
						onScreen++
					}
				}
				if sites < onScreen || sites > len(s.Sites) {
					t.Errorf("%d site markers, want one for each of the %d sites on screen (and none far off it)", sites, onScreen)
				}
				if lastFuture > firstCurrent {
					t.Errorf("a future marker (%d) is drawn over a current one (%d)", lastFuture, firstCurrent)
				}
				labels := 0
				for _, l := range sc.Labels {
					if l.Kind != geo.SiteLabel {
						continue
					}
					labels++
					if p := v.Screen(s.Sites[l.Ref].LonLat); !near(orb.Point{l.X, l.Y}, p, 1e-9) {
						t.Errorf("label %q is anchored at %v,%v, its marker is at %v", l.Text, l.X, l.Y, p)
					}
					if l.Text != s.Sites[l.Ref].Name || l.Status != sc.Markers[slices.IndexFunc(sc.Markers, func(mk geo.Marker) bool { return mk.Site == l.Ref })].Status {
						t.Errorf("label %q (%v) does not match its site", l.Text, l.Status)
					}
				}
				if labels != sites {
					t.Errorf("%d site labels for %d site markers", labels, sites)
				}
			})
		}
	}
}

func TestRenderScene(t *testing.T) {
	bm := geo.DefaultBasemap()
	s := loadDemo(t)
	cur := eventIndex(t, s, goldenEvent)
	t.Run("nil story draws the basemap alone", func(t *testing.T) {
		sc := geo.NewMap(geo.MapOptions{Basemap: bm, Theme: geo.Light}).Render(demoView, -1)
		if len(sc.Fills) == 0 || len(sc.Lines) == 0 {
			t.Errorf("%d fills and %d lines, want the basemap", len(sc.Fills), len(sc.Lines))
		}
		if len(sc.Markers) != 0 {
			t.Errorf("%d markers without a story", len(sc.Markers))
		}
		for _, l := range sc.Labels {
			if l.Kind == geo.SiteLabel {
				t.Errorf("a site label %q without a story", l.Text)
			}
		}
		if len(sc.Dots) == 0 {
			t.Error("no reference cities without a story")
		}
		for _, f := range sc.Fills {
			if f.Color == geo.Light.StoryLand {
				t.Error("a country is emphasized without a story")
			}
		}
	})
	t.Run("nil basemap draws the story alone", func(t *testing.T) {
		sc := geo.NewMap(geo.MapOptions{Story: s, Theme: geo.Light}).Render(demoView, cur)
		if len(sc.Fills) != 0 || len(sc.Lines) != 0 {
			t.Errorf("%d fills and %d lines without a basemap", len(sc.Fills), len(sc.Lines))
		}
		if len(sc.Markers) != len(s.Sites) {
			t.Errorf("%d markers, want %d", len(sc.Markers), len(s.Sites))
		}
	})
	t.Run("a view far from the basemap has no fills", func(t *testing.T) {
		far := geo.View{Center: orb.Point{0, 0}, Zoom: 8, Width: 640, Height: 420, Ratio: 2}
		sc := geo.NewMap(geo.MapOptions{Story: s, Basemap: bm, Theme: geo.Light}).Render(far, cur)
		if len(sc.Fills) != 0 || len(sc.Lines) != 0 {
			t.Errorf("%d fills and %d lines in the Gulf of Guinea", len(sc.Fills), len(sc.Lines))
		}
	})
	t.Run("the frame of the scene", func(t *testing.T) {
		for _, th := range []geo.Theme{geo.Light, geo.Dark} {
			sc := geo.NewMap(geo.MapOptions{Story: s, Basemap: bm, Theme: th}).Render(demoView, cur)
			if sc.Width != 640 || sc.Height != 420 || sc.Ratio != 2 || sc.Background != th.Sea {
				t.Errorf("%s: scene %gx%g ratio %g background %v", th.Name, sc.Width, sc.Height, sc.Ratio, sc.Background)
			}
		}
	})
	t.Run("countries of the story are emphasized", func(t *testing.T) {
		m := geo.NewMap(geo.MapOptions{Story: s, Basemap: bm, Theme: geo.Light})
		for _, st := range s.Sites {
			c, ok := geo.CountryAt(bm, st.World)
			if !ok {
				t.Errorf("site %q is on no country of the basemap", st.ID)
				continue
			}
			if !m.Emphasized(c.ID) {
				t.Errorf("%s, holding %q, is not emphasized", c.Name, st.ID)
			}
		}
		sc := m.Render(demoView, cur)
		if !slices.ContainsFunc(sc.Fills, func(f geo.Fill) bool { return f.Color == geo.Light.StoryLand }) {
			t.Error("no fill in the StoryLand colour")
		}
	})
	t.Run("render is repeatable and reuses its memory", func(t *testing.T) {
		m := geo.NewMap(geo.MapOptions{Story: s, Basemap: bm, Theme: geo.Light})
		want := summary(s, m.Render(demoView, cur))
		m.Render(demoView.Pan(100, 30), 0)
		if got := summary(s, m.Render(demoView, cur)); got != want {
			t.Error("rendering again gives a different scene")
		}
		if !reflect.DeepEqual(m.Render(demoView, cur), geo.NewMap(geo.MapOptions{Story: s, Basemap: bm, Theme: geo.Light}).Render(demoView, cur)) {
			t.Error("a used map and a new one render differently")
		}
		// Maps share no memory: scribbling over one scene leaves another
		// map's alone.
		other := geo.NewMap(geo.MapOptions{Story: s, Basemap: bm, Theme: geo.Light})
		for _, f := range m.Render(demoView, cur).Fills {
			for _, p := range f.Polygons {
				for _, r := range p {
					for i := range r {
						r[i] = orb.Point{-1, -1}
					}
				}
			}
		}
		if got := summary(s, other.Render(demoView, cur)); got != want {
			t.Error("two maps share the memory of their scenes")
		}
		if got := summary(s, m.Render(demoView, cur)); got != want {
			t.Error("a scribbled scene leaks into the next one")
		}
	})
	t.Run("the basemap is never modified", func(t *testing.T) {
		before := summary(s, geo.NewMap(geo.MapOptions{Story: s, Basemap: bm, Theme: geo.Light}).Render(demoView, cur))
		m := geo.NewMap(geo.MapOptions{Story: s, Basemap: bm, Theme: geo.Light})
		for _, f := range m.Render(demoView, cur).Fills {
			for _, p := range f.Polygons {
				for _, r := range p {
					for i := range r {
						r[i] = orb.Point{-1, -1}
					}
				}
			}
		}
		if after := summary(s, geo.NewMap(geo.MapOptions{Story: s, Basemap: bm, Theme: geo.Light}).Render(demoView, cur)); after != before {
			t.Error("scribbling over a scene changed the basemap")
		}
	})
}

// benchZooms are the zooms of the Render benchmarks: the whole region, a
// country, a city.
var benchZooms = []float64{3, 6, 9}

// BenchmarkRender builds the display list of the demo and of the generated
// stories (benchStories) at zooms 3, 6 and 9, panning a little every time (as
// a drag does), then places the labels as the page does. The current event is
// two thirds of the way through the story.
func BenchmarkRender(b *testing.B) {
	for _, bs := range benchStories {
		s := bs.load(b)
		tc := struct {
			name string
			m    *geo.Map
			cur  int
		}{bs.name, geo.NewMap(geo.MapOptions{Story: s, Basemap: geo.DefaultBasemap(), Theme: geo.Light}), len(s.Events) * 2 / 3}
		if bs.events == 0 {
			tc.cur = eventIndex(b, s, goldenEvent)
		}
		for _, z := range benchZooms {
			b.Run(fmt.Sprintf("%s/zoom=%g", tc.name, z), func(b *testing.B) {
				v := benchView
				v.Zoom = z
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					i++
					tc.m.Render(v.Pan(float64(i%32), float64(i%16)), tc.cur)
				}
			})
			b.Run(fmt.Sprintf("%s/zoom=%g/place", tc.name, z), func(b *testing.B) {
				v := benchView
				v.Zoom = z
				var p geo.Placer
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					i++
					sc := tc.m.Render(v.Pan(float64(i%32), float64(i%16)), tc.cur)
					measure(sc)
					sc.Place(&p, nil)
				}
			})
		}
	}
}

// benchView is the view of the benchmarks: a desktop map of the Gulf region.
var benchView = geo.View{Center: orb.Point{47, 30}, Width: 1280, Height: 720, Ratio: 2}

// TestRenderCities: a reference city at a story site is not drawn twice (the
// story wins, by name or by place), and the others have a dot and a label.
func TestRenderCities(t *testing.T) {
	m := demoMap(t)
	cur := eventIndex(t, m.Story, goldenEvent)
	for _, z := range []float64{4, 6, 8} {
		v := geo.View{Center: orb.Point{47, 31}, Zoom: z, Width: 1280, Height: 900}
		sc := m.Render(v, cur)
		cities := map[string]bool{}
		for _, d := range sc.Dots {
			if d.City < 0 {
				continue // a place of the basemap, outside geo.CitiesRegion (TestRenderPlaces)
			}
			c := geo.Cities[d.City]
			cities[c.Name] = true
			l := sc.Labels[d.Label]
			if l.Text != c.Name || !l.Dot || (l.Kind == geo.CapitalLabel) != c.Capital {
				t.Errorf("zoom %g: the dot of %s has the label %+v", z, c.Name, l)
			}
			for _, mk := range sc.Markers {
				if dist := math.Hypot(mk.X-d.X, mk.Y-d.Y); dist < mk.Extent()+d.R {
					t.Errorf("zoom %g: the dot of %s is %0.1f px from the marker of %s", z, c.Name, dist, m.Story.Sites[mk.Site].Name)
				}
			}
		}
		// Tehran and Muscat are story sites by name; Baghdad and Erbil
		// are where the embassy and the consulate are.
		for _, name := range []string{"Tehran", "Muscat", "Baghdad", "Erbil"} {
			if cities[name] {
				t.Errorf("zoom %g: %s is drawn as a reference city and as a story site", z, name)
			}
		}
		for _, name := range []string{"Riyadh", "Kuwait City", "Doha"} {
			if z < 8 && !cities[name] {
				t.Errorf("zoom %g: no reference city %s", z, name)
			}
		}
	}
	// Without the story, every city of the view is there.
	sc := geo.NewMap(geo.MapOptions{Basemap: geo.DefaultBasemap(), Theme: geo.Light}).Render(geo.View{Center: orb.Point{47, 31}, Zoom: 5, Width: 1600, Height: 1200}, -1)
	n := 0
	for _, d := range sc.Dots {
		if d.City >= 0 {
			n++
		}
	}
	if n != len(geo.Cities) {
		t.Errorf("%d reference cities without a story, want all %d", n, len(geo.Cities))
	}
}

// TestRenderCountryLabels: a country is named when its name may fit (its
// MaxW grows with the zoom), and the story's countries are marked.
func TestRenderCountryLabels(t *testing.T) {
	m := demoMap(t)
	maxW := map[float64]float64{}
	for _, z := range []float64{3, 5, 7} {
		v := geo.View{Center: orb.Point{44, 33}, Zoom: z, Width: 800, Height: 600}
		for _, l := range m.Render(v, 0).Labels {
			if l.Kind != geo.CountryLabel {
				continue
			}
			if l.MaxW < 24 {
				t.Errorf("zoom %g: %s may be %g px wide", z, l.Text, l.MaxW)
			}
			if l.Text == "Iraq" {
				maxW[z] = l.MaxW
				if !l.Emphasis {
					t.Error("Iraq holds sites of the story but is not emphasized")
				}
			}
		}
	}
	if !(maxW[3] > 0 && math.Abs(maxW[5]/maxW[3]-4) < 1e-6) {
		t.Errorf("Iraq's name may be %v px wide at zooms 3, 5, 7: want it to double with every zoom", maxW)
	}
}

// TestRenderFutureLabels: sites the story has not reached yet are labelled
// too, quieter, and placed after the others.
func TestRenderFutureLabels(t *testing.T) {
	m := demoMap(t)
	sc := m.Render(demoView, 0)
	future := 0
	for _, l := range sc.Labels {
		if l.Kind == geo.SiteLabel && l.Status == geo.Future {
			future++
			if l.Class() != "label site future" {
				t.Errorf("future label %q has class %q", l.Text, l.Class())
			}
		}
	}
	if future == 0 {
		t.Error("no labels for future sites")
	}
}

// TestRenderCulls: only markers on screen (or within a few pixels) are in
// the scene: a generated story of 2,000 sites seen up close.
func TestRenderCulls(t *testing.T) {
	s := genStory(t, 1, 2000, 10000)
	m := geo.NewMap(geo.MapOptions{Story: s, Basemap: geo.DefaultBasemap(), Theme: geo.Light})
	v := geo.View{Center: orb.Point{44, 33}, Zoom: 9, Width: 640, Height: 420}
	sc := m.Render(v, 5000)
	for _, mk := range sc.Markers {
		if e := max(mk.Extent(), mk.HaloR) + 5; mk.X < -e || mk.Y < -e || mk.X > v.Width+e || mk.Y > v.Height+e {
			t.Errorf("a marker at %v,%v is far off screen", mk.X, mk.Y)
		}
	}
	onScreen := 0
	for _, st := range s.Sites {
		if p := v.Screen(st.LonLat); p[0] >= 0 && p[1] >= 0 && p[0] <= v.Width && p[1] <= v.Height {
			onScreen++
		}
	}
	if len(sc.Markers) < onScreen || len(sc.Markers) > onScreen+20 {
		t.Errorf("%d markers for %d sites on screen", len(sc.Markers), onScreen)
	}
}

// TestRenderAllocs: once its buffers have grown, rendering and placing the
// labels of a panning map allocates nothing.
func TestRenderAllocs(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	big := geo.NewMap(geo.MapOptions{Story: genStory(t, 1, 2000, 10000), Basemap: geo.DefaultBasemap(), Theme: geo.Light})
	for _, m := range []*geo.Map{demoMap(t), big} {
		for _, z := range benchZooms {
			v := benchView
			v.Zoom = z
			var p geo.Placer
			frame := func(i int) {
				sc := m.Render(v.Pan(float64(i%32), float64(i%16)), 3)
				measure(sc)
				sc.Place(&p, nil)
			}
			for i := range 64 { // grow the buffers
				frame(i)
			}
			i := 0
			if n := testing.AllocsPerRun(50, func() { i++; frame(i) }); n > 0.1 {
				t.Errorf("zoom %g: %.1f allocations a frame", z, n)
			}
		}
	}
}

// TestPrepare: Prepare cuts the basemap a piece at a time, then the fills
// of every scene carry triangles for nearly all polygons, and a frame still
// allocates nothing.
func TestPrepare(t *testing.T) {
	m := demoMap(t)
	v := benchView
	calls := 0
	for !m.Prepare(5000) {
		calls++
		if calls > 1000 {
			t.Fatal("Prepare never finishes")
		}
	}
	if calls < 2 {
		t.Errorf("Prepare(5000) finished the whole basemap in %d calls: not a piece at a time", calls+1)
	}
	for _, z := range benchZooms {
		v.Zoom = z
		sc := m.Render(v, 3)
		polys, cut := 0, 0
		for _, f := range sc.Fills {
			if len(f.Triangles) != len(f.Polygons) {
				t.Fatalf("zoom %g: %d polygons, %d triangle lists", z, len(f.Polygons), len(f.Triangles))
			}
			for i, tr := range f.Triangles {
				polys++
				if tr == nil {
					continue
				}
				cut++
				for _, k := range tr {
					if int(k) >= len(f.Polygons[i][0]) {
						t.Fatalf("zoom %g: index %d past the ring's %d points", z, k, len(f.Polygons[i][0]))
					}
				}
			}
		}
		if polys-cut > max(1, polys/10) {
			t.Errorf("zoom %g: %d of %d polygons cut into triangles", z, cut, polys)
		}
		var p geo.Placer
		frame := func(i int) {
			sc := m.Render(v.Pan(float64(i%32), float64(i%16)), 3)
			measure(sc)
			sc.Place(&p, nil)
		}
		for i := range 64 {
			frame(i)
		}
		i := 0
		if n := testing.AllocsPerRun(50, func() { i++; frame(i) }); n > 0.1 {
			t.Errorf("zoom %g: %.1f allocations a frame", z, n)
		}
	}
}

func TestLegend(t *testing.T) {
	m := demoMap(t)
	var got []string
	for _, e := range m.Legend() {
		got = append(got, fmt.Sprintf("%s:%s:%v:%s", e.Kind, e.Name, e.Shape, hex(e.Color)))
	}
	want := []string{
		"embassy:Embassy:square:#1d5fa6",
		"consulate:Consulate:small-square:#1d5fa6",
		"military:Military site:triangle:#b42318",
		"nuclear:Nuclear site:diamond:#7a3aa0",
		"venue:Venue:star:#0b7a55",
		"city:City:circle:#3d3d3d",
	}
	if !slices.Equal(got, want) {
		t.Errorf("legend of the demo:\n got %q\nwant %q", got, want)
	}
	one := geo.NewMap(geo.MapOptions{Story: &geo.Story{Sites: []geo.Site{{Kind: "oil_field"}, {Kind: "embassy"}}}, Theme: geo.Dark})
	if l := one.Legend(); len(l) != 2 || l[0].Kind != "embassy" || l[1].Name != "Oil field" || l[1].Shape != geo.DotCircle {
		t.Errorf("legend with one unknown kind: %+v", l)
	}
	two := geo.NewMap(geo.MapOptions{Story: &geo.Story{Sites: []geo.Site{{Kind: "port"}, {Kind: "site"}}}, Theme: geo.Dark})
	if l := two.Legend(); len(l) != 1 || l[0].Name != "Other site" {
		t.Errorf("legend with two unknown kinds: %+v", l)
	}
	if l := geo.NewMap(geo.MapOptions{Theme: geo.Light}).Legend(); len(l) != 0 {
		t.Errorf("legend without a story: %+v", l)
	}
}

// TestRenderLinks: an event that links sites draws an arc between them, under
// the markers, from one site's marker to the other's; other events draw none.
func TestRenderLinks(t *testing.T) {
	// A story of its own: the demo links no sites (its sources name no
	// single target for a threat), but other stories do.
	const src = `{"type": "FeatureCollection", "features": [
	 {"type": "Feature", "id": "tehran", "geometry": {"type": "Point", "coordinates": [51.39, 35.69]}, "properties": {"name": "Tehran"}},
	 {"type": "Feature", "id": "al-asad", "geometry": {"type": "Point", "coordinates": [42.44, 33.79]}, "properties": {"name": "Al-Asad"}},
	 {"type": "Feature", "id": "launch", "geometry": null, "properties": {"time": "2020-01-08", "title": "Launch", "source": "test",
	  "sites": ["tehran", "al-asad"], "links": [["tehran", "al-asad"]]}},
	 {"type": "Feature", "id": "after", "geometry": null, "properties": {"time": "2020-01-09", "title": "After", "source": "test", "sites": ["al-asad"]}}]}`
	s, err := geo.Load(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	m := geo.NewMap(geo.MapOptions{Story: s, Basemap: geo.DefaultBasemap(), Theme: geo.Light})
	v := geo.View{Center: orb.Point{47, 34}, Zoom: 5, Width: 800, Height: 500}
	threat := s.Index("launch")
	sc := m.Render(v, threat)
	var arcs []orb.LineString
	for _, l := range sc.Lines {
		if l.Color == geo.Light.Link {
			arcs = append(arcs, l.Lines...)
		}
	}
	if len(arcs) != 1 {
		t.Fatalf("%d arcs for the threat, want 1", len(arcs))
	}
	tehran, _ := s.Site("tehran")
	asad, _ := s.Site("al-asad")
	a, b := arcs[0][0], arcs[0][len(arcs[0])-1]
	dist := func(p, q orb.Point) float64 { return math.Hypot(p[0]-q[0], p[1]-q[1]) }
	if dist(a, v.Screen(tehran.LonLat)) > 1e-6 {
		t.Errorf("the arc starts at %v, not at Tehran %v", a, v.Screen(tehran.LonLat))
	}
	if dist(b, v.Screen(asad.LonLat)) > 1e-6 {
		t.Errorf("the arc ends at %v, not at Al-Asad", b)
	}
	// It bulges: its middle is off the straight line.
	mid := arcs[0][len(arcs[0])/2]
	straight := orb.Point{(a[0] + b[0]) / 2, (a[1] + b[1]) / 2}
	if dist(mid, straight) < 10 {
		t.Errorf("the arc is straight: middle %v, chord middle %v", mid, straight)
	}
	// The next event has no links: only the basemap's lines, in the
	// borders' and the regions' colours.
	for _, l := range m.Render(v, threat+1).Lines {
		if l.Color != m.Theme.Border && l.Color != m.Theme.Region {
			t.Errorf("the next event has a line set in %v, want only the borders and regions", l.Color)
		}
	}
}

// TestRenderPlaces: the basemap's populated places are reference cities
// outside geo.CitiesRegion, from their min zoom: Nairobi (a capital, min
// zoom 2) and Kampala (5) at zoom 6, Kampala not at zoom 4; none inside the
// region, where geo.Cities are drawn.
func TestRenderPlaces(t *testing.T) {
	for _, tc := range []struct {
		name   string
		lang   string
		center orb.Point
		zoom   float64
		want   map[string]geo.LabelKind
		absent []string
	}{
		{"east africa at zoom 6", "", orb.Point{34.7, -0.5}, 6, map[string]geo.LabelKind{"Nairobi": geo.CapitalLabel, "Kampala": geo.CapitalLabel}, nil},
		{"east africa at zoom 4", "", orb.Point{34.7, -0.5}, 4, map[string]geo.LabelKind{"Nairobi": geo.CapitalLabel}, []string{"Kampala"}},
		{"the region of Cities", "", orb.Point{44, 33}, 6, map[string]geo.LabelKind{"Baghdad": geo.CapitalLabel}, nil},
		// Below CitiesFrom the basemap's places are the reference cities
		// there too, each from its min zoom (Cairo 1.7, Baghdad 3.7).
		{"the world", "", orb.Point{30, 30}, 2, map[string]geo.LabelKind{"Cairo": geo.CapitalLabel}, []string{"Baghdad", "Erbil"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := geo.NewMap(geo.MapOptions{Basemap: geo.DefaultBasemap(), Theme: geo.Light})
			m.Lang = tc.lang
			sc := m.Render(geo.View{Center: tc.center, Zoom: tc.zoom, Width: 800, Height: 600, Ratio: 1}, 0)
			got := map[string]geo.LabelKind{}
			places := map[string]bool{}
			for _, d := range sc.Dots {
				l := sc.Labels[d.Label]
				got[l.Text] = l.Kind
				if d.City < 0 {
					places[l.Text] = true
				}
			}
			for name, kind := range tc.want {
				if k, ok := got[name]; !ok || k != kind {
					t.Errorf("%s: label kind %v (drawn %v), want %v", name, k, ok, kind)
				}
			}
			for _, name := range tc.absent {
				if _, ok := got[name]; ok {
					t.Errorf("%s drawn below its min zoom", name)
				}
			}
			if places["Baghdad"] {
				t.Error("Baghdad drawn as a place of the basemap: geo.Cities draws it")
			}
		})
	}
}
