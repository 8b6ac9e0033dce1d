package main

import (
	"fmt"
	"net/url"
	"strings"
)

// The URL hash carries the reader's place in a shared link:
// #event-<id>, optionally &view=LAT,LON,ZOOM, and what the reader narrowed
// the story to (selection.hashPart: &q=…&kind=…&from=…&to=…). The id is
// escaped as in a query (url.QueryEscape), so that an id with "%", "+", "&"
// or "#" makes a link that opens on it again.

// formatHash writes the hash for the event with the given id and, when view
// is not "", the view (in the form viewParam writes, which needs no escaping).
func formatHash(id, view string) string {
	h := "#event-" + url.QueryEscape(id)
	if view != "" {
		h += "&view=" + view
	}
	return h
}

// hashPlace is what a hash says: an event id and a view, "" when it does not
// say them, and the selection.
type hashPlace struct {
	event, view string
	sel         selection
}

// hashKeys are the parts of the hash parseHash reads.
var hashKeys = map[string]bool{"event": true, "view": true, "q": true, "kind": true, "from": true, "to": true}

// parseHash reads the fragment of a URL (after the "#", as the browser has
// it, escaped). A part that cannot be read (a "%" not followed by two hex
// digits) is left out and reported; the other parts still count. Parts it
// does not know are ignored. The first of repeated parts wins.
func parseHash(fragment string) (hashPlace, []string) {
	var hp hashPlace
	var probs []string
	seen := map[string]bool{}
	for part := range strings.SplitSeq(fragment, "&") {
		var key, raw string
		if rest, ok := strings.CutPrefix(part, "event-"); ok {
			key, raw = "event", rest
		} else {
			key, raw, _ = strings.Cut(part, "=")
		}
		if !hashKeys[key] || seen[key] {
			continue
		}
		var v string
		var err error
		if key == "kind" { // kinds escaped one by one, joined by ","
			var kinds []string
			for k := range strings.SplitSeq(raw, ",") {
				var u string
				if u, err = url.QueryUnescape(k); err != nil {
					break
				}
				if u != "" {
					kinds = append(kinds, u)
				}
			}
			if err == nil {
				hp.sel.kinds = kinds
			}
		} else {
			v, err = url.QueryUnescape(raw)
		}
		if err != nil {
			// Quoted, then clipped: quoting can make a byte four characters.
			probs = append(probs, fmt.Sprintf("the link's #%s part %s is ignored: a %% must be followed by two hex digits", key, clip(fmt.Sprintf("%q", part), 80)))
			continue
		}
		seen[key] = true
		switch key {
		case "event":
			hp.event = v
		case "view":
			hp.view = v
		case "q":
			hp.sel.query = v
		case "from":
			hp.sel.from = v
		case "to":
			hp.sel.to = v
		}
	}
	return hp, probs
}

// clip cuts s to at most n bytes (on a rune boundary), with an ellipsis.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}
