package main

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

// TestStudioTable: the studio's figures get their table, and a report
// without them (an earlier run's JSON) gets none.
func TestStudioTable(t *testing.T) {
	var b bytes.Buffer
	(&report{}).studioTable(&b)
	if b.Len() != 0 {
		t.Errorf("a report without the studio's figures wrote %q", b.String())
	}
	rep := &report{Studio: &studioResult{Rows: 10000, Bytes: 1_234_567, Runs: make([]studioRun, 3),
		Listed: summarize([]float64{900, 1000, 1200}), Drawn: summarize([]float64{4000, 4100, 5000})}}
	rep.studioTable(&b)
	if want := "| the 10k story as CSV (10000 rows, 1.2 MB) | 1000 (900–1200) | 4100 (4000–5000) |"; !strings.Contains(b.String(), want) {
		t.Errorf("the table:\n%s\nlacks\n%s", b.String(), want)
	}
}

// TestStudioSheet: the sheet is the 10k story's events, one a row, in
// mapline's own layout.
func TestStudioSheet(t *testing.T) {
	data, rows, err := studioSheet()
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows != studioEvents || len(recs) != rows+1 || strings.Join(recs[0], ",") != "date,headline,source,place,lat,lon" {
		t.Errorf("%d rows (%d records), header %q", rows, len(recs), recs[0])
	}
}
