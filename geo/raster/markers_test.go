package raster_test

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"mapline/geo"
	"mapline/geo/raster"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs in testdata")

// markerScene is a w×h scene of n markers of every shape (seeded), some
// with halos, some over the edges of the picture, and n/4 city dots: the
// paint of a poster of many sites.
func markerScene(seed uint64, n int, w, h float64) *geo.Scene {
	r := rand.New(rand.NewPCG(seed, 1))
	sc := &geo.Scene{Theme: geo.Light, Width: w, Height: h, Background: sea}
	col := func() color.NRGBA {
		return color.NRGBA{uint8(r.IntN(256)), uint8(r.IntN(256)), uint8(r.IntN(256)), 0xff}
	}
	for i := 0; i < n; i++ {
		m := geo.Marker{Site: i, Shape: geo.Shape(i % 8), X: -10 + r.Float64()*(w+20), Y: -10 + r.Float64()*(h+20),
			R: 3 + r.Float64()*8, Fill: col(), Stroke: white}
		if i%5 == 0 {
			m.Halo, m.HaloR = color.NRGBA{0xff, 0, 0, 0x60}, m.R+6
		}
		sc.Markers = append(sc.Markers, m)
	}
	for i := 0; i < n/4; i++ {
		sc.Labels = append(sc.Labels, geo.Label{Kind: geo.CityLabel, Shown: true, Box: geo.Box{X: -100, Y: -100, W: 1, H: 1}})
		sc.Dots = append(sc.Dots, geo.Dot{X: r.Float64() * w, Y: r.Float64() * h, R: 2 + r.Float64()*2, Fill: col(), Stroke: white, Label: i})
	}
	return sc
}

// goldenTolerance is how far a channel may stray from the golden pictures:
// they were drawn with the whole picture rasterised for each shape, and a
// shape rasterised in its own box computes its edges in float32 at other
// magnitudes, which rounds a few edge pixels the other way (52 of 120,000
// at scale 1). In fixed point (a box under 513 px) up to 16 would differ.
const goldenTolerance = 1

// TestMarkersGolden: the markers and dots of a scene wider than 512 device
// pixels (the rasteriser's threshold for floating-point arithmetic), some
// cut by the picture's edges, come out as in testdata/markers-*.png, drawn
// by the full-canvas rasteriser before each marker got its own small one,
// within goldenTolerance. Run `go test ./geo/raster -run TestMarkersGolden -update` after a
// deliberate change and look at the pictures.
func TestMarkersGolden(t *testing.T) {
	for _, k := range []float64{1, 1.5, 2} {
		t.Run(fmt.Sprintf("scale %g", k), func(t *testing.T) {
			img, err := raster.Draw(markerScene(1, 80, 600, 200), k)
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join("testdata", fmt.Sprintf("markers-%gx.png", k))
			if *update {
				var b bytes.Buffer
				if err := png.Encode(&b, img); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			f, err := os.Open(file)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			defer f.Close()
			want, err := png.Decode(f)
			if err != nil {
				t.Fatal(err)
			}
			if want.Bounds() != img.Bounds() {
				t.Fatalf("%v, want %v", img.Bounds(), want.Bounds())
			}
			differ, worst, first := 0, 0, image.Point{-1, -1}
			for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
				for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
					a := img.RGBAAt(x, y)
					b := color.RGBAModel.Convert(want.At(x, y)).(color.RGBA)
					d := max(diff(a.R, b.R), diff(a.G, b.G), diff(a.B, b.B), diff(a.A, b.A))
					if d > goldenTolerance {
						if differ == 0 {
							first = image.Point{x, y}
						}
						differ++
						worst = max(worst, d)
					}
				}
			}
			if differ > 0 {
				t.Errorf("%d pixels differ from %s (the first at %v), by up to %d in a channel (at most %d allowed)", differ, file, first, worst, goldenTolerance)
			}
		})
	}
}

func diff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// BenchmarkPNG draws and encodes an 800×450 poster of 1,000 and 10,000
// markers at scale 1 and 2. draw-ns/marker is the drawing's time per
// marker: about the same at 1k and 10k once each marker is rasterised in
// its own box (the time is linear in the number of markers); before, each
// marker cost the whole picture. The rest of ns/op is the PNG encoding (as
// WritePNG encodes), which depends on the picture's size.
func BenchmarkPNG(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		for _, k := range []float64{1, 2} {
			b.Run(fmt.Sprintf("markers=%dk/scale=%g", n/1000, k), func(b *testing.B) {
				sc := markerScene(1, n, 800, 450)
				b.ReportAllocs()
				var draw time.Duration
				for b.Loop() {
					t := time.Now()
					img, err := raster.Draw(sc, k)
					if err != nil {
						b.Fatal(err)
					}
					draw += time.Since(t)
					if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(io.Discard, img); err != nil { // as WritePNG
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(draw.Nanoseconds())/float64(b.N)/float64(n), "draw-ns/marker")
			})
		}
	}
}

// TestHugeMarkers: a marker whose halo or radius is infinite or absurd (a
// broken scene) is left out, not rasterised for minutes; the others still
// draw.
func TestHugeMarkers(t *testing.T) {
	for _, r := range []float64{math.Inf(1), 1e300, 1e7} {
		for _, what := range []string{"halo", "radius"} {
			t.Run(fmt.Sprint(what, " ", r), func(t *testing.T) {
				sc := markerScene(1, 2, 600, 200)
				if what == "halo" {
					sc.Markers[1].HaloR, sc.Markers[1].Halo.A = r, 0xff
				} else {
					sc.Markers[1].R = r
				}
				img, err := raster.Draw(sc, 2)
				if err != nil {
					t.Fatal(err)
				}
				m := sc.Markers[0]
				if got := at(img, m.X, m.Y, 2); !near(got, m.Fill) {
					t.Errorf("the other marker is %v at its centre, want its fill %v", got, m.Fill)
				}
			})
		}
	}
}
