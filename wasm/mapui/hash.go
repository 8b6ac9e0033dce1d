package mapui

import "time"

// Hash decides when the URL hash is written: the hash for the reader's
// place (the current event, the view when the reader moved the map; its
// form is the page's, see wasm/params.go) is written once the place has
// rested for HashEvery: one history update per stop, never one per step of
// a drag (history.replaceState took 17 ms in a profile, and browsers
// throttle it), and no new history entry. The zero Hash has written
// nothing.
type Hash struct {
	written string    // the hash last written
	want    string    // the hash for the reader's place now
	at      time.Time // when want last changed
}

// HashEvery is how long the reader's place rests before its hash is written.
const HashEvery = 400 * time.Millisecond

// Want records the hash for the reader's place at time now.
func (h *Hash) Want(s string, now time.Time) {
	if s != h.want {
		h.want, h.at = s, now
	}
}

// Pending tells whether a hash waits to be written.
func (h *Hash) Pending() bool { return h.want != h.written }

// DueAt is when the waiting hash is due.
func (h *Hash) DueAt() time.Time { return h.at.Add(HashEvery) }

// Due returns the hash to write at time now, if one is due; it then counts
// as written.
func (h *Hash) Due(now time.Time) (s string, ok bool) {
	if !h.Pending() || now.Before(h.DueAt()) {
		return "", false
	}
	h.written = h.want
	return h.written, true
}
