package order

import (
	"math"
	"slices"
	"testing"
)

func TestStrings(t *testing.T) {
	for _, c := range []struct {
		name string
		in   []string
	}{
		{"empty", nil},
		{"one", []string{"a"}},
		{"reversed", []string{"c", "b", "a", ""}},
		{"duplicates and bytes above ASCII", []string{"é", "e", "z", "e", "Z", "ê"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, want := slices.Clone(c.in), slices.Clone(c.in)
			Strings(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("Strings(%q) = %q, want %q", c.in, got, want)
			}
		})
	}
}

func TestFloat64s(t *testing.T) {
	nan := math.NaN()
	got := []float64{3, nan, -1, math.Inf(1), 0, nan, math.Inf(-1), 2.5}
	Float64s(got)
	want := []float64{nan, nan, math.Inf(-1), -1, 0, 2.5, 3, math.Inf(1)}
	for i := range want {
		if got[i] != want[i] && !(math.IsNaN(got[i]) && math.IsNaN(want[i])) {
			t.Fatalf("Float64s = %v, want %v (NaNs first, as sort.Float64s)", got, want)
		}
	}
}

func TestKeys(t *testing.T) {
	m := map[string]int{"title": 1, "": 2, "lang": 3, "Title": 4}
	if got, want := Keys(m), []string{"", "Title", "lang", "title"}; !slices.Equal(got, want) {
		t.Errorf("Keys = %q, want %q", got, want)
	}
	if got := Keys(map[string]bool(nil)); len(got) != 0 {
		t.Errorf("Keys(nil) = %q, want none", got)
	}
}
