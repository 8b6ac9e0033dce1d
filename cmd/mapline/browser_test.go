package main

import (
	"context"
	"image"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"mapline/internal/browser"
)

// The Chromium of the tests in this package: started once, by the first test
// that needs it, when MAPLINE_CHROMIUM names it (as for the browser tests of
// site/). Tests that need it skip without it.
var (
	browserOnce sync.Once
	shared      *browser.Browser
	browserErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.Close()
	}
	os.Exit(code)
}

// browserTab opens a tab of the given CSS size in the shared Chromium.
func browserTab(t *testing.T, w, h int64) context.Context {
	t.Helper()
	exe := os.Getenv("MAPLINE_CHROMIUM")
	if exe == "" {
		t.Skip("set MAPLINE_CHROMIUM=/usr/bin/chromium to run the tests in Chromium")
	}
	browserOnce.Do(func() { shared, browserErr = browser.Start(exe) })
	if browserErr != nil {
		t.Fatal(browserErr)
	}
	ctx, cancel, err := shared.Tab(w, h, 1, 60*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cancel)
	return ctx
}

// capture saves a screenshot of the viewport as out/screenshots/name.png
// and returns it.
func capture(t *testing.T, ctx context.Context, name string) image.Image {
	t.Helper()
	img, err := browser.Screenshot(ctx, filepath.Join("..", "..", "out", "screenshots"), name)
	if err != nil {
		t.Fatal(err)
	}
	return img
}
