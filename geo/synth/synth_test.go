package synth_test

import (
	"bytes"
	"strings"
	"testing"

	"mapline/geo"
	"mapline/geo/synth"
)

// TestStoryLoads: generated stories of every size the benchmarks use load
// without a problem and hold what was asked for.
func TestStoryLoads(t *testing.T) {
	for _, tc := range []struct {
		name          string
		sites, events int
	}{
		{"one-site-no-events", 1, 0},
		{"demo-size", 12, 20},
		{"1k-events", 200, 1000},
		{"10k-events", 2000, 10000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := geo.Load(bytes.NewReader(synth.Story(1, tc.sites, tc.events)))
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Sites) != tc.sites || len(s.Events) != tc.events {
				t.Errorf("%d sites, %d events, want %d, %d", len(s.Sites), len(s.Events), tc.sites, tc.events)
			}
			if !strings.HasPrefix(s.Title, "Synthetic story") {
				t.Errorf("title %q", s.Title)
			}
		})
	}
}

// TestStoryIsSeeded: the same seed gives the same bytes, another seed others.
func TestStoryIsSeeded(t *testing.T) {
	a, b, c := synth.Story(7, 50, 300), synth.Story(7, 50, 300), synth.Story(8, 50, 300)
	if !bytes.Equal(a, b) {
		t.Error("the same seed gave two stories")
	}
	if bytes.Equal(a, c) {
		t.Error("two seeds gave the same story")
	}
}

// TestStorySizes: 100,000 events stay under the loader's limit and load.
func TestStorySizes(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000 events")
	}
	data := synth.Story(1, 5000, 100000)
	if len(data) > geo.MaxStoryBytes {
		t.Fatalf("100k events: %d bytes, over the %d limit", len(data), geo.MaxStoryBytes)
	}
	t.Logf("100k events on 5,000 sites: %.1f MB", float64(len(data))/(1<<20))
	s, err := geo.Load(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var links, points, regional int
	for i := range s.Events {
		e := &s.Events[i]
		links += len(e.Links)
		if e.Point != nil {
			points++
		}
		if e.Regional() {
			regional++
		}
	}
	if len(s.Events) != 100000 || links == 0 || points != 2000 || regional != 1000 {
		t.Errorf("%d events, %d links, %d points, %d regional", len(s.Events), links, points, regional)
	}
}

// TestACLED: a sheet in ACLED's layout has its header and one line a row,
// the same bytes for the same seed, and 100,000 rows fit geo/convert's
// limit of 20 MB.
func TestACLED(t *testing.T) {
	a := synth.ACLED(1, 50, 1000)
	if !bytes.Equal(a, synth.ACLED(1, 50, 1000)) {
		t.Error("the same seed gave other bytes")
	}
	lines := bytes.Split(bytes.TrimSuffix(a, []byte("\n")), []byte("\n"))
	if len(lines) != 1001 || !bytes.HasPrefix(lines[0], []byte("event_id_cnty,event_date,year,sub_event_type,location,latitude,longitude,source")) {
		t.Fatalf("%d lines, the first %q", len(lines), lines[0])
	}
	if n := len(synth.ACLED(1, 5000, 100000)); n > 20<<20 {
		t.Errorf("100,000 rows are %d bytes, over 20 MB", n)
	}
}
