package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestImportReport: the import and poster figures make a section of the
// report, before the targets, and a target met only within both 3 s and
// 300 MB; -from reads them back.
func TestImportReport(t *testing.T) {
	runs := func(sec, mb float64) []procRun {
		return []procRun{{sec, sec / 2, mb}, {sec + 1, sec/2 + 0.5, mb + 20}, {sec - 0.5, sec/2 - 0.1, mb - 5}}
	}
	for _, tc := range []struct {
		name    string
		sec, mb float64
		met     bool
		measure string
	}{
		{"within both", 2.1, 240, true, "2.10 s (CPU 1.05 s), 240 MB (median)"},
		{"too slow", 3.2, 240, false, "3.20 s (CPU 1.60 s), 240 MB (median)"},
		{"too big", 1.5, 310, false, "1.50 s (CPU 0.75 s), 310 MB (median)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := fixture(map[string][]run{"demo": fast[:1]}, []string{"demo"}, false, 0)
			rep.Import = &importResult{Rows: 100000, SheetBytes: 7_100_000, StoryBytes: 20_600_000, PNGSites: 2000,
				Import: runs(tc.sec, tc.mb), PNG: map[string][]procRun{"1": runs(0.5, 27), "2": runs(1.5, 41)}}
			rep.Targets = nil
			rep.targets()
			last := rep.Targets[len(rep.Targets)-1]
			if !strings.HasPrefix(last.Goal, "import and check a sheet of 100,000 rows in at most 3 s and 300 MB") || last.Met != tc.met || last.Measure != tc.measure {
				t.Errorf("target %+v, want met %v, measure %q", last, tc.met, tc.measure)
			}
			var b bytes.Buffer
			rep.table(&b)
			out := b.String()
			i, j := strings.Index(out, "### Import and poster"), strings.Index(out, "### Targets")
			if i < 0 || j < i {
				t.Fatalf("no import section before the targets:\n%s", out)
			}
			if want := "| render PNG, 10k story, scale 2 | 1.50 (1.00–2.50) | 0.75 (0.65–1.25) | 41 (36–61) |"; !strings.Contains(out[i:j], want) {
				t.Errorf("no row %q in\n%s", want, out[i:j])
			}
			dir := t.TempDir()
			if err := rep.write(&bytes.Buffer{}, dir+"/bench.json", ""); err != nil {
				t.Fatal(err)
			}
			again, err := readReport(dir + "/bench.json")
			if err != nil {
				t.Fatal(err)
			}
			var b2 bytes.Buffer
			again.table(&b2)
			if b2.String() != out {
				t.Errorf("read back from the JSON, the tables differ:\n%s", b2.String())
			}
		})
	}
}
