package main

import (
	"syscall/js"

	"mapline/geo"
)

// jsNode is a node of the page (dom.go): a DOM element, or null for one the
// page lacks, on which every call does nothing.
type jsNode struct{ v js.Value }

// jsv is the DOM value of a node made by jsDoc (null for any other).
func jsv(n node) js.Value {
	if j, ok := n.(jsNode); ok {
		return j.v
	}
	return js.Null()
}

func (n jsNode) ok() bool { return n.v.Truthy() }

func (n jsNode) setText(t string) {
	if n.ok() {
		n.v.Set("textContent", t)
	}
}

func (n jsNode) setAttr(k, v string) {
	if n.ok() {
		n.v.Call("setAttribute", k, v)
	}
}

func (n jsNode) delAttr(k string) {
	if n.ok() {
		n.v.Call("removeAttribute", k)
	}
}

func (n jsNode) attr(k string) string {
	if !n.ok() {
		return ""
	}
	if a := n.v.Call("getAttribute", k); a.Type() == js.TypeString {
		return a.String()
	}
	return ""
}

func (n jsNode) set(k string, v any) {
	if n.ok() {
		n.v.Set(k, v)
	}
}

func (n jsNode) setStyle(k, v string) {
	if n.ok() {
		n.v.Get("style").Call("setProperty", k, v)
	}
}

func (n jsNode) append(kids ...node) { n.insert("append", kids) }

func (n jsNode) prepend(kids ...node) { n.insert("prepend", kids) }

func (n jsNode) insert(how string, kids []node) {
	if !n.ok() {
		return
	}
	args := make([]any, len(kids))
	for i, k := range kids {
		args[i] = jsv(k)
	}
	n.v.Call(how, args...)
}

func (n jsNode) clear() {
	if n.ok() {
		n.v.Call("replaceChildren")
	}
}

func (n jsNode) num(k string) float64 {
	if !n.ok() {
		return 0
	}
	return n.v.Get(k).Float()
}

func (n jsNode) flag(k string) bool { return n.ok() && n.v.Get(k).Truthy() }

func (n jsNode) child(i int) node {
	if !n.ok() {
		return n
	}
	return jsNode{n.v.Get("children").Index(i)}
}

func (n jsNode) parent() node {
	if !n.ok() {
		return n
	}
	return jsNode{n.v.Get("parentElement")}
}

func (n jsNode) query(sel string) node {
	if !n.ok() {
		return n
	}
	return jsNode{n.v.Call("querySelector", sel)}
}

func (n jsNode) focus() {
	if n.ok() {
		n.v.Call("focus")
	}
}

func (n jsNode) focused() bool {
	return n.ok() && n.v.Get("ownerDocument").Get("activeElement").Equal(n.v)
}

func (n jsNode) setMarkup(svg string) {
	if n.ok() {
		n.v.Set("innerHTML", svg)
	}
}

func (n jsNode) remove() {
	if n.ok() {
		n.v.Call("remove")
	}
}

func (n jsNode) setClass(name string, on bool) {
	if n.ok() {
		n.v.Get("classList").Call("toggle", name, on)
	}
}

// jsDoc is the page's document.
type jsDoc struct{ v js.Value }

func (d jsDoc) create(tag string) node { return jsNode{d.v.Call("createElement", tag)} }
func (d jsDoc) fragment() node         { return jsNode{d.v.Call("createDocumentFragment")} }
func (d jsDoc) byID(id string) node    { return jsNode{d.v.Call("getElementById", id)} }
func (d jsDoc) query(sel string) node  { return jsNode{d.v.Call("querySelector", sel)} }

func (d jsDoc) queryAll(sel string) []node {
	els := d.v.Call("querySelectorAll", sel)
	out := make([]node, els.Length())
	for i := range out {
		out[i] = jsNode{els.Index(i)}
	}
	return out
}

func (n jsNode) rect() geo.Box {
	if !n.ok() {
		return geo.Box{}
	}
	r := n.v.Call("getBoundingClientRect")
	return geo.Box{X: r.Get("left").Float(), Y: r.Get("top").Float(), W: r.Get("width").Float(), H: r.Get("height").Float()}
}
