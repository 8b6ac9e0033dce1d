package main

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"mapline/geo"
	"mapline/geo/raster"
)

func TestRender(t *testing.T) {
	dir := t.TempDir()
	bad := "../../geo/testdata/stories/event-bad-time.geojson"
	tests := []struct {
		name      string
		args      []string
		code      int
		stderr    string // a part of the error output
		stdoutSVG bool   // an SVG on standard output
		file      string // a file written, in dir
		size      image.Point
	}{
		{name: "no flags", args: nil, code: 2, stderr: "-story is required"},
		{name: "help", args: []string{"-help"}, code: 0, stderr: "Usage: mapline render"},
		{name: "unknown flag", args: []string{"-story", demoStory, "-o", "-", "-colour", "red"}, code: 2, stderr: "-colour"},
		{name: "stray argument", args: []string{"-story", demoStory, "-o", "-", "extra"}, code: 2, stderr: "unexpected arguments"},
		{name: "no output", args: []string{"-story", demoStory}, code: 2, stderr: "-o is required"},
		{name: "bad extension", args: []string{"-story", demoStory, "-o", "x.jpg"}, code: 2, stderr: ".svg or .png"},
		{name: "bad theme", args: []string{"-story", demoStory, "-o", "-", "-theme", "sepia"}, code: 2, stderr: `-theme "sepia"`},
		{name: "both themes in a png", args: []string{"-story", demoStory, "-o", "x.png", "-theme", "both"}, code: 2, stderr: "-theme both is for SVG"},
		{name: "scale of an svg", args: []string{"-story", demoStory, "-o", "-", "-scale", "2"}, code: 2, stderr: "-scale is for PNG"},
		{name: "bad size", args: []string{"-story", demoStory, "-o", "-", "-width", "0"}, code: 2, stderr: "16 to 4096"},
		{name: "bad view", args: []string{"-story", demoStory, "-o", "-", "-view", "44,33"}, code: 2, stderr: "LAT,LON,ZOOM"},
		{name: "bad date", args: []string{"-story", demoStory, "-o", "-", "-t", "2024-13-01"}, code: 2, stderr: "-t:"},
		{name: "date and event", args: []string{"-story", demoStory, "-o", "-", "-t", "2025-01-01", "-event", "x"}, code: 2, stderr: "give one"},
		{name: "bad mode", args: []string{"-story", demoStory, "-o", "-", "-mode", "all"}, code: 2, stderr: `-mode "all"`},
		{name: "bad keep-out", args: []string{"-story", demoStory, "-o", "-", "-keep-out", "1,2,3"}, code: 2, stderr: "-keep-out"},
		{name: "missing story", args: []string{"-story", filepath.Join(dir, "none.geojson"), "-o", "-"}, code: 1, stderr: "none.geojson"},
		{name: "bad story", args: []string{"-story", bad, "-o", "-"}, code: 1, stderr: "event-bad-time.geojson: geo: feature"},
		{name: "unknown event", args: []string{"-story", demoStory, "-o", "-", "-event", "no-such-event"}, code: 1, stderr: `no event has the id "no-such-event"`},
		{name: "svg on stdout", args: []string{"-story", demoStory, "-o", "-"}, code: 0, stdoutSVG: true},
		{name: "svg at an event and a view", args: []string{"-story", demoStory, "-o", "-", "-view", "33.3,44.4,6", "-event", "ordered-departure", "-theme", "light"}, code: 0, stdoutSVG: true},
		{name: "svg file dark point mode", args: []string{"-story", demoStory, "-o", filepath.Join(dir, "p.svg"), "-theme", "dark", "-mode", "point", "-width", "375", "-height", "300"}, code: 0, file: "p.svg"},
		{name: "png", args: []string{"-story", demoStory, "-o", filepath.Join(dir, "p.png")}, code: 0, file: "p.png", size: image.Pt(800, 450)},
		{name: "png dark at scale 2", args: []string{"-story", demoStory, "-o", filepath.Join(dir, "d.png"), "-theme", "dark", "-width", "375", "-height", "300", "-scale", "2"}, code: 0, file: "d.png", size: image.Pt(750, 600)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := render(tt.args, &stdout, &stderr)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tt.code, stderr.String())
			}
			if tt.stderr != "" && !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr %q does not say %q", stderr.String(), tt.stderr)
			}
			if tt.code != 0 && stdout.Len() > 0 {
				t.Errorf("a failed render wrote %d bytes to stdout", stdout.Len())
			}
			if tt.stdoutSVG {
				checkSVG(t, stdout.Bytes())
			} else if tt.code == 0 && stdout.Len() > 0 {
				t.Errorf("stdout: %.100q", stdout.String())
			}
			if tt.file == "" {
				return
			}
			data, err := os.ReadFile(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasSuffix(tt.file, ".svg") {
				checkSVG(t, data)
				return
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if got := img.Bounds().Size(); got != tt.size {
				t.Errorf("the PNG is %v, want %v", got, tt.size)
			}
		})
	}
}

func checkSVG(t *testing.T, b []byte) {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("<svg ")) || !bytes.HasSuffix(b, []byte("</svg>")) {
		t.Fatalf("not an SVG: %.80q…", b)
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	for {
		_, err := d.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("the SVG is not well-formed: %v", err)
			}
			return
		}
	}
}

// TestRenderView: -view gives the poster that view (data-view), and without
// it the poster shows geo.StartView, the wasm's first view.
func TestRenderView(t *testing.T) {
	dataView := func(args ...string) string {
		var out, errb bytes.Buffer
		if code := render(append([]string{"-story", demoStory, "-o", "-"}, args...), &out, &errb); code != 0 {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		var root struct {
			View string `xml:"data-view,attr"`
		}
		if err := xml.Unmarshal(out.Bytes(), &root); err != nil {
			t.Fatal(err)
		}
		return root.View
	}
	if got := dataView("-view", "33.3,44.4,6"); got != "33.30000,44.40000,6.000" {
		t.Errorf("-view 33.3,44.4,6 gives data-view %q", got)
	}
	s := loadStory(t, demoStory)
	want := geo.StartView(s, geo.View{Center: geo.HomeView.Center, Zoom: geo.HomeView.Zoom, Width: 375, Height: 300}).Param()
	if got := dataView("-width", "375", "-height", "300"); got != want {
		t.Errorf("the default view is %q, geo.StartView %q", got, want)
	}
}

func TestParseKeepOut(t *testing.T) {
	tests := []struct {
		in   string
		want []geo.Box
		ok   bool
	}{
		{"", nil, true},
		{"10,20,30,40", []geo.Box{{X: 10, Y: 20, W: 30, H: 40}}, true},
		{"-8,8,40,80", []geo.Box{{X: 800 - 8 - 40, Y: 8, W: 40, H: 80}}, true},
		{"-0,-0,10,10; 0,0,5,5", []geo.Box{{X: 790, Y: 440, W: 10, H: 10}, {X: 0, Y: 0, W: 5, H: 5}}, true},
		{"1,2,3", nil, false},
		{"1,2,0,4", nil, false},
		{"a,2,3,4", nil, false},
		{"1,NaN,3,4", nil, false},
	}
	for _, tt := range tests {
		got, err := parseKeepOut(tt.in, 800, 450)
		if (err == nil) != tt.ok || !slices.Equal(got, tt.want) {
			t.Errorf("parseKeepOut(%q) = %v, %v; want %v (ok %v)", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

// TestRenderKeepOut: labels keep clear of the boxes given; a box over the
// whole map leaves no label.
func TestRenderKeepOut(t *testing.T) {
	count := func(args ...string) int {
		var out, errb bytes.Buffer
		if code := render(append([]string{"-story", demoStory, "-o", "-"}, args...), &out, &errb); code != 0 {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		return bytes.Count(out.Bytes(), []byte("<text "))
	}
	all, none := count(), count("-keep-out", "0,0,800,450")
	if all == 0 || none != 0 {
		t.Errorf("%d labels without a keep-out, %d with one over the whole map", all, none)
	}
}

// TestPNGColours draws the demo's poster and checks pixels where the scene
// says what is there: the centre of every marker has its fill (over its
// outline shape when translucent), and
// points of sea, land and the story's countries, clear of every border,
// coast, marker, dot and label, have the colour of their fill.
func TestPNGColours(t *testing.T) {
	for _, th := range []geo.Theme{geo.Light, geo.Dark} {
		t.Run(th.Name, func(t *testing.T) {
			s := loadStory(t, demoStory)
			v := geo.StartView(s, geo.View{Center: geo.HomeView.Center, Zoom: geo.HomeView.Zoom, Width: 800, Height: 450})
			themes := geo.PosterLight
			if th.Name == "dark" {
				themes = geo.PosterDark
			}
			p := geo.NewPoster(s, geo.DefaultBasemap(), v, 0, geo.PosterOptions{Themes: themes})
			sc := p.Light
			if sc == nil {
				sc = p.Dark
			}
			var b bytes.Buffer
			if err := raster.WritePNG(&b, sc, 1); err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(&b)
			if err != nil {
				t.Fatal(err)
			}
			at := func(x, y float64) color.NRGBA {
				return color.NRGBAModel.Convert(img.At(int(x), int(y))).(color.NRGBA)
			}
			near := func(a, b color.NRGBA) bool {
				d := func(x, y uint8) bool { return math.Abs(float64(x)-float64(y)) <= 2 }
				return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B)
			}
			markers := 0
			for i, m := range sc.Markers {
				if m.Shape.Dot(m.R) > 0 || covered(sc, i, m.X, m.Y) {
					continue
				}
				// A translucent fill (a future site) lies over the
				// marker's opaque outline shape.
				want := geo.Over(m.Fill, m.Stroke)
				markers++
				if got := at(m.X, m.Y); !near(got, want) {
					t.Errorf("marker %d (%s) at %.0f,%.0f is %v, want %v", i, m.Kind, m.X, m.Y, got, want)
				}
			}
			if markers == 0 {
				t.Error("no opaque marker to check")
			}
			counts := map[string]int{}
			for y := 5.5; y < sc.Height; y += 15 {
				for x := 5.5; x < sc.Width; x += 15 {
					want, kind, clear := groundAt(sc, orb.Point{x, y})
					if !clear {
						continue
					}
					counts[kind]++
					if got := at(x, y); !near(got, want) {
						t.Errorf("%s at %.1f,%.1f is %v, want %v", kind, x, y, got, want)
					}
				}
			}
			for _, k := range []string{"sea", "land", "story land"} {
				if counts[k] < 5 {
					t.Errorf("only %d clear points of %s to check (%v)", counts[k], k, counts)
				}
			}
			t.Logf("checked %d markers and %d sea, %d land, %d story land points", markers, counts["sea"], counts["land"], counts["story land"])
		})
	}
}

// covered reports whether marker i's centre lies under a later marker or a
// placed label.
func covered(sc *geo.Scene, i int, x, y float64) bool {
	for j := i + 1; j < len(sc.Markers); j++ {
		m := sc.Markers[j]
		if math.Hypot(m.X-x, m.Y-y) < max(m.Extent(), m.HaloR)+1 {
			return true
		}
	}
	for _, l := range sc.Labels {
		if l.Shown && x > l.Box.X-3 && x < l.Box.X+l.Box.W+3 && y > l.Box.Y-3 && y < l.Box.Y+l.Box.H+3 {
			return true
		}
	}
	return false
}

// groundAt is the colour the scene has at p (the last fill holding it, else
// the background), what it is, and whether p is clear by 3 px of every
// outline, line, marker, dot and label.
func groundAt(sc *geo.Scene, p orb.Point) (color.NRGBA, string, bool) {
	const clearance = 3
	want, kind := sc.Background, "sea"
	for fi, f := range sc.Fills {
		for _, poly := range f.Polygons {
			for _, r := range poly {
				if nearRing(r, p, clearance) {
					return want, kind, false
				}
			}
			if planar.PolygonContains(poly, p) {
				want, kind = f.Color, []string{"land", "story land"}[min(fi, 1)]
			}
		}
	}
	for _, l := range sc.Lines {
		for _, ls := range l.Lines {
			if nearRing(ls, p, clearance+l.Width/2) {
				return want, kind, false
			}
		}
	}
	for _, m := range sc.Markers {
		if math.Hypot(m.X-p[0], m.Y-p[1]) < max(m.Extent(), m.HaloR)+clearance {
			return want, kind, false
		}
	}
	for _, d := range sc.Dots {
		if math.Hypot(d.X-p[0], d.Y-p[1]) < d.R+geo.OutlineWidth+clearance {
			return want, kind, false
		}
	}
	for _, l := range sc.Labels {
		if l.Shown && p[0] > l.Box.X-clearance && p[0] < l.Box.X+l.Box.W+clearance && p[1] > l.Box.Y-clearance && p[1] < l.Box.Y+l.Box.H+clearance {
			return want, kind, false
		}
	}
	return want, kind, true
}

// nearRing reports whether p is within d of the polyline.
func nearRing(r []orb.Point, p orb.Point, d float64) bool {
	for i := 0; i+1 < len(r); i++ {
		if planar.DistanceFromSegmentSquared(r[i], r[i+1], p) < d*d {
			return true
		}
	}
	return false
}
