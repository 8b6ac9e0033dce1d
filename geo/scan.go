package geo

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The fast way through a story file. encoding/json decoded a story of
// 100,000 events by reflection, and a map per feature for its properties;
// in the wasm that took seconds. scanStory reads the text once: it checks
// that it is JSON as json.Valid would, no deeper than MaxDepth, and hands
// each feature to the loader as it goes, its members as pieces of the text
// (strings without escapes are their own values, no copy). It gives up (ok
// false) on anything that is not valid JSON or that it does not read
// exactly as encoding/json would (escaped member names, members whose names
// differ only in case, a feature's members repeated, a feature that is not
// an object, a "type" that is not a plain string); Load then decodes the
// slow way (decodeStory) and says what is wrong. TestScanMatchesDecode and
// FuzzScanMatchesDecode check that both ways agree.

// scanStory loads a story from its text, or gives up (ok false).
func scanStory(src string) (s *Story, ok bool, err error) {
	sc := &scanner{s: src, ok: true}
	sc.ws()
	if !sc.open('{') {
		return nil, false, nil
	}
	top := map[string]string{}
	ld := newLoader(countFeatures(src))
	f := feature{src: src}
	features := false
	for first := true; sc.next('}', first); first = false {
		k := sc.key()
		if k != "features" {
			top[k] = sc.text(sc.value())
			continue
		}
		if features { // the last would count
			return nil, false, nil
		}
		features = true
		if sc.peek() != '[' {
			if sc.text(sc.value()) != "null" {
				return nil, false, nil // decodeStory says what is wrong
			}
			continue
		}
		sc.open('[')
		for i, first := 0, true; sc.next(']', first); i, first = i+1, false {
			if !sc.feature(&f) {
				return nil, false, nil
			}
			ld.feature(i, &f)
		}
	}
	sc.ws()
	if !sc.ok || sc.i != len(sc.s) {
		return nil, false, nil
	}
	if err := checkType(top); err != nil {
		return nil, true, err
	}
	s, err = ld.finish(top)
	return s, true, err
}

// countFeatures counts "Feature" in quotes in src, the number of features
// of most files, to size the story's lists and maps.
func countFeatures(src string) int {
	n := 0
	for i := 0; ; i++ {
		j := strings.IndexByte(src[i:], 'F') // rarer than the quote
		if j < 0 {
			return n
		}
		if i += j; i > 0 && strings.HasPrefix(src[i-1:], `"Feature"`) {
			n++
		}
	}
}

// A scanner reads JSON text. Once it finds something it does not read
// (invalid JSON, or what the fast way leaves to the slow way), ok is false
// and it is at the end of the text, so every loop ends.
type scanner struct {
	s     string
	i     int
	depth int // of arrays and objects
	ok    bool
}

func (sc *scanner) fail() {
	sc.ok = false
	sc.i = len(sc.s)
}

func (sc *scanner) peek() byte {
	if sc.i < len(sc.s) {
		return sc.s[sc.i]
	}
	return 0
}

func (sc *scanner) ws() {
	for sc.i < len(sc.s) {
		switch sc.s[sc.i] {
		case ' ', '\n', '\r', '\t':
			sc.i++
		default:
			return
		}
	}
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t') {
		i++
	}
	return i
}

// open enters the array or object (c is '[' or '{') that begins at the
// scanner, if one does.
func (sc *scanner) open(c byte) bool {
	if sc.peek() != c {
		return false
	}
	sc.i++
	if sc.depth++; sc.depth > MaxDepth {
		sc.fail()
		return false
	}
	return true
}

// next reports whether another element or member of the array or object
// being read follows (close is ']' or '}'), and moves to it; first is true
// for the first. At the end it leaves the array or object.
func (sc *scanner) next(close byte, first bool) bool {
	sc.ws()
	if sc.i >= len(sc.s) {
		sc.fail()
		return false
	}
	switch c := sc.s[sc.i]; {
	case c == close:
		sc.i++
		sc.depth--
		return false
	case first:
	case c == ',':
		sc.i++
		sc.ws()
	default:
		sc.fail()
		return false
	}
	return true
}

// key reads a member's name and the colon after it. A name with escapes or
// invalid UTF-8 is left to the slow way.
func (sc *scanner) key() string {
	s, i := sc.s, sc.i
	if i >= len(s) || s[i] != '"' {
		sc.fail()
		return ""
	}
	// Most names are plain ASCII: read them here, the rest with str.
	j := i + 1
	for j < len(s) && !strByte[s[j]] {
		j++
	}
	var k string
	if j < len(s) && s[j] == '"' {
		k, sc.i = s[i+1:j], j+1
	} else if v := sc.str(); v.plain {
		k = s[v.start+1 : v.end-1]
	} else {
		sc.fail()
		return ""
	}
	sc.ws()
	if sc.peek() != ':' {
		sc.fail()
		return ""
	}
	sc.i++
	sc.ws()
	return k
}

// strByte marks the bytes a string's loop stops at: the quote, the
// backslash, control characters (invalid) and the bytes of non-ASCII
// characters.
var strByte = func() (t [256]bool) {
	for c := range t {
		t[c] = c == '"' || c == '\\' || c < 0x20 || c >= utf8.RuneSelf
	}
	return t
}()

// text is the text of sp.
func (sc *scanner) text(sp span) string { return sc.s[sp.start:sp.end] }

// str reads the string that begins at the scanner.
func (sc *scanner) str() span {
	s, start := sc.s, sc.i
	esc, hi := false, false
	for j := start + 1; j < len(s); j++ {
		for j < len(s) && !strByte[s[j]] {
			j++
		}
		if j >= len(s) {
			break
		}
		switch c := s[j]; {
		case c == '"':
			sc.i = j + 1
			return span{int32(start), int32(sc.i), !esc && (!hi || utf8.ValidString(s[start+1:j]))}
		case c == '\\':
			esc = true
			if j++; j >= len(s) {
				sc.fail()
				return span{}
			}
			switch s[j] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if j+4 >= len(s) || !isHex(s[j+1]) || !isHex(s[j+2]) || !isHex(s[j+3]) || !isHex(s[j+4]) {
					sc.fail()
					return span{}
				}
				j += 4
			default:
				sc.fail()
				return span{}
			}
		case c < 0x20:
			sc.fail()
			return span{}
		default:
			hi = true
		}
	}
	sc.fail()
	return span{}
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func (sc *scanner) digits() int {
	n := 0
	for sc.i < len(sc.s) && sc.s[sc.i] >= '0' && sc.s[sc.i] <= '9' {
		sc.i++
		n++
	}
	return n
}

// number reads the number that begins at the scanner.
func (sc *scanner) number() span {
	start := sc.i
	if sc.peek() == '-' {
		sc.i++
	}
	switch c := sc.peek(); {
	case c == '0':
		sc.i++
	case c >= '1' && c <= '9':
		sc.digits()
	default:
		sc.fail()
		return span{}
	}
	if sc.peek() == '.' {
		sc.i++
		if sc.digits() == 0 {
			sc.fail()
			return span{}
		}
	}
	if c := sc.peek(); c == 'e' || c == 'E' {
		sc.i++
		if c := sc.peek(); c == '+' || c == '-' {
			sc.i++
		}
		if sc.digits() == 0 {
			sc.fail()
			return span{}
		}
	}
	return span{start: int32(start), end: int32(sc.i)}
}

// value reads the value that begins at the scanner and returns its place.
func (sc *scanner) value() span {
	start := sc.i
	switch c := sc.peek(); {
	case c == '"':
		sc.str()
	case c == '{':
		sc.open('{')
		for first := true; sc.next('}', first); first = false {
			if sc.peek() != '"' {
				sc.fail()
				break
			}
			sc.str()
			sc.ws()
			if sc.peek() != ':' {
				sc.fail()
				break
			}
			sc.i++
			sc.ws()
			sc.value()
		}
	case c == '[':
		sc.open('[')
		for first := true; sc.next(']', first); first = false {
			sc.value()
		}
	case c == 't':
		sc.literal("true")
	case c == 'f':
		sc.literal("false")
	case c == 'n':
		sc.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		sc.number()
	default:
		sc.fail()
	}
	if !sc.ok {
		return span{}
	}
	return span{start: int32(start), end: int32(sc.i)}
}

// val reads a value, knowing whether it is a plain string.
func (sc *scanner) val() span {
	if sc.peek() == '"' {
		return sc.str()
	}
	return sc.value()
}

func (sc *scanner) literal(word string) {
	if !strings.HasPrefix(sc.s[sc.i:], word) {
		sc.fail()
		return
	}
	sc.i += len(word)
}

// feature reads a feature into f (reset first). It gives up on what the
// loader must decode the slow way.
func (sc *scanner) feature(f *feature) bool {
	f.reset()
	if !sc.open('{') {
		sc.fail()
		return false
	}
	var seen [4]bool
	once := func(i int) {
		if seen[i] {
			sc.fail() // encoding/json would keep the last
		}
		seen[i] = true
	}
	for first := true; sc.next('}', first); first = false {
		switch k := sc.key(); k {
		case "type":
			once(0)
			if sc.peek() != '"' {
				sc.fail()
				break
			}
			if f.typ = sc.str(); !f.typ.plain {
				sc.fail()
			}
		case "id":
			once(1)
			f.id = sc.val()
		case "geometry":
			once(2)
			sc.geometry(&f.geometry)
		case "properties":
			once(3)
			if sc.peek() == '{' {
				start := sc.i
				sc.props(&f.props)
				f.properties = span{start: int32(start), end: int32(sc.i)}
			} else {
				f.properties = sc.value()
				f.badProps = sc.text(f.properties) != "null"
			}
		default:
			if matchesMember(k, "type", "id", "geometry", "properties") {
				sc.fail()
				break
			}
			sc.value()
		}
	}
	return sc.ok
}

// props reads a properties object. Its names are pieces of the text, kept
// only for the per-language ones.
func (sc *scanner) props(p *props) {
	sc.open('{')
	for first := true; sc.next('}', first); first = false {
		k := sc.key()
		p.set(k, sc.val())
	}
	p.sort()
}

// geometry reads a geometry, and the coordinates of a plain Point: an object
// of a plain string "type" and "coordinates" that begin with two numbers,
// each given once. The loader reads any other the slow way.
func (sc *scanner) geometry(g *geometry) {
	start := sc.i
	if sc.peek() != '{' {
		g.text = sc.value()
		return
	}
	sc.open('{')
	usual, types, coords := true, 0, 0
	for first := true; sc.next('}', first); first = false {
		switch k := sc.key(); k {
		case "type":
			types++
			v := sc.val()
			usual = usual && v.plain && sc.text(v) == `"Point"`
		case "coordinates":
			coords++
			if !sc.open('[') {
				sc.value()
				usual = false
				break
			}
			n := 0
			for first := true; sc.next(']', first); first = false {
				if c := sc.peek(); n < 2 && (c == '-' || c >= '0' && c <= '9') {
					if n == 0 {
						g.lon = sc.number()
					} else {
						g.lat = sc.number()
					}
				} else {
					sc.value()
					usual = usual && n >= 2
				}
				n++
			}
			usual = usual && n >= 2
		default:
			if matchesMember(k, "type", "coordinates") {
				usual = false
			}
			sc.value()
		}
	}
	g.text = span{start: int32(start), end: int32(sc.i)}
	g.point = usual && types == 1 && coords == 1
}

// matchesMember reports whether encoding/json could take the member name k
// for one of names, which it matches without regard to case (by
// unicode.ToUpper, as bytes.EqualFold does not always: "ı" is "I"), though
// it is not exactly one of them.
func matchesMember(k string, names ...string) bool {
	for _, name := range names {
		if k != name && (strings.EqualFold(k, name) || bytes.Equal(upper(k), upper(name))) {
			return true
		}
	}
	return false
}

// upper is the name as encoding/json folds it.
func upper(s string) []byte {
	var b []byte
	for _, r := range s {
		b = utf8.AppendRune(b, unicode.ToUpper(r))
	}
	return b
}
