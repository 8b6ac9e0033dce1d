package main

import (
	"strconv"
	"syscall/js"
)

// The search's and filters' listeners (explore_page.go writes what they
// cause): they only record the reader's input, for Update.
func (ex *explorer) listen() {
	p := ex.p
	search, kind, from, to := jsv(ex.search), jsv(ex.kind), jsv(ex.from), jsv(ex.to)
	read := func(js.Value) {
		var kinds []string
		if k := kind.Get("value").String(); k != "" {
			kinds = []string{k}
		}
		ex.record(selection{query: search.Get("value").String(), kinds: kinds,
			from: from.Get("value").String(), to: to.Get("value").String()})
	}
	p.on(search, "input", nil, read)
	p.on(kind, "change", nil, read)
	p.on(from, "change", nil, read)
	p.on(to, "change", nil, read)
	// Escape clears the search (and goes no further: the popup's Escape
	// is for the popup); an empty box lets it go on.
	p.on(search, "keydown", nil, func(e js.Value) {
		if e.Get("key").String() == "Escape" && search.Get("value").String() != "" {
			e.Call("preventDefault")
			e.Call("stopPropagation")
			search.Set("value", "")
			read(e)
		}
	})
	p.on(jsv(ex.clear), "click", nil, func(e js.Value) {
		for _, el := range []js.Value{search, kind, from, to} {
			el.Set("value", "")
		}
		read(e)
		search.Call("focus")
	})
	p.on(jsv(ex.matches), "click", nil, func(e js.Value) {
		b := e.Get("target").Call("closest", "button.choose")
		if !b.Truthy() {
			return
		}
		if i, err := strconv.Atoi(b.Get("dataset").Get("index").String()); err == nil {
			p.tl.in.GoTo(i)
		}
	})
	p.on(jsv(ex.clusters), "click", nil, func(e js.Value) {
		b := e.Get("target").Call("closest", "button.cluster")
		if !b.Truthy() {
			return
		}
		if i, err := strconv.Atoi(b.Get("dataset").Get("index").String()); err == nil {
			ex.openCluster(i)
		}
	})
}
