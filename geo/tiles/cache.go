package tiles

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"mapline/geo"
)

// Cache keeps the tiles a map has fetched and says which it needs for a
// view: the logic of a tiled basemap, on the host; the wasm only fetches.
// It is not safe for concurrent use.
type Cache struct {
	MinZoom, MaxZoom uint8 // of the archive
	// Keep is how many tiles it holds at most (the least recently used go
	// first; the tiles of the last view are never dropped).
	Keep int
	// Tries is how many times a tile is fetched before it is given up: a
	// tile that failed is asked for again (Want) until then, and the view
	// is still loading meanwhile. A tile given up is drawn from its nearest
	// held ancestor, leaves the view Partial, and is asked for once more
	// by the next view that needs another set of tiles.
	Tries int

	held    map[Key]*entry
	pending map[Key]bool
	failed  map[Key]int // fetches of the tile that failed since it was last held
	clock   int
	wanted  []Key // the tiles the last view given to Want needs
	cover   []*Piece
	coverID []Key // the keys of cover, to tell whether it changed
}

type entry struct {
	piece *Piece // nil: the archive has no such tile (open sea), or it failed
	used  int
}

// NewCache returns a cache for an archive of these zooms.
func NewCache(minZoom, maxZoom uint8) *Cache {
	return &Cache{MinZoom: minZoom, MaxZoom: min(maxZoom, 30), Keep: 256, Tries: 3, held: map[Key]*entry{}, pending: map[Key]bool{}, failed: map[Key]int{}}
}

// Zoom is the zoom of the tiles drawn at view zoom z: its floor, within the
// archive's zooms (a view beyond MaxZoom draws MaxZoom's tiles scaled).
func (c *Cache) Zoom(z float64) uint8 {
	return uint8(max(float64(c.MinZoom), min(float64(c.MaxZoom), math.Floor(z))))
}

// Needed returns the tiles view v draws, in rows from the north-west, each
// once. The map wraps round the antimeridian: a view across it needs the
// columns of both sides (x modulo 2^z), and geo draws each piece at the
// copy of the world the view shows it at.
func (c *Cache) Needed(v geo.View) []Key {
	z := c.Zoom(v.Zoom)
	n := int64(1) << z
	size := geo.WorldSize / float64(n)
	wb := v.WorldBound()
	if !(wb.Max[0]-wb.Min[0] < geo.WorldSize) { // wider than the world, or NaN
		wb.Min[0], wb.Max[0] = 0, geo.WorldSize-size/2
	}
	x0, x1 := int64(math.Floor(wb.Min[0]/size)), int64(math.Floor(wb.Max[0]/size))
	y0, y1 := int64(math.Floor(wb.Min[1]/size)), int64(math.Floor(wb.Max[1]/size))
	x1 = min(x1, x0+n-1)
	y0, y1 = max(0, y0), min(n-1, y1)
	var ks []Key
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			ks = append(ks, Key{z, uint32(((x % n) + n) % n), uint32(y)})
		}
	}
	return ks
}

// Want returns the tiles view v needs that the cache neither holds nor
// awaits nor has given up (Tries), and marks them awaited: fetch each and
// hand it to Put or Fail. A view whose tiles are all held wants nothing: a
// map at rest asks for nothing. A view that needs another set of tiles
// than the last one given to Want gives each tile given up one more try.
func (c *Cache) Want(v geo.View) []Key {
	needed := c.Needed(v)
	if !slices.Equal(needed, c.wanted) {
		c.wanted = needed
		for _, k := range needed {
			if c.failed[k] >= c.tries() {
				c.failed[k] = c.tries() - 1
			}
		}
	}
	var out []Key
	for _, k := range needed {
		if c.held[k] == nil && !c.pending[k] && c.failed[k] < c.tries() {
			c.pending[k] = true
			out = append(out, k)
		}
	}
	return out
}

// tries is Tries, at least 1.
func (c *Cache) tries() int { return max(c.Tries, 1) }

// Put hands the cache a fetched tile: p nil when the archive has none (open
// sea: nothing is drawn there).
func (c *Cache) Put(k Key, p *Piece) {
	delete(c.pending, k)
	delete(c.failed, k)
	c.clock++
	c.held[k] = &entry{piece: p, used: c.clock}
	c.evict()
}

// Fail records that tile k could not be fetched or read: its nearest held
// ancestor draws its place, and Want asks for it again until it has failed
// Tries times.
func (c *Cache) Fail(k Key) {
	delete(c.pending, k)
	c.failed[k]++
}

// Status is how far the tiles of a view have loaded.
type Status uint8

const (
	Loading Status = iota // a tile the view needs is awaited, or to be asked for again
	Loaded                // every tile the view needs is held: it is drawn in full detail
	Partial               // the rest is held, but a tile was given up (Tries): a coarser ancestor draws its place
)

// String is the status as the page's html[data-basemap] says it.
func (s Status) String() string {
	switch s {
	case Loading:
		return "loading"
	case Loaded:
		return "loaded"
	case Partial:
		return "partial"
	}
	return fmt.Sprintf("Status(%d)", uint8(s))
}

// Status reports whether view v's tiles are all held (Loaded), some still
// to come (Loading), or the rest held and some given up (Partial).
func (c *Cache) Status(v geo.View) Status {
	st := Loaded
	for _, k := range c.Needed(v) {
		switch {
		case c.held[k] != nil:
		case c.failed[k] >= c.tries() && !c.pending[k]:
			st = Partial
		default:
			return Loading
		}
	}
	return st
}

// Complete reports whether view v has no tile left to wait for: each is
// held or given up (Status, not Loading). It does not say the view is in
// full detail: Status does.
func (c *Cache) Complete(v geo.View) bool { return c.Status(v) != Loading }

// Held reports whether the cache holds tile k.
func (c *Cache) Held(k Key) bool { return c.held[k] != nil }

// Cover returns the pieces that draw view v: each needed tile if held, else
// its nearest held ancestor (scaled, until the tile arrives), each piece
// once; and whether that set differs from the last call's.
func (c *Cache) Cover(v geo.View) ([]*Piece, bool) {
	c.clock++
	var keys []Key
	var ps []*Piece
	seen := map[Key]bool{}
	for _, k := range c.Needed(v) {
		for a := k; ; a = a.Parent() {
			e := c.held[a]
			if e != nil {
				e.used = c.clock
				if !seen[a] {
					seen[a] = true
					keys = append(keys, a)
					if e.piece != nil {
						ps = append(ps, e.piece)
					}
				}
				break
			}
			if a.Z == 0 || a.Z <= c.MinZoom {
				break
			}
		}
	}
	// A tile whose ancestor stands in for a sibling is left out with its
	// piece: pieces that overlap would cancel out under the even-odd rule.
	// Its ancestor draws it, coarser, until the siblings arrive.
	if len(keys) > 1 {
		chosen := map[Key]bool{}
		for _, k := range keys {
			chosen[k] = true
		}
		keys, ps = keys[:0], ps[:0]
		for _, k := range c.keysOf(chosen) {
			covered := false
			for a := k; a.Z > 0 && !covered; {
				a = a.Parent()
				covered = chosen[a]
			}
			if !covered {
				keys = append(keys, k)
				if e := c.held[k]; e.piece != nil {
					ps = append(ps, e.piece)
				}
			}
		}
	}
	changed := len(keys) != len(c.coverID)
	for i := 0; !changed && i < len(keys); i++ {
		changed = keys[i] != c.coverID[i]
	}
	c.cover, c.coverID = ps, keys
	return ps, changed
}

// keysOf returns the keys of a set in the order of their tile ids.
func (c *Cache) keysOf(set map[Key]bool) []Key {
	ks := make([]Key, 0, len(set))
	for k := range set {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return TileID(ks[i].Z, ks[i].X, ks[i].Y) < TileID(ks[j].Z, ks[j].X, ks[j].Y) })
	return ks
}

// evict drops the least recently used tiles beyond Keep, but those of the
// last cover.
func (c *Cache) evict() {
	for len(c.held) > c.Keep {
		var oldest Key
		best := math.MaxInt
		for k, e := range c.held {
			if e.used < best && !c.inCover(k) {
				oldest, best = k, e.used
			}
		}
		if best == math.MaxInt {
			return
		}
		delete(c.held, oldest)
	}
}

func (c *Cache) inCover(k Key) bool {
	for _, ck := range c.coverID {
		if ck == k {
			return true
		}
	}
	return false
}
