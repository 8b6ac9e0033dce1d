package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"strings"
	"testing"

	"mapline/geo"
)

// countingReader counts what is read from r.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// zeros is an endless source of spaces.
type spaces struct{}

func (spaces) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

// gzipOf is n spaces, gzip-compressed: about 1/1000 of n.
func gzipOf(t *testing.T, n int64) []byte {
	t.Helper()
	var b bytes.Buffer
	z, _ := gzip.NewWriterLevel(&b, gzip.BestSpeed)
	if _, err := io.Copy(z, io.LimitReader(spaces{}, n)); err != nil {
		t.Fatal(err)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestReadStoryText: a story's body is read up to the cap counted on the
// decompressed bytes, whatever the compressed size; past it the download is
// stopped and the error names the cap; a failed read says so, never "empty".
func TestReadStoryText(t *testing.T) {
	const u = "https://news.example/story.geojson"
	story := `{"type":"FeatureCollection","features":[]}`
	bomb := gzipOf(t, 3*geo.MaxStoryBytes) // 60 MB of spaces in about 60 KB
	for _, tc := range []struct {
		name    string
		body    func() io.Reader // what the browser hands: decompressed
		hint    int64
		want    string // the text, when there is no error
		err     string
		maxRead int64 // decompressed bytes read at most; 0: no check
		stopped bool
	}{
		{name: "plain", body: func() io.Reader { return strings.NewReader(story) }, hint: int64(len(story)), want: story},
		{name: "gzip", body: func() io.Reader {
			z, _ := gzip.NewReader(bytes.NewReader(gzipOf(t, 1000)))
			return z
		}, want: strings.Repeat(" ", 1000)},
		{name: "at-the-cap", body: func() io.Reader { return io.LimitReader(spaces{}, geo.MaxStoryBytes) }, want: strings.Repeat(" ", geo.MaxStoryBytes)},
		{name: "gzip-bomb-under-the-compressed-cap", hint: int64(len(bomb)), body: func() io.Reader {
			z, _ := gzip.NewReader(bytes.NewReader(bomb))
			return z
		}, err: "larger than the 20 MB a story may be (counted decompressed)", maxRead: geo.MaxStoryBytes + 64<<10, stopped: true},
		{name: "endless", body: func() io.Reader { return spaces{} }, err: "larger than the 20 MB", maxRead: geo.MaxStoryBytes + 64<<10, stopped: true},
		{name: "broken-download", body: func() io.Reader {
			return io.MultiReader(strings.NewReader(`{"type":`), iotestErr{})
		}, err: "the story could not be read from " + u + ": network error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cr := &countingReader{r: tc.body()}
			stopped := false
			text, err := readStoryText(u, cr, tc.hint, func() { stopped = true })
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("error %v, want one containing %q", err, tc.err)
				}
			} else if err != nil || text != tc.want {
				t.Errorf("text of %d bytes, error %v; want %d bytes", len(text), err, len(tc.want))
			}
			if tc.maxRead > 0 && cr.n > tc.maxRead {
				t.Errorf("read %d bytes, want at most %d", cr.n, tc.maxRead)
			}
			if stopped != tc.stopped {
				t.Errorf("stopped %v, want %v", stopped, tc.stopped)
			}
		})
	}
}

type iotestErr struct{}

func (iotestErr) Read([]byte) (int, error) { return 0, errors.New("network error") }
