package site

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/paulmach/orb"

	"mapline/geo"
	"mapline/geo/tiles"
)

// landAround looks at eight points 26 CSS px around p (off the marker and
// its halo; some may fall on a label or a control) and counts those whose
// pixel is land and those whose pixel is sea in theme th.
func landAround(img image.Image, p orb.Point, ratio float64, th geo.Theme) (land, sea int, seen []string) {
	for i := 0; i < 8; i++ {
		a := float64(i) * math.Pi / 4
		q := orb.Point{p[0] + 26*math.Cos(a), p[1] + 26*math.Sin(a)}
		c := pixel(img, q, ratio)
		switch {
		case dist(c, th.Land) < 12 || dist(c, th.StoryLand) < 12:
			land++
		case dist(c, th.Sea) < 12:
			sea++
		}
		seen = append(seen, fmt.Sprintf("%02x%02x%02x", c.R, c.G, c.B))
	}
	return land, sea, seen
}

// TestLandUnderSitesOnEveryContinent opens stories of inland places on four
// continents besides the demo's: the world basemap's tiles draw land under
// and around every site (before the world basemap, these rendered as markers
// on empty sea): most of the points around each are land (a lake may show:
// Kampala is on Lake Victoria's shore, Almaty 70 km from Kapchagay).
func TestLandUnderSitesOnEveryContinent(t *testing.T) {
	const ratio = 1
	for _, tc := range []struct {
		name, file string
		sites      map[string]orb.Point
	}{
		{"south america", "world-south-america", map[string]orb.Point{"Brasília": {-47.88, -15.79}, "La Paz": {-68.15, -16.50}}},
		{"africa", "world-africa", map[string]orb.Point{"Nairobi": {36.82, -1.29}, "Kampala": {32.58, 0.35}}},
		{"north america", "world-north-america", map[string]orb.Point{"Minneapolis": {-93.27, 44.98}, "Denver": {-104.99, 39.74}}},
		{"asia", "world-asia", map[string]orb.Point{"Ulaanbaatar": {106.92, 47.92}, "Almaty": {76.89, 43.24}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := tab(t, 800, 600, ratio)
			open(t, ctx, "/embed.html?data=testdata/"+tc.file+".geojson", "ready")
			r := canvasRect(t, ctx)
			var msgs []string
			for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
				img := screenshot(t, ctx, "basemap-"+tc.file)
				v := currentView(t, ctx, r)
				msgs = msgs[:0]
				for name, ll := range tc.sites {
					p := v.Screen(ll)
					p = orb.Point{p[0] + r.X, p[1] + r.Y}
					if land, sea, seen := landAround(img, p, ratio, geo.Light); land < 5 {
						msgs = append(msgs, fmt.Sprintf("%s at CSS %.0f,%.0f: of 8 points around it %d are land, %d sea (%s)", name, p[0], p[1], land, sea, strings.Join(seen, " ")))
					}
				}
				if len(msgs) == 0 {
					break
				}
			}
			for _, m := range msgs {
				t.Error(m)
			}
		})
	}
}

// maxOpeningBasemapBytes is the goal for the basemap bytes of the
// demo's opening view (the region file it replaces was 385 KB brotli).
const maxOpeningBasemapBytes = 120 << 10

// TestBasemapBytesAtOpeningView opens the demo and sums the bytes of the
// tile archive's ranges until the view's tiles are drawn.
func TestBasemapBytesAtOpeningView(t *testing.T) {
	t.Parallel()
	ctx := tab(t, 800, 600, 1)
	open(t, ctx, "/embed.html", "ready")
	waitText(t, ctx, `document.documentElement.dataset.basemap || ""`, "loaded")
	got, err := chromedp.Run(ctx, chromedp.Evaluate[struct{ N, Bytes int }](`(() => {
		const es = performance.getEntriesByType("resource").filter(e => e.name.includes(".pmtiles"));
		return {N: es.length, Bytes: es.reduce((s, e) => s + e.encodedBodySize, 0)};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("opening view: %d ranges of the tile archive, %d bytes", got.N, got.Bytes)
	if got.N < 2 {
		t.Errorf("%d requests of the tile archive, want the head and at least one tile", got.N)
	}
	if got.Bytes > maxOpeningBasemapBytes {
		t.Errorf("the opening view takes %d bytes of tiles, more than %d", got.Bytes, maxOpeningBasemapBytes)
	}
}

// testMux is the test server's mux (runMain): a test may add routes.
var testMux *http.ServeMux

// The test archive: a lake and a road in a newsroom's own tiles, in the
// Protomaps basemap v4 schema, at zooms 0–8 around 50°N 10°E.
var (
	lakeSW, lakeNE = orb.Point{9.99, 49.995}, orb.Point{10.01, 50.005}
	roadFrom       = orb.Point{9.98, 49.990}
	roadTo         = orb.Point{10.02, 49.990}
	riverFrom      = orb.Point{9.98, 50.008}
	riverTo        = orb.Point{10.02, 50.008}
	lakeOnce       sync.Once
)

// lakeArchive makes the test archive and serves it at /made/lake.pmtiles.
func lakeArchive(t *testing.T) string {
	lakeOnce.Do(func() {
		a := &tiles.Archive{Tiles: map[[3]uint32][]byte{}, MaxZoom: 8,
			Metadata: []byte(`{"name":"lake test","attribution":"<a href=\"https://example.org\">© Lake Test Tiles</a>","vector_layers":[{"id":"earth"},{"id":"water"},{"id":"roads"}]}`)}
		for z := 0; z <= 8; z++ {
			k := float64(tiles.Extent) * math.Exp2(float64(z)) / geo.WorldSize
			c := geo.World(orb.Point{10, 50})
			x, y := uint32(c[0]*k/tiles.Extent), uint32(c[1]*k/tiles.Extent)
			at := func(ll orb.Point) [2]int32 {
				w := geo.World(ll)
				return [2]int32{int32(math.Round(w[0]*k - float64(x)*tiles.Extent)), int32(math.Round(w[1]*k - float64(y)*tiles.Extent))}
			}
			sw, ne := at(lakeSW), at(lakeNE)
			tile := &tiles.Tile{Layers: []tiles.Layer{
				{Name: "earth", Extent: tiles.Extent, Features: []tiles.Feature{{Type: tiles.Polygon, Tags: map[string]any{"kind": "earth"},
					Geoms: [][][2]int32{{{0, 0}, {tiles.Extent, 0}, {tiles.Extent, tiles.Extent}, {0, tiles.Extent}}}}}},
				{Name: "water", Extent: tiles.Extent, Features: []tiles.Feature{{Type: tiles.Polygon, Tags: map[string]any{"kind": "lake"},
					Geoms: [][][2]int32{{{sw[0], ne[1]}, {ne[0], ne[1]}, {ne[0], sw[1]}, {sw[0], sw[1]}}}},
					{Type: tiles.LineString, Tags: map[string]any{"kind": "river"}, Geoms: [][][2]int32{{at(riverFrom), at(riverTo)}}}}},
				{Name: "roads", Extent: tiles.Extent, Features: []tiles.Feature{{Type: tiles.LineString, Tags: map[string]any{"kind": "major_road"},
					Geoms: [][][2]int32{{at(roadFrom), at(roadTo)}}}}},
			}}
			a.Tiles[[3]uint32{uint32(z), x, y}] = tiles.Encode(tile)
		}
		b := tiles.Write(a)
		testMux.HandleFunc("/made/lake.pmtiles", func(w http.ResponseWriter, r *http.Request) {
			http.ServeContent(w, r, "lake.pmtiles", time.Time{}, bytes.NewReader(b))
		})
	})
	return "/made/lake.pmtiles"
}

// TestNewsroomTilesDrawLakeAndRoad opens a newsroom's archive (tiles=) made
// by the test: its lake and its river (a line of the water layer) are drawn
// in the sea's colour and its road in the
// road colour at the pixels the view projects them to, in both themes, and
// its attribution replaces Natural Earth's.
func TestNewsroomTilesDrawLakeAndRoad(t *testing.T) {
	const ratio = 2
	if skipWhy != "" {
		t.Skip(skipWhy) // no test server
	}
	u := lakeArchive(t)
	for _, th := range []geo.Theme{geo.Light, geo.Dark} {
		t.Run(th.Name, func(t *testing.T) {
			t.Parallel()
			ctx := tab(t, 800, 600, ratio)
			open(t, ctx, "/embed.html?data=testdata/no-sites.geojson&tiles="+u+"&dark="+strconv.FormatBool(th.Name == "dark")+"#view=50,10,12", "ready")
			waitText(t, ctx, `document.documentElement.dataset.basemap || ""`, "loaded")
			waitText(t, ctx, `document.querySelector("#attribution").textContent`, "© Lake Test Tiles")
			r := canvasRect(t, ctx)
			lake := geo.World(orb.Point{(lakeSW[0] + lakeNE[0]) / 2, (lakeSW[1] + lakeNE[1]) / 2})
			road := geo.World(orb.Point{10.005, roadFrom[1]})
			river := geo.World(orb.Point{10.015, riverFrom[1]})
			land := geo.World(orb.Point{10.015, 49.9975})
			var msgs []string
			for end := time.Now().Add(15 * time.Second); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
				img := screenshot(t, ctx, "tiles-lake-"+th.Name)
				v := currentView(t, ctx, r)
				v.Ratio = ratio
				msgs = msgs[:0]
				for _, c := range []struct {
					what string
					at   orb.Point
					want color.NRGBA
				}{{"the lake", lake, th.Sea}, {"the road", road, th.Road}, {"the river", river, th.Sea}, {"the land between", land, th.Land}} {
					p := v.Screen(geo.LonLat(c.at))
					p = orb.Point{p[0] + r.X, p[1] + r.Y}
					if got := pixel(img, p, ratio); dist(got, c.want) > 16 {
						msgs = append(msgs, fmt.Sprintf("%s at CSS %.0f,%.0f: pixel %v, want %v", c.what, p[0], p[1], got, c.want))
					}
				}
				if len(msgs) == 0 {
					break
				}
			}
			for _, m := range msgs {
				t.Error(m)
			}
		})
	}
}

// TestDefaultTilesDrawLakes: Natural Earth's countries cover their lakes;
// the default tiles' water layer (Natural Earth's lakes) draws Lake Victoria
// in the sea's colour over the land, in both themes, at a country zoom and
// at a closer one, with the land beside it (Kenya) still land.
func TestDefaultTilesDrawLakes(t *testing.T) {
	const ratio = 1
	for _, th := range []geo.Theme{geo.Light, geo.Dark} {
		for _, zoom := range []string{"5", "6.5"} {
			t.Run(th.Name+" zoom "+zoom, func(t *testing.T) {
				t.Parallel()
				ctx := tab(t, 800, 600, ratio)
				open(t, ctx, "/embed.html?data=testdata/world-africa.geojson&dark="+strconv.FormatBool(th.Name == "dark")+"#view=-1.2,33,"+zoom, "ready")
				waitText(t, ctx, `document.documentElement.dataset.basemap || ""`, "loaded")
				r := canvasRect(t, ctx)
				var msgs []string
				for end := time.Now().Add(15 * time.Second); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
					img := screenshot(t, ctx, "tiles-victoria-"+th.Name+"-z"+zoom)
					v := currentView(t, ctx, r)
					msgs = msgs[:0]
					// Around the middle of the lake, 26 px off (borders
					// and boundaries cross it), and in Kenya east of it.
					lake := v.Screen(orb.Point{33.0, -1.2})
					lake = orb.Point{lake[0] + r.X, lake[1] + r.Y}
					if _, sea, seen := landAround(img, lake, ratio, th); sea < 4 {
						msgs = append(msgs, fmt.Sprintf("Lake Victoria at CSS %.0f,%.0f: %d of 8 points around are water (%s)", lake[0], lake[1], sea, strings.Join(seen, " ")))
					}
					kenya := v.Screen(orb.Point{38.0, 0.5}) // Isiolo: 1.1° (26 px at zoom 5) from any lake
					kenya = orb.Point{kenya[0] + r.X, kenya[1] + r.Y}
					if land, sea, seen := landAround(img, kenya, ratio, th); land < 4 || sea > 0 {
						msgs = append(msgs, fmt.Sprintf("Kenya at CSS %.0f,%.0f: %d of 8 points around are land, %d water (%s)", kenya[0], kenya[1], land, sea, strings.Join(seen, " ")))
					}
					if len(msgs) == 0 {
						break
					}
				}
				for _, m := range msgs {
					t.Error(m)
				}
			})
		}
	}
}

// TestDefaultTilesNamePlaces: the default tiles' populated places (Natural
// Earth's) are named beside their dots at a city zoom, as reference cities
// outside the Middle East: Nairobi and Kampala at zoom 6.5 (a story in South
// America, so no site of the story stands there), Kampala not at zoom 4.
func TestDefaultTilesNamePlaces(t *testing.T) {
	for _, tc := range []struct {
		zoom   string
		want   []string
		absent []string
	}{
		{"6.5", []string{"Nairobi", "Kampala"}, nil},
		{"4", []string{"Nairobi"}, []string{"Kampala"}},
	} {
		t.Run("zoom "+tc.zoom, func(t *testing.T) {
			t.Parallel()
			ctx := tab(t, 800, 600, 1)
			open(t, ctx, "/embed.html?data=testdata/world-south-america.geojson#view=-0.5,34.7,"+tc.zoom, "ready")
			waitText(t, ctx, `document.documentElement.dataset.basemap || ""`, "loaded")
			js := `[...document.querySelectorAll("#map-labels > .label.city:not([hidden])")].map(e => e.textContent).join("|")`
			for _, name := range tc.want {
				waitText(t, ctx, js, name)
			}
			got := text(t, ctx, js)
			for _, name := range tc.absent {
				if strings.Contains(got, name) {
					t.Errorf("%s named at zoom %s (city labels %q)", name, tc.zoom, got)
				}
			}
			screenshot(t, ctx, "tiles-places-z"+tc.zoom)
		})
	}
}

// TestNewsroomTilesRefused: a tiles= on a foreign origin, or that is not a
// PMTiles archive, leaves the default basemap, and the embed says so by
// name, in words, without hiding the story.
func TestNewsroomTilesRefused(t *testing.T) {
	for _, tc := range []struct {
		name, tiles, want string
	}{
		{"foreign origin", "https://tiles.example.com/city.pmtiles", `tiles="https://tiles.example.com/city.pmtiles" is refused: tiles load only from this site`},
		{"not pmtiles", "testdata/no-sites.geojson", "not a PMTiles v3 archive"},
		{"missing", "testdata/none.pmtiles", "HTTP 404"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := tab(t, 800, 600, 1)
			open(t, ctx, "/embed.html?data=testdata/no-sites.geojson&tiles="+url.QueryEscape(tc.tiles), "ready")
			waitText(t, ctx, `(document.getElementById("basemap-warning") || {}).textContent || ""`, tc.want)
			waitText(t, ctx, `document.documentElement.dataset.basemap || ""`, "loaded")
			if got := text(t, ctx, `document.querySelector("#attribution a").textContent`); !strings.Contains(got, "Natural Earth") {
				t.Errorf("attribution %q, want Natural Earth's", got)
			}
		})
	}
}

// TestBasemapTilesGivenUp fails every request of the tile archive past the
// head boot.js reads (the view's own tiles): the map still gets ready, on
// the coarse tiles of the head, and html[data-basemap] says "partial", not
// "loaded", once each tile has had its tries; each tile was asked for more
// than once.
func TestBasemapTilesGivenUp(t *testing.T) {
	t.Parallel()
	ctx := tab(t, 800, 600, 1)
	var mu sync.Mutex
	failed := map[string]int{} // Range header → requests failed
	if err := chromedp.Listen(ctx, func(ev any) {
		e, ok := ev.(*fetch.EventRequestPaused)
		if !ok {
			return
		}
		r, _ := e.Request.Headers["Range"].(string)
		var from int
		fmt.Sscanf(r, "bytes=%d-", &from)
		if from >= 48<<10 {
			mu.Lock()
			failed[r]++
			mu.Unlock()
			go chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: e.RequestID, ErrorReason: network.ErrorReasonFailed})
			return
		}
		go chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: e.RequestID})
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*.pmtiles*"}}}); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, "/embed.html", "ready")
	waitText(t, ctx, `document.documentElement.dataset.basemap || ""`, "partial")
	mu.Lock()
	defer mu.Unlock()
	if len(failed) == 0 {
		t.Fatal("no tile of the view was asked for past the head")
	}
	for r, n := range failed {
		if n < 2 {
			t.Errorf("tile range %s asked for %d time, want it asked again", r, n)
		}
	}
	t.Logf("%d tile ranges failed, asked for %v", len(failed), failed)
}
