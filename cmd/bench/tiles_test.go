package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTilesSection checks the tiles' table against testdata/tiles.md (go
// test ./cmd/bench -run TestTilesSection -update rewrites it), and that a
// report's Markdown keeps one tiles section, with the sections after it.
func TestTilesSection(t *testing.T) {
	rs := []tilesResult{
		{Net: "local", Ranges: 5, Bytes: 85622, Pan: stat{120, 80, 300}, Zoom: stat{150, 150, 150}, Held: 2},
		{Net: "4G", Ranges: 5, Bytes: 85622, Pan: stat{900, 700, 1400}, Zoom: stat{1100, 1000, 1200}},
	}
	got := tilesSection(rs)
	golden := filepath.Join("testdata", "tiles.md")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test ./cmd/bench -run TestTilesSection -update writes it)", err)
	}
	if got != string(want) {
		t.Errorf("the tiles' table differs from %s:\n%s", golden, firstDiff([]byte(got), want))
	}

	md := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	old := "# Benchmarks\n\ntext\n" + tilesSection(rs[:1]) + "\n## Search in a large story\n\nkept\n"
	if err := os.WriteFile(md, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := writeTiles(&out, rs, md, ""); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if strings.Count(s, "## Basemap tiles") != 1 || !strings.Contains(s, "| 4G |") || !strings.Contains(s, "## Search in a large story\n\nkept\n") || !strings.HasPrefix(s, "# Benchmarks\n\ntext\n") {
		t.Errorf("the report after writeTiles:\n%s", s)
	}
}

// TestWriteSection: a section replaces its earlier run's, keeping the
// sections after it, or comes at the end.
func TestWriteSection(t *testing.T) {
	for _, tc := range []struct{ name, old, want string }{
		{"absent", "# B\n\nintro\n", "# B\n\nintro\n\n## S\n\nnew\n"},
		{"last", "# B\n\n## S\n\nold\n", "# B\n\n## S\n\nnew\n"},
		{"middle", "# B\n\n## S\n\nold\n\n## T\n\nkept\n", "# B\n\n## T\n\nkept\n\n## S\n\nnew\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			md := filepath.Join(t.TempDir(), "B.md")
			if err := os.WriteFile(md, []byte(tc.old), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := writeSection(io.Discard, "\n## S\n\nnew\n", nil, md, ""); err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(md); string(got) != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
