// Command wasm is the studio's bridge (studio.html): built with GOOS=js
// GOARCH=wasm into studio.wasm, it runs in the page's Web Worker
// (site/studio-worker.js), so that reading a large sheet never freezes the
// page. It exports one function, maplineStudio(op, …), whose answer is a
// studio.Reply as JSON; the logic is package studio's, tested on the host.
// It holds no Ebitengine: the reader's embed is not part of it.
package main

import (
	"encoding/json"
	"fmt"

	"mapline/studio"
)

// call carries out one request of the page on the session. args are the
// request's arguments as the bridge read them: strings, numbers, booleans
// and []byte. A wrong request gets an error Reply naming it.
func call(s *studio.Session, op string, args []any) (r studio.Reply) {
	defer func() {
		if e := recover(); e != nil { // never across the JavaScript boundary
			r = studio.Reply{Error: fmt.Sprintf("studio: %s failed: %v", op, e)}
		}
	}()
	str := func(i int) string {
		if i < len(args) {
			if v, ok := args[i].(string); ok {
				return v
			}
		}
		return ""
	}
	bin := func(i int) []byte {
		if i < len(args) {
			if v, ok := args[i].([]byte); ok {
				return v
			}
		}
		return nil
	}
	num := func(i int) float64 {
		if i < len(args) {
			if v, ok := args[i].(float64); ok {
				return v
			}
		}
		return 0
	}
	flag := func(i int) bool {
		if i < len(args) {
			v, _ := args[i].(bool)
			return v
		}
		return false
	}
	switch op {
	case "open":
		return s.Open(str(0), bin(1))
	case "set":
		row, ok := 0, false
		if len(args) > 0 {
			if f, isNum := args[0].(float64); isNum && f >= 0 && f == float64(int(f)) {
				row, ok = int(f), true
			}
		}
		if !ok {
			return studio.Reply{Error: "studio: set: the row is not a row number"}
		}
		return s.Set(row, str(1), str(2))
	case "edits":
		var edits []studio.Edit
		if err := json.Unmarshal([]byte(str(0)), &edits); err != nil {
			return studio.Reply{Error: fmt.Sprintf("studio: edits: %v", err)}
		}
		return s.Edits(edits)
	case "title":
		return s.SetTitle(str(0))
	case "embed":
		var o studio.Options
		if err := json.Unmarshal([]byte(str(0)), &o); err != nil {
			return studio.Reply{Error: fmt.Sprintf("studio: embed: %v", err)}
		}
		return s.Embed(o)
	case "basemap":
		return s.SetBasemap(bin(0))
	case "poster":
		return s.Poster(str(0), str(1), flag(2), flag(3))
	case "pick":
		lat, lon, err := studio.Pick(str(0), num(1), num(2), num(3), num(4))
		if err != nil {
			return studio.Reply{Error: err.Error()}
		}
		return studio.Reply{Lat: lat, Lon: lon}
	}
	return studio.Reply{Error: fmt.Sprintf("studio: no request %q", op)}
}
