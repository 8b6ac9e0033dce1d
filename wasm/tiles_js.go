package main

import (
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall/js"

	"mapline/geo"
	"mapline/geo/tiles"
	"mapline/internal/jsonval"
	"mapline/internal/subst"
	"mapline/wasm/mapui"
)

// tiler fetches the basemap's tiles the view needs from the archive, by HTTP
// Range requests, and hands the map the pieces that draw the view (the
// logic, which tiles and which parent stands in, is tiles.Cache's).
type tiler struct {
	url    string
	r      *tiles.Reader
	cache  *tiles.Cache // Update's only
	bm     *geo.Basemap // the last basemap given to the map
	state  string       // the root's data-basemap: "loading", "loaded" or "partial"
	marked bool         // the view's tiles have been loaded once
	asked  bool         // askTiles has asked for tiles once
	// settled counts the Updates since the view's tiles were all there, up
	// to 2: at 2, a frame with them has been drawn (tilesDrawn).
	settled int

	mu      sync.Mutex
	arrived []arrival // fetched since the last update
}

type arrival struct {
	k     tiles.Key
	piece *tiles.Piece // nil: no such tile (open sea)
	err   error        // it could not be fetched or read: its parent stands in
}

// theTiler is the archive the basemap came from, once open (fetchBasemap).
var theTiler atomic.Pointer[tiler]

// fetchBasemap opens the tile archive: a newsroom's (custom, from tiles=)
// when given and usable, else the default one whose first bytes boot.js
// fetched (window.maplineBasemap, window.maplineTilesURL). It returns the
// basemap of the archive's lowest tile, to draw until the view's tiles
// arrive. A custom archive that cannot be used (prob says why it was
// refused, or it is missing, not PMTiles, not in the Protomaps schema, on
// a host that ignores Range) leaves the default basemap, with a warning in
// words under the map and in the console: not an error, the story shows.
func fetchBasemap(custom, prob string) (*geo.Basemap, error) {
	var t *tiler
	if prob == "" && custom != "" {
		var err error
		if t, err = openTiler(custom, nil); err == nil {
			err = protomapsSchema(t.r.Metadata)
		}
		if err != nil {
			prob = fmt.Sprintf("the tiles at %s cannot be used: %v", custom, err)
			t = nil
		}
	}
	if prob != "" {
		tilesWarning(prob + "; the default basemap is shown")
	}
	if t == nil {
		promise := js.Global().Get("maplineBasemap")
		u := js.Global().Get("maplineTilesURL")
		if promise.Type() != js.TypeObject || u.Type() != js.TypeString {
			return nil, errors.New("the basemap was not requested (boot.js sets window.maplineBasemap)")
		}
		buf, err := await(promise)
		if err != nil {
			return nil, fmt.Errorf("the basemap could not be loaded from %s: %v", u.String(), err)
		}
		head := make([]byte, buf.Get("byteLength").Int())
		js.CopyBytesToGo(head, js.Global().Get("Uint8Array").New(buf))
		if t, err = openTiler(u.String(), head); err != nil {
			return nil, err
		}
	} else {
		tilesAttribution(t.r.Metadata)
	}
	r := t.r
	k := tiles.Key{Z: r.Header.MinZoom}
	var pieces []*tiles.Piece
	if k.Z == 0 {
		b, err := r.Tile(0, 0, 0)
		var p *tiles.Piece
		if err == nil {
			p, err = tiles.DecodePiece(k, b)
		}
		if err != nil && !errors.Is(err, tiles.ErrNoTile) {
			js.Global().Get("console").Call("warn", fmt.Sprintf("mapline: basemap tile %s: %v", k, err))
		}
		t.cache.Put(k, p)
		if p != nil {
			pieces = append(pieces, p)
		}
	}
	theTiler.Store(t)
	return geo.NewBasemap([]geo.Level{tiles.Level(pieces)}), nil
}

// openTiler opens the archive at url; head, when not nil, is its first
// bytes, fetched already.
func openTiler(url string, head []byte) (*tiler, error) {
	t := &tiler{url: url}
	r, err := tiles.Open(t.fetcher(head))
	if err != nil {
		return nil, fmt.Errorf("the basemap at %s could not be read: %v", url, err)
	}
	t.r = r
	t.cache = tiles.NewCache(r.Header.MinZoom, r.Header.MaxZoom)
	return t, nil
}

// protomapsSchema checks that an archive's metadata names the layers of
// the Protomaps basemap schema that mapline draws (earth at least).
func protomapsSchema(meta []byte) error {
	// Read with internal/jsonval, as encoding/json would decode it into
	// struct { Layers []struct { ID string } }: the wasm links no
	// encoding/json (issue 17: 59,436 B brotli).
	if err := jsonval.Check(string(meta)); err != nil {
		return fmt.Errorf("its metadata is not JSON (%v)", err)
	}
	top, ok := jsonval.Object(string(meta))
	if !ok && jsonval.Kind(string(meta)) != 'n' {
		return errors.New("its metadata is not a JSON object")
	}
	layers, _ := jsonval.Field(top, "vector_layers")
	var ids []string
	if items, ok := jsonval.Array(layers); ok {
		for _, l := range items {
			ms, _ := jsonval.Object(l)
			v, _ := jsonval.Field(ms, "id")
			id, _ := jsonval.String(v)
			if id == "earth" {
				return nil
			}
			ids = append(ids, id)
		}
	}
	return fmt.Errorf("it is not in the Protomaps basemap schema (no layer earth; its layers: %s)", strings.Join(ids, ", "))
}

// tilesWarning says in words, under the map (#attribution, role status)
// and in the console, why a newsroom's tiles are not drawn.
func tilesWarning(msg string) {
	js.Global().Get("console").Call("warn", "mapline: "+msg)
	doc := js.Global().Get("document")
	at := doc.Call("getElementById", "attribution")
	if !at.Truthy() {
		return
	}
	w := doc.Call("createElement", "span")
	w.Set("id", "basemap-warning")
	w.Call("setAttribute", "role", "status")
	w.Call("setAttribute", "dir", "auto")
	w.Set("textContent", " · "+msg)
	at.Call("appendChild", w)
}

// tilesAttribution shows the attribution of a newsroom's archive (its
// metadata's, tags taken out: it is shown as text, never as HTML) in place
// of Natural Earth's.
func tilesAttribution(meta []byte) {
	ms, _ := jsonval.Object(string(meta))
	v, _ := jsonval.Field(ms, "attribution")
	attribution, _ := jsonval.String(v)
	if strings.TrimSpace(attribution) == "" {
		return
	}
	text := tagRE.ReplaceAllString(attribution, "")
	a := js.Global().Get("document").Call("querySelector", "#attribution a")
	if !a.Truthy() {
		return
	}
	a.Call("removeAttribute", "href")
	a.Call("removeAttribute", "data-msg")
	a.Set("textContent", subst.All(strings.TrimSpace(text), entities...))
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// entities are the HTML entities attributions use (html.UnescapeString's
// table of 2,000 would cost the wasm more than the rest of the tiles), as
// old, new pairs for subst.All.
var entities = []string{"&copy;", "©", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'", "&nbsp;", " "}

// fetcher reads the archive: the first bytes from head, the rest by Range.
func (t *tiler) fetcher(head []byte) tiles.Fetcher {
	return func(off, n uint64) ([]byte, error) {
		if off+n <= uint64(len(head)) {
			return head[off : off+n], nil
		}
		if off == 0 && len(head) > 0 {
			return head, nil // the archive is shorter than what was asked
		}
		return rangeFetch(t.url, off, n)
	}
}

// rangeFetch fetches n bytes at off of url with a Range request, and
// refuses a response that is not a range (206): a host that ignores Range
// would send the whole archive.
func rangeFetch(url string, off, n uint64) ([]byte, error) {
	opts := js.Global().Get("Object").New()
	hdr := js.Global().Get("Object").New()
	hdr.Set("Range", fmt.Sprintf("bytes=%d-%d", off, off+n-1))
	opts.Set("headers", hdr)
	resp, err := await(js.Global().Call("fetch", url, opts))
	if err != nil {
		return nil, err
	}
	if st := resp.Get("status").Int(); st != 206 {
		if body := resp.Get("body"); body.Truthy() {
			body.Call("cancel")
		}
		if st == 200 {
			return nil, fmt.Errorf("%s: the host ignores Range requests (HTTP 200 instead of 206)", url)
		}
		return nil, fmt.Errorf("%s: HTTP %d", url, st)
	}
	buf, err := await(resp.Call("arrayBuffer"))
	if err != nil {
		return nil, err
	}
	b := make([]byte, buf.Get("byteLength").Int())
	js.CopyBytesToGo(b, js.Global().Get("Uint8Array").New(buf))
	return b, nil
}

// updateTiles is the tiles' part of Update: it takes the tiles that
// arrived, asks for those the view needs once the view rests (nothing when
// they are all there), and gives the map a new basemap when the pieces that
// draw the view changed, and reports whether it did.
func updateTiles(st *mapui.State, moving, composite bool) (put bool) {
	t := theTiler.Load()
	if t == nil {
		return false
	}
	t.mu.Lock()
	got := t.arrived
	t.arrived = nil
	t.mu.Unlock()
	for _, a := range got {
		if a.err != nil {
			t.cache.Fail(a.k)
		} else {
			t.cache.Put(a.k, a.piece)
		}
	}
	v := st.View()
	if !moving {
		t.ask(v)
	}
	// The map may have been given the first basemap since (the story
	// and the basemap arrive together: page.apply).
	// While a pan or zoom moves the frame on screen on the compositor
	// (mapui.Compositor), the tiles under the new view are put on the map
	// when it is drawn again (the gesture rests, or passes the margin or
	// the scale limit), not in a frame of their own mid-gesture.
	if composite && st.Map().Basemap == t.bm {
		return false
	}
	if pieces, changed := t.cache.Cover(v); changed || st.Map().Basemap != t.bm {
		t.bm = geo.NewBasemap([]geo.Level{tiles.Level(pieces)})
		st.SetBasemap(t.bm)
		put = true
	}
	// data-basemap says whether the view's own tiles are all drawn (tests
	// and cmd/bench wait for "loaded"), or "partial": all but a tile given
	// up after tiles.Cache's tries, a coarser ancestor drawn in its place.
	// Either is settled: the poster goes, the page is ready.
	state := t.cache.Status(v).String()
	if state != t.state {
		if state != "loading" && !t.marked {
			t.marked = true
			mark("mapline:tiles-loaded") // the first time, for cmd/bench: the load's steps
		}
		t.state = state
		js.Global().Get("document").Get("documentElement").Call("setAttribute", "data-basemap", state)
	}
	if state == "loading" {
		t.settled = 0
	} else if t.settled < 2 {
		t.settled++
		frames.wake() // one more Update, after the frame that draws them
	}
	return put
}

// askTiles asks for the tiles of view v that are neither held nor on their
// way, when the archive is open, and lets their fetches start before it
// returns: the Update that asks goes on with the controls (storyArrived)
// while the requests are out, and takes the tiles in a later Update.
func askTiles(v geo.View) {
	t := theTiler.Load()
	if t == nil || t.ask(v) == 0 {
		return
	}
	if !t.asked {
		t.asked = true
		mark("mapline:tiles-asked") // the first time, for cmd/bench: the load's steps
	}
	// Each fetch runs until it waits for its response, its request out;
	// then this goroutine goes on (it queues behind them).
	runtime.Gosched()
}

// ask fetches each tile of view v that the cache neither holds nor awaits,
// each in a goroutine, and returns how many.
func (t *tiler) ask(v geo.View) int {
	ks := t.cache.Want(v)
	for _, k := range ks {
		go t.fetch(k)
	}
	return len(ks)
}

// tilesDrawn reports whether a frame with all the view's tiles has been
// drawn, or there is no archive to wait for. The page keeps its poster
// until then (game.Update, setReady): the coarse zoom 0 tile never shows
// in place of the poster's detail.
func tilesDrawn() bool {
	t := theTiler.Load()
	return t == nil || t.settled >= 2
}

// tilesLoaded reports whether the view's tiles are all there (drawn or
// not) or given up, or there is no archive to wait for.
func tilesLoaded() bool {
	t := theTiler.Load()
	return t == nil || t.state == "loaded" || t.state == "partial"
}

// fetch fetches and decodes tile k, then wakes the game loop.
func (t *tiler) fetch(k tiles.Key) {
	defer frames.wake()
	a := arrival{k: k}
	b, err := t.r.Tile(k.Z, k.X, k.Y)
	switch {
	case errors.Is(err, tiles.ErrNoTile):
	case err != nil:
		a.err = err
	default:
		a.piece, a.err = tiles.DecodePiece(k, b)
	}
	if a.err != nil {
		js.Global().Get("console").Call("warn", fmt.Sprintf("mapline: basemap tile %s skipped: %v", k, a.err))
	}
	t.mu.Lock()
	t.arrived = append(t.arrived, a)
	t.mu.Unlock()
}
