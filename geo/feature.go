package geo

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/paulmach/orb"

	"mapline/internal/jsonval"
)

// A feature is one element of "features" as Load reads it: its members as
// places in a text (src). The places hold no pointers: in the wasm, while
// the garbage collector marks, every pointer written costs, and the scanner
// writes several per feature.
type feature struct {
	src        string
	typ        span // a string
	id         span
	geometry   geometry
	properties span
	badProps   bool // properties is neither an object nor null
	props      props
}

// reset empties f for the next feature of the same text. It clears only
// what holds no pointers, and writes f.props.local only when it has to.
func (f *feature) reset() {
	f.typ, f.id, f.geometry, f.properties, f.badProps = span{}, span{}, geometry{}, span{}, false
	f.props.known = [nProps]span{}
	if len(f.props.local) > 0 {
		f.props.local = f.props.local[:0]
	}
}

// value is the JSON text at sp.
func (f *feature) value(sp span) value {
	return value{f.src[sp.start:sp.end], sp.plain}
}

// A span is the place of a JSON value in a text: text[start:end], end 0
// for a member that is absent. plain is as for value.
type span struct {
	start, end int32
	plain      bool
}

// A geometry is the place of a feature's geometry and, when the scanner has
// read it as a plain Point (point), of its coordinates.
type geometry struct {
	text     span
	point    bool
	lon, lat span
}

// A value is the JSON text of a member, "" when the member is absent. plain
// says it is a string without escapes and of valid UTF-8: its value is the
// text between the quotes.
type value struct {
	text  string
	plain bool
}

// valueOf is the value of JSON text.
func valueOf(text string) value {
	_, plain := unquote(text)
	return value{text, plain}
}

// absent reports whether the member is missing or null.
func (v value) absent() bool { return v.text == "" || v.text == "null" }

// The properties Load reads, indexes into props.known.
const (
	pTime = iota
	pEnd
	pTitle
	pDescription
	pSource
	pPlace
	pApproximate
	pSites
	pLinks
	pView
	pName
	pKind
	pTimes
	nProps
)

// propIndex is the index in props.known of the property key, or -1. It
// looks at the first letter before comparing, once per property of every
// feature.
func propIndex(k string) int {
	if len(k) < 3 {
		return -1
	}
	var name string
	var j int
	switch k[0] {
	case 't':
		name, j = "time", pTime
		if len(k) == 5 && k[2] == 't' {
			name, j = "title", pTitle
		} else if len(k) == 5 {
			name, j = "times", pTimes
		}
	case 'e':
		name, j = "end", pEnd
	case 'd':
		name, j = "description", pDescription
	case 's':
		name, j = "sites", pSites
		if len(k) == 6 {
			name, j = "source", pSource
		}
	case 'p':
		name, j = "place", pPlace
	case 'a':
		name, j = "approximate", pApproximate
	case 'l':
		name, j = "links", pLinks
	case 'v':
		name, j = "view", pView
	case 'n':
		name, j = "name", pName
	case 'k':
		name, j = "kind", pKind
	default:
		return -1
	}
	if k != name {
		return -1
	}
	return j
}

// props are the properties of a feature that Load reads: the known ones by
// index, and those whose key has a colon (the per-language texts, "name:ar")
// sorted by key. A key given twice counts once, with its last value, as in
// a map that encoding/json decodes.
type props struct {
	known [nProps]span
	local []member
}

type member struct {
	key string
	v   span
}

// set records the property k; sort must follow.
func (p *props) set(k string, v span) {
	if j := propIndex(k); j >= 0 {
		p.known[j] = v
	} else if strings.IndexByte(k, ':') >= 0 {
		p.local = append(p.local, member{k, v})
	}
}

// sort sorts p.local by key and keeps the last of each key.
func (p *props) sort() {
	if len(p.local) < 2 {
		return
	}
	sort.SliceStable(p.local, func(i, j int) bool { return p.local[i].key < p.local[j].key })
	out := p.local[:0]
	for i, m := range p.local {
		if i+1 < len(p.local) && p.local[i+1].key == m.key {
			continue
		}
		out = append(out, m)
	}
	p.local = out
}

// featureID reads a Feature id: a string (numbers are accepted and kept as text).
func featureID(v value) (string, error) {
	if v.absent() {
		return "", nil
	}
	if v.plain {
		return v.text[1 : len(v.text)-1], nil
	}
	if c := v.text[0]; c == '-' || c >= '0' && c <= '9' {
		return v.text, nil // a number of valid JSON, as json.Number keeps it
	}
	// As json.Unmarshal into a string, then into a json.Number (numbers
	// are read above).
	if s, ok := jsonString(v.text); ok {
		return s, nil
	}
	if n, ok := jsonval.Number(v.text); ok {
		return n, nil
	}
	return "", fmt.Errorf("must be a string, not %s", jsonKind(v.text))
}

// read reads a GeoJSON geometry placed in src: nil for null, an orb.Point,
// or another geometry of the story format (readGeometry).
func (g geometry) read(src string) (orb.Geometry, error) {
	if g.point {
		lon, err1 := strconv.ParseFloat(src[g.lon.start:g.lon.end], 64)
		lat, err2 := strconv.ParseFloat(src[g.lat.start:g.lat.end], 64)
		if err1 == nil && err2 == nil {
			p, _, err := lonLat(lon, lat)
			if err != nil {
				return nil, err
			}
			return p, nil
		}
	}
	return readGeometry(src[g.text.start:g.text.end])
}

// point reads a GeoJSON geometry that may be null or a Point, the slow way.
func point(text string) (orb.Point, bool, error) {
	if len(text) == 0 || text == "null" {
		return orb.Point{}, false, nil
	}
	typ, coords, ok := jsonTyped(text, "coordinates")
	if !ok {
		return orb.Point{}, false, fmt.Errorf("must be a GeoJSON geometry object or null, not %s", jsonKind(text))
	}
	if typ != "Point" {
		return orb.Point{}, false, fmt.Errorf("must be a Point (or null), not %q", typ)
	}
	cs, ok := jsonList(coords[0])
	if !ok || len(cs) < 2 {
		return orb.Point{}, false, errors.New("coordinates must be [longitude, latitude]")
	}
	var c [2]float64
	for i := range c {
		n, ok := jsonval.Number(cs[i])
		if !ok {
			return orb.Point{}, false, fmt.Errorf("coordinates[%d] must be a number of degrees, not %s", i, jsonKind(cs[i]))
		}
		v, err := strconv.ParseFloat(n, 64)
		if err != nil {
			return orb.Point{}, false, fmt.Errorf("coordinates[%d]: %s is not a number of degrees", i, n)
		}
		c[i] = v
	}
	return lonLat(c[0], c[1])
}

// lonLat checks the coordinates of a Point.
func lonLat(lon, lat float64) (orb.Point, bool, error) {
	if math.IsNaN(lon) || math.IsInf(lon, 0) || lon < -180 || lon > 180 {
		return orb.Point{}, false, fmt.Errorf("longitude %v is outside -180..180", lon)
	}
	if math.IsNaN(lat) || math.IsInf(lat, 0) || lat < -90 || lat > 90 {
		return orb.Point{}, false, fmt.Errorf("latitude %v is outside -90..90", lat)
	}
	return orb.Point{lon, lat}, true, nil
}

func jsonKind(text string) string {
	t := strings.TrimSpace(text)
	if len(t) == 0 {
		return "nothing"
	}
	switch t[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// unquote is the fast way to read a JSON string of valid JSON: one without
// escapes, control characters or invalid UTF-8 is the text between the
// quotes. ok is false for anything else, which jsonString must read.
func unquote(text string) (s string, ok bool) {
	if len(text) < 2 || text[0] != '"' || text[len(text)-1] != '"' {
		return "", false
	}
	in := text[1 : len(text)-1]
	ascii := true
	for i := 0; i < len(in); i++ {
		switch c := in[i]; {
		case c >= utf8.RuneSelf:
			ascii = false
		case c == '\\' || c == '"' || c < 0x20:
			return "", false
		}
	}
	if !ascii && !utf8.ValidString(in) {
		return "", false
	}
	return in, true
}

// plainList is the fast way to read a list of plain strings (see unquote)
// of valid JSON: ["a", "b"]. It appends their places in text to dst; ok is
// false for anything else, empty strings too.
func plainList(text string, dst [][2]int32) (at [][2]int32, ok bool) {
	if len(text) < 2 || text[0] != '[' || text[len(text)-1] != ']' {
		return nil, false
	}
	at = dst
	i := skipSpace(text, 1)
	if text[i] == ']' {
		return at, i == len(text)-1
	}
	for {
		if text[i] != '"' {
			return nil, false
		}
		e := strings.IndexByte(text[i+1:], '"')
		if e <= 0 { // none, or an empty string
			return nil, false
		}
		if _, ok := unquote(text[i : i+e+2]); !ok {
			return nil, false
		}
		at = append(at, [2]int32{int32(i + 1), int32(i + 1 + e)})
		i = skipSpace(text, i+e+2)
		if i >= len(text) {
			return nil, false
		}
		switch text[i] {
		case ']':
			return at, i == len(text)-1
		case ',':
			i = skipSpace(text, i+1)
			if i >= len(text) {
				return nil, false
			}
		default:
			return nil, false
		}
	}
}

func (v value) str(required bool) (string, error) {
	if v.absent() {
		if required {
			return "", errors.New("is required")
		}
		return "", nil
	}
	var s string
	if v.plain {
		s = v.text[1 : len(v.text)-1]
	} else if u, ok := decodeString(v.text); ok {
		s = u
	} else {
		return "", fmt.Errorf("must be a string, not %s", jsonKind(v.text))
	}
	if n := len(s); n > 0 && (s[0] <= ' ' || s[0] >= utf8.RuneSelf || s[n-1] <= ' ' || s[n-1] >= utf8.RuneSelf) {
		s = strings.TrimSpace(s)
	}
	if s == "" && required {
		return "", errors.New("is required and must not be empty")
	}
	return s, nil
}

// decodeString decodes a JSON string the slow way (apart from value.str,
// whose variables would otherwise go to the heap on every call).
func decodeString(text string) (string, bool) { return jsonString(text) }

// localField reports whether the property key is a per-language variant of
// one of fields ("title:ar", "name:fa-IR") and returns it as the key of Texts.
func localField(key string, fields ...string) (string, bool) {
	f, l, ok := strings.Cut(key, ":")
	if !ok || !validLangTag(l) {
		return "", false
	}
	for _, x := range fields {
		if f == x {
			return key, true
		}
	}
	return "", false
}

// validLangTag accepts the shape of a BCP 47 tag: letters and digits in
// subtags of 1 to 8, separated by "-", the first (the language) of 2 or 3
// letters.
func validLangTag(l string) bool {
	for i, sub := range strings.Split(l, "-") {
		if len(sub) < 1 || len(sub) > 8 || (i == 0 && (len(sub) < 2 || len(sub) > 3)) {
			return false
		}
		for _, r := range sub {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
				return false
			}
		}
	}
	return true
}

type textError struct{ key, msg string }

func (e textError) Error() string { return e.key + ": " + e.msg }

// texts reads the per-language variants of fields ("name:ar", …), whose
// values are placed in src; a variant must be a string. An empty one is left out (the default shows).
func (p *props) texts(src string, fields ...string) (Texts, error) {
	var t Texts
	for _, m := range p.local { // sorted: the first problem in a stable order
		f, ok := localField(m.key, fields...)
		if !ok {
			continue
		}
		v, err := value{src[m.v.start:m.v.end], m.v.plain}.str(false)
		if err == nil {
			err = checkText(v, textLimit(f))
		}
		if err != nil {
			return nil, textError{m.key, err.Error()}
		}
		if v == "" {
			continue
		}
		if t == nil {
			t = Texts{}
		}
		t[f] = v
	}
	return t, nil
}

func (v value) boolean() (bool, error) {
	switch v.text {
	case "", "null", "false":
		return false, nil
	case "true":
		return true, nil
	}
	// As json.Unmarshal into a bool: true, false or null, space around.
	if jsonval.Check(v.text) == nil {
		switch jsonval.Kind(v.text) {
		case 't':
			return true, nil
		case 'f', 'n':
			return false, nil
		}
	}
	return false, fmt.Errorf("must be true or false, not %s", jsonKind(v.text))
}

// An idList is a list of ids as their places in a text: at[j] is the j-th,
// no pointers to write (see feature).
type idList struct {
	text string
	at   [][2]int32
}

func (l idList) id(j int) string { return l.text[l.at[j][0]:l.at[j][1]] }

// idListOf is the list of ids.
func idListOf(ids ...string) idList {
	var b strings.Builder
	at := make([][2]int32, len(ids))
	for j, id := range ids {
		at[j][0] = int32(b.Len())
		b.WriteString(id)
		at[j][1] = int32(b.Len())
	}
	return idList{b.String(), at}
}

// siteList reads a list of site ids. Its places are the loader's until
// its next call.
func (ld *loader) siteList(v value) (idList, error) {
	if v.absent() {
		return idList{}, nil
	}
	if v.plain && len(v.text) > 2 { // a single id, for a list of one
		at := append(ld.at[:0], [2]int32{1, int32(len(v.text) - 1)})
		keep(&ld.at, at)
		return idList{v.text, at}, nil
	}
	if at, ok := plainList(v.text, ld.at[:0]); ok {
		keep(&ld.at, at)
		return idList{v.text, at}, nil
	}
	items, ok := jsonList(v.text)
	if !ok {
		// A single id is accepted for a list of one.
		if id, err := featureID(valueOf(v.text)); err == nil && id != "" {
			return idListOf(id), nil
		}
		return idList{}, fmt.Errorf("must be a list of site ids, not %s", jsonKind(v.text))
	}
	ss := make([]string, 0, len(items))
	for i, it := range items {
		id, err := featureID(valueOf(it))
		if err != nil || id == "" {
			return idList{}, fmt.Errorf("item %d must be a site id (a string), not %s", i, jsonKind(it))
		}
		ss = append(ss, id)
	}
	return idListOf(ss...), nil
}

// keep keeps at, a scratch list grown from *scratch, for the next list
// when it grew: *scratch is written (a pointer) only then.
func keep(scratch *[][2]int32, at [][2]int32) {
	if cap(at) > cap(*scratch) {
		*scratch = at
	}
}

// links reads a list of site id pairs: [["tehran", "al-asad"], …], as a
// list of ids two by two. Its places are the loader's until its next call.
func (ld *loader) links(v value) (idList, error) {
	if v.absent() {
		return idList{}, nil
	}
	var l idList
	if at, ok := plainPairs(v.text, ld.pairAt[:0]); ok {
		keep(&ld.pairAt, at)
		l = idList{v.text, at}
	} else {
		prs, ok := jsonStringLists(v.text)
		if !ok {
			return idList{}, errors.New(`must be a list of site id pairs, like [["tehran", "al-asad"]]`)
		}
		ids := make([]string, 0, 2*len(prs))
		for _, pr := range prs {
			if len(pr) != 2 { // two empty ids, wrong below
				pr = []string{"", ""}
			}
			ids = append(ids, pr[0], pr[1])
		}
		l = idListOf(ids...)
	}
	for i := 0; i < len(l.at); i += 2 {
		if a, b := l.id(i), l.id(i+1); a == "" || b == "" || a == b {
			return idList{}, fmt.Errorf("item %d must be two different site ids", i/2)
		}
	}
	return l, nil
}

// plainPairs is the fast way to read a list of pairs of plain strings of
// valid JSON: [["a", "b"], ["c", "d"]]. It appends their places in text to
// dst, two by two; ok is false for anything else.
func plainPairs(text string, dst [][2]int32) (at [][2]int32, ok bool) {
	if len(text) < 2 || text[0] != '[' {
		return nil, false
	}
	at = dst
	i := skipSpace(text, 1)
	if i < len(text) && text[i] == ']' {
		return at, i == len(text)-1
	}
	for i < len(text) && text[i] == '[' {
		e := strings.IndexByte(text[i:], ']')
		if e < 0 {
			return nil, false
		}
		n := len(at)
		if at, ok = plainList(text[i:i+e+1], at); !ok || len(at) != n+2 {
			return nil, false
		}
		for j := n; j < len(at); j++ {
			at[j][0] += int32(i)
			at[j][1] += int32(i)
		}
		i = skipSpace(text, i+e+1)
		if i >= len(text) {
			return nil, false
		}
		switch text[i] {
		case ']':
			return at, i == len(text)-1
		case ',':
			i = skipSpace(text, i+1)
		default:
			return nil, false
		}
	}
	return nil, false
}

// camera reads a view: [latitude, longitude, zoom] or "LAT,LON,ZOOM" (the
// form of the view= flag).
func camera(v value) (*Camera, error) {
	if v.absent() {
		return nil, nil
	}
	// The parts as written, so that a message quotes them (1e309 stays
	// 1e309, not +Inf): numbers in an array, or "LAT,LON,ZOOM" in a string.
	var parts []string
	if items, ok := jsonList(v.text); ok {
		for i, it := range items {
			if k := jsonKind(it); k != "a number" {
				return nil, fmt.Errorf("must be [latitude, longitude, zoom]: item %d is %s, not a number", i, k)
			}
			parts = append(parts, it)
		}
	} else {
		s, ok := jsonString(v.text)
		if !ok {
			return nil, fmt.Errorf("must be [latitude, longitude, zoom], not %s", jsonKind(v.text))
		}
		for _, part := range strings.Split(s, ",") {
			parts = append(parts, strings.TrimSpace(part))
		}
	}
	if len(parts) != 3 {
		return nil, fmt.Errorf("must be [latitude, longitude, zoom], not %d numbers", len(parts))
	}
	var f [3]float64
	for i, name := range [3]string{"latitude", "longitude", "zoom"} {
		x, err := strconv.ParseFloat(parts[i], 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) { // out of float64's range: the range checks below name it
			return nil, fmt.Errorf("the %s %q is not a number", name, parts[i])
		}
		f[i] = x
	}
	switch {
	case !(f[0] >= -90 && f[0] <= 90):
		return nil, fmt.Errorf("latitude %s is out of range: -90 to 90", parts[0])
	case !(f[1] >= -180 && f[1] <= 180):
		return nil, fmt.Errorf("longitude %s is out of range: -180 to 180", parts[1])
	case !(f[2] >= MinZoom && f[2] <= MaxZoom):
		return nil, fmt.Errorf("zoom %s must be %d to %d", parts[2], MinZoom, MaxZoom)
	}
	return &Camera{Center: orb.Point{f[1], f[0]}, Zoom: f[2]}, nil
}

// optText reads an optional text of the story's field (title,
// description) within its limit (textLimit).
func optText(text, field string) (string, error) {
	s, err := optString(text)
	if err == nil {
		err = checkText(s, textLimit(field))
	}
	return s, err
}

func optString(text string) (string, error) {
	if len(text) == 0 {
		return "", nil
	}
	return valueOf(text).str(false)
}
