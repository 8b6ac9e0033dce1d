package geo_test

import (
	"fmt"
	"image/color"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"mapline/geo"
)

// opString is an op as the tests read it: kind, item, part, shape, colour
// and, for dots and markers, the radius and growth.
func opString(o geo.Op) string {
	switch o.Kind {
	case geo.OpDot, geo.OpMarker:
		return fmt.Sprintf("%s %d %s %s %s r%g+%g at %g,%g", o.Kind, o.Item, o.Part, o.Shape, hex(o.Color), o.R, o.Grow, o.X, o.Y)
	case geo.OpLabel:
		return fmt.Sprintf("%s %d %s on %s", o.Kind, o.Item, hex(o.Color), hex(o.Halo))
	}
	return fmt.Sprintf("%s %d %s", o.Kind, o.Item, hex(o.Color))
}

var (
	red   = color.NRGBA{0xff, 0, 0, 0xff}
	white = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	halo  = color.NRGBA{0xff, 0, 0, 0x40}
)

// TestPaintOrder: the operations of a scene, back to front, with the parts
// of each marker in the order halo, outline, shape, dot.
func TestPaintOrder(t *testing.T) {
	nan := math.NaN()
	base := func() geo.Scene {
		return geo.Scene{Theme: geo.Light, Width: 100, Height: 100, Background: geo.Light.Sea}
	}
	for _, c := range []struct {
		name  string
		scene func() geo.Scene
		want  []string
	}{
		{"empty: the background alone", base, []string{"background 0 #d9e6ef"}},
		{"fills and lines in their order", func() geo.Scene {
			sc := base()
			sc.Fills = []geo.Fill{{Color: geo.Light.Land}, {Color: geo.Light.StoryLand}}
			sc.Lines = []geo.Line{{Color: geo.Light.Border, Width: 1}}
			return sc
		}, []string{"background 0 #d9e6ef", "fill 0 #f6f4ef", "fill 1 #ebe4d3", "line 0 #a69f92"}},
		{"current marker: halo, outline, shape", func() geo.Scene {
			sc := base()
			sc.Markers = []geo.Marker{{Shape: geo.Square, X: 10, Y: 20, R: 6, Fill: red, Stroke: white, Halo: halo, HaloR: 12}}
			return sc
		}, []string{"background 0 #d9e6ef",
			"marker 0 halo circle #ff000040 r12+0 at 10,20",
			"marker 0 outline square #ffffff r6+1.5 at 10,20",
			"marker 0 body square #ff0000 r6+0 at 10,20"}},
		{"dot-circle without halo: outline, shape, dot", func() geo.Scene {
			sc := base()
			sc.Markers = []geo.Marker{{Shape: geo.DotCircle, X: 1, Y: 2, R: 10, Fill: red, Stroke: white}}
			return sc
		}, []string{"background 0 #d9e6ef",
			"marker 0 outline dot-circle #ffffff r10+1.5 at 1,2",
			"marker 0 body dot-circle #ff0000 r10+0 at 1,2",
			"marker 0 dot circle #ffffff r3.8+0 at 1,2"}},
		{"city dots only with their names, under the markers", func() geo.Scene {
			sc := base()
			sc.Labels = []geo.Label{{Kind: geo.CityLabel, Shown: true, Box: geo.Box{X: 5, Y: 5, W: 20, H: 10}}, {Kind: geo.CityLabel}}
			sc.Dots = []geo.Dot{{X: 3, Y: 4, R: 2.5, Fill: red, Stroke: white, Label: 0}, {X: 9, Y: 9, R: 2.5, Fill: red, Stroke: white, Label: 1}}
			sc.Markers = []geo.Marker{{Shape: geo.Circle, X: 50, Y: 50, R: 5, Fill: red, Stroke: white}}
			return sc
		}, []string{"background 0 #d9e6ef",
			"dot 0 outline circle #ffffff r2.5+1.5 at 3,4",
			"dot 0 body circle #ff0000 r2.5+0 at 3,4",
			"marker 0 outline circle #ffffff r5+1.5 at 50,50",
			"marker 0 body circle #ff0000 r5+0 at 50,50",
			"label 0 #4d4d4d on #ffffffd9"}},
		{"labels shown, last, in the scene's theme", func() geo.Scene {
			sc := base()
			sc.Theme = geo.Dark
			sc.Labels = []geo.Label{
				{Kind: geo.SiteLabel, Status: geo.Current, Shown: true, Box: geo.Box{W: 10, H: 10}},
				{Kind: geo.CountryLabel, Shown: false},
				{Kind: geo.CountryLabel, Emphasis: true, Shown: true, Box: geo.Box{W: 10, H: 10}},
			}
			return sc
		}, []string{"background 0 #d9e6ef", "label 0 #eef1f4 on #0f1b26d9", "label 2 #b4bec6 on #0f1b26d9"}},
		{"what is not a number is left out", func() geo.Scene {
			sc := base()
			sc.Labels = []geo.Label{{Kind: geo.CityLabel, Shown: true, Box: geo.Box{X: nan, W: 1, H: 1}}}
			sc.Dots = []geo.Dot{{X: nan, Y: 4, R: 2.5, Label: 0}}
			sc.Markers = []geo.Marker{
				{Shape: geo.Circle, X: nan, Y: 50, R: 5},
				{Shape: geo.Circle, X: 5, Y: 50, R: 5, HaloR: math.Inf(1)},
				{Shape: geo.Circle, X: 5, Y: 50, R: 5, Fill: red, Stroke: white},
			}
			return sc
		}, []string{"background 0 #d9e6ef",
			"marker 2 outline circle #ffffff r5+1.5 at 5,50",
			"marker 2 body circle #ff0000 r5+0 at 5,50"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := c.scene()
			var got []string
			for _, o := range sc.Paint(nil) {
				got = append(got, opString(o))
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("ops:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// TestPaintDemo: the demo's scene paints every fill and line, each marker
// (with a halo for the current ones) and each shown label, once.
func TestPaintDemo(t *testing.T) {
	s := loadDemo(t)
	m := geo.NewMap(geo.MapOptions{Story: s, Basemap: geo.DefaultBasemap(), Theme: geo.Light})
	v := geo.StartView(s, geo.View{Center: geo.HomeView.Center, Zoom: geo.HomeView.Zoom, Width: 800, Height: 450, Ratio: 1})
	cur, err := s.StartEvent("", nil)
	if err != nil {
		t.Fatal(err)
	}
	sc := m.Render(v, cur)
	sc.Measure()
	sc.Place(new(geo.Placer), nil)
	count := map[geo.OpKind]int{}
	bodies := 0
	for _, o := range sc.Paint(nil) {
		count[o.Kind]++
		if o.Kind == geo.OpMarker && o.Part == geo.PartBody {
			bodies++
		}
	}
	shown, dots := 0, 0
	for i := range sc.Labels {
		if sc.Labels[i].Shown {
			shown++
		}
	}
	for i := range sc.Dots {
		if sc.DotShown(&sc.Dots[i]) {
			dots++
		}
	}
	if count[geo.OpFill] != len(sc.Fills) || count[geo.OpLine] != len(sc.Lines) || bodies != len(sc.Markers) ||
		count[geo.OpLabel] != shown || count[geo.OpDot] != 2*dots || count[geo.OpBackground] != 1 {
		t.Errorf("ops %v (%d marker bodies) for %d fills, %d lines, %d markers, %d shown labels, %d dots",
			count, bodies, len(sc.Fills), len(sc.Lines), len(sc.Markers), shown, dots)
	}
	if len(sc.Markers) == 0 || shown == 0 {
		t.Fatalf("the demo's scene has %d markers, %d shown labels", len(sc.Markers), shown)
	}
	// Warm, Paint allocates nothing.
	ops := sc.Paint(nil)
	if n := testing.AllocsPerRun(10, func() { ops = sc.Paint(ops[:0]) }); n != 0 {
		t.Errorf("Paint allocates %g times when warm", n)
	}
}

// TestStrokeQuad: the quad of a segment reaches half the width beyond both
// ends and to both sides.
func TestStrokeQuad(t *testing.T) {
	for _, c := range []struct {
		name string
		a, b orb.Point
		w    float64
		want [4]orb.Point
		ok   bool
	}{
		{"east", orb.Point{0, 0}, orb.Point{10, 0}, 2, [4]orb.Point{{-1, 1}, {11, 1}, {11, -1}, {-1, -1}}, true},
		{"south (screen y down)", orb.Point{5, 0}, orb.Point{5, 4}, 4, [4]orb.Point{{3, -2}, {3, 6}, {7, 6}, {7, -2}}, true},
		{"no length", orb.Point{3, 3}, orb.Point{3, 3}, 2, [4]orb.Point{}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			q, ok := geo.StrokeQuad(c.a, c.b, c.w)
			if ok != c.ok {
				t.Fatalf("ok %v, want %v", ok, c.ok)
			}
			for i := range q {
				if math.Abs(q[i][0]-c.want[i][0]) > 1e-9 || math.Abs(q[i][1]-c.want[i][1]) > 1e-9 {
					t.Errorf("quad %v, want %v", q, c.want)
					break
				}
			}
		})
	}
}

// TestLabelAnchor: the text is set from the side next to the mark, or
// centred.
func TestLabelAnchor(t *testing.T) {
	box := geo.Box{X: 10, Y: 0, W: 40, H: 12}
	for _, c := range []struct {
		side  geo.Side
		x     float64
		align geo.Align
	}{
		{geo.Right, 10, geo.AlignLeft}, {geo.AboveRight, 10, geo.AlignLeft}, {geo.BelowRight, 10, geo.AlignLeft},
		{geo.Left, 50, geo.AlignRight}, {geo.AboveLeft, 50, geo.AlignRight}, {geo.BelowLeft, 50, geo.AlignRight},
		{geo.Above, 30, geo.AlignCentre}, {geo.Below, 30, geo.AlignCentre}, {geo.Centre, 30, geo.AlignCentre},
	} {
		t.Run(c.side.String(), func(t *testing.T) {
			l := geo.Label{Side: c.side, Box: box}
			if x, a := l.Anchor(); x != c.x || a != c.align {
				t.Errorf("anchor %g %d, want %g %d", x, a, c.x, c.align)
			}
		})
	}
}

// BenchmarkPaint lists the paint operations of the demo's scene at 800×450
// (warm: no allocations).
func BenchmarkPaint(b *testing.B) {
	for _, bs := range benchStories {
		s := bs.load(b)
		m := geo.NewMap(geo.MapOptions{Story: s, Basemap: geo.DefaultBasemap(), Theme: geo.Light})
		v := geo.StartView(s, geo.View{Center: geo.HomeView.Center, Zoom: geo.HomeView.Zoom, Width: 800, Height: 450, Ratio: 1})
		cur := len(s.Events) * 2 / 3
		sc := m.Render(v, cur)
		sc.Measure()
		sc.Place(new(geo.Placer), nil)
		ops := sc.Paint(nil)
		b.Run(bs.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ops = sc.Paint(ops[:0])
			}
			b.ReportMetric(float64(len(ops)), "ops")
		})
	}
}
