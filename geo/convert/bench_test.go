package convert_test

import (
	"bytes"
	"fmt"
	"testing"

	"mapline/geo"
	"mapline/geo/convert"
	"mapline/geo/synth"
)

// BenchmarkImportCSV is mapline import of a sheet in ACLED's layout
// (geo/synth, seed 1, 5,000 places) of 10,000 and 100,000 rows: the
// conversion, the story written, loaded and checked as the widget would
// (geo.Load, geo.Check). cmd/bench measures the command itself (its time
// and peak memory).
func BenchmarkImportCSV(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		b.Run(fmt.Sprintf("rows=%dk", n/1000), func(b *testing.B) {
			data := synth.ACLED(1, 5000, n)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				doc, err := convert.CSV(convert.Sheet{Name: "acled.csv", Data: data})
				if ce, ok := err.(*convert.Error); err != nil && (!ok || ce.Errors()) {
					b.Fatal(err)
				}
				story, err := doc.GeoJSON()
				if err != nil {
					b.Fatal(err)
				}
				s, err := geo.Load(bytes.NewReader(story))
				if err != nil {
					b.Fatal(err)
				}
				geo.Check(s)
			}
		})
	}
}
