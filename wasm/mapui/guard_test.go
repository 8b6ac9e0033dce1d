package mapui

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// A panic in a listener is reported with its message, where it happened and
// the stack, never swallowed and never passed on (to JavaScript).
func TestGuard(t *testing.T) {
	for _, tc := range []struct {
		name    string
		fn      func()
		message string // "" for no report
	}{
		{"no-panic", func() {}, ""},
		{"string", func() { panic("the slider has no max") }, "the slider has no max"},
		{"error", func() { panic(errors.New("no story")) }, "no story"},
		{"runtime-error", func() {
			var s []int
			_ = s[len("x")]
		}, "runtime error: index out of range [1] with length 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []Panic
			Guard("the wheel listener", tc.fn, func(p Panic) { got = append(got, p) })
			if tc.message == "" {
				if len(got) != 0 {
					t.Fatalf("reported %v, want nothing", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("%d reports, want 1", len(got))
			}
			p := got[0]
			if p.Message != tc.message || p.Where != "the wheel listener" {
				t.Errorf("report %q in %q, want %q in the wheel listener", p.Message, p.Where, tc.message)
			}
			if want := "mapline: the wheel listener failed: " + tc.message; p.Error() != want {
				t.Errorf("Error() = %q, want %q", p.Error(), want)
			}
			// The stack shows where it panicked: in this test's func.
			if !strings.Contains(p.Stack, "TestGuard") {
				t.Errorf("the stack does not show the panicking func:\n%s", p.Stack)
			}
		})
	}
}

// A report that panics itself does not reach JavaScript either: both go to
// the console.
func TestGuardReportPanics(t *testing.T) {
	var console strings.Builder
	lastResort = &console
	defer func() { lastResort = os.Stderr }()
	Guard("the wheel listener", func() { panic("first") }, func(Panic) { panic("second") })
	got := console.String()
	for _, want := range []string{"mapline: the wheel listener failed: first", "TestGuardReportPanics", "and reporting it failed: second"} {
		if !strings.Contains(got, want) {
			t.Errorf("the console has %q, want %q in it", got, want)
		}
	}
}
