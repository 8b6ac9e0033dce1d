package site

import (
	"strings"
	"testing"
)

// TestFlagsAgree: the page's script and the wasm read a flag by the same
// table (internal/embedspec, which make build writes into embed.html): a
// value one takes, the other takes too (static=1, autoplay=1, dark=1…), and
// a value one refuses, the other refuses too (the wasm names it, the page
// keeps the flag's default).
func TestFlagsAgree(t *testing.T) {
	for _, tc := range []struct {
		name, query string
		state       string   // data-mapline once the map is drawn
		classes     []string // on the root (frame.js), want present
		notClasses  []string // want absent
		load        string   // data-load: how frame.js started the map
		play        string   // the play button's aria-pressed (the wasm's autoplay)
		note        []string // in the map's note (the wasm's problems)
	}{
		{"ones", "?autoplay=1&dark=1&plain=1&lazy=0", "ready", []string{"dark", "plain"}, []string{"transparent"}, "eager", "true", nil},
		{"bare", "?autoplay&dark&transparent&lazy=false", "ready", []string{"dark", "transparent"}, []string{"plain"}, "eager", "true", nil},
		{"zeros", "?autoplay=0&dark=0&plain=0&static=0&lazy=0", "ready", nil, []string{"dark", "plain"}, "eager", "false", nil},
		{"refused", "?autoplay=yes&dark=night&plain=on&lazy=0&explore=maybe", "error", nil, []string{"dark", "plain"}, "eager", "false",
			[]string{`autoplay="yes"`, `dark="night"`, `plain="on"`, `explore="maybe"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := tab(t, 800, 650, 1)
			open(t, ctx, "/embed.html"+tc.query, tc.state)
			for _, c := range tc.classes {
				if text(t, ctx, `String(document.documentElement.classList.contains("`+c+`"))`) != "true" {
					t.Errorf("%s: the page did not take %s", tc.query, c)
				}
			}
			for _, c := range tc.notClasses {
				if text(t, ctx, `String(document.documentElement.classList.contains("`+c+`"))`) != "false" {
					t.Errorf("%s: the page took %s", tc.query, c)
				}
			}
			if got := text(t, ctx, `document.documentElement.dataset.load`); got != tc.load {
				t.Errorf("%s: data-load %q, want %q", tc.query, got, tc.load)
			}
			if tc.play == "true" {
				waitText(t, ctx, playJS, "true")
			} else if got := text(t, ctx, playJS); got != tc.play {
				t.Errorf("%s: playing %q, want %q", tc.query, got, tc.play)
			}
			note := text(t, ctx, `document.getElementById("map-note").innerText`)
			for _, w := range tc.note {
				if !strings.Contains(note, w) {
					t.Errorf("%s: the note %q does not name %s", tc.query, note, w)
				}
			}
		})
	}
}
