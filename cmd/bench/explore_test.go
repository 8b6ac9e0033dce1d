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
