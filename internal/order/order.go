// Package order sorts strings and numbers through sort.Sort, whose one
// interface-based pdqsort Ebitengine links already. slices.Sort, and
// sort.Strings and sort.Float64s which call it since Go 1.22, instantiate a
// generic pdqsort for each element type: for string and float64 about 35 kB
// of code in the wasm (make size-funcs, December 2026). The embed sorts only
// short lists (a story's keys, a legend's kinds, the longitudes of a view),
// where the interface calls cost nothing one can measure.
package order

import "sort"

// Strings sorts x in increasing order, as sort.Strings does.
func Strings(x []string) { sort.Sort(sort.StringSlice(x)) }

// Float64s sorts x in increasing order, NaNs first, as sort.Float64s does.
func Float64s(x []float64) { sort.Sort(sort.Float64Slice(x)) }

// Keys returns m's keys in increasing order, as
// slices.Sorted(maps.Keys(m)) does.
func Keys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	Strings(ks)
	return ks
}
