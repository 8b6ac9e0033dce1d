package main

import (
	"fmt"
	"io"
	"strings"

	"mapline/geo"
)

// readStoryText reads the body of the story fetched from u, as the browser
// hands it: decompressed, whatever its Content-Encoding. The Content-Length
// of a compressed story is its compressed size, so the cap is counted here,
// on the bytes that reach memory: past geo.MaxStoryBytes the reading stops,
// stop is called (to cancel the download) and the error names the cap. A
// gzip file of 1 MB that expands to 600 MB costs 20 MB, not 600. sizeHint
// (the Content-Length, or 0) only sizes the first buffer.
func readStoryText(u string, body io.Reader, sizeHint int64, stop func()) (string, error) {
	var b strings.Builder
	if sizeHint > 0 {
		b.Grow(int(min(sizeHint, geo.MaxStoryBytes+1)))
	}
	_, err := io.Copy(&b, io.LimitReader(body, geo.MaxStoryBytes+1))
	if b.Len() > geo.MaxStoryBytes {
		stop()
		return "", fmt.Errorf("the story at %s is larger than the %d MB a story may be (counted decompressed); it was not read further", u, geo.MaxStoryBytes>>20)
	}
	if err != nil { // the stream has failed: nothing to stop
		return "", fmt.Errorf("the story could not be read from %s: %v", u, err)
	}
	return b.String(), nil
}
