package geo

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode"

	"mapline/internal/jsonval"
)

// DuplicateKeys warns of every key written more than once in one object of
// a story file src ("title" twice in a feature's properties, say). JSON
// leaves the meaning of such a file open: Load keeps the last value, other
// readers (a newsroom's own tools, a spreadsheet import) may keep the first,
// so the story can differ from one to the other. The warnings come in the
// order of the keys' second appearances in the file, with the feature's
// index and id (the id Load keeps) and the key's path in the feature
// (properties.title) or in the file. A file that is not JSON gets what was
// found before the fault, one larger than MaxStoryBytes nothing: Load says
// what is wrong with them.
func DuplicateKeys(src []byte) []Problem {
	if len(src) > MaxStoryBytes {
		return nil
	}
	d := dupScan{src: src, ids: map[int]string{}}
	d.run()
	for _, f := range d.stack { // objects a fault left open
		d.finish(&f)
	}
	for i := range d.probs {
		d.probs[i].ID = d.ids[d.probs[i].Feature]
	}
	return d.probs
}

// dupScan walks a JSON text for DuplicateKeys. It is lenient: it stops at
// the first byte that cannot be JSON, leaving the error to Load.
type dupScan struct {
	src   []byte
	i     int
	stack []dupFrame
	probs []Problem
	ids   map[int]string // the id of each feature that has one
}

// dupFrame is an object or an array being read.
type dupFrame struct {
	obj     bool
	wantKey bool     // in an object: the next string is a key
	key     []byte   // in an object: the key of the value being read
	keys    [][]byte // in an object: its keys so far, each once
	counts  []int    // how many times each of keys came
	dups    []int    // for each of keys, the index of its warning in probs, or -1
	idx     int      // in an array: the index of the value being read
	path    string   // in the feature, or in the file when feature is -1
	feature int      // the index of the feature it is in, or -1
}

func (d *dupScan) run() {
	for {
		d.skipSpace()
		if d.i >= len(d.src) {
			return
		}
		var top *dupFrame
		if len(d.stack) > 0 {
			top = &d.stack[len(d.stack)-1]
		}
		switch c := d.src[d.i]; c {
		case ',', ':':
			d.i++
		case '{', '[':
			d.i++
			d.push(c == '{', top)
		case '}', ']':
			d.i++
			if top == nil {
				return
			}
			d.finish(top)
			d.stack = d.stack[:len(d.stack)-1]
			d.valueDone()
		case '"':
			raw, ok := d.str()
			if !ok {
				return
			}
			if top != nil && top.obj && top.wantKey {
				d.addKey(top, unescape(raw))
				continue
			}
			if d.isID(top) {
				d.ids[top.feature] = string(unescape(raw))
			}
			d.valueDone()
		default: // a number, true, false or null
			j := d.i
			for j < len(d.src) && bytes.IndexByte([]byte(",}] \t\r\n"), d.src[j]) < 0 {
				j++
			}
			if j == d.i {
				return
			}
			if d.isID(top) && (c == '-' || c >= '0' && c <= '9') {
				d.ids[top.feature] = string(d.src[d.i:j])
			}
			d.i = j
			d.valueDone()
		}
	}
}

func (d *dupScan) skipSpace() {
	for d.i < len(d.src) && (d.src[d.i] == ' ' || d.src[d.i] == '\t' || d.src[d.i] == '\n' || d.src[d.i] == '\r') {
		d.i++
	}
}

// str reads the string at d.i and returns it with its quotes.
func (d *dupScan) str() ([]byte, bool) {
	j := d.i + 1
	for {
		k := bytes.IndexAny(d.src[j:], "\"\\")
		if k < 0 {
			return nil, false
		}
		j += k
		if d.src[j] == '\\' {
			j += 2
			if j > len(d.src) {
				return nil, false
			}
			continue
		}
		raw := d.src[d.i : j+1]
		d.i = j + 1
		return raw, true
	}
}

// unescape is the text of a JSON string written raw, quotes included.
func unescape(raw []byte) []byte {
	if bytes.IndexByte(raw, '\\') < 0 {
		return raw[1 : len(raw)-1]
	}
	s, ok := jsonval.String(string(raw))
	if !ok {
		return raw
	}
	return []byte(s)
}

// push starts an object or array inside top (nil at the top of the file),
// reusing the memory of the frames that ended.
func (d *dupScan) push(obj bool, top *dupFrame) {
	f := dupFrame{obj: obj, wantKey: obj, feature: -1}
	switch {
	case top == nil:
	case len(d.stack) == 2 && !top.obj && top.feature < 0 && top.path == "features":
		f.feature = top.idx // a feature: paths start again inside it
	case top.obj:
		f.feature, f.path = top.feature, joinKey(top.path, string(top.key))
	default:
		f.feature, f.path = top.feature, top.path+"["+strconv.Itoa(top.idx)+"]"
	}
	if n := len(d.stack); n < cap(d.stack) {
		old := d.stack[:n+1][n]
		f.keys, f.counts, f.dups = old.keys[:0], old.counts[:0], old.dups[:0]
	}
	d.stack = append(d.stack, f)
}

func (d *dupScan) addKey(f *dupFrame, k []byte) {
	f.key, f.wantKey = k, false
	for j, old := range f.keys {
		if bytes.Equal(old, k) {
			if f.counts[j]++; f.counts[j] == 2 {
				f.dups[j] = len(d.probs)
				d.probs = append(d.probs, Problem{Feature: f.feature, Field: joinKey(f.path, string(k)), Severity: Warning})
			}
			return
		}
	}
	f.keys, f.counts, f.dups = append(f.keys, k), append(f.counts, 1), append(f.dups, -1)
}

// isID reports whether the value being read is a feature's id.
func (d *dupScan) isID(top *dupFrame) bool {
	return top != nil && top.obj && top.path == "" && top.feature >= 0 && string(top.key) == "id"
}

// valueDone moves the innermost frame on after one of its values.
func (d *dupScan) valueDone() {
	if len(d.stack) == 0 {
		return
	}
	top := &d.stack[len(d.stack)-1]
	if top.obj {
		top.wantKey = true
	} else {
		top.idx++
	}
}

// finish writes the warnings of an object once its keys are counted.
func (d *dupScan) finish(f *dupFrame) {
	for j, i := range f.dups {
		if i >= 0 {
			d.probs[i].Msg = fmt.Sprintf("written %d times in one object: the map uses the last, other JSON readers may use another; keep one", f.counts[j])
		}
	}
}

// joinKey writes the path of key in the object at path: properties.title,
// or properties."a.b" for a key that would not read back as one name.
func joinKey(path, key string) string {
	plain := key != ""
	for _, r := range key {
		if !(r == '_' || r == '-' || r == ':' || r == '@' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			plain = false
			break
		}
	}
	if !plain {
		key = strconv.Quote(key)
	}
	if path == "" {
		return key
	}
	return path + "." + key
}
