// Package tiles cuts the basemap into a pyramid of vector tiles and reads
// them back: the Mapbox Vector Tile encoding (MVT 2.1), in the layers and
// tags of the Protomaps basemap schema v4, in one PMTiles v3 archive. It is
// pure Go on the standard library, orb and geo: the same code cuts tiles on
// the host (cmd/dist, cmd/mapline) and decodes them in the wasm, without
// orb/encoding/mvt, whose import of orb/geojson and BSON costs the wasm about
// 0.4 MB gzip (see docs/basemap.md).
package tiles

import (
	"encoding/binary"
	"errors"
	"fmt"
	"mapline/internal/order"
	"math"
)

// Extent is the grid of the tiles this package writes: 4096 units a side,
// 16 per CSS px at the tile's own zoom.
const Extent = 4096

// GeomType is the type of a feature's geometry.
type GeomType int

// The geometry types of MVT.
const (
	Unknown GeomType = iota
	Point
	LineString
	Polygon
)

// Feature is one feature of a layer, in tile coordinates (0..Extent, y down).
// A polygon's rings are closed implicitly (the first point is not repeated);
// outer rings wind clockwise on screen (positive area with y down), holes
// the other way, as MVT says.
type Feature struct {
	Type  GeomType
	Tags  map[string]any // string, int64, float64 or bool
	Geoms [][][2]int32   // points: one part per point; lines: one part per line; polygons: one part per ring
}

// Layer is one named layer of a tile.
type Layer struct {
	Name     string
	Extent   int
	Features []Feature
}

// Tile is a decoded vector tile.
type Tile struct {
	Layers []Layer
}

// Layer returns the layer of that name, or nil.
func (t *Tile) Layer(name string) *Layer {
	for i := range t.Layers {
		if t.Layers[i].Name == name {
			return &t.Layers[i]
		}
	}
	return nil
}

// Encode writes the tile in the MVT encoding. Tags are written in the order
// of their keys, so the output depends only on the input.
func Encode(t *Tile) []byte {
	var out []byte
	for _, l := range t.Layers {
		out = appendBytes(out, 3, encodeLayer(&l))
	}
	return out
}

func encodeLayer(l *Layer) []byte {
	var b []byte
	b = appendTag(b, 15, 0)
	b = binary.AppendUvarint(b, 2) // version
	b = appendBytes(b, 1, []byte(l.Name))
	keys := map[string]int{}
	var keyList []string
	vals := map[any]int{}
	var valList []any
	for _, f := range l.Features {
		var fb []byte
		fb = appendTag(fb, 3, 0)
		fb = binary.AppendUvarint(fb, uint64(f.Type))
		var tags []uint64
		for _, k := range sortedKeys(f.Tags) {
			v := f.Tags[k]
			switch v.(type) {
			case string, int64, float64, bool:
			default:
				continue
			}
			ki, ok := keys[k]
			if !ok {
				ki = len(keyList)
				keys[k] = ki
				keyList = append(keyList, k)
			}
			vi, ok := vals[v]
			if !ok {
				vi = len(valList)
				vals[v] = vi
				valList = append(valList, v)
			}
			tags = append(tags, uint64(ki), uint64(vi))
		}
		if len(tags) > 0 {
			fb = appendBytes(fb, 2, packed(tags))
		}
		fb = appendBytes(fb, 4, packed(geometry(f)))
		b = appendBytes(b, 2, fb)
	}
	for _, k := range keyList {
		b = appendBytes(b, 3, []byte(k))
	}
	for _, v := range valList {
		var vb []byte
		switch v := v.(type) {
		case string:
			vb = appendBytes(vb, 1, []byte(v))
		case float64:
			vb = appendTag(vb, 3, 1)
			vb = binary.LittleEndian.AppendUint64(vb, math.Float64bits(v))
		case int64:
			vb = appendTag(vb, 6, 0)
			vb = binary.AppendUvarint(vb, zigzag(v))
		case bool:
			vb = appendTag(vb, 7, 0)
			if v {
				vb = append(vb, 1)
			} else {
				vb = append(vb, 0)
			}
		}
		b = appendBytes(b, 4, vb)
	}
	ext := l.Extent
	if ext <= 0 {
		ext = Extent
	}
	b = appendTag(b, 5, 0)
	b = binary.AppendUvarint(b, uint64(ext))
	return b
}

// geometry returns the command stream of a feature.
func geometry(f Feature) []uint64 {
	var g []uint64
	var cx, cy int32
	cmd := func(id, n int) uint64 { return uint64(id&7) | uint64(n)<<3 }
	move := func(p [2]int32) {
		g = append(g, zigzag(int64(p[0]-cx)), zigzag(int64(p[1]-cy)))
		cx, cy = p[0], p[1]
	}
	if f.Type == Point {
		var pts [][2]int32
		for _, part := range f.Geoms {
			pts = append(pts, part...)
		}
		if len(pts) == 0 {
			return nil
		}
		g = append(g, cmd(1, len(pts)))
		for _, p := range pts {
			move(p)
		}
		return g
	}
	for _, part := range f.Geoms {
		if len(part) < 2 || (f.Type == Polygon && len(part) < 3) {
			continue
		}
		g = append(g, cmd(1, 1))
		move(part[0])
		g = append(g, cmd(2, len(part)-1))
		for _, p := range part[1:] {
			move(p)
		}
		if f.Type == Polygon {
			g = append(g, cmd(7, 1))
		}
	}
	return g
}

func zigzag(v int64) uint64 { return uint64(v<<1) ^ uint64(v>>63) }

func unzigzag(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }

func appendTag(b []byte, field, wire int) []byte {
	return binary.AppendUvarint(b, uint64(field<<3|wire))
}

func appendBytes(b []byte, field int, v []byte) []byte {
	b = appendTag(b, field, 2)
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

func packed(vs []uint64) []byte {
	var b []byte
	for _, v := range vs {
		b = binary.AppendUvarint(b, v)
	}
	return b
}

func sortedKeys(m map[string]any) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	order.Strings(ks)
	return ks
}

// Limits of the decoder: a tile larger than MaxTileBytes, or with more
// features or points than these, is refused whole (a corrupt or hostile tile
// is skipped, never a crash or an endless allocation).
const (
	MaxTileBytes = 4 << 20
	maxFeatures  = 1 << 18
)

// pbuf reads protocol buffer fields.
type pbuf struct {
	b   []byte
	off int
}

var errTruncated = errors.New("truncated")

func (p *pbuf) uvarint() (uint64, error) {
	v, n := binary.Uvarint(p.b[p.off:])
	if n <= 0 {
		return 0, errTruncated
	}
	p.off += n
	return v, nil
}

// next reads a field's key: its number and wire type.
func (p *pbuf) next() (field, wire int, err error) {
	k, err := p.uvarint()
	if err != nil {
		return 0, 0, err
	}
	if k>>3 > 1<<29 {
		return 0, 0, errors.New("bad field number")
	}
	return int(k >> 3), int(k & 7), nil
}

// bytes reads a length-delimited value.
func (p *pbuf) bytes() ([]byte, error) {
	n, err := p.uvarint()
	if err != nil {
		return nil, err
	}
	if n > uint64(len(p.b)-p.off) {
		return nil, errTruncated
	}
	v := p.b[p.off : p.off+int(n)]
	p.off += int(n)
	return v, nil
}

// skip skips a value of the wire type.
func (p *pbuf) skip(wire int) error {
	switch wire {
	case 0:
		_, err := p.uvarint()
		return err
	case 1, 5:
		n := 8
		if wire == 5 {
			n = 4
		}
		if len(p.b)-p.off < n {
			return errTruncated
		}
		p.off += n
		return nil
	case 2:
		_, err := p.bytes()
		return err
	}
	return fmt.Errorf("unsupported wire type %d", wire)
}

// Decode decodes an MVT tile. It returns an error, never panics, on corrupt
// input; features with a bad geometry or bad tags are left out.
func Decode(b []byte) (*Tile, error) {
	if len(b) > MaxTileBytes {
		return nil, fmt.Errorf("tiles: tile of %d bytes, more than %d", len(b), MaxTileBytes)
	}
	t := &Tile{}
	p := &pbuf{b: b}
	for p.off < len(p.b) {
		f, w, err := p.next()
		if err != nil {
			return nil, fmt.Errorf("tiles: tile: %w", err)
		}
		if f != 3 || w != 2 {
			if err := p.skip(w); err != nil {
				return nil, fmt.Errorf("tiles: tile: %w", err)
			}
			continue
		}
		lb, err := p.bytes()
		if err != nil {
			return nil, fmt.Errorf("tiles: tile: layer %d: %w", len(t.Layers), err)
		}
		l, err := decodeLayer(lb)
		if err != nil {
			return nil, fmt.Errorf("tiles: tile: layer %d: %w", len(t.Layers), err)
		}
		t.Layers = append(t.Layers, l)
	}
	return t, nil
}

type rawFeature struct {
	typ  GeomType
	tags []uint64
	geom []uint64
}

func decodeLayer(b []byte) (Layer, error) {
	l := Layer{Extent: Extent}
	var keys []string
	var vals []any
	var raws []rawFeature
	p := &pbuf{b: b}
	for p.off < len(p.b) {
		f, w, err := p.next()
		if err != nil {
			return l, err
		}
		switch {
		case f == 1 && w == 2:
			v, err := p.bytes()
			if err != nil {
				return l, err
			}
			l.Name = string(v)
		case f == 2 && w == 2:
			v, err := p.bytes()
			if err != nil {
				return l, err
			}
			if len(raws) >= maxFeatures {
				return l, errors.New("too many features")
			}
			rf, err := decodeFeature(v)
			if err != nil {
				return l, fmt.Errorf("feature %d: %w", len(raws), err)
			}
			raws = append(raws, rf)
		case f == 3 && w == 2:
			v, err := p.bytes()
			if err != nil {
				return l, err
			}
			keys = append(keys, string(v))
		case f == 4 && w == 2:
			v, err := p.bytes()
			if err != nil {
				return l, err
			}
			val, err := decodeValue(v)
			if err != nil {
				return l, fmt.Errorf("value %d: %w", len(vals), err)
			}
			vals = append(vals, val)
		case f == 5 && w == 0:
			v, err := p.uvarint()
			if err != nil {
				return l, err
			}
			if v == 0 || v > 1<<16 {
				return l, fmt.Errorf("bad extent %d", v)
			}
			l.Extent = int(v)
		default:
			if err := p.skip(w); err != nil {
				return l, err
			}
		}
	}
	for _, rf := range raws {
		ft := Feature{Type: rf.typ, Tags: map[string]any{}}
		ok := len(rf.tags)%2 == 0
		for i := 0; ok && i+1 < len(rf.tags); i += 2 {
			k, v := rf.tags[i], rf.tags[i+1]
			if k >= uint64(len(keys)) || v >= uint64(len(vals)) {
				ok = false
				break
			}
			ft.Tags[keys[k]] = vals[v]
		}
		if !ok {
			continue // bad tags: the feature is left out
		}
		var err error
		if ft.Geoms, err = decodeGeometry(rf.typ, rf.geom); err != nil {
			continue
		}
		l.Features = append(l.Features, ft)
	}
	return l, nil
}

func decodeFeature(b []byte) (rawFeature, error) {
	var rf rawFeature
	p := &pbuf{b: b}
	for p.off < len(p.b) {
		f, w, err := p.next()
		if err != nil {
			return rf, err
		}
		switch {
		case f == 3 && w == 0:
			v, err := p.uvarint()
			if err != nil {
				return rf, err
			}
			if v <= 3 {
				rf.typ = GeomType(v)
			}
		case (f == 2 || f == 4) && w == 2:
			v, err := p.bytes()
			if err != nil {
				return rf, err
			}
			q := &pbuf{b: v}
			var vs []uint64
			for q.off < len(q.b) {
				u, err := q.uvarint()
				if err != nil {
					return rf, err
				}
				vs = append(vs, u)
			}
			if f == 2 {
				rf.tags = vs
			} else {
				rf.geom = vs
			}
		default:
			if err := p.skip(w); err != nil {
				return rf, err
			}
		}
	}
	return rf, nil
}

func decodeValue(b []byte) (any, error) {
	var v any = ""
	p := &pbuf{b: b}
	for p.off < len(p.b) {
		f, w, err := p.next()
		if err != nil {
			return nil, err
		}
		switch {
		case f == 1 && w == 2:
			s, err := p.bytes()
			if err != nil {
				return nil, err
			}
			v = string(s)
		case f == 2 && w == 5:
			if len(p.b)-p.off < 4 {
				return nil, errTruncated
			}
			v = float64(math.Float32frombits(binary.LittleEndian.Uint32(p.b[p.off:])))
			p.off += 4
		case f == 3 && w == 1:
			if len(p.b)-p.off < 8 {
				return nil, errTruncated
			}
			v = math.Float64frombits(binary.LittleEndian.Uint64(p.b[p.off:]))
			p.off += 8
		case (f == 4 || f == 5 || f == 6 || f == 7) && w == 0:
			u, err := p.uvarint()
			if err != nil {
				return nil, err
			}
			switch f {
			case 4:
				v = int64(u)
			case 5:
				v = int64(u) // uint64 values beyond int64 wrap; tags of the schema are small
			case 6:
				v = unzigzag(u)
			case 7:
				v = u != 0
			}
		default:
			if err := p.skip(w); err != nil {
				return nil, err
			}
		}
	}
	return v, nil
}

// decodeGeometry decodes a command stream into parts (see Feature.Geoms).
func decodeGeometry(typ GeomType, g []uint64) ([][][2]int32, error) {
	var parts [][][2]int32
	var cur [][2]int32
	var x, y int64
	for i := 0; i < len(g); {
		id, n := g[i]&7, int(g[i]>>3)
		i++
		switch id {
		case 1, 2:
			if n <= 0 || n > (len(g)-i)/2 {
				return nil, errors.New("bad command count")
			}
			if id == 1 && typ != Point && len(cur) > 0 {
				parts = append(parts, cur)
				cur = nil
			}
			if id == 2 && len(cur) == 0 {
				return nil, errors.New("line before move")
			}
			for j := 0; j < n; j++ {
				x += unzigzag(g[i])
				y += unzigzag(g[i+1])
				i += 2
				if x < math.MinInt32 || x > math.MaxInt32 || y < math.MinInt32 || y > math.MaxInt32 {
					return nil, errors.New("coordinate out of range")
				}
				cur = append(cur, [2]int32{int32(x), int32(y)})
			}
		case 7:
			if typ != Polygon || len(cur) < 3 {
				return nil, errors.New("bad close path")
			}
			parts = append(parts, cur)
			cur = nil
		default:
			return nil, fmt.Errorf("unknown command %d", id)
		}
	}
	if len(cur) > 0 {
		if typ == Polygon {
			return nil, errors.New("ring not closed")
		}
		if typ == Point {
			for _, p := range cur {
				parts = append(parts, [][2]int32{p})
			}
		} else {
			parts = append(parts, cur)
		}
	}
	return parts, nil
}
