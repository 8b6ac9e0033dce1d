package geo_test

import (
	"bytes"
	"runtime"
	"testing"

	"mapline/geo"
	"mapline/geo/synth"
)

// TestScrubHeapFlat scrubs a map of 100,000 events (cmd/bench's 100k story)
// through 400 events, the view following each to its site at zooms 4 to 7,
// and reads the live heap after each hundred: after the first hundred (the
// display list's buffers grow to their high-water mark), it stays flat.
// cmd/bench's memory run measures the whole page in the browser; this is
// geo's share, on the host.
func TestScrubHeapFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 100,000 events")
	}
	s, err := geo.Load(bytes.NewReader(synth.Story(1, 5000, 100000)))
	if err != nil {
		t.Fatal(err)
	}
	m := geo.NewMap(geo.MapOptions{Story: s, Basemap: geo.DefaultBasemap(), Theme: geo.Light})
	v := geo.StartView(s, geo.View{Width: 1280, Height: 600, Ratio: 1})
	heap := func() float64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return float64(ms.HeapAlloc) / 1e6
	}
	step := len(s.Events) / 400
	var after []float64
	for q := range 4 {
		for i := q * 100; i < (q+1)*100; i++ {
			cur := i * step
			w := v
			if e := s.Events[cur]; len(e.Sites) > 0 {
				w.Center, w.Zoom = s.Sites[e.Sites[0]].LonLat, 4+float64(i%4)
			}
			m.Render(w, cur)
		}
		after = append(after, heap())
	}
	t.Logf("live heap after each hundred events: %.1f MB", after)
	if grew := after[3] - after[0]; grew > 1 {
		t.Errorf("the live heap grew %.1f MB over the last 300 events of the scrub (%.1f MB)", grew, after)
	}
	runtime.KeepAlive(m)
}
