package geo_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"mapline/geo"
)

// pacific is Fiji (Suva), Tonga (Nuku'alofa) and Samoa (Apia): a story on
// both sides of the antimeridian.
var pacific = [][2]float64{{178.44, -18.14}, {-175.20, -21.14}, {-171.76, -13.83}}

// pointsStory is a story with a site at each point and one event that
// takes them all in, linking the first to the last.
func pointsStory(tb testing.TB, pts [][2]float64) *geo.Story {
	tb.Helper()
	var fs, ids []string
	for i, p := range pts {
		id := fmt.Sprintf("s%d", i)
		ids = append(ids, fmt.Sprintf("%q", id))
		fs = append(fs, fmt.Sprintf(`{"type": "Feature", "id": %q, "geometry": {"type": "Point", "coordinates": [%g, %g]}, "properties": {"name": "Site %d"}}`, id, p[0], p[1], i))
	}
	links := ""
	if len(ids) > 1 {
		links = fmt.Sprintf(`, "links": [[%s, %s]]`, ids[0], ids[len(ids)-1])
	}
	fs = append(fs, fmt.Sprintf(`{"type": "Feature", "id": "e", "geometry": null, "properties": {"time": "2020-01-08", "title": "E", "source": "test", "sites": [%s]%s}}`, strings.Join(ids, ", "), links))
	s, err := geo.Load(strings.NewReader(`{"type": "FeatureCollection", "features": [` + strings.Join(fs, ",\n") + `]}`))
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func TestBoundAcrossTheAntimeridian(t *testing.T) {
	tests := []struct {
		name           string
		pts            [][2]float64
		minLon, maxLon float64
		minLat, maxLat float64
	}{
		{"one side", [][2]float64{{35.2, 31.8}, {51.4, 35.7}, {44.4, 33.3}}, 35.2, 51.4, 31.8, 35.7},
		{"both sides of 180", pacific, 178.44, -171.76 + 360, -21.14, -13.83},
		{"exactly 180", [][2]float64{{180, -10}, {175, -12}, {-175, -14}}, 175, 185, -14, -10},
		{"at -180 alone", [][2]float64{{-180, 5}}, -180, -180, 5, 5},
		{"more than 180 wide: the whole world", [][2]float64{{0, 10}, {120, 20}, {-120, 30}}, -180, 180, 10, 30},
		{"near the poles: clamped", [][2]float64{{20, 89.5}, {30, -89.9}}, 20, 30, -geo.MaxLat, geo.MaxLat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := pointsStory(t, tt.pts)
			for name, got := range map[string]func() (orb.Bound, bool){"Bound": s.Bound, "EventBound": func() (orb.Bound, bool) { return s.EventBound(0) }} {
				b, ok := got()
				if !ok {
					t.Fatalf("%s: no bound", name)
				}
				want := orb.Bound{Min: orb.Point{tt.minLon, tt.minLat}, Max: orb.Point{tt.maxLon, tt.maxLat}}
				if !near(b.Min, want.Min, 1e-9) || !near(b.Max, want.Max, 1e-9) {
					t.Errorf("%s = %v, want %v", name, b, want)
				}
			}
		})
	}
}

// lonSpan is the width in degrees of longitude of what view v shows.
func lonSpan(v geo.View) float64 {
	return v.Width / (geo.WorldSize * math.Exp2(v.Zoom)) * 360
}

func TestStartViewAcrossTheAntimeridian(t *testing.T) {
	tests := []struct {
		name    string
		pts     [][2]float64
		maxSpan float64 // the widest the view may be, in degrees of longitude
	}{
		{"both sides of 180", pacific, 40},
		{"exactly 180", [][2]float64{{180, -10}, {175, -12}, {-175, -14}}, 40},
		{"more than 180 wide", [][2]float64{{0, 10}, {120, 20}, {-120, 30}}, 400},
		{"near the poles", [][2]float64{{20, 84}, {30, 80}}, 90}, // Mercator stretches: the height limits
	}
	for _, tt := range tests {
		for _, size := range [][2]float64{{800, 450}, {375, 300}} {
			t.Run(fmt.Sprintf("%s %gx%g", tt.name, size[0], size[1]), func(t *testing.T) {
				s := pointsStory(t, tt.pts)
				v := geo.StartView(s, geo.View{Width: size[0], Height: size[1]})
				if span := lonSpan(v); span > tt.maxSpan {
					t.Errorf("the view is %.1f° wide, want at most %g°", span, tt.maxSpan)
				}
				for _, p := range tt.pts {
					q := v.Screen(orb.Point{p[0], p[1]})
					if q[0] < 0 || q[1] < 0 || q[0] > v.Width || q[1] > v.Height {
						t.Errorf("site %v is at %.1f,%.1f: off the %gx%g view centred on %v zoom %.2f", p, q[0], q[1], v.Width, v.Height, v.Center, v.Zoom)
					}
				}
				// The event's places are in sight: the opening view keeps
				// a hint that shows them.
				h := v
				if got := geo.OpeningView(s, v, 0, &h); got.Center != v.Center || got.Zoom != v.Zoom {
					t.Errorf("the opening view with the start view as hint is %v z%g, want %v z%g", got.Center, got.Zoom, v.Center, v.Zoom)
				}
			})
		}
	}
}

func TestStartViewWithoutPlaces(t *testing.T) {
	for _, s := range []*geo.Story{nil, pointsStory(t, nil)} {
		v := geo.StartView(s, geo.View{Center: geo.HomeView.Center, Zoom: geo.HomeView.Zoom, Width: 800, Height: 450})
		if span := lonSpan(v); span < 359 {
			t.Errorf("story %v: the view shows %.1f° of longitude, want the whole world", s != nil, span)
		}
		for _, p := range []orb.Point{{-70, -54}, {-43, 83}, {150, 72}, {174.8, -41.3}, {-149.9, 61.2}} {
			if q := v.Screen(p); q[1] < 0 || q[1] > v.Height {
				t.Errorf("story %v: land at %v is at y %.1f, off the view (%v z%.2f)", s != nil, p, q[1], v.Center, v.Zoom)
			}
		}
	}
}

func TestViewAcross180(t *testing.T) {
	v := geo.View{Center: orb.Point{179, -17}, Zoom: 5, Width: 800, Height: 500, Ratio: 1}
	apia := orb.Point{-171.76, -13.83}
	t.Run("a pan across 180 is seamless", func(t *testing.T) {
		before := v.Screen(apia)
		p := v.Pan(-300, 0) // the map moves west: the centre moves east, across 180
		after := p.Screen(apia)
		if math.Abs(after[0]-(before[0]-300)) > 1e-6 || math.Abs(after[1]-before[1]) > 1e-6 {
			t.Errorf("Apia moved from %v to %v, want %v", before, after, orb.Point{before[0] - 300, before[1]})
		}
	})
	t.Run("the view= form round-trips", func(t *testing.T) {
		p := v.Pan(-300, 0)
		s := p.Param()
		back, err := geo.ParseView(s)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		back.Width, back.Height, back.Ratio = p.Width, p.Height, p.Ratio
		if lon := back.Center.Lon(); lon < -180 || lon >= 180 {
			t.Errorf("%q: longitude %g outside -180..180", s, lon)
		}
		a, b := p.Screen(apia), back.Screen(apia)
		if math.Hypot(a[0]-b[0], a[1]-b[1]) > 0.01 {
			t.Errorf("%q reads back with Apia at %v, want %v", s, b, a)
		}
	})
	t.Run("latitudes clamp", func(t *testing.T) {
		p := v.Pan(0, 1e7)
		if lat := p.Center.Lat(); lat < -geo.MaxLat-1e-9 || lat > geo.MaxLat+1e-9 {
			t.Errorf("a pan north leaves the centre at latitude %g", lat)
		}
	})
	t.Run("a flight takes the short way", func(t *testing.T) {
		to := v
		to.Center = orb.Point{-172, -14}
		f := geo.NewFlight(v, to, 2*time.Second)
		mid := f.At(f.Duration / 2)
		if lon := math.Mod(mid.Center.Lon()+540, 360) - 180; math.Abs(lon) < 170 {
			t.Errorf("halfway from 179 to -172 the centre is at longitude %g, not near 180", mid.Center.Lon())
		}
	})
}

// pacificBasemap has land on both sides of 180: a square of Fiji west of
// it and one of Tonga east of it, in world coordinates.
func pacificBasemap() *geo.Basemap {
	sq := func(id int, lon0, lon1 float64) geo.Country {
		a, b := geo.World(orb.Point{lon0, -16}), geo.World(orb.Point{lon1, -22})
		r := orb.Ring{a, {b[0], a[1]}, b, {a[0], b[1]}, a}
		return geo.Country{ID: id, Polygons: []orb.Polygon{{r}}, Bound: r.Bound()}
	}
	return geo.NewBasemap([]geo.Level{{MaxZoom: 1e9, Countries: []geo.Country{sq(242, 177, 180), sq(776, -180, -174)}}})
}

func TestRenderWraps(t *testing.T) {
	s := pointsStory(t, pacific)
	m := geo.NewMap(geo.MapOptions{Story: s, Basemap: pacificBasemap(), Theme: geo.Light})
	for _, lon := range []float64{180, -178, 178, 180 + 360} {
		t.Run(fmt.Sprint("centre ", lon), func(t *testing.T) {
			v := geo.View{Center: orb.Point{lon, -17}, Zoom: 5, Width: 800, Height: 500, Ratio: 1}
			sc := m.Render(v, 0)
			if len(sc.Markers) != len(pacific) {
				t.Errorf("%d markers, want %d", len(sc.Markers), len(pacific))
			}
			for i, mk := range sc.Markers {
				want := v.Screen(s.Sites[mk.Site].LonLat)
				if mk.X < 0 || mk.X > v.Width || math.Hypot(mk.X-want[0], mk.Y-want[1]) > 1e-6 {
					t.Errorf("site %d drawn at %.1f,%.1f, want %.1f,%.1f on screen", mk.Site, mk.X, mk.Y, want[0], want[1])
				}
				// A tap on the marker where it is drawn finds it, and its
				// label stands beside it.
				if got := sc.MarkerAt(mk.X, mk.Y, 0); got != i {
					t.Errorf("a tap on site %d at %.1f,%.1f finds marker %d, want %d", mk.Site, mk.X, mk.Y, got, i)
				}
				for _, l := range sc.Labels {
					if l.Kind == geo.SiteLabel && l.Ref == mk.Site && (l.X != mk.X || l.Y != mk.Y) {
						t.Errorf("site %d's label is at %.1f,%.1f, its marker at %.1f,%.1f", mk.Site, l.X, l.Y, mk.X, mk.Y)
					}
				}
			}
			// Both squares of land, west and east of 180, are drawn on screen.
			var west, east bool
			for _, f := range sc.Fills {
				for _, p := range f.Polygons {
					b := p.Bound()
					if b.Max[0] < 0 || b.Min[0] > v.Width {
						continue
					}
					c := v.Geo(b.Center()).Lon()
					c = math.Mod(c+540, 360) - 180
					west = west || c > 170
					east = east || c < -170
				}
			}
			if !west || !east {
				t.Errorf("land drawn west of 180: %v, east of it: %v", west, east)
			}
			// The arc from Suva to Apia takes the short way, across 180.
			for _, l := range sc.Lines {
				if l.Color != geo.Light.Link {
					continue
				}
				for _, arc := range l.Lines {
					a, b := arc[0], arc[len(arc)-1]
					if d := math.Hypot(a[0]-b[0], a[1]-b[1]); d > 400 {
						t.Errorf("the arc is %.0f px long: it goes the long way", d)
					}
				}
			}
		})
	}
}

// jumps counts the consecutive points of the rings and lines of level lv
// more than half the world apart: a band round the world when drawn flat
// (but along the edge of the world at a pole).
func jumps(lv *geo.Level) (n int, where []string) {
	check := func(what string, ps []orb.Point) {
		for i := 1; i < len(ps); i++ {
			if math.Abs(ps[i][0]-ps[i-1][0]) > geo.WorldSize/2 && !geo.AlongPole(ps[i-1], ps[i]) {
				n++
				where = append(where, what)
				return
			}
		}
	}
	for _, c := range lv.Countries {
		for _, p := range c.Polygons {
			for _, r := range p {
				check(c.Name, r)
			}
		}
	}
	for _, l := range lv.Borders {
		check("a border", l)
	}
	for _, l := range lv.Regions {
		check("a region's boundary", l)
	}
	return n, where
}

func TestCutAtAntimeridian(t *testing.T) {
	w := func(lon, lat float64) orb.Point { return geo.World(orb.Point{lon, lat}) }
	area := func(ps []orb.Polygon) float64 {
		a := 0.0
		for _, p := range ps {
			a += math.Abs(planarArea(p[0]))
			for _, h := range p[1:] {
				a -= math.Abs(planarArea(h))
			}
		}
		return a
	}
	island := orb.Ring{w(178, -16), w(-178, -16), w(-178, -20), w(178, -20), w(178, -16)}
	tests := []struct {
		name   string
		ring   orb.Ring
		pieces int
		area   float64 // world units², 0: not checked
	}{
		{"an island across 180", island, 2, 4.0 / 360 * geo.WorldSize * (w(0, -20)[1] - w(0, -16)[1])},
		{"round the south pole", orb.Ring{w(-180, -70), w(-90, -72), w(0, -75), w(90, -72), w(180, -70), w(-180, -70)}, 1, 0},
		{"an island that does not cross", orb.Ring{w(170, -16), w(175, -16), w(175, -20), w(170, -20), w(170, -16)}, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lv := geo.Level{MaxZoom: 1e9, Countries: []geo.Country{{ID: 1, Name: "X", Polygons: []orb.Polygon{{tt.ring}}}},
				Borders: []orb.LineString{{w(179, -10), w(-179, -12)}}}
			bm := geo.NewBasemap([]geo.Level{lv})
			bm.CutAtAntimeridian()
			got := &bm.Levels()[0]
			if n, where := jumps(got); n > 0 {
				t.Errorf("%d shapes still jump across the world: %v", n, where)
			}
			if ps := got.Countries[0].Polygons; len(ps) != tt.pieces {
				t.Errorf("%d pieces, want %d", len(ps), tt.pieces)
			}
			for _, p := range got.Countries[0].Polygons {
				if b := p.Bound(); b.Min[0] < -1e-9 || b.Max[0] > geo.WorldSize+1e-9 {
					t.Errorf("a piece off the world: %v", b)
				}
			}
			if a := area(got.Countries[0].Polygons); tt.area > 0 && math.Abs(a-tt.area) > 1e-6*tt.area {
				t.Errorf("the pieces' area is %g, want %g", a, tt.area)
			}
			if len(got.Borders) != 2 {
				t.Errorf("the border across 180 is in %d pieces, want 2", len(got.Borders))
			}
		})
	}
	t.Run("the default basemap", func(t *testing.T) {
		for i, lv := range geo.DefaultBasemap().Levels() {
			if n, where := jumps(&lv); n > 0 {
				t.Errorf("level %d: %d shapes jump across the world: %v", i, n, where)
			}
		}
	})
}

func planarArea(r orb.Ring) float64 {
	a := 0.0
	for i := 1; i < len(r); i++ {
		a += r[i-1][0]*r[i][1] - r[i][0]*r[i-1][1]
	}
	return a / 2
}

func TestConstrainEverywhere(t *testing.T) {
	for _, lon := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), 1e300, 540, -200} {
		v := geo.View{Center: orb.Point{lon, math.NaN()}, Zoom: 3, Width: 800, Height: 500}
		got := v.Constrain(geo.Everywhere, geo.MinZoom).Center
		if math.IsNaN(got[0]) || math.IsInf(got[0], 0) || math.IsNaN(got[1]) || math.IsInf(got[1], 0) || math.Abs(got[1]) > geo.MaxLat {
			t.Errorf("Constrain of centre %v to everywhere = %v, want a finite point on the world", v.Center, got)
		}
		if !math.IsNaN(lon) && !math.IsInf(lon, 0) && got[0] != lon {
			t.Errorf("Constrain moved longitude %g to %g: any longitude is on the world", lon, got[0])
		}
	}
}
