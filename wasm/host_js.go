package main

import (
	"syscall/js"

	"mapline/wasm/mapui"
)

// The host page's API reaches the map through frame.js, which alone speaks
// postMessage: it checks each message's sender and shape and fires a
// "mapline-command" event here; the map answers through the page (the root's
// data-event, data-date and data-view attributes, which frame.js watches and
// posts as eventchange and viewchange) and, for a command it cannot carry
// out, a "mapline-error" event. Nothing received is ever evaluated.

// listenHost records the host's commands for Update.
func (tl *timeline) listenHost() {
	tl.p.on(js.Global(), "mapline-command", nil, func(e js.Value) {
		d := e.Get("detail")
		if d.Type() != js.TypeObject {
			return
		}
		tl.in.Host(mapui.Command{Type: jsString(d, "type"), ID: jsString(d, "id"), Date: jsString(d, "date"), View: jsString(d, "view")})
	})
}

// jsString is o[k] when it is a string, else "".
func jsString(o js.Value, k string) string {
	if v := o.Get(k); v.Type() == js.TypeString {
		return v.String()
	}
	return ""
}

// hostFailed tells the page of the host's commands that failed
// (mapui.Timeline.Apply carries them out).
func (tl *timeline) hostFailed(failed []mapui.CommandError) {
	for _, f := range failed {
		detail := js.Global().Get("Object").New()
		detail.Set("message", f.Err.Error())
		detail.Set("command", f.Command.Type)
		opts := js.Global().Get("Object").New()
		opts.Set("detail", detail)
		js.Global().Call("dispatchEvent", js.Global().Get("CustomEvent").New("mapline-error", opts))
	}
}
