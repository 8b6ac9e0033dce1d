package main

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestHashRoundTrip: an id the map writes into the hash is read back the
// same, with the view beside it, whatever characters it has.
func TestHashRoundTrip(t *testing.T) {
	for _, tc := range []struct{ name, id, view string }{
		{"plain", "ordered-departure", ""},
		{"percent", "50%-cut", ""},
		{"plus", "a+b", "33.3,44.4,6.5"},
		{"ampersand", "talks&more", "33.3,44.4,6.5"},
		{"equals-and-hash", "x=y#z", ""},
		{"space", "two words", ""},
		{"view-like", "view=1,2,3", ""},
		{"arabic", "محادثات-مسقط", "33.3,44.4,6.5"},
		{"starts-with-event", "event-7", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := formatHash(tc.id, tc.view)
			hp, probs := parseHash(strings.TrimPrefix(h, "#"))
			if hp.event != tc.id || hp.view != tc.view || len(probs) > 0 {
				t.Errorf("%q read back as event %q view %q (problems %q), want %q %q", h, hp.event, hp.view, probs, tc.id, tc.view)
			}
			// And through the whole page address, as the map reads it.
			pr, probs := readParams("http://localhost:8080/embed.html?mode=point" + h)
			if pr.event != tc.id || len(probs) > 0 || len(pr.hashProbs) > 0 {
				t.Errorf("readParams: event %q, problems %q %q; want %q", pr.event, probs, pr.hashProbs, tc.id)
			}
		})
	}
}

// TestHashBadParts: a part of the hash that cannot be read is left out and
// reported; the rest of the hash and the query still count.
func TestHashBadParts(t *testing.T) {
	const page = "http://localhost:8080/embed.html?mode=point"
	for _, tc := range []struct {
		name, href  string
		event, view string // want; view as viewParam writes it
		bad         string // a hash problem mentions it; "" for none
	}{
		{"bad-event", page + "#event-%zz&view=33.3,44.4,6.5", "", "33.30000,44.40000,6.500", "#event"},
		{"bad-view", page + "#event-talks&view=%", "talks", "", "#view"},
		{"lone-percent", page + "#%", "", "", ""},
		{"unknown-part", page + "#event-talks&%zz=1", "talks", "", ""},
		{"old-link", page + "#event-talks-round-3", "talks-round-3", "", ""},
		{"event-equals", page + "#event=talks", "talks", "", ""},
		{"repeated", page + "#event-a&event-b", "a", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pr, probs := readParams(tc.href)
			if len(probs) > 0 {
				t.Errorf("problems %q: a bad hash must not stop the story", probs)
			}
			if pr.data == "" || pr.mode.String() != "point" {
				t.Errorf("the query was lost: data %q mode %v", pr.data, pr.mode)
			}
			if pr.event != tc.event {
				t.Errorf("event %q, want %q", pr.event, tc.event)
			}
			view := ""
			if pr.view != nil {
				view = viewParam(*pr.view)
			}
			if view != tc.view {
				t.Errorf("view %q, want %q", view, tc.view)
			}
			all := strings.Join(pr.hashProbs, "\n")
			if tc.bad == "" && all != "" {
				t.Errorf("hash problems %q, want none", all)
			}
			if tc.bad != "" && !strings.Contains(all, tc.bad) {
				t.Errorf("hash problems %q do not name %q", all, tc.bad)
			}
		})
	}
}

// FuzzParseHash: any hash is read without a panic, problems are valid
// UTF-8 of bounded length, and whatever id and selection it yields are
// written and read back the same.
func FuzzParseHash(f *testing.F) {
	for _, s := range []string{"event-x", "event-%zz&view=1,2,3", "view=%", "event-a%2Bb%26c", "%", "&&=&event-",
		"event-x&q=drone+strike&kind=embassy,oil%2Cfield&from=2024-01-01&to=2024-02", "kind=,,%zz,a&q=%", "q=+&kind=&to=%20"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, frag string) {
		hp, probs := parseHash(frag)
		for _, p := range probs {
			if len(p) > 200 || (utf8.ValidString(frag) && !utf8.ValidString(p)) {
				t.Fatalf("problem %q", p)
			}
		}
		again, probs := parseHash(strings.TrimPrefix(formatHash(hp.event, "")+hp.sel.hashPart(), "#"))
		if again.event != hp.event || !again.sel.equal(hp.sel) || len(probs) > 0 {
			t.Fatalf("%q: event %q, selection %+v written and read back as %q, %+v (%q)", frag, hp.event, hp.sel, again.event, again.sel, probs)
		}
		pr, pprobs := readParams("http://localhost:8080/embed.html#" + frag)
		for _, p := range pprobs {
			if strings.Contains(p, "cannot be read") {
				t.Fatalf("%q stopped the page: %q", frag, p)
			}
		}
		if pr.event != hp.event {
			t.Fatalf("readParams event %q, parseHash %q", pr.event, hp.event)
		}
	})
}
