package site

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/paulmach/orb"

	"mapline/geo"
)

// TestSitePopup clicks a site: a popup names it, says its kind and lists its
// events up to the current one with their sources; Esc closes it. Hovering
// with the mouse opens it too.
func TestSitePopup(t *testing.T) {
	s := demo(t)
	ctx := tab(t, 900, 700, 1)
	open(t, ctx, "/embed.html?view=34,44,6&t=2025-06-11", "ready")
	r := canvasRect(t, ctx)
	v := geo.View{Center: orb.Point{44, 34}, Zoom: 6, Width: r.W, Height: r.H}
	asad, _ := s.Site("al-asad")
	p := v.Screen(asad.LonLat)
	x, y := p[0]+r.X, p[1]+r.Y

	if err := chromedp.Do(ctx, chromedp.MouseClickXY(x, y)); err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, `document.getElementById("popup").hidden ? "" : document.getElementById("popup").innerText`, "Al-Asad air base")
	body := text(t, ctx, `document.getElementById("popup").innerText`)
	for _, want := range []string{"Military", "location approximate", "Attack on Al-Asad injures U.S. personnel", "5 August 2024", "Politico", "Reuters and the Associated Press"} {
		if !strings.Contains(body, want) {
			t.Errorf("popup %q does not contain %q", body, want)
		}
	}
	// Events after the current one are not listed.
	if strings.Contains(body, "Sixth round") {
		t.Errorf("popup lists a future event: %q", body)
	}
	screenshot(t, ctx, "popup-desktop")
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, `String(document.getElementById("popup").hidden)`, "true")

	// Hover opens it; moving away closes it.
	if err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseMoved, x, y)); err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, `document.getElementById("popup").hidden ? "" : document.getElementById("popup").innerText`, "Al-Asad air base")
	if err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseMoved, r.X+5, r.Y+r.H-5)); err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, `String(document.getElementById("popup").hidden)`, "true")
}

// TestFocusRingForKeyboardOnly: a mouse press on the map focuses it without
// a ring; the keyboard brings the ring back.
func TestFocusRingForKeyboardOnly(t *testing.T) {
	ctx := tab(t, 800, 650, 1)
	open(t, ctx, "/embed.html", "ready")
	r := canvasRect(t, ctx)
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(r.X+r.W/2, r.Y+r.H/2)); err != nil {
		t.Fatal(err)
	}
	const ring = `(() => { const c = document.querySelector("canvas"); return document.activeElement === c ? getComputedStyle(c).outlineStyle : "not focused"; })()`
	if got := text(t, ctx, ring); got != "none" {
		t.Errorf("after a click the map's outline is %q, want none", got)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowLeft)); err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, ring); got != "solid" {
		t.Errorf("after a key the map's outline is %q, want solid", got)
	}
}
