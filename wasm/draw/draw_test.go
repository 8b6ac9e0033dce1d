package draw_test

import (
	"fmt"
	"image/color"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"mapline/geo"
	"mapline/wasm/draw"
)

// recorder is a target that keeps a copy of every call.
type recorder struct{ calls []call }

type call struct {
	fill *color.NRGBA // a Fill call
	vs   []draw.Vertex
	is   []uint16
	rule draw.FillRule
}

func (r *recorder) Fill(c color.NRGBA) { r.calls = append(r.calls, call{fill: &c}) }

func (r *recorder) DrawTriangles(vs []draw.Vertex, is []uint16, rule draw.FillRule) {
	r.calls = append(r.calls, call{vs: append([]draw.Vertex(nil), vs...), is: append([]uint16(nil), is...), rule: rule})
}

var (
	sea   = color.NRGBA{0x10, 0x20, 0x30, 0xff}
	red   = color.NRGBA{0xff, 0, 0, 0xff}
	white = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	halo  = color.NRGBA{0xff, 0, 0, 0x40}
)

// tolerance for positions in device px: vertices are float32.
const tolerance = 1e-3

func colour(v draw.Vertex) color.NRGBA {
	c := func(f float32) uint8 { return uint8(math.Round(float64(f) * 255)) }
	return color.NRGBA{c(v.ColorR), c(v.ColorG), c(v.ColorB), c(v.ColorA)}
}

// TestMarkerVertices: a current square marker at ratio 2 is one call of
// fans, in order halo (a circle), outline (the square grown by the outline
// width), fill (the square), each vertex in its part's colour, each fan's
// centre on the marker and its rim at the part's distance.
func TestMarkerVertices(t *testing.T) {
	const k = 2
	m := geo.Marker{Shape: geo.Square, X: 30, Y: 40, R: 6, Fill: red, Stroke: white, Halo: halo, HaloR: 12}
	sc := &geo.Scene{Width: 100, Height: 100, Background: sea, Markers: []geo.Marker{m}}
	var r recorder
	var p draw.Painter
	p.Paint(&r, sc, k)
	if len(r.calls) != 2 || r.calls[0].fill == nil || *r.calls[0].fill != sea {
		t.Fatalf("%d calls, want the background then one of triangles: %+v", len(r.calls), r.calls)
	}
	c := r.calls[1]
	if c.rule != draw.FillAll {
		t.Errorf("rule %v, want FillAll", c.rule)
	}
	corner := 0.9 * math.Sqrt2 * m.R * k // the square's corners (geo's shape sizes)
	parts := []struct {
		name   string
		colour color.NRGBA
		n      int     // rim vertices
		rim    float64 // their distance from the centre, device px
	}{
		{"halo", halo, geo.CircleSegments(m.HaloR * k), m.HaloR * k},
		{"outline", white, 4, corner + geo.OutlineWidth*math.Sqrt2*k}, // square corners move out by √2 × the width
		{"fill", red, 4, corner},
	}
	want := 0
	for _, pt := range parts {
		want += 1 + pt.n
	}
	if len(c.vs) != want {
		t.Fatalf("%d vertices, want %d", len(c.vs), want)
	}
	at, tris := 0, 0
	for _, pt := range parts {
		fan := c.vs[at : at+1+pt.n]
		for i, v := range fan {
			if colour(v) != pt.colour || v.SrcX != 1 || v.SrcY != 1 {
				t.Errorf("%s vertex %d: colour %v source %g,%g, want %v at 1,1", pt.name, i, colour(v), v.SrcX, v.SrcY, pt.colour)
			}
			d := math.Hypot(float64(v.DstX)-m.X*k, float64(v.DstY)-m.Y*k)
			if want := map[bool]float64{true: 0, false: pt.rim}[i == 0]; math.Abs(d-want) > tolerance {
				t.Errorf("%s vertex %d at %g from the centre, want %g", pt.name, i, d, want)
			}
		}
		// A fan: every triangle has the centre and two neighbours on the rim.
		for j := 0; j < pt.n; j++ {
			tri := c.is[3*(tris+j) : 3*(tris+j)+3]
			if int(tri[0]) != at || int(tri[1]) != at+1+j || int(tri[2]) != at+1+(j+1)%pt.n {
				t.Errorf("%s triangle %d is %v", pt.name, j, tri)
			}
		}
		at += 1 + pt.n
		tris += pt.n
	}
	if len(c.is) != 3*tris {
		t.Errorf("%d indices, want %d", len(c.is), 3*tris)
	}
}

// TestCalls: what each kind of operation becomes, and in which order.
func TestCalls(t *testing.T) {
	square := orb.Ring{{0, 0}, {10, 0}, {10, 10}, {0, 10}}
	hole := orb.Ring{{2, 2}, {4, 2}, {4, 4}}
	for _, c := range []struct {
		name  string
		scene geo.Scene
		want  []string // per call: rule, vertices, indices, first colour
	}{
		{"background alone", geo.Scene{Background: sea}, []string{"fill #102030"}},
		{"a fill: its triangles, then its other polygons even-odd", geo.Scene{Background: sea, Fills: []geo.Fill{{
			Color:     red,
			Polygons:  []orb.Polygon{{square}, {square, hole}},
			Triangles: [][]uint16{{0, 1, 2, 0, 2, 3}, nil},
		}}}, []string{"fill #102030", "all 4v 6i #ff0000", "evenodd 7v 9i #ff0000"}},
		{"a line: a quad per segment of length", geo.Scene{Background: sea, Lines: []geo.Line{{
			Color: white, Width: 2, Lines: []orb.LineString{{{0, 0}, {10, 0}, {10, 0}, {10, 10}}},
		}}}, []string{"fill #102030", "all 8v 12i #ffffff"}},
		{"labels are the page's: nothing drawn", geo.Scene{Background: sea, Labels: []geo.Label{{Shown: true, Box: geo.Box{W: 1, H: 1}}}},
			[]string{"fill #102030"}},
		{"dots and markers: one call after the lines", geo.Scene{Background: sea,
			Lines:   []geo.Line{{Color: white, Width: 1, Lines: []orb.LineString{{{0, 0}, {5, 0}}}}},
			Labels:  []geo.Label{{Shown: true, Box: geo.Box{W: 1, H: 1}}},
			Dots:    []geo.Dot{{X: 5, Y: 5, R: 3, Fill: red, Stroke: white, Label: 0}},
			Markers: []geo.Marker{{Shape: geo.Triangle, X: 20, Y: 20, R: 5, Fill: red, Stroke: white}},
		}, []string{"fill #102030", "all 4v 6i #ffffff", fmt.Sprintf("all %dv %di #ffffff",
			2+geo.CircleSegments(4.5)+geo.CircleSegments(3)+2*(1+3), 3*(geo.CircleSegments(4.5)+geo.CircleSegments(3)+2*3))}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var r recorder
			var p draw.Painter
			p.Paint(&r, &c.scene, 1)
			var got []string
			for _, cl := range r.calls {
				if cl.fill != nil {
					got = append(got, fmt.Sprintf("fill #%02x%02x%02x", cl.fill.R, cl.fill.G, cl.fill.B))
					continue
				}
				rule := "all"
				if cl.rule == draw.EvenOdd {
					rule = "evenodd"
				}
				cc := colour(cl.vs[0])
				got = append(got, fmt.Sprintf("%s %dv %di #%02x%02x%02x", rule, len(cl.vs), len(cl.is), cc.R, cc.G, cc.B))
				for _, i := range cl.is {
					if int(i) >= len(cl.vs) {
						t.Errorf("index %d of %d vertices", i, len(cl.vs))
					}
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("calls %q, want %q", got, c.want)
			}
		})
	}
}

// TestLineQuad: a line's quad reaches half its width beyond both ends and to
// both sides, in device px.
func TestLineQuad(t *testing.T) {
	sc := &geo.Scene{Lines: []geo.Line{{Color: white, Width: 2, Lines: []orb.LineString{{{1, 1}, {6, 1}}}}}}
	var r recorder
	var p draw.Painter
	p.Paint(&r, sc, 2)
	vs := r.calls[1].vs
	want := [][2]float32{{0, 4}, {0, 0}, {14, 4}, {14, 0}}
	for i, v := range vs {
		if math.Abs(float64(v.DstX-want[i][0])) > tolerance || math.Abs(float64(v.DstY-want[i][1])) > tolerance {
			t.Errorf("vertex %d at %g,%g, want %v", i, v.DstX, v.DstY, want[i])
		}
	}
}

// TestBatches: past MaxVertices the shapes go in more calls, each within
// 16-bit indices; nothing is lost.
func TestBatches(t *testing.T) {
	sc := &geo.Scene{Width: 100, Height: 100}
	for i := range 5000 {
		sc.Markers = append(sc.Markers, geo.Marker{Shape: geo.Circle, X: float64(i % 100), Y: float64(i / 100), R: 5, Fill: red, Stroke: white})
	}
	var r recorder
	var p draw.Painter
	p.Paint(&r, sc, 1)
	total := 0
	for _, c := range r.calls[1:] {
		if len(c.vs) > draw.MaxVertices {
			t.Errorf("a call of %d vertices", len(c.vs))
		}
		for _, i := range c.is {
			if int(i) >= len(c.vs) {
				t.Fatalf("index %d of %d vertices", i, len(c.vs))
			}
		}
		total += len(c.vs)
	}
	per := 2 + geo.CircleSegments(5+geo.OutlineWidth) + geo.CircleSegments(5)
	if len(r.calls) < 3 || total != 5000*per {
		t.Errorf("%d calls, %d vertices, want more than one call and %d", len(r.calls)-1, total, 5000*per)
	}
	// Warm, painting allocates nothing but the recorder's copies.
	var none nop
	if n := testing.AllocsPerRun(5, func() { p.Paint(none, sc, 1) }); n != 0 {
		t.Errorf("Paint allocates %g times when warm", n)
	}
}

type nop struct{}

func (nop) Fill(color.NRGBA)                                     {}
func (nop) DrawTriangles([]draw.Vertex, []uint16, draw.FillRule) {}

// BenchmarkPaint builds the vertices of 300 markers of every shape at
// ratio 2 (warm: no allocations).
func BenchmarkPaint(b *testing.B) {
	sc := &geo.Scene{Width: 800, Height: 450}
	for i := range 300 {
		sc.Markers = append(sc.Markers, geo.Marker{Shape: geo.Shape(i % 8), X: float64(i % 30 * 25), Y: float64(i / 30 * 40), R: 6, Fill: red, Stroke: white})
	}
	var p draw.Painter
	b.ReportAllocs()
	for b.Loop() {
		p.Paint(nop{}, sc, 2)
	}
}
