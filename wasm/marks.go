package main

import "mapline/geo"

// markClass is the class of a mark when event cur is current (-1: none):
// a span, a cluster, and current or past.
func markClass(m geo.Mark, cur int) string {
	class := "mark"
	if m.X2-m.X >= 3 {
		class += " span"
	}
	if m.Count() > 1 {
		class += " cluster"
	}
	switch {
	case cur < 0:
	case cur >= m.First && cur <= m.Last:
		class += " current"
	case m.Last < cur:
		class += " past"
	}
	return class
}
