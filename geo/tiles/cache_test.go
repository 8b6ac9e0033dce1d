package tiles

import (
	"testing"

	"github.com/paulmach/orb"

	"mapline/geo"
)

func piece(k Key) *Piece { return &Piece{Key: k} }

func TestCacheWantsOnceAndRests(t *testing.T) {
	c := NewCache(0, 6)
	v := geo.View{Center: orb.Point{44, 33}, Zoom: 5.5, Width: 800, Height: 600, Ratio: 1}
	want := c.Want(v)
	if len(want) == 0 {
		t.Fatal("a new view wants no tile")
	}
	for _, k := range want {
		if k.Z != 5 {
			t.Errorf("view at zoom 5.5 wants tile %s, want zoom 5", k)
		}
	}
	if again := c.Want(v); len(again) != 0 {
		t.Errorf("tiles awaited are wanted again: %v", again)
	}
	for _, k := range want {
		c.Put(k, piece(k))
	}
	if again := c.Want(v); len(again) != 0 {
		t.Errorf("a view at rest with its tiles wants %v", again)
	}
	ps, changed := c.Cover(v)
	if len(ps) != len(want) || !changed {
		t.Errorf("cover of %d pieces (changed %v), want %d (changed)", len(ps), changed, len(want))
	}
	if _, changed := c.Cover(v); changed {
		t.Error("the cover of the same view changed")
	}
}

func TestCacheParentStandsIn(t *testing.T) {
	for _, tc := range []struct {
		name     string
		held     []Key // besides the parent 4/9/6
		failed   []Key
		wantKeys []Key
	}{
		{"no child yet: the parent", nil, nil, []Key{{4, 9, 6}}},
		{"one child: still the parent alone, no overlap", []Key{{5, 18, 12}}, nil, []Key{{4, 9, 6}}},
		{"all children: the children", []Key{{5, 18, 12}, {5, 19, 12}, {5, 18, 13}, {5, 19, 13}}, nil, nil},
		{"a child failed: the parent", []Key{{5, 18, 12}, {5, 19, 12}, {5, 18, 13}}, []Key{{5, 19, 13}}, []Key{{4, 9, 6}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := NewCache(0, 6)
			// The view of tile 4/9/6's four children at zoom 5.
			size := geo.WorldSize / 16.0
			center := geo.LonLat(orb.Point{9.5 * size, 6.5 * size})
			v := geo.View{Center: center, Zoom: 5, Width: 2*256 - 20, Height: 2*256 - 20, Ratio: 1}
			parent := Key{4, 9, 6}
			c.Put(parent, piece(parent))
			for _, k := range tc.held {
				c.Put(k, piece(k))
			}
			for _, k := range tc.failed {
				c.Fail(k)
			}
			ps, _ := c.Cover(v)
			want := tc.wantKeys
			if want == nil {
				want = tc.held
			}
			got := map[Key]bool{}
			for _, p := range ps {
				got[p.Key] = true
			}
			if len(got) != len(want) {
				t.Fatalf("cover %v, want %v", got, want)
			}
			for _, k := range want {
				if !got[k] {
					t.Errorf("cover %v lacks %s", got, k)
				}
			}
			for _, k := range tc.failed {
				for _, w := range c.Want(v) {
					if w == k {
						t.Errorf("failed tile %s wanted again", k)
					}
				}
			}
		})
	}
}

func TestCacheNeededAcross180(t *testing.T) {
	c := NewCache(0, 6)
	for _, lon := range []float64{180, -180, 540, 179.9} {
		v := geo.View{Center: orb.Point{lon, -17}, Zoom: 3.5, Width: 800, Height: 500, Ratio: 1}
		seen := map[uint32]bool{}
		for _, k := range c.Needed(v) {
			if k.X >= 8 {
				t.Errorf("centre %g: tile %s is off the grid of zoom 3", lon, k)
			}
			seen[k.X] = true
		}
		if !seen[0] || !seen[7] {
			t.Errorf("centre %g: columns %v, want both 0 and 7 (both sides of 180)", lon, seen)
		}
	}
	// A view wider than the world asks for each tile once.
	v := geo.View{Center: orb.Point{0, 0}, Zoom: 1, Width: 2000, Height: 500, Ratio: 1}
	ks := c.Needed(v)
	seen := map[Key]bool{}
	for _, k := range ks {
		if seen[k] {
			t.Errorf("tile %s needed twice", k)
		}
		seen[k] = true
	}
}
