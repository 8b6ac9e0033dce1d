package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"mapline/geo"
	"mapline/wasm/mapui"
)

// cartoScene is the scene of pageStory on a 600×400 map at its first event.
func cartoScene(t *testing.T) (*mapui.State, *geo.Scene) {
	t.Helper()
	st := mapui.NewState(geo.Light)
	st.Resize(600, 400, 1)
	st.SetStory(pageStory(t), 0)
	sc, ok := st.Frame()
	if !ok || sc == nil {
		t.Fatal("no scene")
	}
	return st, sc
}

func TestCartoLabelsLegendAndScale(t *testing.T) {
	p, doc := testPage(t, "en")
	st, sc := cartoScene(t)
	p.placeLabels(sc, st.Map(), true)

	// The labels: a div per placed label, its text as text, a class, a
	// transform; the story's sites among them.
	var texts []string
	for _, d := range doc.el("map-labels").kids {
		if d.hidden() || d.className() == "label-measure" {
			continue
		}
		if d.className() == "" || d.style["transform"] == "" {
			t.Errorf("label div %v has no class or transform", d)
		}
		texts = append(texts, d.text)
	}
	for _, want := range []string{"Baghdad", "Erbil"} {
		if !strings.Contains(strings.Join(texts, "|"), want) {
			t.Errorf("labels %q lack %q", texts, want)
		}
	}

	// The legend: one entry per kind in the story, each with its icon and
	// its name in words; open on a map this large.
	legend := doc.el("legend-list")
	if got := legend.String(); !strings.Contains(got, `li.legend-`) || !strings.Contains(got, `span "Embassy"`) || !strings.Contains(got, `span "Consulate"`) {
		t.Errorf("legend = %s", got)
	}
	for _, li := range legend.kids {
		if !strings.HasPrefix(li.markup, "<svg") {
			t.Errorf("legend entry %v has no icon: %q", li, li.markup)
		}
	}
	if doc.el("legend").hidden() || doc.el("legend-list").hidden() || doc.el("legend-toggle").attrs["aria-expanded"] != "true" {
		t.Errorf("legend hidden %v, list hidden %v, expanded %q: want shown and open",
			doc.el("legend").hidden(), doc.el("legend-list").hidden(), doc.el("legend-toggle").attrs["aria-expanded"])
	}

	// The scale bar: a round length in each unit, a width in px, a label.
	km, mi := doc.el("scale-km"), doc.el("scale-mi")
	if !strings.HasSuffix(km.text, "km") || !strings.HasSuffix(mi.text, "mi") ||
		!strings.HasSuffix(km.style["width"], "px") || doc.el("scale").attrs["aria-label"] == "" {
		t.Errorf("scale = %v %v %v", doc.el("scale"), km, mi)
	}
}

func TestCartoKeepsLabelsOutOfControls(t *testing.T) {
	p, doc := testPage(t, "en")
	st, sc := cartoScene(t)
	doc.el("map-labels").props["rect"] = geo.Box{X: 10, Y: 20, W: 600, H: 400}
	// The whole map but a strip at the bottom is under the attribution (a test's page): no
	// label may be placed there.
	doc.el("attribution").props["rect"] = geo.Box{X: 10, Y: 20, W: 600, H: 370}
	p.placeLabels(sc, st.Map(), true)
	if len(p.carto.keepOut) == 0 || p.carto.keepOut[0] != (geo.Box{X: 0, Y: 0, W: 600, H: 370}) {
		t.Fatalf("keepOut = %v, want the attribution's box in map px", p.carto.keepOut)
	}
	for _, d := range doc.el("map-labels").kids {
		if d.hidden() || d.className() == "label-measure" || d.text == "" {
			continue
		}
		m := regexp.MustCompile(`^translate\(([-\d.]+)px, ?([-\d.]+)px\)$`).FindStringSubmatch(d.style["transform"])
		if m == nil {
			t.Fatalf("label %q: transform %q", d.text, d.style["transform"])
		}
		y, _ := strconv.ParseFloat(m[2], 64)
		if y < 370 {
			t.Errorf("label %q shown under the attribution, at y = %v", d.text, y)
		}
	}
}

func TestPopupFill(t *testing.T) {
	p, doc := testPage(t, "en")
	s := pageStory(t)
	pp := newPopup(p)
	pp.fill(s, 1, 1)
	got := doc.el("popup-body").String()
	for _, w := range []string{`h3[dir=auto] "Erbil"`, `p.kind "Consulate"`, `h4 "`, `span.title[dir=auto] "<b>Order</b>"`, `li.current {`, `span.source "Reuters"`} {
		if !strings.Contains(got, w) {
			t.Errorf("card lacks %q:\n%s", w, got)
		}
	}
	if doc.el("popup").attrs["aria-label"] != "Erbil" {
		t.Errorf("popup aria-label = %q", doc.el("popup").attrs["aria-label"])
	}
	pp.fill(s, 0, 1) // Baghdad: only the first event there
	if got := doc.el("popup-body").String(); strings.Contains(got, "Talks") || !strings.Contains(got, "Order") {
		t.Errorf("Baghdad's card lists another site's event:\n%s", got)
	}
}
