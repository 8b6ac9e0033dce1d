package main

import (
	"testing"

	"mapline/geo"
)

func TestMarkClass(t *testing.T) {
	one := geo.Mark{X: 10, X2: 10, First: 4, Last: 4}
	bar := geo.Mark{X: 10, X2: 30, First: 4, Last: 4}
	many := geo.Mark{X: 10, X2: 11, First: 4, Last: 6}
	for _, tc := range []struct {
		m    geo.Mark
		cur  int
		want string
	}{
		{one, -1, "mark"},
		{one, 3, "mark"},
		{one, 4, "mark current"},
		{one, 5, "mark past"},
		{bar, 4, "mark span current"},
		{many, 5, "mark cluster current"},
		{many, 7, "mark cluster past"},
		{many, -1, "mark cluster"},
	} {
		if got := markClass(tc.m, tc.cur); got != tc.want {
			t.Errorf("markClass(%+v, %d) = %q, want %q", tc.m, tc.cur, got, tc.want)
		}
	}
}
