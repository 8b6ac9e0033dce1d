package raster_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"mapline/geo"
	"mapline/geo/raster"
)

var (
	sea   = color.NRGBA{0x10, 0x20, 0x30, 0xff}
	land  = color.NRGBA{0xf0, 0xe0, 0xd0, 0xff}
	red   = color.NRGBA{0xff, 0, 0, 0xff}
	white = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	blue  = color.NRGBA{0, 0, 0xff, 0xff}
)

// tolerance is how far a channel may stray from the colour painted, inside
// a shape and at least a pixel from its edge (anti-aliasing touches only the
// edge pixels).
const tolerance = 2

func at(img image.Image, x, y, k float64) color.NRGBA {
	return color.NRGBAModel.Convert(img.At(int(x*k), int(y*k))).(color.NRGBA)
}

func near(a, b color.NRGBA) bool {
	d := func(x, y uint8) bool { return math.Abs(float64(x)-float64(y)) <= tolerance }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B) && d(a.A, b.A)
}

// scene is a 100×60 scene: land with a square hole, a line, a current
// dot-circle marker with a halo and a city dot whose name shows.
func scene() *geo.Scene {
	return &geo.Scene{
		Theme: geo.Light, Width: 100, Height: 60, Background: sea,
		Fills: []geo.Fill{{Color: land, Polygons: []orb.Polygon{{
			{{0, 0}, {50, 0}, {50, 60}, {0, 60}, {0, 0}},
			{{10, 10}, {20, 10}, {20, 20}, {10, 20}, {10, 10}}, // a hole, wound the same way
		}}}},
		Lines: []geo.Line{{Color: blue, Width: 4, Lines: []orb.LineString{{{60, 50}, {95, 50}}}}},
		Markers: []geo.Marker{{Shape: geo.DotCircle, X: 30, Y: 40, R: 8, Fill: red, Stroke: white,
			Halo: color.NRGBA{0xff, 0, 0, 0x80}, HaloR: 14}},
		Dots:   []geo.Dot{{X: 75, Y: 20, R: 3, Fill: red, Stroke: white, Label: 0}},
		Labels: []geo.Label{{Kind: geo.CityLabel, Shown: false}},
	}
}

// TestDraw checks pixels where the scene says what is there, at two scales:
// the background, the land and its hole (even-odd), the line, the marker's
// halo, outline ring, fill and dot (painted in that order), and a city dot
// drawn only when its name shows.
func TestDraw(t *testing.T) {
	halo := color.NRGBA{0xf8, 0x70, 0x68, 0xff} // 50% red over land
	for _, k := range []float64{1, 2} {
		sc := scene()
		img, err := raster.Draw(sc, k)
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != int(100*k) || b.Dy() != int(60*k) {
			t.Fatalf("scale %g: %v", k, b)
		}
		for _, c := range []struct {
			name string
			x, y float64
			want color.NRGBA
		}{
			{"sea", 80, 5, sea},
			{"land", 5, 5, land},
			{"the hole in the land", 15, 15, sea},
			{"the line", 75, 50, blue},
			{"the line's end, half its width beyond the last point", 96, 50, blue},
			{"beyond the line's end", 98.5, 50, sea},
			{"the marker's dot (over its fill)", 30, 40, white},
			{"the marker's fill (over its outline)", 30 + 5.5, 40, red},
			{"the marker's outline ring (over its halo)", 30 + 8.7, 40, white},
			{"the marker's halo", 30 + 12, 40, halo},
			{"no dot without its name", 75, 20, sea},
		} {
			if got := at(img, c.x, c.y, k); !near(got, c.want) {
				t.Errorf("scale %g: %s at %g,%g is %v, want %v", k, c.name, c.x, c.y, got, c.want)
			}
		}
		sc.Labels[0].Shown, sc.Labels[0].Box = true, geo.Box{X: 80, Y: 15, W: 1, H: 1}
		img, err = raster.Draw(sc, k)
		if err != nil {
			t.Fatal(err)
		}
		if got := at(img, 75, 20, k); !near(got, red) {
			t.Errorf("scale %g: the dot of a city whose name shows is %v, want %v", k, got, red)
		}
	}
}

// TestDrawErrors: scales that are not positive numbers and pictures out of
// range are errors, not panics; a broken scene draws without NaN trouble.
func TestDrawErrors(t *testing.T) {
	for _, c := range []struct {
		name  string
		w, h  float64
		scale float64
	}{
		{"zero scale", 100, 60, 0},
		{"negative scale", 100, 60, -1},
		{"NaN scale", 100, 60, math.NaN()},
		{"infinite scale", 100, 60, math.Inf(1)},
		{"no pixels", 0.2, 60, 1},
		{"beyond 4K", 4000, 3000, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := scene()
			sc.Width, sc.Height = c.w, c.h
			if _, err := raster.Draw(sc, c.scale); err == nil {
				t.Error("no error")
			}
		})
	}
	sc := scene()
	sc.Markers[0].X = math.NaN()
	sc.Lines[0].Lines[0][0] = orb.Point{math.Inf(1), 0}
	sc.Fills[0].Polygons[0][0][2] = orb.Point{math.NaN(), 3}
	var b bytes.Buffer
	if err := raster.WritePNG(&b, sc, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(&b); err != nil {
		t.Fatal(err)
	}
}
