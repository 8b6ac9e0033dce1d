package main

import "mapline/geo"

// The bridge writes the page through two small interfaces: in the browser
// dom_js.go wraps syscall/js values; on the host dom_test.go keeps a tree
// that the tests read. So what the list, the card, the popup, the legend,
// the scale bar and the error note show is decided and written by code that
// runs in `go test` on the host; only reading events and the layout
// (sizes, the focus) stays in _js.go files.

// A node is an element of the page (or a fragment of elements). A node
// missing from the page (an id the page lacks) is not ok, and every write
// to it does nothing, as the bridge has always skipped controls a page
// leaves out.
type node interface {
	ok() bool
	setText(text string)           // textContent: text from data is never HTML
	setAttr(name, value string)    // setAttribute
	delAttr(name string)           // removeAttribute
	attr(name string) string       // getAttribute, "" when absent
	set(prop string, value any)    // a property: value, disabled, hidden, checked, max, className, scrollTop…
	setStyle(prop, value string)   // style.setProperty
	append(kids ...node)           // appendChild
	prepend(kids ...node)          // prepend
	clear()                        // replaceChildren()
	num(prop string) float64       // a number property of the layout: offsetTop, clientWidth…
	flag(prop string) bool         // a true/false property: hidden…
	child(i int) node              // the i-th element child
	parent() node                  // parentElement
	query(selector string) node    // querySelector
	rect() geo.Box                 // getBoundingClientRect
	focus()                        // focus()
	focused() bool                 // whether it has the focus
	setMarkup(ownSVG string)       // innerHTML, only for markup this program wrote (legend icons)
	setClass(name string, on bool) // classList.toggle
	remove()                       // remove from the page
}

// A document makes and finds nodes.
type document interface {
	create(tag string) node
	fragment() node
	byID(id string) node
	query(selector string) node // querySelector
	queryAll(selector string) []node
}

// elem makes an element of doc with a class and a text (set as text, never
// as HTML).
func elem(doc document, tag, class, text string) node {
	e := doc.create(tag)
	if class != "" {
		e.set("className", class)
	}
	if text != "" {
		e.setText(text)
	}
	return e
}
