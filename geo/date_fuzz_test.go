package geo_test

import (
	"testing"

	"mapline/geo"
)

// FuzzParseDate: ParseDate never panics, and a date it reads writes back
// (ISO) to a string it reads as the same date.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025", "2025-06", "2025-06-11", "2025-06-11T14:00:00Z", "2025-06-11T14:00:00+03:30",
		"2024-08~", "2025-02-30", "2024-02-29", " 2025-06-11 ", "2025-06-11 14:00:00z", "0000-01-01", "9999-12-31T23:59:59Z", "~", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := geo.ParseDate(s)
		if err != nil {
			if d != (geo.Date{}) {
				t.Fatalf("ParseDate(%q) = %+v with error %v", s, d, err)
			}
			return
		}
		if d.Precision < geo.Year || d.Precision > geo.Minute {
			t.Fatalf("ParseDate(%q): precision %d", s, d.Precision)
		}
		iso := d.ISO()
		d2, err := geo.ParseDate(iso)
		if err != nil || !d2.T.Equal(d.T) || d2.Precision != d.Precision || d2.Approx != d.Approx {
			t.Fatalf("ParseDate(%q) = %+v; its ISO %q reads as %+v, %v", s, d, iso, d2, err)
		}
		if d.Precision != geo.Minute && !d.End().After(d.T) {
			t.Fatalf("ParseDate(%q): End %v is not after %v", s, d.End(), d.T)
		}
		if d.String() == "" {
			t.Fatalf("ParseDate(%q): no words", s)
		}
	})
}

// FuzzParseSpan: ParseSpan never panics, and a span it reads never ends
// before it starts.
func FuzzParseSpan(f *testing.F) {
	for _, s := range []string{"2025-06-14/2025-06-15", "2025-06/2025", "2025-06-15/2025-06-14", "2025/", "/2025", "2025-06-11T14:00:00Z/2025-06-11"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sp, err := geo.ParseSpan(s)
		if err != nil {
			return
		}
		if sp.Until().Before(sp.Start.T) {
			t.Fatalf("ParseSpan(%q): until %v is before start %v", s, sp.Until(), sp.Start.T)
		}
		if sp.String() == "" {
			t.Fatalf("ParseSpan(%q): no words", s)
		}
	})
}
