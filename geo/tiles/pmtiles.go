package tiles

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
)

// PMTiles v3 (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md):
// a 127-byte header, the root directory, the JSON metadata, the leaf
// directories, then the tiles, all addressed by byte ranges so that a reader
// fetches the first 16 KiB once and then one range per tile.

// HeaderLen is the length of the header; RootLen is how much a reader
// fetches first: the header and the root directory lie in it.
const (
	HeaderLen = 127
	RootLen   = 16384
)

// Compression is the compression of the directories or the tiles.
type Compression uint8

// The compressions of PMTiles v3.
const (
	CompressUnknown Compression = 0
	CompressNone    Compression = 1
	CompressGzip    Compression = 2
	CompressBrotli  Compression = 3
	CompressZstd    Compression = 4
)

// TypeMVT is the tile type of vector tiles.
const TypeMVT = 1

// Header is the header of a PMTiles v3 archive.
type Header struct {
	RootOffset, RootLength         uint64
	MetadataOffset, MetadataLength uint64
	LeafOffset, LeafLength         uint64
	DataOffset, DataLength         uint64
	AddressedTiles, TileEntries    uint64
	TileContents                   uint64
	Clustered                      bool
	InternalCompression            Compression
	TileCompression                Compression
	TileType                       uint8
	MinZoom, MaxZoom               uint8
	MinLonE7, MinLatE7             int32
	MaxLonE7, MaxLatE7             int32
	CenterZoom                     uint8
	CenterLonE7, CenterLatE7       int32
}

func (h *Header) append(b []byte) []byte {
	b = append(b, "PMTiles"...)
	b = append(b, 3)
	for _, v := range []uint64{h.RootOffset, h.RootLength, h.MetadataOffset, h.MetadataLength,
		h.LeafOffset, h.LeafLength, h.DataOffset, h.DataLength, h.AddressedTiles, h.TileEntries, h.TileContents} {
		b = binary.LittleEndian.AppendUint64(b, v)
	}
	cl := byte(0)
	if h.Clustered {
		cl = 1
	}
	b = append(b, cl, byte(h.InternalCompression), byte(h.TileCompression), h.TileType, h.MinZoom, h.MaxZoom)
	for _, v := range []int32{h.MinLonE7, h.MinLatE7, h.MaxLonE7, h.MaxLatE7} {
		b = binary.LittleEndian.AppendUint32(b, uint32(v))
	}
	b = append(b, h.CenterZoom)
	b = binary.LittleEndian.AppendUint32(b, uint32(h.CenterLonE7))
	b = binary.LittleEndian.AppendUint32(b, uint32(h.CenterLatE7))
	return b
}

// ErrNotPMTiles is returned by ReadHeader for data that is not a PMTiles v3 archive.
var ErrNotPMTiles = errors.New("tiles: not a PMTiles v3 archive (no PMTiles magic at byte 0)")

// ReadHeader decodes the header at the start of b.
func ReadHeader(b []byte) (Header, error) {
	var h Header
	if len(b) < HeaderLen || string(b[:7]) != "PMTiles" {
		return h, ErrNotPMTiles
	}
	if b[7] != 3 {
		return h, fmt.Errorf("tiles: PMTiles version %d, want 3", b[7])
	}
	u := func(i int) uint64 { return binary.LittleEndian.Uint64(b[8+8*i:]) }
	h.RootOffset, h.RootLength = u(0), u(1)
	h.MetadataOffset, h.MetadataLength = u(2), u(3)
	h.LeafOffset, h.LeafLength = u(4), u(5)
	h.DataOffset, h.DataLength = u(6), u(7)
	h.AddressedTiles, h.TileEntries, h.TileContents = u(8), u(9), u(10)
	h.Clustered = b[96] == 1
	h.InternalCompression, h.TileCompression = Compression(b[97]), Compression(b[98])
	h.TileType, h.MinZoom, h.MaxZoom = b[99], b[100], b[101]
	i := func(off int) int32 { return int32(binary.LittleEndian.Uint32(b[off:])) }
	h.MinLonE7, h.MinLatE7, h.MaxLonE7, h.MaxLatE7 = i(102), i(106), i(110), i(114)
	h.CenterZoom = b[118]
	h.CenterLonE7, h.CenterLatE7 = i(119), i(123)
	return h, nil
}

// TileID is the Hilbert tile id of PMTiles v3: the tiles of lower zooms
// first, each zoom along a Hilbert curve.
func TileID(z uint8, x, y uint32) uint64 {
	acc := (uint64(1)<<(2*uint64(z)) - 1) / 3
	n := uint32(1) << z
	for s := n / 2; s > 0; s /= 2 {
		var rx, ry uint32
		if x&s != 0 {
			rx = 1
		}
		if y&s != 0 {
			ry = 1
		}
		acc += uint64(s) * uint64(s) * uint64((3*rx)^ry)
		if ry == 0 {
			if rx == 1 {
				x, y = n-1-x, n-1-y
			}
			x, y = y, x
		}
	}
	return acc
}

// Entry is one entry of a directory: RunLength tiles from TileID share the
// bytes at Offset, or, with a RunLength of 0, a leaf directory lies there.
type Entry struct {
	TileID    uint64
	Offset    uint64
	Length    uint32
	RunLength uint32
}

func encodeDirectory(es []Entry) []byte {
	b := binary.AppendUvarint(nil, uint64(len(es)))
	var last uint64
	for _, e := range es {
		b = binary.AppendUvarint(b, e.TileID-last)
		last = e.TileID
	}
	for _, e := range es {
		b = binary.AppendUvarint(b, uint64(e.RunLength))
	}
	for _, e := range es {
		b = binary.AppendUvarint(b, uint64(e.Length))
	}
	for i, e := range es {
		if i > 0 && e.Offset == es[i-1].Offset+uint64(es[i-1].Length) {
			b = binary.AppendUvarint(b, 0)
		} else {
			b = binary.AppendUvarint(b, e.Offset+1)
		}
	}
	return b
}

// maxEntries bounds a directory's entry count when decoding.
const maxEntries = 1 << 22

func decodeDirectory(b []byte) ([]Entry, error) {
	p := &pbuf{b: b}
	n, err := p.uvarint()
	if err != nil {
		return nil, err
	}
	if n > maxEntries || n > uint64(len(b)) {
		return nil, fmt.Errorf("directory of %d entries in %d bytes", n, len(b))
	}
	es := make([]Entry, n)
	var last uint64
	for i := range es {
		v, err := p.uvarint()
		if err != nil {
			return nil, err
		}
		last += v
		es[i].TileID = last
	}
	for j := 0; j < 3; j++ {
		for i := range es {
			v, err := p.uvarint()
			if err != nil {
				return nil, err
			}
			switch j {
			case 0:
				es[i].RunLength = uint32(v)
			case 1:
				es[i].Length = uint32(v)
			case 2:
				if v == 0 {
					if i == 0 {
						return nil, errors.New("first offset is 0")
					}
					es[i].Offset = es[i-1].Offset + uint64(es[i-1].Length)
				} else {
					es[i].Offset = v - 1
				}
			}
		}
	}
	return es, nil
}

// findEntry returns the entry holding tile id, or false.
func findEntry(es []Entry, id uint64) (Entry, bool) {
	i := sort.Search(len(es), func(i int) bool { return es[i].TileID > id }) - 1
	if i < 0 {
		return Entry{}, false
	}
	e := es[i] // e.TileID <= id
	if e.RunLength == 0 || id < e.TileID+uint64(e.RunLength) {
		return e, true // a leaf directory, or a run holding id
	}
	return Entry{}, false
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// maxInflated bounds what one directory or tile may inflate to.
const maxInflated = 32 << 20

func decompress(c Compression, b []byte) ([]byte, error) {
	switch c {
	case CompressNone, CompressUnknown:
		return b, nil
	case CompressGzip:
		r, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		out, err := io.ReadAll(io.LimitReader(r, maxInflated+1))
		if err != nil {
			return nil, err
		}
		if len(out) > maxInflated {
			return nil, fmt.Errorf("inflates to more than %d bytes", maxInflated)
		}
		return out, nil
	}
	return nil, fmt.Errorf("compression %d is not supported (only none and gzip)", c)
}

// Archive describes the archive Write writes.
type Archive struct {
	Tiles    map[[3]uint32][]byte // by z, x, y: MVT bytes, not compressed (Write gzips them)
	Metadata []byte               // JSON
	MinZoom  uint8
	MaxZoom  uint8
	Center   [3]float64 // lon, lat, zoom
}

// Write writes a PMTiles v3 archive: tiles gzipped, identical tiles stored
// once, directories gzipped, with leaf directories when the root would not
// fit in RootLen. The output depends only on the input.
func Write(a *Archive) []byte {
	type tile struct {
		id   uint64
		data []byte
	}
	ts := make([]tile, 0, len(a.Tiles))
	for k, d := range a.Tiles {
		ts = append(ts, tile{TileID(uint8(k[0]), k[1], k[2]), d})
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].id < ts[j].id })
	var data []byte
	// Identical tiles by their bytes (a map of strings, not of hashes:
	// crypto's package initialisation would weigh on the wasm, which links
	// this package to read tiles).
	seen := map[string]Entry{}
	var es []Entry
	for _, t := range ts {
		h := string(t.data)
		e, ok := seen[h]
		if !ok {
			z := gzipBytes(t.data)
			e = Entry{Offset: uint64(len(data)), Length: uint32(len(z))}
			data = append(data, z...)
			seen[h] = e
		}
		if n := len(es); n > 0 {
			last := &es[n-1]
			if last.Offset == e.Offset && last.TileID+uint64(last.RunLength) == t.id {
				last.RunLength++
				continue
			}
		}
		e.TileID, e.RunLength = t.id, 1
		es = append(es, e)
	}
	root := gzipBytes(encodeDirectory(es))
	var leaves []byte
	for size := 1024; len(root) > RootLen-HeaderLen; size *= 2 {
		leaves = leaves[:0]
		var rs []Entry
		for i := 0; i < len(es); i += size {
			l := gzipBytes(encodeDirectory(es[i:min(i+size, len(es))]))
			rs = append(rs, Entry{TileID: es[i].TileID, Offset: uint64(len(leaves)), Length: uint32(len(l))})
			leaves = append(leaves, l...)
		}
		root = gzipBytes(encodeDirectory(rs))
	}
	meta := gzipBytes(a.Metadata)
	h := Header{
		RootOffset: HeaderLen, RootLength: uint64(len(root)),
		InternalCompression: CompressGzip, TileCompression: CompressGzip, TileType: TypeMVT,
		MinZoom: a.MinZoom, MaxZoom: a.MaxZoom, Clustered: true,
		MinLonE7: -180e7, MinLatE7: -850511287, MaxLonE7: 180e7, MaxLatE7: 850511287,
		CenterLonE7: int32(a.Center[0] * 1e7), CenterLatE7: int32(a.Center[1] * 1e7), CenterZoom: uint8(a.Center[2]),
		AddressedTiles: uint64(len(ts)), TileEntries: uint64(len(es)), TileContents: uint64(len(seen)),
	}
	h.MetadataOffset = h.RootOffset + h.RootLength
	h.MetadataLength = uint64(len(meta))
	h.LeafOffset = h.MetadataOffset + h.MetadataLength
	h.LeafLength = uint64(len(leaves))
	h.DataOffset = h.LeafOffset + h.LeafLength
	h.DataLength = uint64(len(data))
	out := h.append(make([]byte, 0, int(h.DataOffset)+len(data)))
	out = append(out, root...)
	out = append(out, meta...)
	out = append(out, leaves...)
	return append(out, data...)
}
