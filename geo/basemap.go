package geo

import (
	"encoding/binary"
	"errors"
	"fmt"
	"mapline/internal/order"
	"math"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// The basemap (basemap.bin): Natural Earth countries (world-atlas 2.0.2) of
// the whole world at four levels of detail: 1:110m below zoom 2, 1:50m below
// zoom 4, 1:10m above, where the first-level boundaries (Natural Earth
// admin-1) come too; Natural Earth's lakes (1:110m, then 1:50m) in every
// level, and its 1:110m populated places once for all. Regenerate it with
// cmd/basemap (make basemap). Native programs have it embedded
// (DefaultBasemap); geo/tiles cuts it into the tiles the embed's wasm
// reads; the studio's wasm fetches it and decodes it with DecodeBasemap.

// Country is one country of the basemap at one level of detail, in world coordinates.
type Country struct {
	ID   int    // ISO 3166-1 numeric code (0 when Natural Earth has none)
	Name string // Natural Earth English name
	// Names are the country's name in other languages, by language
	// ("ar" → "العراق"), shared by the country's entries at every level.
	Names    map[string]string
	Polygons []orb.Polygon // world coordinates (see World), first ring outer, others holes
	Bound    orb.Bound     // world-coordinate bound of Polygons

	// LabelAt is where to put the country's name, in world coordinates: the
	// pole of inaccessibility of its largest polygon (the interior point
	// farthest from its outline), computed on the whole country before
	// clipping to the level's region. It may lie outside Polygons and Bound
	// when the country is clipped (cull it with the view).
	LabelAt orb.Point
	// Area is the area of all the country's polygons before clipping, in
	// world units² (square CSS px at zoom 0), to tell whether its name fits.
	Area float64
	// Room is how far the name may move off LabelAt and stay inside the
	// country, in world units (LabelRoom), when it was worked out before the
	// country was cut into tiles; 0: work it out from Polygons.
	Room float64
}

// NameIn is the country's name in the language lang ("fa-IR" finds "fa"),
// or its English name.
func (c *Country) NameIn(lang string) string { return nameIn(c.Names, lang, c.Name) }

// Level is the basemap at one level of detail, to be used for zooms below
// MaxZoom (and at or above the MaxZoom of the previous level). The last level's
// MaxZoom is +Inf.
//
// Rings are closed (first point repeated at the end). Neighbouring countries
// share the very same vertices along their common border, so they draw without
// cracks. Borders are the land borders between two countries (no coastlines),
// made of the same vertices as the countries' rings.
type Level struct {
	MaxZoom   float64
	Countries []Country
	Borders   []orb.LineString
	// Regions are the first-level boundaries inside countries (states,
	// provinces, governorates; Natural Earth admin-1), in the levels used
	// from zoom 4.
	Regions []orb.LineString
	// Water is drawn in the sea's colour over the land: Natural Earth's
	// lakes in the default basemap (the binary format holds them), lakes,
	// rivers and the sea of a newsroom's vector tiles (geo/tiles).
	// Roads come from vector tiles only.
	Water []orb.Polygon
	// Rivers are the water layer's lines in a newsroom's vector tiles
	// (Protomaps v4: kind river, stream, canal…), drawn in the sea's
	// colour; the default basemap has none.
	Rivers []orb.LineString
	Roads  []orb.LineString
	// Places are the populated places (reference cities) of the world,
	// shared by every level of the default basemap; a tile's places.
	Places []Place
}

// Basemap holds the world's countries and borders at several levels of detail.
type Basemap struct {
	levels []Level
}

// NewBasemap returns a basemap of these levels, ordered by increasing
// MaxZoom (geo/tiles makes one of the tiles in view). The levels are not
// copied.
func NewBasemap(levels []Level) *Basemap { return &Basemap{levels: levels} }

// Binary format (all varints are encoding/binary varints; points are zig-zag
// varint deltas from the previous point of the same level, starting at 0,0, on
// the level's grid of 2^quantBits units per world unit):
//
//	magic "MLBM", version byte, uvarint nLevels
//	per level: float32 maxZoom (little endian), quantBits byte, uvarint nCountries
//	  per country: uint16 id (little endian), uvarint len + UTF-8 name,
//	    label point, float32 area (little endian),
//	    uvarint nPolygons, per polygon uvarint nRings,
//	    per ring uvarint nPoints (closing point omitted) + points
//	  uvarint nBorders, per border uvarint nPoints + points
//	  uvarint nRegions, per region boundary uvarint nPoints + points
//	  uvarint nWater, per water polygon (a lake) uvarint nRings, per ring
//	    uvarint nPoints (closing point omitted) + points
//	then the names in other languages: uvarint nCountries, per country
//	  uvarint len + English name, uvarint nNames, per name (sorted by
//	  language) uvarint len + language, uvarint len + name
//	then the places (the first level's, given to every level): uvarint
//	  nPlaces, per place uvarint len + name, point (on the last level's
//	  grid, deltas from the previous place), flags byte (1: capital),
//	  min zoom byte (tenths), rank byte, uvarint nNames, per name (sorted
//	  by language) uvarint len + language, uvarint len + name
const (
	bmMagic = "MLBM"
	// bmVersion 2 added the label point and area of the countries and made
	// the quantization one of each level.
	// bmVersion 3 added the countries' names in other languages.
	// bmVersion 4 added the first-level boundaries (Level.Regions).
	// bmVersion 5 added the lakes (Level.Water).
	// bmVersion 6 added the places (Level.Places).
	bmVersion = 6
	// bmMaxQuantBits: at most 2^14 grid units per world unit, i.e. 2^22
	// across the world. At zoom 10 (1 world unit = 1024 CSS px) a grid step is
	// 1/16 px, so the rounding error is at most 1/32 px per axis (0.044 px
	// diagonally). See bmQuantBits.
	bmMaxQuantBits = 14
	// Sanity limits of the decoder.
	bmMaxLevels  = 64
	bmMaxNameLen = 1024
	bmChunk      = 4096 // points per decoder allocation
)

var emptyLevel = Level{MaxZoom: math.Inf(1)}

// bmQuantBits returns the quantization of a level used below maxZoom: a grid
// step of 1/16 CSS px at maxZoom (2^(maxZoom+4) grid units per world unit,
// rounded up), at most 2^bmMaxQuantBits. A level's rounding error is thus at
// most 1/32 px per axis at the zooms it is drawn at (up to zoom 10).
func bmQuantBits(maxZoom float64) int {
	if !(maxZoom < bmMaxQuantBits-4) {
		return bmMaxQuantBits
	}
	return int(math.Ceil(math.Max(maxZoom, 0))) + 4
}

// EncodeBasemap encodes levels into the binary basemap format read by
// DecodeBasemap. Points (label points too) are quantized to 1/2^q world unit,
// with q = bmQuantBits(MaxZoom) (1/16 px at MaxZoom, or at zoom 10 for the
// last level), and areas stored as float32 (negative, infinite or NaN areas as
// 0); closed rings are stored without their closing point (DecodeBasemap closes
// every ring). Rings must have at least 3 points besides the closing one and
// borders at least 2, or DecodeBasemap rejects the result. Country IDs must fit
// in a uint16 (others are stored as 0). Bound is not stored: it is recomputed
// when decoding. The output depends only on the input.
func EncodeBasemap(levels []Level) []byte {
	b := make([]byte, 0, 1<<16)
	b = append(b, bmMagic...)
	b = append(b, bmVersion)
	b = binary.AppendUvarint(b, uint64(len(levels)))
	for _, lv := range levels {
		// MaxZoom is stored as a float32: quantize as the decoded level will.
		q := bmQuantBits(float64(float32(lv.MaxZoom)))
		scale := math.Exp2(float64(q))
		var px, py int64
		point := func(p orb.Point) {
			x := int64(math.Round(p[0] * scale))
			y := int64(math.Round(p[1] * scale))
			b = binary.AppendVarint(b, x-px)
			b = binary.AppendVarint(b, y-py)
			px, py = x, y
		}
		// A polygon is its ring count, then each ring's points without the
		// closing one (the reader, bmReader.polygon, closes it again).
		polygon := func(poly orb.Polygon) {
			b = binary.AppendUvarint(b, uint64(len(poly)))
			for _, r := range poly {
				if len(r) > 1 && r[0] == r[len(r)-1] {
					r = r[:len(r)-1]
				}
				b = binary.AppendUvarint(b, uint64(len(r)))
				for _, p := range r {
					point(p)
				}
			}
		}
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(float32(lv.MaxZoom)))
		b = append(b, byte(q))
		b = binary.AppendUvarint(b, uint64(len(lv.Countries)))
		for _, c := range lv.Countries {
			id := c.ID
			if id < 0 || id > math.MaxUint16 {
				id = 0
			}
			b = binary.LittleEndian.AppendUint16(b, uint16(id))
			b = binary.AppendUvarint(b, uint64(len(c.Name)))
			b = append(b, c.Name...)
			point(c.LabelAt)
			area := float32(c.Area)
			if !(area >= 0) || math.IsInf(float64(area), 0) {
				area = 0
			}
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(area))
			b = binary.AppendUvarint(b, uint64(len(c.Polygons)))
			for _, poly := range c.Polygons {
				polygon(poly)
			}
		}
		for _, lines := range [][]orb.LineString{lv.Borders, lv.Regions} {
			b = binary.AppendUvarint(b, uint64(len(lines)))
			for _, ls := range lines {
				b = binary.AppendUvarint(b, uint64(len(ls)))
				for _, p := range ls {
					point(p)
				}
			}
		}
		b = binary.AppendUvarint(b, uint64(len(lv.Water)))
		for _, poly := range lv.Water {
			polygon(poly)
		}
	}
	// The names in other languages, once per country (the first level's
	// names of a country win), in the order of the English names.
	names := map[string]map[string]string{}
	for _, lv := range levels {
		for _, c := range lv.Countries {
			if _, ok := names[c.Name]; !ok && len(c.Names) > 0 {
				names[c.Name] = c.Names
			}
		}
	}
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendUvarint(b, uint64(len(names)))
	for _, en := range sortedKeys(names) {
		str(en)
		b = binary.AppendUvarint(b, uint64(len(names[en])))
		for _, l := range sortedKeys(names[en]) {
			str(l)
			str(names[en][l])
		}
	}
	var places []Place
	if len(levels) > 0 {
		places = levels[0].Places
	}
	scale := math.Exp2(bmMaxQuantBits)
	var px, py int64
	b = binary.AppendUvarint(b, uint64(len(places)))
	for _, pl := range places {
		str(pl.Name)
		w := World(pl.LonLat)
		x, y := int64(math.Round(w[0]*scale)), int64(math.Round(w[1]*scale))
		b = binary.AppendVarint(b, x-px)
		b = binary.AppendVarint(b, y-py)
		px, py = x, y
		var flags byte
		if pl.Capital {
			flags = 1
		}
		b = append(b, flags, byte(max(0, min(255, math.Round(pl.MinZoom*10)))), byte(max(0, min(255, pl.Rank))))
		b = binary.AppendUvarint(b, uint64(len(pl.Names)))
		for _, l := range sortedKeys(pl.Names) {
			str(l)
			str(pl.Names[l])
		}
	}
	return b
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	order.Strings(ks)
	return ks
}

// bmReader reads the binary format, remembering the first error.
type bmReader struct {
	b   []byte
	off int
	err error

	inv    float64 // world units per grid unit
	px, py int64   // previous point, in grid units
	// bound of the points read since resetBound, in grid units
	minX, minY, maxX, maxY int64
	// chunk is where points are allocated from: geometries are cut from
	// shared chunks (with capacity limited to their length) to save
	// allocations.
	chunk []orb.Point
}

func (r *bmReader) resetBound() {
	r.minX, r.minY = math.MaxInt64, math.MaxInt64
	r.maxX, r.maxY = math.MinInt64, math.MinInt64
}

// bound returns the bound of the points read since resetBound, or an empty
// bound if there were none.
func (r *bmReader) bound() orb.Bound {
	if r.minX > r.maxX {
		return orb.Bound{}
	}
	return orb.Bound{
		Min: orb.Point{float64(r.minX) * r.inv, float64(r.minY) * r.inv},
		Max: orb.Point{float64(r.maxX) * r.inv, float64(r.maxY) * r.inv},
	}
}

// point reads one point; it does not count in the bound.
func (r *bmReader) point() orb.Point {
	var d [2]int64
	for j := range d {
		if r.err != nil {
			return orb.Point{}
		}
		v, k := binary.Varint(r.b[r.off:])
		if k <= 0 {
			r.fail("bad or truncated point")
			return orb.Point{}
		}
		d[j] = v
		r.off += k
	}
	r.px += d[0]
	r.py += d[1]
	return orb.Point{float64(r.px) * r.inv, float64(r.py) * r.inv}
}

// polygon reads a polygon: its count of rings, then each ring (what names
// a ring in the error for one of fewer than 3 points).
func (r *bmReader) polygon(what string) orb.Polygon {
	nr := r.count("ring", 1)
	poly := make(orb.Polygon, nr)
	for ri := 0; ri < nr && r.err == nil; ri++ {
		n := r.count("point", 2)
		if r.err == nil && n < 3 {
			r.fail("%s of %d points", what, n)
		}
		poly[ri] = orb.Ring(r.points(n, true))
	}
	return poly
}

// points reads n points, adding the closing point if closed.
func (r *bmReader) points(n int, closed bool) []orb.Point {
	if r.err != nil {
		return nil
	}
	m := n
	if closed && n > 0 {
		m++
	}
	if cap(r.chunk)-len(r.chunk) < m {
		r.chunk = make([]orb.Point, 0, max(m, bmChunk))
	}
	l := len(r.chunk)
	pts := r.chunk[l : l+m : l+m]
	r.chunk = r.chunk[:l+m]
	b, off := r.b, r.off
	px, py := r.px, r.py
	for i := 0; i < n; i++ {
		var d [2]int64
		for j := range d {
			// Fast path for the common one-byte varints.
			if off < len(b) && b[off] < 0x80 {
				d[j] = int64(b[off]>>1) ^ -int64(b[off]&1)
				off++
				continue
			}
			v, k := binary.Varint(b[off:])
			if k <= 0 {
				r.off = off
				r.fail("bad or truncated point")
				return nil
			}
			d[j] = v
			off += k
		}
		dx, dy := d[0], d[1]
		px += dx
		py += dy
		r.minX, r.maxX = min(r.minX, px), max(r.maxX, px)
		r.minY, r.maxY = min(r.minY, py), max(r.maxY, py)
		pts[i] = orb.Point{float64(px) * r.inv, float64(py) * r.inv}
	}
	if m > n {
		pts[n] = pts[0]
	}
	r.off, r.px, r.py = off, px, py
	return pts
}

func (r *bmReader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("geo: basemap: "+format+" (at byte %d)", append(args, r.off)...)
	}
}

func (r *bmReader) remaining() int { return len(r.b) - r.off }

func (r *bmReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.fail("bad or truncated varint")
		return 0
	}
	r.off += n
	return v
}

func (r *bmReader) bytes(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > r.remaining() {
		r.fail("truncated data")
		return nil
	}
	s := r.b[r.off : r.off+n]
	r.off += n
	return s
}

// count reads a count of items each taking at least minBytes bytes, and checks
// it against the remaining input so corrupt counts cannot cause huge
// allocations.
func (r *bmReader) count(what string, minBytes int) int {
	v := r.uvarint()
	if r.err != nil {
		return 0
	}
	if v > uint64(r.remaining()/minBytes) {
		r.fail("%s count %d exceeds the data", what, v)
		return 0
	}
	return int(v)
}

// DecodeBasemap decodes a basemap written by EncodeBasemap. It returns an error
// (and never panics) on corrupt or truncated input.
func DecodeBasemap(b []byte) (*Basemap, error) {
	r := &bmReader{b: b}
	magic := r.bytes(len(bmMagic))
	if r.err != nil || string(magic) != bmMagic {
		return nil, errors.New("geo: basemap: not a basemap (bad magic)")
	}
	ver := r.bytes(1)
	if r.err != nil {
		return nil, r.err
	}
	if ver[0] != bmVersion {
		return nil, fmt.Errorf("geo: basemap: unsupported format version %d, want %d (regenerate it with cmd/basemap)", ver[0], bmVersion)
	}
	nLevels := r.count("level", 7)
	if r.err == nil && (nLevels == 0 || nLevels > bmMaxLevels) {
		r.fail("bad level count %d", nLevels)
	}
	if r.err != nil {
		return nil, r.err
	}

	bm := &Basemap{levels: make([]Level, nLevels)}
	for li := range bm.levels {
		lv := &bm.levels[li]
		r.px, r.py = 0, 0 // deltas restart at every level
		zb := r.bytes(4)
		if r.err != nil {
			return nil, r.err
		}
		lv.MaxZoom = float64(math.Float32frombits(binary.LittleEndian.Uint32(zb)))
		if math.IsNaN(lv.MaxZoom) || (li > 0 && lv.MaxZoom <= bm.levels[li-1].MaxZoom) {
			return nil, fmt.Errorf("geo: basemap: level %d: max zoom %g not increasing", li, lv.MaxZoom)
		}
		qb := r.bytes(1)
		if r.err != nil {
			return nil, r.err
		}
		if qb[0] > 30 {
			return nil, fmt.Errorf("geo: basemap: level %d: bad quantization %d", li, qb[0])
		}
		r.inv = math.Exp2(-float64(qb[0]))
		// A country takes at least 10 bytes: id, name length, label point,
		// area and polygon count.
		nc := r.count("country", 10)
		lv.Countries = make([]Country, nc)
		for ci := 0; ci < nc && r.err == nil; ci++ {
			c := &lv.Countries[ci]
			if idb := r.bytes(2); idb != nil {
				c.ID = int(binary.LittleEndian.Uint16(idb))
			}
			nameLen := r.count("name byte", 1)
			if nameLen > bmMaxNameLen {
				r.fail("name too long (%d bytes)", nameLen)
			}
			c.Name = string(r.bytes(nameLen))
			c.LabelAt = r.point()
			if ab := r.bytes(4); ab != nil {
				c.Area = float64(math.Float32frombits(binary.LittleEndian.Uint32(ab)))
				if !(c.Area >= 0) || math.IsInf(c.Area, 0) {
					r.fail("country %d: bad area %g", ci, c.Area)
				}
			}
			np := r.count("polygon", 1)
			c.Polygons = make([]orb.Polygon, np)
			r.resetBound()
			for pi := 0; pi < np && r.err == nil; pi++ {
				c.Polygons[pi] = r.polygon("ring")
			}
			c.Bound = r.bound()
		}
		nb := r.count("border", 1)
		if r.err != nil {
			return nil, r.err
		}
		lv.Borders = make([]orb.LineString, nb)
		for i := 0; i < nb && r.err == nil; i++ {
			n := r.count("point", 2)
			if r.err == nil && n < 2 {
				r.fail("border of %d points", n)
			}
			lv.Borders[i] = orb.LineString(r.points(n, false))
		}
		nr := r.count("region boundary", 1)
		if r.err != nil {
			return nil, r.err
		}
		if nr > 0 {
			lv.Regions = make([]orb.LineString, nr)
		}
		for i := 0; i < nr && r.err == nil; i++ {
			n := r.count("point", 2)
			if r.err == nil && n < 2 {
				r.fail("region boundary of %d points", n)
			}
			lv.Regions[i] = orb.LineString(r.points(n, false))
		}
		nw := r.count("water polygon", 1)
		if r.err != nil {
			return nil, r.err
		}
		if nw > 0 {
			lv.Water = make([]orb.Polygon, nw)
		}
		for i := 0; i < nw && r.err == nil; i++ {
			lv.Water[i] = r.polygon("water ring")
		}
		if r.err != nil {
			return nil, r.err
		}
	}
	str := func() string {
		n := r.count("name byte", 1)
		if n > bmMaxNameLen {
			r.fail("name too long (%d bytes)", n)
		}
		return string(r.bytes(n))
	}
	nNamed := r.count("named country", 2)
	names := make(map[string]map[string]string, nNamed)
	for i := 0; i < nNamed && r.err == nil; i++ {
		en := str()
		nn := r.count("name", 2)
		m := make(map[string]string, nn)
		for j := 0; j < nn && r.err == nil; j++ {
			l := str()
			m[l] = str()
		}
		names[en] = m
	}
	if r.err != nil {
		return nil, r.err
	}
	// The places: a name, a point, three bytes and the names in other
	// languages take at least 6 bytes.
	np := r.count("place", 6)
	var places []Place
	if np > 0 {
		places = make([]Place, np)
	}
	r.inv, r.px, r.py = math.Exp2(-bmMaxQuantBits), 0, 0
	for i := 0; i < np && r.err == nil; i++ {
		pl := &places[i]
		pl.Name = str()
		pl.LonLat = LonLat(r.point())
		if fb := r.bytes(3); fb != nil {
			pl.Capital, pl.MinZoom, pl.Rank = fb[0]&1 != 0, float64(fb[1])/10, int(fb[2])
		}
		if nn := r.count("name", 2); nn > 0 {
			pl.Names = make(map[string]string, nn)
			for j := 0; j < nn && r.err == nil; j++ {
				l := str()
				pl.Names[l] = str()
			}
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	for li := range bm.levels {
		bm.levels[li].Places = places
		for ci := range bm.levels[li].Countries {
			c := &bm.levels[li].Countries[ci]
			c.Names = names[c.Name]
		}
	}
	if r.remaining() != 0 {
		return nil, fmt.Errorf("geo: basemap: %d trailing bytes", r.remaining())
	}
	return bm, nil
}

// Level returns the level of detail for zoom: the first level whose MaxZoom is
// greater than zoom, else the last one. It never returns nil; the levels must
// not be modified.
func (b *Basemap) Level(zoom float64) *Level {
	if b == nil || len(b.levels) == 0 {
		return &emptyLevel
	}
	i := sort.Search(len(b.levels), func(i int) bool { return b.levels[i].MaxZoom > zoom })
	if i == len(b.levels) {
		i--
	}
	return &b.levels[i]
}

// Levels returns all levels, ordered by increasing MaxZoom. The slice must not
// be modified.
func (b *Basemap) Levels() []Level {
	if b == nil {
		return nil
	}
	return b.levels
}

// CountryAt returns the country of b containing the world point p, using
// the most detailed level. Points on a border may be reported in either
// country. A function, not a method: only the tests and tools call it, and
// the linker keeps every exported method of a type the wasm uses
// (Ebitengine links text/template's MethodByName); as a method it cost the
// wasm's brotli 3,528 B (make size).
func CountryAt(b *Basemap, p orb.Point) (Country, bool) {
	if b == nil || len(b.levels) == 0 {
		return Country{}, false
	}
	lv := &b.levels[len(b.levels)-1]
	for _, c := range lv.Countries {
		if !c.Bound.Contains(p) {
			continue
		}
		for _, poly := range c.Polygons {
			if len(poly) == 0 || len(poly[0]) == 0 || !poly[0].Bound().Contains(p) {
				continue
			}
			if planar.PolygonContains(poly, p) {
				return c, true
			}
		}
	}
	return Country{}, false
}
