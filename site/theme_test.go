package site

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/paulmach/orb"

	"mapline/geo"
)

func colorScheme(t *testing.T, ctx context.Context, scheme string) {
	t.Helper()
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDarkAuto: dark=auto follows the reader's colour scheme, on load and
// when it changes, in the page and in the map's pixels.
func TestDarkAuto(t *testing.T) {
	ctx := tab(t, 600, 500, 1)
	colorScheme(t, ctx, "dark")
	// A view on the open sea of the Arabian Sea, so the corner pixel is sea.
	open(t, ctx, "/embed.html?dark=auto&view=15,65,6", "ready")
	r := canvasRect(t, ctx)
	corner := orb.Point{r.X + 20, r.Y + 20}
	if got := text(t, ctx, `String(document.documentElement.classList.contains("dark"))`); got != "true" {
		t.Errorf("root class %q under a dark scheme, want dark", text(t, ctx, `document.documentElement.className`))
	}
	if c := pixel(screenshot(t, ctx, "dark-auto-dark"), corner, 1); dist(c, geo.Dark.Sea) > 3 {
		t.Errorf("sea pixel %v, want the dark sea %v", c, geo.Dark.Sea)
	}
	colorScheme(t, ctx, "light")
	waitText(t, ctx, `document.documentElement.classList.contains("dark") ? "dark" : "light"`, "light")
	var c = pixel(screenshot(t, ctx, "dark-auto-light"), corner, 1)
	for i := 0; i < 40 && dist(c, geo.Light.Sea) > 3; i++ {
		c = pixel(screenshot(t, ctx, "dark-auto-light"), corner, 1)
	}
	if dist(c, geo.Light.Sea) > 3 {
		t.Errorf("after switching to a light scheme the sea pixel is %v, want %v", c, geo.Light.Sea)
	}
	// dark=false stays light under a dark scheme.
	colorScheme(t, ctx, "dark")
	open(t, ctx, "/embed.html?dark=false&view=15,65,6", "ready")
	if got := text(t, ctx, `document.documentElement.className`); strings.Contains(got, "dark") {
		t.Errorf("dark=false: root class %q", got)
	}
}
