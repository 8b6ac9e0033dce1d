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
	for _, m := range sc.Markers {
		fmt.Fprintf(&b, "marker %s %s %s x=%s y=%s r=%g fill %s stroke %s", name(m.Site), m.Kind, m.Status,
			px(m.X), px(m.Y), m.R, hex(m.Fill), hex(m.Stroke))
		if m.Halo.A != 0 {
			fmt.Fprintf(&b, " halo %s", hex(m.Halo))
		}
		b.WriteByte('\n')
	}
	for _, l := range sc.Labels {
		fmt.Fprintf(&b, "label %s %s x=%s y=%s %q\n", name(l.Site), l.Status, px(l.X), px(l.Y), l.Text)
	}
	return b.String()
}

// demoMap is the demo story on the embedded basemap in the light theme.
func demoMap(tb testing.TB) *geo.Map {
	tb.Helper()
	if err := geo.DefaultBasemapErr(); err != nil {
		tb.Fatalf("the embedded basemap: %v", err)
	}
	return geo.NewMap(loadDemo(tb), geo.DefaultBasemap(), geo.Light)
}

func eventIndex(tb testing.TB, s *geo.Story, id string) int {
	tb.Helper()
	i := s.Index(id)
	if i < 0 {
		tb.Fatalf("the demo story has no event %q", id)
	}
	return i
}

// TestRenderGolden compares the display list of the demo story with
// testdata/scene-demo.golden. Run `go test ./geo -run RenderGolden -update`
// after a deliberate change (to the basemap, the theme or the demo story) and
// read the diff.
func TestRenderGolden(t *testing.T) {
	m := demoMap(t)
	cur := eventIndex(t, m.Story, goldenEvent)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s on the default basemap, theme %s\n", demoPath, m.Theme.Name)
	fmt.Fprintf(&b, "# view: centre %g,%g zoom %g; event %d %q\n",
		demoView.Center.Lon(), demoView.Center.Lat(), demoView.Zoom, cur, goldenEvent)
	b.WriteString(summary(m.Story, m.Render(demoView, cur)))
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
				if sites != len(s.Sites) {
					t.Errorf("%d site markers, want one for each of the %d sites", sites, len(s.Sites))
				}
				if lastFuture > firstCurrent {
					t.Errorf("a future marker (%d) is drawn over a current one (%d)", lastFuture, firstCurrent)
				}
				for _, l := range sc.Labels {
					if l.Status == geo.Future {
						t.Errorf("a label for the future site %q", l.Text)
					}
					if p := v.Screen(s.Sites[l.Site].LonLat); l.X <= p[0] || math.Abs(l.Y-p[1]) > 1e-9 {
						t.Errorf("label %q at %v,%v is not right of its marker at %v", l.Text, l.X, l.Y, p)
					}
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
		sc := geo.NewMap(nil, bm, geo.Light).Render(demoView, -1)
		if len(sc.Fills) == 0 || len(sc.Lines) == 0 {
			t.Errorf("%d fills and %d lines, want the basemap", len(sc.Fills), len(sc.Lines))
		}
		if len(sc.Markers) != 0 || len(sc.Labels) != 0 {
			t.Errorf("%d markers and %d labels without a story", len(sc.Markers), len(sc.Labels))
		}
		for _, f := range sc.Fills {
			if f.Color == geo.Light.StoryLand {
				t.Error("a country is emphasized without a story")
			}
		}
	})
	t.Run("nil basemap draws the story alone", func(t *testing.T) {
		sc := geo.NewMap(s, nil, geo.Light).Render(demoView, cur)
		if len(sc.Fills) != 0 || len(sc.Lines) != 0 {
			t.Errorf("%d fills and %d lines without a basemap", len(sc.Fills), len(sc.Lines))
		}
		if len(sc.Markers) != len(s.Sites) {
			t.Errorf("%d markers, want %d", len(sc.Markers), len(s.Sites))
		}
	})
	t.Run("a view far from the basemap has no fills", func(t *testing.T) {
		far := geo.View{Center: orb.Point{0, 0}, Zoom: 8, Width: 640, Height: 420, Ratio: 2}
		sc := geo.NewMap(s, bm, geo.Light).Render(far, cur)
		if len(sc.Fills) != 0 || len(sc.Lines) != 0 {
			t.Errorf("%d fills and %d lines in the Gulf of Guinea", len(sc.Fills), len(sc.Lines))
		}
	})
	t.Run("the frame of the scene", func(t *testing.T) {
		for _, th := range []geo.Theme{geo.Light, geo.Dark} {
			sc := geo.NewMap(s, bm, th).Render(demoView, cur)
			if sc.Width != 640 || sc.Height != 420 || sc.Ratio != 2 || sc.Background != th.Sea {
				t.Errorf("%s: scene %gx%g ratio %g background %v", th.Name, sc.Width, sc.Height, sc.Ratio, sc.Background)
			}
		}
	})
	t.Run("countries of the story are emphasized", func(t *testing.T) {
		m := geo.NewMap(s, bm, geo.Light)
		for _, st := range s.Sites {
			c, ok := bm.CountryAt(st.World)
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
	t.Run("render is repeatable and does not alias", func(t *testing.T) {
		m := geo.NewMap(s, bm, geo.Light)
		first := m.Render(demoView, cur)
		want := summary(s, first)
		// Scribble over the first scene: later scenes must not share its memory.
		for _, f := range first.Fills {
			for _, p := range f.Polygons {
				for _, r := range p {
					for i := range r {
						r[i] = orb.Point{-1, -1}
					}
				}
			}
		}
		m.Render(demoView, 0)
		if got := summary(s, m.Render(demoView, cur)); got != want {
			t.Error("rendering again gives a different scene")
		}
		if !reflect.DeepEqual(m.Render(demoView, cur), geo.NewMap(s, bm, geo.Light).Render(demoView, cur)) {
			t.Error("a used map and a new one render differently")
		}
	})
}

func BenchmarkRender(b *testing.B) {
	m := demoMap(b)
	cur := eventIndex(b, m.Story, goldenEvent)
	for _, z := range []float64{3, 5, 8} {
		b.Run(fmt.Sprintf("zoom=%g", z), func(b *testing.B) {
			v := demoView
			v.Zoom = z
			b.ReportAllocs()
			for b.Loop() {
				m.Render(v, cur)
			}
		})
	}
}
