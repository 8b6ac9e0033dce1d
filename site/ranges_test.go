package site

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeManyRanges: a request with more than MaxRanges byte ranges gets
// the whole file with a 200, as nginx's max_ranges does; up to MaxRanges it
// gets them, in a multipart 206. Thousands of one-byte ranges would
// otherwise multiply the response (a part's headers are about 100 bytes for
// each byte asked).
func TestServeManyRanges(t *testing.T) {
	dir := t.TempDir()
	data := bytes.Repeat([]byte("0123456789abcdef"), 5000) // 80 KB, no siblings
	if err := os.WriteFile(filepath.Join(dir, "tiles.bin"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	ranges := func(n int) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = fmt.Sprintf("%d-%d", 2*i, 2*i)
		}
		return "bytes=" + strings.Join(parts, ",")
	}
	h := Handler(dir)
	for _, tc := range []struct {
		name  string
		rng   string
		code  int
		whole bool // the body is the whole file
	}{
		{"one", "bytes=0-9", http.StatusPartialContent, false},
		{"two", ranges(2), http.StatusPartialContent, false},
		{"at-the-limit", ranges(MaxRanges), http.StatusPartialContent, false},
		{"one-over", ranges(MaxRanges + 1), http.StatusOK, true},
		{"six-thousand-one-byte", ranges(6000), http.StatusOK, true},
		{"empty-parts-do-not-count", "bytes=0-0,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,2-2", http.StatusPartialContent, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := serveGet(h, "GET", "/tiles.bin", map[string]string{"Range": tc.rng})
			if w.Code != tc.code {
				t.Fatalf("status %d, want %d", w.Code, tc.code)
			}
			if tc.whole && !bytes.Equal(w.Body.Bytes(), data) {
				t.Errorf("body of %d bytes, want the whole file (%d)", w.Body.Len(), len(data))
			}
			if w.Body.Len() > len(data)+MaxRanges*200 {
				t.Errorf("body of %d bytes for a file of %d", w.Body.Len(), len(data))
			}
		})
	}
}
