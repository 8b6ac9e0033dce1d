package geo_test

import (
	"fmt"
	"strings"
	"testing"

	"mapline/geo"

	"github.com/paulmach/orb"
)

// clusterStory: five sites around Baghdad within a few km, two near Basra,
// one at Erbil; Baghdad has three events, the others one each.
func clusterStory(tb testing.TB) *geo.Story {
	tb.Helper()
	var f []string
	site := func(id, name string, lon, lat float64) {
		f = append(f, fmt.Sprintf(`{"type": "Feature", "id": %q, "geometry": {"type": "Point", "coordinates": [%g, %g]}, "properties": {"name": %q, "kind": "city"}}`, id, lon, lat, name))
	}
	ev := 0
	event := func(site string) {
		ev++
		f = append(f, fmt.Sprintf(`{"type": "Feature", "id": "e%d", "geometry": null, "properties": {"time": "2024-01-%02d", "title": "Event %d", "source": "x", "sites": [%q]}}`, ev, ev, ev, site))
	}
	site("kadhimiya", "Kadhimiya", 44.34, 33.38)
	site("baghdad", "Baghdad", 44.36, 33.31)
	site("adhamiya", "Adhamiya", 44.38, 33.37)
	site("dora", "Dora", 44.40, 33.25)
	site("mansour", "Mansour", 44.33, 33.32)
	site("basra", "Basra", 47.78, 30.51)
	site("zubair", "Zubair", 47.70, 30.39)
	site("erbil", "Erbil", 44.01, 36.19)
	for _, s := range []string{"kadhimiya", "baghdad", "baghdad", "adhamiya", "dora", "baghdad", "mansour", "basra", "zubair", "erbil"} {
		event(s)
	}
	s, err := geo.Load(strings.NewReader(`{"type": "FeatureCollection", "features": [` + strings.Join(f, ",") + `]}`))
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// clustersOf describes a scene's clusters: "Baghdad:5 sites,7 events".
func clustersOf(s *geo.Story, sc *geo.Scene) string {
	var out []string
	for _, c := range sc.Clusters {
		out = append(out, fmt.Sprintf("%s:%d sites,%d events", s.Sites[c.Name].Name, len(c.Sites), c.Events))
	}
	return strings.Join(out, " ")
}

// TestClusters: sites that crowd each other at a zoom gather into one
// cluster named after the site with the most events; they come apart
// zoomed in; the current event's sites never join one; a cluster's sites
// are neither markers nor labels; small groups stay apart.
func TestClusters(t *testing.T) {
	s := clusterStory(t)
	last := len(s.Events) - 1 // Erbil's event
	for _, tc := range []struct {
		name    string
		cluster bool
		center  orb.Point
		zoom    float64
		cur     int
		want    string
	}{
		{"off", false, orb.Point{45, 33}, 5, last, ""},
		{"region", true, orb.Point{45, 33}, 5, last, "Baghdad:5 sites,7 events"},
		{"zoomed-in-apart", true, orb.Point{44.36, 33.31}, 12, last, ""},
		// Baghdad is current: the others gather, named after the first
		// drawn of them (all have one event).
		{"current-site-stays-out", true, orb.Point{45, 33}, 5, 1, "Adhamiya:4 sites,4 events"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := geo.NewMap(geo.MapOptions{Story: s, Theme: geo.Light, Cluster: tc.cluster})
			v := geo.View{Center: tc.center, Zoom: tc.zoom, Width: 800, Height: 600}
			sc := m.Render(v, tc.cur)
			if got := clustersOf(s, sc); got != tc.want {
				t.Errorf("clusters %q, want %q", got, tc.want)
			}
			in := map[int]bool{}
			for _, c := range sc.Clusters {
				for _, j := range c.Sites {
					in[j] = true
				}
				if !c.Bound.Contains(s.Sites[c.Name].LonLat) {
					t.Errorf("the bound %v does not hold %s", c.Bound, s.Sites[c.Name].Name)
				}
			}
			for _, mk := range sc.Markers {
				if in[mk.Site] {
					t.Errorf("site %s is a marker and in a cluster", s.Sites[mk.Site].Name)
				}
			}
			for _, l := range sc.Labels {
				if l.Kind == geo.SiteLabel && in[l.Ref] {
					t.Errorf("site %s has a label and is in a cluster", l.Text)
				}
			}
		})
	}
}

// TestClustersStayAsTheMapPans: the grid is fixed to the world, so a pan
// moves a cluster with the map and keeps its sites.
func TestClustersStayAsTheMapPans(t *testing.T) {
	s := clusterStory(t)
	m := geo.NewMap(geo.MapOptions{Story: s, Theme: geo.Light, Cluster: true})
	v := geo.View{Center: orb.Point{45, 33}, Zoom: 5, Width: 800, Height: 600}
	a := m.Render(v, 9).Clusters[0]
	aSites, ax, ay := fmt.Sprint(a.Sites), a.X, a.Y
	for _, d := range []float64{7, 13, 29, 31} {
		sc := m.Render(v.Pan(d, d/2), 9)
		if len(sc.Clusters) != 1 || fmt.Sprint(sc.Clusters[0].Sites) != aSites {
			t.Fatalf("panned by %g: %q, want the sites %s", d, clustersOf(s, sc), aSites)
		}
		if dx, dy := sc.Clusters[0].X-ax-d, sc.Clusters[0].Y-ay-d/2; dx*dx+dy*dy > 1e-6 {
			t.Errorf("panned by %g: the cluster moved by %g, %g more than the map", d, dx, dy)
		}
	}
}

// TestClustersFollowTheSelection: a cluster counts only the sites and
// events kept.
func TestClustersFollowTheSelection(t *testing.T) {
	s := clusterStory(t)
	m := geo.NewMap(geo.MapOptions{Story: s, Theme: geo.Light, Cluster: true})
	v := geo.View{Center: orb.Point{45, 33}, Zoom: 5, Width: 800, Height: 600}
	ix := geo.NewIndex(s)
	m.Select(ix.Select(geo.Filter{Query: "event 1"}, nil)) // events 1 and 10: Kadhimiya, Erbil
	if got := clustersOf(s, m.Render(v, 9)); got != "" {
		t.Errorf("one site kept around Baghdad: clusters %q", got)
	}
	m.Select(ix.Select(geo.Filter{Query: "event"}, nil))
	if got := clustersOf(s, m.Render(v, 9)); got != "Baghdad:5 sites,7 events" {
		t.Errorf("all kept: clusters %q", got)
	}
}

// BenchmarkRenderClusters: a frame of the 100k story with clustering on.
func BenchmarkRenderClusters(b *testing.B) {
	for _, bs := range benchStories[2:] {
		s := bs.load(b)
		m := geo.NewMap(geo.MapOptions{Story: s, Theme: geo.Light, Cluster: true})
		v := geo.View{Center: orb.Point{47, 31}, Zoom: 4.5, Width: 800, Height: 600}
		b.Run(bs.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m.Render(v, len(s.Events)/2)
			}
		})
	}
}
