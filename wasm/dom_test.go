package main

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"mapline/geo"
)

// fakeDoc is a document on the host (dom.go): a tree of fakeNodes that the
// tests read back as text. Layout numbers (offsetTop, clientWidth…) are
// whatever the test sets in a node's props. As in a browser, reading one
// after a write lays the page out (forced, counted in layouts); writes mark
// the page dirty until then.
type fakeDoc struct {
	ids     map[string]*fakeNode
	active  *fakeNode
	dirty   bool // written since the last layout
	layouts int  // layouts forced by reading a layout number while dirty
}

// readLayout is a read of a layout number: a layout, if the page is dirty.
func (d *fakeDoc) readLayout() {
	if d.dirty {
		d.dirty = false
		d.layouts++
	}
}

func newFakeDoc(ids ...string) *fakeDoc {
	d := &fakeDoc{ids: map[string]*fakeNode{}}
	for _, id := range ids {
		tag, id, ok := strings.Cut(id, "#")
		if !ok {
			tag, id = "div", tag
		}
		n := d.create(tag).(*fakeNode)
		n.attrs["id"] = id
		d.ids[id] = n
	}
	return d
}

func (d *fakeDoc) create(tag string) node {
	return &fakeNode{doc: d, tag: tag, attrs: map[string]string{}, props: map[string]any{}, style: map[string]string{}}
}

func (d *fakeDoc) fragment() node { return d.create("#fragment") }

func (d *fakeDoc) byID(id string) node {
	if n, ok := d.ids[id]; ok {
		return n
	}
	return missing{}
}

func (d *fakeDoc) query(sel string) node {
	for _, n := range d.ids {
		if n.tag == sel {
			return n
		}
		if f := n.query(sel); f.ok() {
			return f
		}
	}
	return missing{}
}

func (d *fakeDoc) queryAll(sel string) []node {
	var out []node
	for _, id := range strings.Split(sel, ",") {
		id = strings.TrimSpace(id)
		if n, ok := d.ids[strings.TrimPrefix(id, "#")]; ok && strings.HasPrefix(id, "#") {
			out = append(out, n)
		}
	}
	return out
}

// el is the element with the id, for the tests to read.
func (d *fakeDoc) el(id string) *fakeNode {
	n, ok := d.ids[id]
	if !ok {
		panic("no element #" + id)
	}
	return n
}

type fakeNode struct {
	doc    *fakeDoc
	tag    string
	text   string
	markup string
	attrs  map[string]string
	props  map[string]any
	style  map[string]string
	class  map[string]bool
	kids   []*fakeNode
	up     *fakeNode
}

func (n *fakeNode) ok() bool { return true }

func (n *fakeNode) setText(t string) { n.doc.dirty = true; n.text, n.kids, n.markup = t, nil, "" }

func (n *fakeNode) setAttr(k, v string) { n.doc.dirty = true; n.attrs[k] = v }

func (n *fakeNode) delAttr(k string) { n.doc.dirty = true; delete(n.attrs, k) }

func (n *fakeNode) attr(k string) string { return n.attrs[k] }

func (n *fakeNode) set(k string, v any) {
	if k == "textContent" {
		n.setText(fmt.Sprint(v))
		return
	}
	n.doc.dirty = true
	n.props[k] = v
}

func (n *fakeNode) setStyle(k, v string) { n.doc.dirty = true; n.style[k] = v }

func (n *fakeNode) append(kids ...node) { n.kids = append(n.kids, n.adopt(flatten(kids))...) }

func (n *fakeNode) prepend(kids ...node) { n.kids = append(n.adopt(flatten(kids)), n.kids...) }

func (n *fakeNode) adopt(kids []*fakeNode) []*fakeNode {
	n.doc.dirty = true
	for _, k := range kids {
		k.up = n
	}
	return kids
}

func (n *fakeNode) parent() node {
	if n.up == nil {
		return missing{}
	}
	return n.up
}

// flatten is what inserting nodes inserts: a fragment's children, not the
// fragment.
func flatten(kids []node) []*fakeNode {
	var out []*fakeNode
	for _, k := range kids {
		f := k.(*fakeNode)
		if f.tag == "#fragment" {
			out = append(out, f.kids...)
			f.kids = nil
			continue
		}
		out = append(out, f)
	}
	return out
}

func (n *fakeNode) clear() { n.doc.dirty = true; n.kids, n.text, n.markup = nil, "", "" }

func (n *fakeNode) num(k string) float64 {
	n.doc.readLayout()
	switch v := n.props[k].(type) {
	case float64:
		return v
	case int:
		return float64(v)
	}
	return 0
}

func (n *fakeNode) flag(k string) bool { b, _ := n.props[k].(bool); return b }

// rect is the box the test set in props["rect"].
func (n *fakeNode) rect() geo.Box {
	n.doc.readLayout()
	b, _ := n.props["rect"].(geo.Box)
	return b
}

func (n *fakeNode) child(i int) node {
	if i < 0 || i >= len(n.kids) {
		return missing{}
	}
	return n.kids[i]
}

// query finds the first descendant matching a selector of the forms
// "tag", ".class" or "tag.class".
func (n *fakeNode) query(sel string) node {
	tag, class, _ := strings.Cut(sel, ".")
	for _, k := range n.kids {
		if (tag == "" || k.tag == tag) && (class == "" || slices.Contains(strings.Fields(k.className()), class)) {
			return k
		}
		if f := k.query(sel); f.ok() {
			return f
		}
	}
	return missing{}
}

func (n *fakeNode) focus() { n.doc.active = n }

func (n *fakeNode) focused() bool { return n.doc.active == n }

func (n *fakeNode) setMarkup(s string) { n.doc.dirty = true; n.markup, n.kids, n.text = s, nil, "" }

func (n *fakeNode) setClass(name string, on bool) {
	if n.class == nil {
		n.class = map[string]bool{}
	}
	n.doc.dirty = true
	n.class[name] = on
}

func (n *fakeNode) remove() {
	if n.up == nil {
		return
	}
	n.doc.dirty = true
	n.up.kids = slices.DeleteFunc(n.up.kids, func(k *fakeNode) bool { return k == n })
	n.up = nil
}

func (n *fakeNode) className() string { s, _ := n.props["className"].(string); return s }

func (n *fakeNode) hidden() bool { h, _ := n.props["hidden"].(bool); return h }

// textContent is the node's text and its children's, as the DOM's.
func (n *fakeNode) textContent() string {
	var b strings.Builder
	b.WriteString(n.text)
	for _, k := range n.kids {
		b.WriteString(k.textContent())
	}
	return b.String()
}

// String is the node as the tests compare it: tag.class[attr=value …]
// "text" {children}, hidden elements marked.
func (n *fakeNode) String() string {
	var b strings.Builder
	n.write(&b)
	return b.String()
}

func (n *fakeNode) write(b *strings.Builder) {
	b.WriteString(n.tag)
	if c := n.className(); c != "" {
		b.WriteString("." + strings.ReplaceAll(c, " ", "."))
	}
	var attrs []string
	for k, v := range n.attrs {
		attrs = append(attrs, k+"="+v)
	}
	sort.Strings(attrs)
	if n.hidden() {
		attrs = append(attrs, "hidden")
	}
	if len(attrs) > 0 {
		b.WriteString("[" + strings.Join(attrs, " ") + "]")
	}
	if n.text != "" {
		fmt.Fprintf(b, " %q", n.text)
	}
	if len(n.kids) > 0 {
		b.WriteString(" {")
		for i, k := range n.kids {
			if i > 0 {
				b.WriteString(" ")
			}
			k.write(b)
		}
		b.WriteString("}")
	}
}

// missing is an element the page lacks: every write does nothing.
type missing struct{}

func (missing) ok() bool                { return false }
func (missing) setText(string)          {}
func (missing) setAttr(string, string)  {}
func (missing) delAttr(string)          {}
func (missing) attr(string) string      { return "" }
func (missing) set(string, any)         {}
func (missing) setStyle(string, string) {}
func (missing) append(...node)          {}
func (missing) prepend(...node)         {}
func (missing) clear()                  {}
func (missing) num(string) float64      { return 0 }
func (missing) child(int) node          { return missing{} }
func (missing) flag(string) bool        { return false }
func (missing) rect() geo.Box           { return geo.Box{} }
func (missing) query(string) node       { return missing{} }
func (missing) parent() node            { return missing{} }
func (missing) focus()                  {}
func (missing) focused() bool           { return false }
func (missing) setMarkup(string)        {}
func (missing) setClass(string, bool)   {}
func (missing) remove()                 {}
