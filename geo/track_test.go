package geo_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"mapline/geo"
)

func story(t testing.TB, times ...string) *geo.Story {
	t.Helper()
	var b strings.Builder
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i, tm := range times {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"type":"Feature","id":"e%d","geometry":null,"properties":{"time":%q,"title":"Event %d"}}`, i, tm, i)
	}
	b.WriteString("]}")
	return loadString(t, b.String())
}

func TestTrack(t *testing.T) {
	s := story(t, "2025-06-01", "2025-06-11", "2025-06-14/2025-06-15")
	tr := s.Track()
	if want := time.Date(2025, 6, 16, 0, 0, 0, 0, time.UTC); !tr.End.Equal(want) {
		t.Errorf("track ends %v, want the end of the last span %v", tr.End, want)
	}
	if tr.Hours() != 15*24 {
		t.Errorf("Hours %d, want %d", tr.Hours(), 15*24)
	}
	for _, pos := range []float64{0, 0.25, 0.5, 1} {
		if got := tr.Pos(tr.Time(pos)); got < pos-1e-9 || got > pos+1e-9 {
			t.Errorf("Pos(Time(%v)) = %v", pos, got)
		}
	}
	if tr.Pos(tr.Start.Add(-time.Hour)) != 0 || tr.Pos(tr.End.Add(time.Hour)) != 1 {
		t.Error("Pos is not clamped to 0..1")
	}
	one := story(t, "2025-06-11T10:00:00Z")
	if one.Track().Hours() != 24 {
		t.Errorf("a one-instant story has a track of %d hours, want 24", one.Track().Hours())
	}
	if (&geo.Story{}).Track() != (geo.Track{}) {
		t.Error("an empty story has a track")
	}
}

func TestAtTime(t *testing.T) {
	s := story(t, "2024-08", "2025-06-11", "2025-06-11", "2025-06-14/2025-06-15")
	for _, tc := range []struct {
		at   string
		want int
	}{
		{"2024-07-31T23:00:00Z", -1},
		{"2024-08-01T00:00:00Z", 0},
		{"2025-01-01T00:00:00Z", 0},
		{"2025-06-11T00:00:00Z", 2}, // the last of the same-day events
		{"2025-06-15T12:00:00Z", 3}, // inside the span
		{"2030-01-01T00:00:00Z", 3},
	} {
		tm, _ := time.Parse(time.RFC3339, tc.at)
		if got := s.AtTime(tm); got != tc.want {
			t.Errorf("AtTime(%s) = %d, want %d", tc.at, got, tc.want)
		}
	}
}

func TestMarks(t *testing.T) {
	s := story(t, "2025-01-01", "2025-01-02", "2025-01-02", "2025-03", "2025-04-10/2025-04-20", "2025-04-30")
	// The track: 1 January to 1 May = 120 days; at 1200 px a day is 10 px.
	marks := s.Marks(1200, 4)
	type m struct {
		first, last int
		x, x2       float64
	}
	want := []m{
		{0, 0, 0, 0},
		{1, 2, 10, 10},    // two events on one day: one mark of two
		{3, 3, 590, 900},  // a month is a span: March
		{4, 4, 990, 1100}, // an explicit span
		{5, 5, 1190, 1190},
	}
	if len(marks) != len(want) {
		t.Fatalf("%d marks %+v, want %d", len(marks), marks, len(want))
	}
	for i, w := range want {
		g := marks[i]
		if g.First != w.first || g.Last != w.last || g.X < w.x-1e-6 || g.X > w.x+1e-6 || g.X2 < w.x2-1e-6 || g.X2 > w.x2+1e-6 {
			t.Errorf("mark %d = %+v, want %+v", i, g, w)
		}
	}
	if marks[1].Count() != 2 {
		t.Errorf("Count %d, want 2", marks[1].Count())
	}
	// Narrow: everything within 4 px clusters; never more than width/gap marks.
	if got := s.Marks(40, 4); len(got) > 10 || got[0].Count() != 3 {
		t.Errorf("at 40 px: %+v", got)
	}
}

func BenchmarkMarks(b *testing.B) {
	var times []string
	for i := range 10000 {
		times = append(times, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i)*7*time.Hour).Format("2006-01-02"))
	}
	s := story(b, times...)
	b.ReportAllocs()
	for b.Loop() {
		s.Marks(800, 3)
	}
}
