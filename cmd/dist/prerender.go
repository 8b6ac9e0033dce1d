package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"

	"mapline/geo"
	"mapline/site"
)

// wasmBytes is where embed.html carries the wasm's raw size: frame.js counts
// the bytes it receives (after decompression) against it for its progress bar.
var wasmBytes = regexp.MustCompile(`data-wasm-bytes="[0-9]*"`)

// firstPaint writes into the embed page what it shows before the wasm runs:
// the wasm's size, and, with a story (a path under dir), that story's poster
// and text (site.Prerender).
func firstPaint(dir string, page []byte, wasmSize int, story string) ([]byte, error) {
	if !wasmBytes.Match(page) {
		return nil, fmt.Errorf("embed.html has no data-wasm-bytes attribute for frame.js's progress bar")
	}
	page = wasmBytes.ReplaceAll(page, []byte(`data-wasm-bytes="`+strconv.Itoa(wasmSize)+`"`))
	if story == "" {
		return page, nil
	}
	f, err := os.Open(filepath.Join(dir, story))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := geo.Load(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", story, err)
	}
	if len(s.Events) == 0 {
		return nil, fmt.Errorf("%s: the story has no events to show first", story)
	}
	return site.Prerender(page, s, 0, nil)
}
