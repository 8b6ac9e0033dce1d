package main

import (
	"slices"
	"strings"
	"testing"
)

// TestExploreKeys: every prefix of each query is typed and taken back,
// none ending in a space (it would change nothing, and no update would
// come), and the box is emptied after each.
func TestExploreKeys(t *testing.T) {
	keys := exploreKeys()
	want := []string{"e", "ev", "eve", "even", "event", "event 4", "event 42", "event 4", "event", "even", "eve", "ev", "e", ""}
	if !slices.Equal(keys[:len(want)], want) {
		t.Errorf("keys %q, want %q first", keys[:len(want)], want)
	}
	for i, k := range keys {
		if strings.HasSuffix(k, " ") || i > 0 && k == keys[i-1] {
			t.Errorf("key %d %q changes nothing", i, k)
		}
	}
}

func TestPercentile(t *testing.T) {
	xs := []float64{5, 1, 4, 2, 3, 10, 9, 8, 7, 6, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11}
	for _, tc := range []struct{ p, want float64 }{{0.95, 19}, {0.5, 10}, {1, 20}, {0, 1}} {
		if got := percentile(xs, tc.p); got != tc.want {
			t.Errorf("percentile(%g) = %g, want %g", tc.p, got, tc.want)
		}
	}
	if percentile(nil, 0.95) != 0 {
		t.Error("percentile of nothing")
	}
}
