package geo_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"mapline/geo"
)

// Tolerances. Round trips through Web Mercator lose a few ulps of the world
// coordinates (about 256·2^-52); at zoom 12 that is 1e-9 px, so 1e-6 px leaves
// room for wasm and amd64 to round differently.
const (
	degTol = 1e-9 // degrees
	pxTol  = 1e-6 // CSS pixels
)

func near(a, b orb.Point, tol float64) bool {
	return math.Abs(a[0]-b[0]) <= tol && math.Abs(a[1]-b[1]) <= tol
}

// demoView is the view of the golden scene: the Gulf region.
var demoView = geo.View{Center: orb.Point{48, 30}, Zoom: 4.5, Width: 640, Height: 420, Ratio: 2}

func TestWorldLonLatRoundTrip(t *testing.T) {
	for lon := -180.0; lon <= 180; lon += 7.5 {
		for lat := -85.0; lat <= 85; lat += 2.5 {
			ll := orb.Point{lon, lat}
			if got := geo.LonLat(geo.World(ll)); !near(got, ll, degTol) {
				t.Errorf("LonLat(World(%v)) = %v", ll, got)
			}
		}
	}
}

func TestWorldKnownValues(t *testing.T) {
	tests := []struct {
		name string
		ll   orb.Point
		want orb.Point
	}{
		{"null island is the middle", orb.Point{0, 0}, orb.Point{128, 128}},
		{"north west corner", orb.Point{-180, geo.MaxLat}, orb.Point{0, 0}},
		{"south east corner", orb.Point{180, -geo.MaxLat}, orb.Point{256, 256}},
		{"north pole is cut off", orb.Point{0, 90}, orb.Point{128, 0}},
		{"south pole is cut off", orb.Point{0, -90}, orb.Point{128, 256}},
		{"east is right", orb.Point{90, 0}, orb.Point{192, 128}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// MaxLat has 10 decimals: the corners are exact to about 1e-8.
			if got := geo.World(tt.ll); !near(got, tt.want, 1e-6) {
				t.Errorf("World(%v) = %v, want %v", tt.ll, got, tt.want)
			}
		})
	}
	// At zoom 0 the world is WorldSize pixels wide: world and screen agree.
	v := geo.View{Center: orb.Point{0, 0}, Zoom: 0, Width: geo.WorldSize, Height: geo.WorldSize}
	if got := v.Screen(orb.Point{0, 0}); !near(got, orb.Point{128, 128}, pxTol) {
		t.Errorf("zoom 0: Screen(0, 0) = %v, want (128, 128)", got)
	}
	if got := v.WorldToScreen(geo.World(orb.Point{-180, geo.MaxLat})); !near(got, orb.Point{0, 0}, 1e-6) {
		t.Errorf("zoom 0: Screen(north west corner) = %v, want (0, 0)", got)
	}
	// Each zoom level doubles the size of the world.
	v.Zoom, v.Width, v.Height = 1, 2*geo.WorldSize, 2*geo.WorldSize
	if got := v.WorldToScreen(geo.World(orb.Point{180, -geo.MaxLat})); !near(got, orb.Point{512, 512}, 1e-6) {
		t.Errorf("zoom 1: Screen(south east corner) = %v, want (512, 512)", got)
	}
}

// testViews are views at the zooms, sizes and device pixel ratios the round
// trip tests run on.
func testViews() []geo.View {
	var vs []geo.View
	for _, z := range []float64{1, 4.5, 9, 12} {
		for _, size := range [][2]float64{{640, 420}, {320, 568}, {1920, 1080}, {1, 1}} {
			for _, r := range []float64{1, 1.5, 2} {
				vs = append(vs, geo.View{Center: orb.Point{48, 30}, Zoom: z, Width: size[0], Height: size[1], Ratio: r})
			}
		}
	}
	return vs
}

func viewName(v geo.View) string {
	return fmt.Sprintf("z%g_%gx%g@%g", v.Zoom, v.Width, v.Height, v.Ratio)
}

func TestScreenGeoRoundTrip(t *testing.T) {
	for _, v := range testViews() {
		t.Run(viewName(v), func(t *testing.T) {
			if got := v.Screen(v.Center); !near(got, orb.Point{v.Width / 2, v.Height / 2}, pxTol) {
				t.Errorf("Screen(Center) = %v, want the middle of the view", got)
			}
			for fx := -0.5; fx <= 1.5; fx += 0.25 {
				for fy := -0.5; fy <= 1.5; fy += 0.25 {
					p := orb.Point{fx * v.Width, fy * v.Height}
					w := v.ScreenToWorld(p)
					if w[1] < 0 || w[1] > geo.WorldSize {
						continue // off the top or bottom of the world: Geo clamps
					}
					// Screen draws a place at the copy of the world nearest
					// the centre: a point further than half a world from it
					// comes back a world's width nearer.
					world := geo.WorldSize * math.Exp2(v.Zoom)
					q := p
					if d := q[0] - v.Width/2; math.Abs(d) > world/2 {
						q[0] -= math.Round(d/world) * world
					}
					if got := v.Screen(v.Geo(p)); !near(got, q, pxTol) {
						t.Errorf("Screen(Geo(%v)) = %v, want %v (off by %g px)", p, got, q, math.Hypot(got[0]-q[0], got[1]-q[1]))
					}
					if got := v.WorldToScreen(w); !near(got, p, pxTol) {
						t.Errorf("WorldToScreen(ScreenToWorld(%v)) = %v", p, got)
					}
					ll := v.Geo(q)
					if got := v.Geo(v.Screen(ll)); !near(got, ll, degTol) {
						t.Errorf("Geo(Screen(%v)) = %v", ll, got)
					}
				}
			}
		})
	}
	// The device pixel ratio does not change CSS pixels.
	a, b := demoView, demoView
	b.Ratio = 3
	if pa, pb := a.Screen(orb.Point{44.4, 33.3}), b.Screen(orb.Point{44.4, 33.3}); pa != pb {
		t.Errorf("Screen depends on Ratio: %v at ratio 2, %v at ratio 3", pa, pb)
	}
}

func TestTransform(t *testing.T) {
	for _, v := range testViews() {
		o, k := v.Transform()
		if k != math.Exp2(v.Zoom) {
			t.Errorf("%s: scale %g, want 2^zoom", viewName(v), k)
		}
		w := geo.World(orb.Point{44.4, 33.3})
		want := v.WorldToScreen(w)
		if got := (orb.Point{(w[0] - o[0]) * k, (w[1] - o[1]) * k}); !near(got, want, pxTol) {
			t.Errorf("%s: (w-origin)·scale = %v, WorldToScreen = %v", viewName(v), got, want)
		}
	}
}

func TestZoomAbout(t *testing.T) {
	tests := []struct {
		name string
		dz   float64
		p    orb.Point
		zoom float64 // the zoom after
	}{
		{"in at the centre", 1, orb.Point{320, 210}, 5.5},
		{"in at the top left", 1, orb.Point{0, 0}, 5.5},
		{"in at the bottom right", 0.25, orb.Point{640, 420}, 4.75},
		{"out at a cursor", -1.5, orb.Point{100, 300}, 3},
		{"out outside the view", -0.5, orb.Point{-50, 700}, 4},
		{"in past MaxZoom", 20, orb.Point{500, 100}, geo.MaxZoom},
		{"out past MinZoom", -20, orb.Point{320, 210}, geo.MinZoom},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := demoView.Geo(tt.p)
			v := demoView.ZoomAbout(tt.dz, tt.p)
			if v.Zoom != tt.zoom {
				t.Errorf("zoom = %g, want %g", v.Zoom, tt.zoom)
			}
			if got := v.Screen(g); !near(got, tt.p, pxTol) {
				t.Errorf("the point under the cursor moved from %v to %v", tt.p, got)
			}
			if v.Width != demoView.Width || v.Height != demoView.Height || v.Ratio != demoView.Ratio {
				t.Errorf("ZoomAbout changed the size: %+v", v)
			}
		})
	}
}

func TestPan(t *testing.T) {
	tests := []struct {
		name   string
		dx, dy float64
	}{
		{"right", 100, 0},
		{"up", 0, -250},
		{"diagonal", -333.25, 47.5},
		{"a whole screen", 640, 420},
	}
	for _, v := range []geo.View{demoView, {Center: orb.Point{48, 30}, Zoom: 12, Width: 320, Height: 568}} {
		for _, tt := range tests {
			t.Run(viewName(v)+"/"+tt.name, func(t *testing.T) {
				p := orb.Point{200, 150}
				g := v.Geo(p)
				moved := v.Pan(tt.dx, tt.dy)
				if got, want := moved.Screen(g), (orb.Point{p[0] + tt.dx, p[1] + tt.dy}); !near(got, want, pxTol) {
					t.Errorf("after Pan(%g, %g) the map point at %v is at %v, want %v", tt.dx, tt.dy, p, got, want)
				}
				if tt.dx > 0 && moved.Center.Lon() >= v.Center.Lon() {
					t.Errorf("dragging right moved the centre east: %v → %v", v.Center, moved.Center)
				}
				back := moved.Pan(-tt.dx, -tt.dy)
				if !near(back.Center, v.Center, degTol) {
					t.Errorf("Pan then Pan back: centre %v, want %v", back.Center, v.Center)
				}
				if back.Zoom != v.Zoom {
					t.Errorf("Pan changed the zoom to %g", back.Zoom)
				}
			})
		}
	}
	t.Run("the centre stays on the world", func(t *testing.T) {
		v := demoView.Pan(0, 1e9)
		if v.Center.Lat() != geo.MaxLat {
			t.Errorf("dragging far down: centre latitude %g, want %g", v.Center.Lat(), geo.MaxLat)
		}
		// The longitude goes round (the map wraps) and stays a number.
		v = demoView.Pan(-1e9, 0)
		if lon := v.Center.Lon(); lon <= 180 || math.IsInf(lon, 0) || math.IsNaN(lon) {
			t.Errorf("dragging far left: centre longitude %g, want past 180", lon)
		}
	})
}

func TestFit(t *testing.T) {
	demo := orb.Bound{Min: orb.Point{42.44, 23.59}, Max: orb.Point{58.38, 36.19}}
	tests := []struct {
		name          string
		b             orb.Bound
		width, height float64
		padding       float64
		maxZoom       float64
		zoom          float64 // the expected zoom when it is clamped; 0 when the bound fills the view
	}{
		{"demo bound, landscape", demo, 640, 420, 24, geo.MaxZoom, 0},
		{"demo bound, portrait", demo, 320, 568, 16, geo.MaxZoom, 0},
		{"demo bound, no padding", demo, 640, 420, 0, geo.MaxZoom, 0},
		{"tall bound", orb.Bound{Min: orb.Point{44, 20}, Max: orb.Point{45, 40}}, 640, 420, 24, geo.MaxZoom, 0},
		{"wide bound", orb.Bound{Min: orb.Point{20, 30}, Max: orb.Point{70, 31}}, 640, 420, 24, geo.MaxZoom, 0},
		{"horizontal line", orb.Bound{Min: orb.Point{40, 30}, Max: orb.Point{50, 30}}, 640, 420, 24, geo.MaxZoom, 0},
		{"small bound, zoom limited", orb.Bound{Min: orb.Point{44.40, 33.30}, Max: orb.Point{44.41, 33.31}}, 640, 420, 24, 8, 8},
		{"one point", orb.Point{44.4, 33.3}.Bound(), 640, 420, 24, 9, 9},
		{"one point, maxZoom above MaxZoom", orb.Point{44.4, 33.3}.Bound(), 640, 420, 24, 20, geo.MaxZoom},
		{"the whole world in a small view", orb.Bound{Min: orb.Point{-180, -80}, Max: orb.Point{180, 80}}, 200, 150, 10, geo.MaxZoom, geo.MinZoom},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := geo.View{Center: orb.Point{0, 0}, Zoom: 3, Width: tt.width, Height: tt.height, Ratio: 2}.
				Fit(tt.b, tt.padding, tt.maxZoom)
			if v.Width != tt.width || v.Height != tt.height || v.Ratio != 2 {
				t.Errorf("Fit changed the size: %+v", v)
			}
			if tt.zoom != 0 {
				if v.Zoom != tt.zoom {
					t.Errorf("zoom = %g, want %g", v.Zoom, tt.zoom)
				}
			}
			// The bound's corners, on screen.
			tl := v.Screen(orb.Point{tt.b.Min.Lon(), tt.b.Max.Lat()})
			br := v.Screen(orb.Point{tt.b.Max.Lon(), tt.b.Min.Lat()})
			mid := orb.Point{(tl[0] + br[0]) / 2, (tl[1] + br[1]) / 2}
			if !near(mid, orb.Point{tt.width / 2, tt.height / 2}, pxTol) {
				t.Errorf("the bound is centred at %v, want the middle of the view", mid)
			}
			if tt.zoom == geo.MinZoom {
				return // too big to fit at any allowed zoom
			}
			for _, p := range []orb.Point{tl, br} {
				if p[0] < tt.padding-pxTol || p[0] > tt.width-tt.padding+pxTol ||
					p[1] < tt.padding-pxTol || p[1] > tt.height-tt.padding+pxTol {
					t.Errorf("corner %v is outside the padded view", p)
				}
			}
			if tt.zoom != 0 {
				return
			}
			// The zoom is the largest that fits: the bound fills the padded
			// width or the padded height exactly.
			fill := math.Max((br[0]-tl[0])/(tt.width-2*tt.padding), (br[1]-tl[1])/(tt.height-2*tt.padding))
			if math.Abs(fill-1) > 1e-9 {
				t.Errorf("the bound fills %.12f of the padded view, want 1", fill)
			}
		})
	}
	t.Run("a view fits its own bound", func(t *testing.T) {
		for _, v := range []geo.View{demoView, {Center: orb.Point{51.39, 35.69}, Zoom: 9, Width: 320, Height: 320}} {
			got := v.Fit(v.Bound(), 0, geo.MaxZoom)
			if math.Abs(got.Zoom-v.Zoom) > 1e-9 || !near(got.Center, v.Center, degTol) {
				t.Errorf("%s: Fit(Bound()) = zoom %g centre %v, want zoom %g centre %v",
					viewName(v), got.Zoom, got.Center, v.Zoom, v.Center)
			}
		}
	})
}

func TestBound(t *testing.T) {
	b := demoView.Bound()
	if !b.Contains(demoView.Center) {
		t.Errorf("Bound %v does not contain the centre %v", b, demoView.Center)
	}
	if got := demoView.Screen(orb.Point{b.Min.Lon(), b.Max.Lat()}); !near(got, orb.Point{0, 0}, pxTol) {
		t.Errorf("the north west corner of Bound is at %v on screen, want (0, 0)", got)
	}
	if got := demoView.Screen(orb.Point{b.Max.Lon(), b.Min.Lat()}); !near(got, orb.Point{640, 420}, pxTol) {
		t.Errorf("the south east corner of Bound is at %v on screen, want (640, 420)", got)
	}
	wb := demoView.WorldBound()
	if got := demoView.WorldToScreen(wb.Max); !near(got, orb.Point{640, 420}, pxTol) {
		t.Errorf("WorldBound().Max is at %v on screen, want (640, 420)", got)
	}
}

func TestDeviceRatio(t *testing.T) {
	tests := []struct {
		name  string
		ratio float64
		want  float64
	}{
		{"unset", 0, 1},
		{"negative", -2, 1},
		{"nan", math.NaN(), 1},
		{"retina", 2, 2},
		{"fractional", 1.25, 1.25},
	}
	for _, tt := range tests {
		if got := (geo.View{Ratio: tt.ratio}).DeviceRatio(); got != tt.want {
			t.Errorf("%s: DeviceRatio() = %g, want %g", tt.name, got, tt.want)
		}
	}
}

var sinkPoint orb.Point

func BenchmarkScreen(b *testing.B) {
	b.ReportAllocs()
	v := demoView
	ll := orb.Point{44.4, 33.3}
	for b.Loop() {
		sinkPoint = v.Screen(ll)
	}
}
