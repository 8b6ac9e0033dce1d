package geo

import (
	"bytes"
	"encoding/json"
)

// The fast way through a story file. encoding/json decodes a story of
// 100,000 events by reflection, scanning each byte several times; in the
// wasm that took seconds. scanCollection walks the bytes once (after
// json.Valid has checked them) and hands out the features' members as
// slices of the input. It gives up (ok false) on anything it does not
// read exactly as encoding/json would (escaped keys, members whose names
// differ only in case, repeated members, a feature that is not an object,
// a "type" that is not a plain string); Load then decodes as before and
// says what is wrong. TestScanMatchesDecode checks both ways agree.

// scanCollection reads the top object of valid JSON data and its features.
func scanCollection(data []byte) (top map[string]json.RawMessage, all []rawFeature, ok bool) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil, nil, false
	}
	top = map[string]json.RawMessage{}
	end, ok := scanObject(data, i, func(k, v []byte) bool {
		top[string(k)] = v
		return true
	})
	if !ok || skipSpace(data, end) != len(data) {
		return nil, nil, false
	}
	raw, has := top["features"]
	if !has || string(raw) == "null" {
		return top, nil, true
	}
	if raw[0] != '[' {
		return nil, nil, false
	}
	all = make([]rawFeature, 0, bytes.Count(raw, []byte(`"Feature"`)))
	_, ok = scanArray(raw, 0, func(v []byte) bool {
		f, ok := scanFeature(v)
		all = append(all, f)
		return ok
	})
	if !ok {
		return nil, nil, false
	}
	return top, all, true
}

func scanFeature(v []byte) (f rawFeature, ok bool) {
	if v[0] != '{' {
		return f, false
	}
	var seen [4]bool
	once := func(i int) bool {
		if seen[i] {
			return false
		}
		seen[i] = true
		return true
	}
	_, ok = scanObject(v, 0, func(k, x []byte) bool {
		switch string(k) {
		case "type":
			s, ok := unquote(x)
			f.Type = s
			return ok && once(0)
		case "id":
			f.ID = x
			return once(1)
		case "geometry":
			f.Geometry = x
			return once(2)
		case "properties":
			if !once(3) {
				return false
			}
			f.Properties = x
			if string(x) == "null" || x[0] != '{' {
				return true // Load says what is wrong with a non-object
			}
			f.props = props{}
			_, ok := scanObject(x, 0, func(pk, pv []byte) bool {
				f.props[string(pk)] = pv
				return true
			})
			return ok
		}
		// encoding/json matches member names without regard to case.
		for _, name := range [...]string{"type", "id", "geometry", "properties"} {
			if bytes.EqualFold(k, []byte(name)) {
				return false
			}
		}
		return true
	})
	return f, ok
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t') {
		i++
	}
	return i
}

// scanObject calls fn with the (unescaped) name and the raw value of each
// member of the object at data[i]; it returns the index after the object.
// Names with escapes are not read (ok false).
func scanObject(data []byte, i int, fn func(k, v []byte) bool) (end int, ok bool) {
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return i + 1, true
	}
	for i < len(data) {
		if data[i] != '"' {
			return 0, false
		}
		ke := stringEnd(data, i)
		if ke < 0 || bytes.IndexByte(data[i:ke], '\\') >= 0 {
			return 0, false
		}
		k := data[i+1 : ke-1]
		i = skipSpace(data, ke)
		if i >= len(data) || data[i] != ':' {
			return 0, false
		}
		i = skipSpace(data, i+1)
		ve := valueEnd(data, i)
		if ve < 0 || !fn(k, data[i:ve]) {
			return 0, false
		}
		i = skipSpace(data, ve)
		if i >= len(data) {
			return 0, false
		}
		switch data[i] {
		case '}':
			return i + 1, true
		case ',':
			i = skipSpace(data, i+1)
		default:
			return 0, false
		}
	}
	return 0, false
}

// scanArray calls fn with each raw element of the array at data[i].
func scanArray(data []byte, i int, fn func(v []byte) bool) (end int, ok bool) {
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == ']' {
		return i + 1, true
	}
	for i < len(data) {
		ve := valueEnd(data, i)
		if ve < 0 || !fn(data[i:ve]) {
			return 0, false
		}
		i = skipSpace(data, ve)
		if i >= len(data) {
			return 0, false
		}
		switch data[i] {
		case ']':
			return i + 1, true
		case ',':
			i = skipSpace(data, i+1)
		default:
			return 0, false
		}
	}
	return 0, false
}

// stringEnd is the index after the string at data[i], or -1.
func stringEnd(data []byte, i int) int {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// valueEnd is the index after the value at data[i], or -1.
func valueEnd(data []byte, i int) int {
	if i >= len(data) {
		return -1
	}
	switch data[i] {
	case '"':
		return stringEnd(data, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				e := stringEnd(data, j)
				if e < 0 {
					return -1
				}
				j = e - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(data) {
		switch data[j] {
		case ',', '}', ']', ' ', '\n', '\r', '\t':
			return j
		}
		j++
	}
	return j
}
