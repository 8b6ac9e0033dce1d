package main

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The Chromium of the tests in this package: started once, by the first test
// that needs it, when MAPLINE_CHROMIUM names it (as for the browser tests of
// site/). Tests that need it skip without it.
var (
	browserOnce sync.Once
	browserCtx  context.Context
	browserErr  error
	browserStop []func()
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, stop := range browserStop {
		stop()
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
	browserOnce.Do(func() {
		profile, err := os.MkdirTemp("", "mapline-render-chromium-")
		if err != nil {
			browserErr = err
			return
		}
		browserStop = append(browserStop, func() { os.RemoveAll(profile) })
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
			chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
			chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(profile),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-quic", true))
		ctx, cancel := chromedp.NewContext(alloc)
		browserStop = append([]func(){cancel, cancelAlloc}, browserStop...)
		browserErr = chromedp.Do(ctx)
		browserCtx = ctx
	})
	if browserErr != nil {
		t.Fatalf("starting %s: %v", exe, browserErr)
	}
	ctx, cancel := chromedp.NewContext(browserCtx)
	t.Cleanup(cancel)
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelT)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, h)); err != nil {
		t.Fatal(err)
	}
	return ctx
}
