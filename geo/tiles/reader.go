package tiles

import (
	"errors"
	"fmt"
	"sync"
)

// Fetcher reads length bytes at offset of an archive: an HTTP Range request
// in the browser, a slice of a file on the host. It may return fewer bytes
// at the end of the archive.
type Fetcher func(offset, length uint64) ([]byte, error)

// Bytes is a Fetcher over an archive in memory.
func Bytes(b []byte) Fetcher {
	return func(off, n uint64) ([]byte, error) {
		if off > uint64(len(b)) {
			return nil, fmt.Errorf("tiles: range %d+%d beyond the archive's %d bytes", off, n, len(b))
		}
		return b[off:min(off+n, uint64(len(b)))], nil
	}
}

// Reader reads tiles from a PMTiles v3 archive of vector tiles: the header
// and root directory once (Open), then one range per tile and, for large
// archives, one per leaf directory (kept).
type Reader struct {
	Header   Header
	Metadata []byte // JSON, inflated
	fetch    Fetcher
	root     []Entry

	mu     sync.Mutex
	leaves map[uint64][]Entry // by offset in the leaf section
}

// maxLeafLen bounds a leaf directory's compressed length.
const maxLeafLen = 8 << 20

// Open reads the header, root directory and metadata of an archive.
func Open(fetch Fetcher) (*Reader, error) {
	b, err := fetch(0, RootLen)
	if err != nil {
		return nil, err
	}
	h, err := ReadHeader(b)
	if err != nil {
		return nil, err
	}
	if h.TileType != TypeMVT {
		return nil, fmt.Errorf("tiles: tile type %d, want 1 (vector tiles, MVT)", h.TileType)
	}
	if h.MaxZoom > 30 || h.MinZoom > h.MaxZoom {
		return nil, fmt.Errorf("tiles: bad zooms %d..%d", h.MinZoom, h.MaxZoom)
	}
	if h.RootOffset+h.RootLength > uint64(len(b)) {
		return nil, fmt.Errorf("tiles: root directory at %d+%d beyond the first %d bytes", h.RootOffset, h.RootLength, len(b))
	}
	raw, err := decompress(h.InternalCompression, b[h.RootOffset:h.RootOffset+h.RootLength])
	if err != nil {
		return nil, fmt.Errorf("tiles: root directory: %w", err)
	}
	r := &Reader{Header: h, fetch: fetch, leaves: map[uint64][]Entry{}}
	if r.root, err = decodeDirectory(raw); err != nil {
		return nil, fmt.Errorf("tiles: root directory: %w", err)
	}
	if h.MetadataLength > 0 && h.MetadataLength < maxLeafLen {
		var mb []byte
		if h.MetadataOffset+h.MetadataLength <= uint64(len(b)) {
			mb = b[h.MetadataOffset : h.MetadataOffset+h.MetadataLength]
		} else if mb, err = fetch(h.MetadataOffset, h.MetadataLength); err != nil {
			return nil, fmt.Errorf("tiles: metadata: %w", err)
		}
		if r.Metadata, err = decompress(h.InternalCompression, mb); err != nil {
			return nil, fmt.Errorf("tiles: metadata: %w", err)
		}
	}
	return r, nil
}

// ErrNoTile: the archive has no such tile.
var ErrNoTile = errors.New("tiles: no such tile")

// Tile returns the tile z/x/y, inflated, or ErrNoTile.
func (r *Reader) Tile(z uint8, x, y uint32) ([]byte, error) {
	if z > 30 || x >= 1<<z || y >= 1<<z {
		return nil, fmt.Errorf("tiles: no tile %d/%d/%d", z, x, y)
	}
	id := TileID(z, x, y)
	dir := r.root
	for depth := 0; depth < 4; depth++ {
		e, ok := findEntry(dir, id)
		if !ok {
			return nil, ErrNoTile
		}
		if e.RunLength > 0 {
			if e.Length > MaxTileBytes {
				return nil, fmt.Errorf("tiles: tile %d/%d/%d of %d bytes, more than %d", z, x, y, e.Length, MaxTileBytes)
			}
			b, err := r.fetch(r.Header.DataOffset+e.Offset, uint64(e.Length))
			if err != nil {
				return nil, err
			}
			if len(b) != int(e.Length) {
				return nil, fmt.Errorf("tiles: tile %d/%d/%d: %d bytes, want %d", z, x, y, len(b), e.Length)
			}
			return decompress(r.Header.TileCompression, b)
		}
		var err error
		if dir, err = r.leaf(e); err != nil {
			return nil, err
		}
	}
	return nil, errors.New("tiles: leaf directories nested too deep")
}

func (r *Reader) leaf(e Entry) ([]Entry, error) {
	r.mu.Lock()
	d, ok := r.leaves[e.Offset]
	r.mu.Unlock()
	if ok {
		return d, nil
	}
	if e.Length > maxLeafLen {
		return nil, fmt.Errorf("tiles: leaf directory of %d bytes", e.Length)
	}
	b, err := r.fetch(r.Header.LeafOffset+e.Offset, uint64(e.Length))
	if err != nil {
		return nil, err
	}
	raw, err := decompress(r.Header.InternalCompression, b)
	if err != nil {
		return nil, fmt.Errorf("tiles: leaf directory: %w", err)
	}
	if d, err = decodeDirectory(raw); err != nil {
		return nil, fmt.Errorf("tiles: leaf directory: %w", err)
	}
	r.mu.Lock()
	r.leaves[e.Offset] = d
	r.mu.Unlock()
	return d, nil
}
