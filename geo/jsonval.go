package geo

import (
	"strconv"

	"mapline/internal/jsonval"
)

// The slow way's reads of one JSON value's text, each as json.Unmarshal
// into the Go type it names would read it (null is no value, and no
// error), with internal/jsonval: the wasm links no encoding/json (issue
// 17: 59,436 B brotli).

// jsonString reads text as into a string: a string, or null ("").
func jsonString(text string) (string, bool) {
	if jsonval.Kind(text) == 'n' {
		return "", jsonval.Check(text) == nil
	}
	return jsonval.String(text)
}

// jsonList reads text as into a []json.RawMessage: an array's items, or
// null (none).
func jsonList(text string) ([]string, bool) {
	if jsonval.Kind(text) == 'n' {
		return nil, jsonval.Check(text) == nil
	}
	return jsonval.Array(text)
}

// jsonMap reads text as into a map[string]json.RawMessage: an object's
// members, the last of a name repeated, or null (none).
func jsonMap(text string) (map[string]string, bool) {
	if jsonval.Kind(text) == 'n' {
		return nil, jsonval.Check(text) == nil
	}
	ms, ok := jsonval.Object(text)
	if !ok {
		return nil, false
	}
	m := make(map[string]string, len(ms))
	for _, mb := range ms {
		m[mb.Key] = mb.Value
	}
	return m, true
}

// jsonFields reads text as into a struct of json.RawMessage fields named
// names: the value of each ("" for none), an object's or null's.
func jsonFields(text string, names ...string) ([]string, bool) {
	vals := make([]string, len(names))
	if jsonval.Kind(text) == 'n' {
		return vals, jsonval.Check(text) == nil
	}
	ms, ok := jsonval.Object(text)
	if !ok {
		return nil, false
	}
	for i, name := range names {
		vals[i], _ = jsonval.Field(ms, name)
	}
	return vals, true
}

// jsonTyped reads text as into struct { Type string; Coordinates
// json.RawMessage } (a geometry, or a feature's type with fields after
// it): the type, a string or null, and the other fields' values.
func jsonTyped(text string, names ...string) (typ string, vals []string, ok bool) {
	vals, ok = jsonFields(text, append([]string{"type"}, names...)...)
	if !ok {
		return "", nil, false
	}
	if vals[0] != "" {
		if typ, ok = jsonString(vals[0]); !ok {
			return "", nil, false
		}
	}
	return typ, vals[1:], true
}

// jsonFloats reads text as into a []float64: an array of numbers in
// float64's range, or null (none); an item null is 0.
func jsonFloats(text string) ([]float64, bool) {
	items, ok := jsonList(text)
	if !ok {
		return nil, false
	}
	fs := make([]float64, len(items))
	for i, it := range items {
		if it == "null" {
			continue
		}
		n, ok := jsonval.Number(it)
		if !ok {
			return nil, false
		}
		f, err := strconv.ParseFloat(n, 64)
		if err != nil {
			return nil, false
		}
		fs[i] = f
	}
	return fs, true
}

// jsonStringLists reads text as into a [][]string: null for none, a list
// or a string null for an empty one.
func jsonStringLists(text string) ([][]string, bool) {
	items, ok := jsonList(text)
	if !ok {
		return nil, false
	}
	out := make([][]string, len(items))
	for i, it := range items {
		ss, ok := jsonList(it)
		if !ok {
			return nil, false
		}
		for _, s := range ss {
			v, ok := jsonString(s)
			if !ok {
				return nil, false
			}
			out[i] = append(out[i], v)
		}
		if ss != nil && out[i] == nil {
			out[i] = []string{}
		}
	}
	return out, true
}
