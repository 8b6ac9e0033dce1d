//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"mapline/geo"
)

// TestRenderStopsAtTheCap: mapline render -story on an endless file (here a
// pipe fed 3 times the cap, standing for /dev/zero) reads no more than
// geo.MaxStoryBytes and a pipe's buffer, and says the story is too large.
func TestRenderStopsAtTheCap(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "endless.geojson")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	const feed = 3 * geo.MaxStoryBytes
	written := make(chan int64, 1)
	go func() {
		var n int64
		defer func() { written <- n }()
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer w.Close()
		chunk := bytes.Repeat([]byte(" "), 64<<10)
		for n < feed {
			k, err := w.Write(chunk)
			n += int64(k)
			if err != nil { // the reader closed the pipe: EPIPE
				if !errors.Is(err, syscall.EPIPE) {
					t.Errorf("writing the pipe: %v", err)
				}
				return
			}
		}
	}()
	var stdout, stderr bytes.Buffer
	code := mainRun([]string{"render", "-story", fifo, "-o", "-"}, &stdout, &stderr)
	n := <-written
	if code != 1 {
		t.Errorf("exit status %d, want 1; stderr: %s", code, &stderr)
	}
	if want := "larger than 20 MB"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr %q does not say %q", &stderr, want)
	}
	// A pipe buffers at most 1 MB on Linux (64 KB by default).
	if limit := int64(geo.MaxStoryBytes + 2<<20); n > limit {
		t.Errorf("render read %d bytes of an endless story, want at most %d", n, limit)
	}
}
