package mapui

import (
	"testing"
	"time"
)

func TestHash(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ms := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Millisecond) }
	type step struct {
		want  string // Want this hash at t ("" for no call)
		due   bool   // else call Due at t
		t     int    // ms
		write string // what Due returns, "" for nothing
	}
	for _, tc := range []struct {
		name  string
		steps []step
	}{
		{"written once the place rests", []step{{want: "#event-a", t: 0}, {due: true, t: 399}, {due: true, t: 400, write: "#event-a"}, {due: true, t: 900}}},
		{"each change starts the wait again (a drag)", []step{
			{want: "#event-a&view=1", t: 0}, {want: "#event-a&view=2", t: 300}, {due: true, t: 600},
			{want: "#event-a&view=3", t: 650}, {due: true, t: 1000}, {due: true, t: 1050, write: "#event-a&view=3"}}},
		{"the same hash again is no change", []step{{want: "#event-a", t: 0}, {want: "#event-a", t: 300}, {due: true, t: 400, write: "#event-a"}}},
		{"back to the hash written: nothing to write", []step{
			{want: "#event-a", t: 0}, {due: true, t: 500, write: "#event-a"}, {want: "#event-b", t: 600}, {want: "#event-a", t: 700}, {due: true, t: 2000}}},
		{"nothing wanted, nothing written", []step{{due: true, t: 5000}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var h Hash
			for i, s := range tc.steps {
				if s.want != "" {
					h.Want(s.want, ms(s.t))
					if !h.Pending() && s.want != h.written {
						t.Errorf("step %d: %q wanted but not pending", i, s.want)
					}
					continue
				}
				got, ok := h.Due(ms(s.t))
				if got != s.write || ok != (s.write != "") {
					t.Errorf("step %d: Due at %d ms = %q, %v; want %q", i, s.t, got, ok, s.write)
				}
			}
			if h.Pending() {
				t.Errorf("a hash still waits at the end: %q", h.want)
			}
		})
	}
}
