package site

import (
	"context"
	"fmt"
	"image/color"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/paulmach/orb"

	"mapline/geo"
)

// domLabel is a label on the map as the browser laid it out.
type domLabel struct {
	Text, Class string
	X, Y, W, H  float64 // client CSS px
}

func (l domLabel) box() geo.Box { return geo.Box{X: l.X, Y: l.Y, W: l.W, H: l.H} }

// visibleLabels reads the boxes of the labels shown over the map.
func visibleLabels(t *testing.T, ctx context.Context) []domLabel {
	t.Helper()
	ls, err := chromedp.Run(ctx, chromedp.Evaluate[[]domLabel](`[...document.querySelectorAll("#map-labels > .label:not([hidden])")].map(e => {
		const r = e.getBoundingClientRect();
		return {Text: e.textContent, Class: e.className, X: r.left, Y: r.top, W: r.width, H: r.height};
	})`))
	if err != nil {
		t.Fatal(err)
	}
	return ls
}

// mapButtons reads the boxes of the map's zoom and reset buttons (their ids
// as Text).
func mapButtons(t *testing.T, ctx context.Context) []domLabel {
	t.Helper()
	bs, err := chromedp.Run(ctx, chromedp.Evaluate[[]domLabel](`[...document.querySelectorAll("#map-controls button")].map(e => {
		const r = e.getBoundingClientRect();
		return {Text: e.id, X: r.left, Y: r.top, W: r.width, H: r.height};
	})`))
	if err != nil {
		t.Fatal(err)
	}
	return bs
}

// TestLabelsDoNotOverlap loads the demo at zooms 3.5, 5 and 7 on a desktop and
// a phone: no two labels overlap, no label covers the centre of a marker or
// of a shown city's dot, every label is inside the map, and the map shows
// story sites (and on a desktop country names and reference cities).
func TestLabelsDoNotOverlap(t *testing.T) {
	s := demo(t)
	for _, size := range []struct{ w, h int64 }{{1280, 720}, {375, 500}} {
		for _, z := range []float64{3.5, 5, 7} {
			t.Run(fmt.Sprintf("%dx%d/zoom=%g", size.w, size.h, z), func(t *testing.T) {
				t.Parallel()
				ctx := tab(t, size.w, size.h, 1)
				open(t, ctx, fmt.Sprintf("/embed.html?view=33,45,%g&t=2025-06-11", z), "ready")
				r := canvasRect(t, ctx)
				v := currentView(t, ctx, r)
				labels := visibleLabels(t, ctx)
				screenshot(t, ctx, fmt.Sprintf("carto-labels-%dx%d-z%g", size.w, size.h, z))
				if len(labels) == 0 && size.w == 1280 {
					t.Fatal("no labels on the map")
				}
				// The centres of every story marker (every site has one in
				// the cumulative mode) and of the dots of the cities named.
				type point struct {
					name string
					p    orb.Point
				}
				var centres []point
				for _, st := range s.Sites {
					p := v.Screen(st.LonLat)
					centres = append(centres, point{st.Name, orb.Point{p[0] + r.X, p[1] + r.Y}})
				}
				classes := map[string]int{}
				for _, l := range labels {
					for _, c := range strings.Fields(l.Class) {
						classes[c]++
					}
					if !strings.Contains(l.Class, "city") {
						continue
					}
					for _, c := range geo.Cities {
						if c.Name == l.Text {
							p := v.Screen(c.LonLat)
							centres = append(centres, point{c.Name + " (city)", orb.Point{p[0] + r.X, p[1] + r.Y}})
						}
					}
				}
				frame := geo.Box{X: r.X, Y: r.Y, W: r.W, H: r.H}
				for i, a := range labels {
					if !frame.Contains(a.box()) {
						t.Errorf("label %q %+v sticks out of the map %+v", a.Text, a.box(), frame)
					}
					for _, b := range labels[i+1:] {
						if a.box().Intersects(b.box()) {
							t.Errorf("labels %q %+v and %q %+v overlap", a.Text, a.box(), b.Text, b.box())
						}
					}
					for _, c := range centres {
						b := a.box()
						if c.p[0] > b.X && c.p[0] < b.X+b.W && c.p[1] > b.Y && c.p[1] < b.Y+b.H {
							t.Errorf("label %q %+v covers the centre of %s at %v", a.Text, b, c.name, c.p)
						}
					}
				}
				if classes["site"] == 0 && size.w == 1280 {
					t.Errorf("no label of a story site: %v", labels)
				}
				if size.w == 1280 && z < 7 && (classes["country"] == 0 || classes["city"] == 0) {
					t.Errorf("no country names or no reference cities on a desktop map: %v", classes)
				}
			})
		}
	}
}

// TestLegend: the legend lists exactly the kinds of the demo's sites, each
// with a shape, in the map's order; on a phone it starts closed behind a
// real button and opens on a tap.
func TestLegend(t *testing.T) {
	want := []string{"Embassy", "Consulate", "Military site", "Nuclear site", "Venue", "City"}
	type item struct {
		Name   string
		Shapes int
	}
	read := func(ctx context.Context) []item {
		items, err := chromedp.Run(ctx, chromedp.Evaluate[[]item](`[...document.querySelectorAll("#legend-list li")].map(li => ({
			Name: li.textContent, Shapes: li.querySelectorAll("svg polygon, svg circle").length}))`))
		if err != nil {
			t.Fatal(err)
		}
		return items
	}
	ctx := tab(t, 1280, 720, 1)
	open(t, ctx, "/embed.html", "ready")
	items := read(ctx)
	var names []string
	for _, it := range items {
		names = append(names, it.Name)
		if it.Shapes < 2 {
			t.Errorf("legend entry %q has %d shapes, want the outline and the fill", it.Name, it.Shapes)
		}
	}
	if !slices.Equal(names, want) {
		t.Errorf("legend %q, want %q", names, want)
	}
	if got := text(t, ctx, `document.getElementById("legend-toggle").getAttribute("aria-expanded") + " " + document.getElementById("legend-list").hidden`); got != "true false" {
		t.Errorf("on a desktop the legend is not open: aria-expanded, hidden = %s", got)
	}

	ctx = tab(t, 375, 500, 2)
	open(t, ctx, "/embed.html?dark=true", "ready")
	if got := text(t, ctx, `document.getElementById("legend-toggle").getAttribute("aria-expanded") + " " + document.getElementById("legend-list").hidden`); got != "false true" {
		t.Errorf("on a phone the legend is not closed: aria-expanded, hidden = %s", got)
	}
	screenshot(t, ctx, "carto-legend-phone-closed")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#legend-toggle"))); err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, `document.getElementById("legend-toggle").getAttribute("aria-expanded") + " " + document.getElementById("legend-list").hidden`, "true false")
	if got := len(read(ctx)); got != len(want) {
		t.Errorf("the opened legend has %d entries, want %d", got, len(want))
	}
	// The labels make room for the opened legend.
	pollUntil(t, ctx, func() bool {
		lg := boxOf(t, ctx, "#legend")
		for _, l := range visibleLabels(t, ctx) {
			if l.box().Intersects(lg) {
				return false
			}
		}
		return true
	}, "labels keep clear of the opened legend")
	screenshot(t, ctx, "carto-legend-phone-open")
}

func boxOf(t *testing.T, ctx context.Context, sel string) geo.Box {
	t.Helper()
	b, err := chromedp.Run(ctx, chromedp.Evaluate[geo.Box](fmt.Sprintf(`(() => { const r = document.querySelector(%q).getBoundingClientRect();
		return {X: r.left, Y: r.top, W: r.width, H: r.height}; })()`, sel)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// pollUntil polls ok for up to five seconds.
func pollUntil(t *testing.T, ctx context.Context, ok func() bool, what string) {
	t.Helper()
	for range 100 {
		if ok() {
			return
		}
		if err := chromedp.Do(ctx, chromedp.Sleep(50e6)); err != nil {
			t.Fatal(err)
		}
	}
	t.Errorf("waited in vain: %s", what)
}

// TestScaleBar: the scale bar says what geo's ScaleBar says for the view on
// screen, and its bars are as long as that.
func TestScaleBar(t *testing.T) {
	for _, q := range []string{"view=33,44,6", "view=25,50,3.5", "view=33.3,44.4,10.2"} {
		t.Run(q, func(t *testing.T) {
			t.Parallel()
			ctx := tab(t, 800, 600, 1)
			open(t, ctx, "/embed.html?"+q, "ready")
			v := currentView(t, ctx, canvasRect(t, ctx))
			want := v.ScaleBar(100)
			for _, bar := range []struct {
				id, text string
				px       float64
			}{{"scale-km", want.KmText(), want.KmPx}, {"scale-mi", want.MiText(), want.MiPx}} {
				if got := text(t, ctx, fmt.Sprintf(`document.getElementById(%q).textContent`, bar.id)); got != bar.text {
					t.Errorf("#%s says %q, want %q", bar.id, got, bar.text)
				}
				if got := boxOf(t, ctx, "#"+bar.id).W; math.Abs(got-bar.px) > 0.6 {
					t.Errorf("#%s is %.1f px wide, want %.1f", bar.id, got, bar.px)
				}
			}
		})
	}
}

// TestCartoScreenshots takes the screenshots a person looks at: the demo on a
// phone and a desktop, at device pixel ratios 1 and 2, light and dark.
func TestCartoScreenshots(t *testing.T) {
	for _, size := range []struct{ w, h int64 }{{375, 500}, {1280, 720}} {
		for _, ratio := range []float64{1, 2} {
			for _, theme := range []string{"light", "dark"} {
				name := fmt.Sprintf("carto-%dx%d@%gx-%s", size.w, size.h, ratio, theme)
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					ctx := tab(t, size.w, size.h, ratio)
					open(t, ctx, "/embed.html?t=2025-06-11&dark="+strconv.FormatBool(theme == "dark"), "ready")
					screenshot(t, ctx, name)
				})
			}
		}
	}
}

// TestLabelContrast: the colours of map text (geo.LabelStyles, which make
// build writes into embed.css) keep 4.5:1 (WCAG 1.4.3) against their halo,
// the translucent --halo of embed.css over the sea and over either land
// colour of the map, in both themes.
func TestLabelContrast(t *testing.T) {
	css, err := os.ReadFile("embed.css")
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]map[string]string{":root": {}, ":root.dark": {}}
	block := regexp.MustCompile(`(?m)^(:root(?:\.dark)?)\s*\{([^}]*)\}`)
	decl := regexp.MustCompile(`(--[\w-]+)\s*:\s*([^;]+);`)
	for _, m := range block.FindAllStringSubmatch(string(css), -1) {
		for _, d := range decl.FindAllStringSubmatch(m[2], -1) {
			vars[m[1]][d[1]] = strings.TrimSpace(d[2])
		}
	}
	for _, th := range []struct {
		sel   string
		theme geo.Theme
	}{{":root", geo.Light}, {":root.dark", geo.Dark}} {
		get := func(name string) color.NRGBA {
			v, ok := vars[th.sel][name]
			if !ok {
				v, ok = vars[":root"][name]
			}
			c, err := parseCSSColor(v)
			if !ok || err != nil {
				t.Fatalf("%s %s: %q: %v", th.sel, name, v, err)
			}
			return c
		}
		halo := get("--halo")
		for _, st := range geo.LabelStyles() {
			c := st.Light
			if th.theme.Name == "dark" {
				c = st.Dark
			}
			fg := color.NRGBA{uint8(c >> 16), uint8(c >> 8), uint8(c), 0xff}
			for _, bg := range []color.NRGBA{th.theme.Land, th.theme.StoryLand, th.theme.Sea} {
				if r := geo.Contrast(fg, geo.Over(halo, bg)); r < 4.5 {
					t.Errorf("%s: %s (#%06x) on the halo over %v: contrast %.2f, want at least 4.5", th.theme.Name, st.Class, c, bg, r)
				}
			}
		}
	}
}

// parseCSSColor reads #rrggbb and rgba(r,g,b,a).
func parseCSSColor(s string) (color.NRGBA, error) {
	if len(s) == 7 && s[0] == '#' {
		v, err := strconv.ParseUint(s[1:], 16, 32)
		return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}, err
	}
	var r, g, b uint8
	var a float64
	if _, err := fmt.Sscanf(strings.ReplaceAll(s, " ", ""), "rgba(%d,%d,%d,%g)", &r, &g, &b, &a); err != nil {
		return color.NRGBA{}, fmt.Errorf("not a colour: %q", s)
	}
	return color.NRGBA{r, g, b, uint8(math.Round(a * 255))}, nil
}

// TestLabelStylesInPage: every label shown is set and coloured in the page
// as geo's table of label styles says (the one home: make build writes
// embed.css's label rules from it, the poster paints from it), in both
// themes.
func TestLabelStylesInPage(t *testing.T) {
	styles := map[string]geo.LabelStyle{}
	for _, s := range geo.LabelStyles() {
		styles[s.Class] = s
	}
	for _, dark := range []bool{false, true} {
		t.Run(fmt.Sprintf("dark=%v", dark), func(t *testing.T) {
			t.Parallel()
			ctx := tab(t, 1280, 720, 1)
			open(t, ctx, fmt.Sprintf("/embed.html?view=33,45,5&t=2025-06-11&dark=%v", dark), "ready")
			type computed struct{ Class, Size, Weight, Color, Spacing, Transform string }
			got, err := chromedp.Run(ctx, chromedp.Evaluate[[]computed](`[...document.querySelectorAll("#map-labels > .label:not([hidden])")].map(e => {
				const s = getComputedStyle(e);
				return {Class: e.className, Size: s.fontSize, Weight: s.fontWeight, Color: s.color, Spacing: s.letterSpacing, Transform: s.textTransform};
			})`))
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, c := range got {
				st, ok := styles[c.Class]
				if !ok {
					t.Errorf("a label of class %q, which geo has no style for", c.Class)
					continue
				}
				seen[c.Class] = true
				col := st.Light
				if dark {
					col = st.Dark
				}
				f := st.Font
				want := computed{Class: c.Class, Size: fmt.Sprintf("%gpx", f.Size), Weight: fmt.Sprint(f.Weight),
					Color:   fmt.Sprintf("rgb(%d, %d, %d)", uint8(col>>16), uint8(col>>8), uint8(col)),
					Spacing: "normal", Transform: "none"}
				if f.Spacing != 0 {
					want.Spacing = fmt.Sprintf("%gpx", math.Round(f.Spacing*f.Size*100)/100)
				}
				if f.Upper {
					want.Transform = "uppercase"
				}
				if c != want {
					t.Errorf("label %s: the page sets %+v, geo says %+v", c.Class, c, want)
				}
			}
			for _, need := range []string{"label site past", "label city", "label country"} {
				if !seen[need] {
					t.Errorf("no label of class %q shown to check (saw %v)", need, seen)
				}
			}
		})
	}
}

// TestLabelsClearOfControlsRTL: on a right-to-left page the map's zoom
// buttons sit at its left edge (embed.css); on the Sorani page of a phone,
// light and dark, no label runs under them (the U.S. Embassy in Baghdad's
// did), nor under any other control over the map.
func TestLabelsClearOfControlsRTL(t *testing.T) {
	for _, tc := range []struct {
		dark, event string
		touch       bool // a phone's touch screen: its coarse pointer makes the zoom buttons 44 px (embed.css)
	}{
		{"false", "", false},
		{"true", "", true},
		{"false", "ordered-departure", true},
		{"true", "ordered-departure", false},
	} {
		t.Run(fmt.Sprintf("dark=%s/touch=%v/%s", tc.dark, tc.touch, tc.event), func(t *testing.T) {
			dark := tc.dark
			ctx := tab(t, 375, 700, 2)
			if tc.touch {
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(375, 700, chromedp.EmulateScale(2), chromedp.EmulateTouch)); err != nil {
					t.Fatal(err)
				}
			}
			hash := ""
			if tc.event != "" {
				hash = "#event-" + tc.event
			}
			open(t, ctx, "/embed.html?lang=ckb&dark="+dark+hash, "ready")
			waitText(t, ctx, `document.documentElement.dataset.basemap || ""`, "loaded")
			labels := visibleLabels(t, ctx)
			controls := mapButtons(t, ctx)
			screenshot(t, ctx, fmt.Sprintf("carto-labels-ckb-375-dark-%s-touch-%v-%s", dark, tc.touch, tc.event))
			if len(controls) < 3 || len(labels) == 0 {
				t.Fatalf("%d controls, %d labels: the test needs both", len(controls), len(labels))
			}
			if r := canvasRect(t, ctx); controls[0].X > r.X+r.W/2 {
				t.Errorf("zoom in at x %g on a map of %+v: not at the left edge of a right-to-left page", controls[0].X, r)
			}
			for _, l := range labels {
				for _, c := range controls {
					if l.box().Intersects(c.box()) {
						t.Errorf("label %q %+v runs under %s %+v", l.Text, l.box(), c.Text, c.box())
					}
				}
			}
		})
	}
}
