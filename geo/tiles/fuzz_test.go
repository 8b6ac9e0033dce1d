package tiles

import (
	"testing"
)

// FuzzDecode: any bytes decode to a tile or an error, never a panic; what
// decodes, decodes into a piece and a level without a panic too.
func FuzzDecode(f *testing.F) {
	f.Add(Encode(testTile()))
	f.Add([]byte{0x1a, 0x02, 0x28, 0x00})
	f.Fuzz(func(t *testing.T, b []byte) {
		if _, err := Decode(b); err != nil {
			return
		}
		p, err := DecodePiece(Key{Z: 3, X: 1, Y: 2}, b)
		if err != nil {
			t.Fatalf("Decode accepts what DecodePiece refuses: %v", err)
		}
		Level([]*Piece{p})
	})
}

// FuzzOpen: any bytes open as an archive or give an error, and the tiles of
// what opens read or give an error, never a panic.
func FuzzOpen(f *testing.F) {
	a := &Archive{Tiles: map[[3]uint32][]byte{{0, 0, 0}: Encode(testTile()), {1, 1, 0}: {1, 2, 3}}, MaxZoom: 1, Metadata: []byte(`{}`)}
	f.Add(Write(a))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := Open(Bytes(b))
		if err != nil {
			return
		}
		for _, k := range [][3]uint32{{0, 0, 0}, {1, 1, 0}, {1, 0, 1}} {
			r.Tile(uint8(k[0]), k[1], k[2])
		}
	})
}
