package geo_test

import (
	"bytes"
	"fmt"
	"os"
	"testing"
	"time"

	"mapline/geo"
)

// A benchStory is one of the stories every benchmark runs on: the demo and
// generated stories (synth.Story, seed 1) of 1,000, 10,000 and 100,000 events.
type benchStory struct {
	name          string
	sites, events int // generated; 0 for the demo
}

var benchStories = []benchStory{
	{"demo", 0, 0},
	{"1k", 200, 1000},
	{"10k", 2000, 10000},
	{"100k", 5000, 100000},
}

// data is the story's file.
func (bs benchStory) data(tb testing.TB) []byte {
	tb.Helper()
	if bs.events == 0 {
		d, err := os.ReadFile(demoPath)
		if err != nil {
			tb.Fatal(err)
		}
		return d
	}
	return genData(1, bs.sites, bs.events)
}

func (bs benchStory) load(tb testing.TB) *geo.Story {
	tb.Helper()
	s, err := geo.Load(bytes.NewReader(bs.data(tb)))
	if err != nil {
		tb.Fatalf("%s: %v", bs.name, err)
	}
	return s
}

// BenchmarkLoad reads a story file: parsing, checking and sorting (geo.Load).
func BenchmarkLoad(b *testing.B) {
	for _, bs := range benchStories {
		b.Run(bs.name, func(b *testing.B) {
			data := bs.data(b)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := geo.Load(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNewMap prepares a loaded story for drawing: the countries that
// hold its sites, the sites' colours and shapes, the cities that are sites.
func BenchmarkNewMap(b *testing.B) {
	bm := geo.DefaultBasemap()
	for _, bs := range benchStories {
		b.Run(bs.name, func(b *testing.B) {
			s := bs.load(b)
			b.ReportAllocs()
			for b.Loop() {
				geo.NewMap(geo.MapOptions{Story: s, Basemap: bm, Theme: geo.Light})
			}
		})
	}
}

// BenchmarkTimelineAt is the timeline's state at a time, as a slider drag
// asks for it: the event at that time and the status of every site, at 97
// positions across the track in turn.
func BenchmarkTimelineAt(b *testing.B) {
	for _, bs := range benchStories {
		for _, mode := range []geo.Mode{geo.Cumulative, geo.Point} {
			b.Run(fmt.Sprintf("%s/%s", bs.name, mode), func(b *testing.B) {
				s := bs.load(b)
				tr := s.Track()
				times := make([]time.Time, 97)
				for i := range times {
					times[i] = tr.Time(float64(i) / float64(len(times)-1))
				}
				var st []geo.Status
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					cur := s.AtTime(times[i%len(times)])
					st = s.SiteStatusIn(mode, cur, st)
					i++
				}
			})
		}
	}
}

// BenchmarkScrub is a frame of a slider drag: the event changes, and the
// display list is built again for the same view (zoom 5, the whole story in
// sight), at 97 positions across the track in turn.
func BenchmarkScrub(b *testing.B) {
	bm := geo.DefaultBasemap()
	for _, bs := range benchStories {
		b.Run(bs.name, func(b *testing.B) {
			m := geo.NewMap(geo.MapOptions{Story: bs.load(b), Basemap: bm, Theme: geo.Light})
			tr := m.Story.Track()
			curs := make([]int, 97)
			for i := range curs {
				curs[i] = max(0, m.Story.AtTime(tr.Time(float64(i)/float64(len(curs)-1))))
			}
			v := benchView
			v.Zoom = 5
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				m.Render(v, curs[i%len(curs)])
				i++
			}
		})
	}
}
