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
		{"a child given up: the parent", []Key{{5, 18, 12}, {5, 19, 12}, {5, 18, 13}}, []Key{{5, 19, 13}}, []Key{{4, 9, 6}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := NewCache(0, 6)
			// The view of tile 4/9/6's four children at zoom 5.
			size := geo.WorldSize / 16.0
			center := geo.LonLat(orb.Point{9.5 * size, 6.5 * size})
			v := geo.View{Center: center, Zoom: 5, Width: 2*256 - 20, Height: 2*256 - 20, Ratio: 1}
			parent := Key{4, 9, 6}
			c.Put(parent, piece(parent))
			c.Want(v)
			for _, k := range tc.held {
				c.Put(k, piece(k))
			}
			for _, k := range tc.failed {
				for range c.Tries {
					c.Fail(k)
				}
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
						t.Errorf("tile %s given up wanted again by the same view", k)
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

// TestCacheRetriesFailedTiles fetches a view's tiles as the page does (each
// rest of the view asks Want and hands back what came) while one tile
// fails a number of times: a failed tile is asked for again up to Tries
// times, and the view says it is loaded only when every tile it needs is
// held; a tile given up leaves the view partial, and the next view that
// needs other tiles asks for it once more.
func TestCacheRetriesFailedTiles(t *testing.T) {
	const never = 1 << 30
	for _, tc := range []struct {
		name       string
		fails      int // how many fetches of the bad tile fail before one succeeds
		wantStatus Status
		wantTries  int // fetches of the bad tile
	}{
		{"all load", 0, Loaded, 1},
		{"fails once then loads", 1, Loaded, 2},
		{"always fails", never, Partial, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := NewCache(0, 6)
			v := geo.View{Center: orb.Point{44, 33}, Zoom: 5.5, Width: 800, Height: 600, Ratio: 1}
			bad := c.Needed(v)[0]
			tries := 0
			for rest := 0; rest < 10; rest++ {
				for _, k := range c.Want(v) {
					if k == bad {
						tries++
						if tries <= tc.fails {
							if st := c.Status(v); st != Loading {
								t.Errorf("fetch %d of %s in flight: status %s, want loading", tries, k, st)
							}
							c.Fail(k)
							if st := c.Status(v); tries < c.Tries && st != Loading {
								t.Errorf("after fail %d of %d tries: status %s, want loading (it is asked again)", tries, c.Tries, st)
							}
							continue
						}
					}
					c.Put(k, piece(k))
				}
			}
			if tries != tc.wantTries {
				t.Errorf("the bad tile was fetched %d times, want %d", tries, tc.wantTries)
			}
			if st := c.Status(v); st != tc.wantStatus {
				t.Errorf("status %s, want %s", st, tc.wantStatus)
			}
			if !c.Complete(v) {
				t.Error("not complete once every tile was held or given up: the page would wait for ever")
			}
			if c.Held(bad) != (tc.wantStatus == Loaded) {
				t.Errorf("bad tile held %v, want %v", c.Held(bad), tc.wantStatus == Loaded)
			}
			// The next view that needs other tiles (a zoom in on the bad
			// tile) asks for a tile given up once more; one that loaded is
			// not asked for again.
			in := v
			in.Zoom = 6.5
			in.Center = geo.LonLat(orb.Point{(float64(bad.X) + 0.5) * geo.WorldSize / 32, (float64(bad.Y) + 0.5) * geo.WorldSize / 32})
			c.Want(in)
			again := 0
			for _, k := range c.Want(v) {
				if k == bad {
					again++
				}
			}
			if want := map[bool]int{true: 1, false: 0}[tc.wantStatus == Partial]; again != want {
				t.Errorf("back at the view after another: the bad tile wanted %d times, want %d", again, want)
			}
		})
	}
}
