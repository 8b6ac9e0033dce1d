package svg_test

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"mapline/geo"
	"mapline/geo/svg"
)

// demoPoster is the demo story's poster at its default state for a size.
func demoPoster(tb testing.TB, w, h float64, themes geo.PosterThemes) *geo.Poster {
	tb.Helper()
	s := loadDemo(tb)
	v := geo.StartView(s, geo.View{Center: geo.HomeView.Center, Zoom: geo.HomeView.Zoom, Width: w, Height: h, Ratio: 1})
	cur, err := s.StartEvent("", nil)
	if err != nil {
		tb.Fatal(err)
	}
	return geo.NewPoster(s, geo.DefaultBasemap(), v, cur, geo.PosterOptions{Themes: themes})
}

// geometriesPoster is the poster of geo/testdata/stories/geometries.geojson
// (areas, lines, strikes at several points, a convoy's track) at its last
// event, the convoy two thirds of the way up its track.
func geometriesPoster(tb testing.TB, w, h float64, themes geo.PosterThemes) *geo.Poster {
	tb.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "stories", "geometries.geojson"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	s, err := geo.Load(f)
	if err != nil {
		tb.Fatal(err)
	}
	v := geo.StartView(s, geo.View{Center: geo.HomeView.Center, Zoom: geo.HomeView.Zoom, Width: w, Height: h, Ratio: 1})
	at := time.Date(2025, 6, 13, 10, 0, 0, 0, time.UTC)
	return geo.NewPoster(s, geo.DefaultBasemap(), v, len(s.Events)-1, geo.PosterOptions{Themes: themes, At: at})
}

func svgOf(tb testing.TB, p *geo.Poster) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := svg.Write(&b, p); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func gzipSize(b []byte) int {
	var z bytes.Buffer
	w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return z.Len()
}

// TestSVGGolden compares the demo's posters with testdata/svg-*.golden.svg.
// Run `go test ./geo/svg -update` after a deliberate change and look at
// the files in a browser.
func TestSVGGolden(t *testing.T) {
	for _, c := range []struct {
		name   string
		w, h   float64
		themes geo.PosterThemes
	}{
		{"demo-800x450-both", 800, 450, geo.PosterBoth},
		{"demo-375x300-both", 375, 300, geo.PosterBoth},
		{"demo-800x450-light", 800, 450, geo.PosterLight},
		{"demo-375x300-dark", 375, 300, geo.PosterDark},
		{"geometries-800x450-both", 800, 450, geo.PosterBoth},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := func() *geo.Poster {
				if strings.HasPrefix(c.name, "geometries") {
					return geometriesPoster(t, c.w, c.h, c.themes)
				}
				return demoPoster(t, c.w, c.h, c.themes)
			}()
			got := svgOf(t, p)
			t.Logf("%s: %d bytes, %d gzip -9", c.name, len(got), gzipSize(got))
			golden := filepath.Join("testdata", "svg-"+c.name+".golden.svg")
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
				i := 0
				for i < len(got) && i < len(want) && got[i] == want[i] {
					i++
				}
				t.Errorf("the SVG differs from %s at byte %d: got …%s…, want …%s… (run with -update if the change is deliberate)",
					golden, i, excerpt(got, i), excerpt(want, i))
			}
		})
	}
}

func excerpt(b []byte, i int) string {
	return string(b[max(0, i-40):min(len(b), i+40)])
}

// svgDoc is what the invariant checks read of a poster.
type svgDoc struct {
	XMLName  xml.Name `xml:"svg"`
	Class    string   `xml:"class,attr"`
	ViewBox  string   `xml:"viewBox,attr"`
	Role     string   `xml:"role,attr"`
	Label    string   `xml:"aria-label,attr"`
	DataView string   `xml:"data-view,attr"`
	Style    string   `xml:"style"`
	Paths    []struct {
		D     string `xml:"d,attr"`
		Class string `xml:"class,attr"`
	} `xml:"path"`
	Groups []struct {
		Class     string `xml:"class,attr"`
		Transform string `xml:"transform,attr"`
		Circles   []struct {
			R     string `xml:"r,attr"`
			Class string `xml:"class,attr"`
		} `xml:"circle"`
	} `xml:"g"`
	Texts []struct {
		Class string `xml:"class,attr"`
		X     string `xml:"x,attr"`
		Y     string `xml:"y,attr"`
		Text  string `xml:",chardata"`
	} `xml:"text"`
}

func parseSVG(t *testing.T, b []byte) svgDoc {
	t.Helper()
	var d svgDoc
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = true
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("the SVG is not well-formed XML: %v", err)
	}
	// Nothing after the root element.
	if _, err := dec.Token(); err != io.EOF {
		t.Fatalf("something follows the <svg> element: %v", err)
	}
	return d
}

var translate = regexp.MustCompile(`^translate\((-?[0-9.]+) (-?[0-9.]+)\)$`)

// TestSVGInvariants checks the demo's posters: well-formed XML, the viewBox
// of the scene's size, the accessible name, the view, a marker at each
// marker's position, a text for each placed label, no NaN anywhere, and
// colours for both themes.
func TestSVGInvariants(t *testing.T) {
	for _, size := range [][2]float64{{800, 450}, {375, 300}} {
		t.Run(fmt.Sprintf("%gx%g", size[0], size[1]), func(t *testing.T) {
			p := demoPoster(t, size[0], size[1], geo.PosterBoth)
			b := svgOf(t, p)
			if bytes.Contains(b, []byte("NaN")) || bytes.Contains(b, []byte("Inf")) {
				t.Error("the SVG has NaN or Inf")
			}
			d := parseSVG(t, b)
			sc := p.Light
			if want := fmt.Sprintf("0 0 %g %g", size[0], size[1]); d.ViewBox != want {
				t.Errorf("viewBox %q, want %q", d.ViewBox, want)
			}
			if d.Role != "img" || d.Label != p.Label || p.Label == "" {
				t.Errorf("role %q aria-label %q, want img and %q", d.Role, d.Label, p.Label)
			}
			if d.Class != svg.Class {
				t.Errorf("class %q, want %q", d.Class, svg.Class)
			}
			v, err := geo.ParseView(d.DataView)
			if err != nil {
				t.Fatalf("data-view: %v", err)
			}
			if math.Abs(v.Center.Lon()-sc.View.Center.Lon()) > 1e-5 || math.Abs(v.Center.Lat()-sc.View.Center.Lat()) > 1e-5 || math.Abs(v.Zoom-sc.View.Zoom) > 1e-3 {
				t.Errorf("data-view %q is not the scene's view %v zoom %g", d.DataView, sc.View.Center, sc.View.Zoom)
			}
			// Markers: one group each, in order, at its position (to 0.05 px).
			var ms []orb.Point
			for _, g := range d.Groups {
				if !strings.HasPrefix(g.Class, "marker ") {
					continue
				}
				m := translate.FindStringSubmatch(g.Transform)
				if m == nil {
					t.Fatalf("marker transform %q", g.Transform)
				}
				x, _ := strconv.ParseFloat(m[1], 64)
				y, _ := strconv.ParseFloat(m[2], 64)
				ms = append(ms, orb.Point{x, y})
			}
			if len(ms) != len(sc.Markers) || len(ms) == 0 {
				t.Fatalf("%d marker groups for %d markers", len(ms), len(sc.Markers))
			}
			for i, m := range sc.Markers {
				if math.Abs(ms[i][0]-m.X) > 0.051 || math.Abs(ms[i][1]-m.Y) > 0.051 {
					t.Errorf("marker %d (site %d) at %v in the SVG, %.2f,%.2f in the scene", i, m.Site, ms[i], m.X, m.Y)
				}
			}
			// Labels: every placed label, in its box.
			var shown []geo.Label
			for _, l := range sc.Labels {
				if l.Shown {
					shown = append(shown, l)
				}
			}
			if len(d.Texts) != len(shown) || len(shown) == 0 {
				t.Fatalf("%d texts for %d placed labels", len(d.Texts), len(shown))
			}
			for i, l := range shown {
				tx := d.Texts[i]
				x, _ := strconv.ParseFloat(tx.X, 64)
				y, _ := strconv.ParseFloat(tx.Y, 64)
				if tx.Text != l.Font().Shown(l.Text) || x < l.Box.X-0.1 || x > l.Box.X+l.Box.W+0.1 || math.Abs(y-(l.Box.Y+l.Box.H/2)-0.35*l.Font().Size) > 0.051 {
					t.Errorf("text %q at %g,%g; label %q in %+v", tx.Text, x, y, l.Text, l.Box)
				}
			}
			// Both themes: the sea in light and dark.
			for _, c := range []string{"d9e6ef", "0f1b26"} {
				if !strings.Contains(d.Style, c) {
					t.Errorf("the style has no #%s (the sea)", c)
				}
			}
			if !strings.Contains(d.Style, ".dark ."+svg.Class+" ") {
				t.Error("the style has no rules for .dark")
			}
			for _, path := range d.Paths {
				if path.Class == "" {
					t.Errorf("a path without a class: %.60s", path.D)
				}
			}
		})
	}
}

// TestSVGSingleTheme: one theme, no dark rules, the theme's colours.
func TestSVGSingleTheme(t *testing.T) {
	for _, c := range []struct {
		themes     geo.PosterThemes
		sea, other string
	}{{geo.PosterLight, "d9e6ef", "0f1b26"}, {geo.PosterDark, "0f1b26", "d9e6ef"}} {
		d := parseSVG(t, svgOf(t, demoPoster(t, 375, 300, c.themes)))
		if strings.Contains(d.Style, ".dark") || !strings.Contains(d.Style, c.sea) || strings.Contains(d.Style, c.other) {
			t.Errorf("themes %d: the style is not of one theme: %.300s", c.themes, d.Style)
		}
	}
}

// TestSVGEscapes: names from the data are text, never markup.
func TestSVGEscapes(t *testing.T) {
	const evil = `<script>alert("x")</script> & 'quoted' "names" ]]> <!--`
	s := loadDemo(t)
	s.Title = evil
	for i := range s.Sites {
		s.Sites[i].Name = evil + " " + strconv.Itoa(i)
	}
	v := geo.StartView(s, geo.View{Width: 800, Height: 450, Ratio: 1})
	p := geo.NewPoster(s, geo.DefaultBasemap(), v, 0, geo.PosterOptions{})
	b := svgOf(t, p)
	for _, bad := range []string{"<script", `"x"`, "'quoted'", "]]>", "<!--", " & "} {
		if bytes.Contains(b, []byte(bad)) {
			t.Errorf("the SVG holds %q unescaped", bad)
		}
	}
	d := parseSVG(t, b)
	if d.Label != evil {
		t.Errorf("aria-label reads back as %q", d.Label)
	}
	found := false
	for _, tx := range d.Texts {
		if strings.HasPrefix(tx.Text, evil) {
			found = true
		}
	}
	if !found {
		t.Error("no site label reads back as the name given")
	}
}

func TestSVGErrors(t *testing.T) {
	if err := svg.Write(io.Discard, &geo.Poster{}); err == nil {
		t.Error("a poster without a scene: no error")
	}
	a, b := demoPoster(t, 800, 450, geo.PosterLight), demoPoster(t, 375, 300, geo.PosterDark)
	if err := svg.Write(io.Discard, &geo.Poster{Light: a.Light, Dark: b.Dark}); err == nil {
		t.Error("scenes of different sizes: no error")
	}
	// A broken scene writes no NaN.
	p := demoPoster(t, 375, 300, geo.PosterLight)
	p.Light.Markers[0].X = math.NaN()
	p.Light.Fills[0].Polygons[0][0][1] = orb.Point{math.Inf(1), 0}
	out := svgOf(t, p)
	if bytes.Contains(out, []byte("NaN")) || bytes.Contains(out, []byte("Inf")) {
		t.Error("NaN or Inf in the SVG of a broken scene")
	}
	parseSVG(t, out)
}

// BenchmarkSVG makes a poster (display list, label placement) and writes it
// in both themes at 800×450, for the demo and the generated stories
// (benchStories); the /write benchmarks write a poster already made.
func BenchmarkSVG(b *testing.B) {
	for _, bs := range benchStories {
		s := bs.load(b)
		v := geo.StartView(s, geo.View{Center: geo.HomeView.Center, Zoom: geo.HomeView.Zoom, Width: 800, Height: 450, Ratio: 1})
		cur, err := s.StartEvent("", nil)
		if err != nil {
			b.Fatal(err)
		}
		if bs.events > 0 {
			cur = len(s.Events) * 2 / 3
		}
		opts := geo.PosterOptions{Themes: geo.PosterBoth}
		var out []byte
		b.Run(bs.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if out, err = svg.Append(out[:0], geo.NewPoster(s, geo.DefaultBasemap(), v, cur, opts)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(out)), "bytes")
		})
		p := geo.NewPoster(s, geo.DefaultBasemap(), v, cur, opts)
		b.Run(bs.name+"/write", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if out, err = svg.Append(out[:0], p); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(out)), "bytes")
		})
	}
}
