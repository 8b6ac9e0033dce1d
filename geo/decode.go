package geo

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// jsonFeature is a feature as encoding/json decodes it (the slow way).
type jsonFeature struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties json.RawMessage `json:"properties"`
}

// decodeStory reads a story with encoding/json: the way for files
// scanStory does not read, and the one that says what is wrong with a file
// that is not JSON.
func decodeStory(src string) (*Story, error) {
	data := []byte(src)
	if line, col, deep := tooDeep(data); deep {
		return nil, fmt.Errorf("geo: the story is not a story: its JSON nests deeper than %d levels at line %d, column %d", MaxDepth, line, col)
	}
	if !json.Valid(data) {
		var v any
		return nil, fmt.Errorf("geo: the story is not valid JSON: %s", jsonErr(data, json.Unmarshal(data, &v)))
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("geo: the story must be a GeoJSON FeatureCollection, not %s", jsonKind(src))
	}
	top := make(map[string]string, len(raw))
	for k, v := range raw {
		top[k] = string(v)
	}
	if err := checkType(top); err != nil {
		return nil, err
	}
	// Decode every feature in one call. Only when one of them is not a
	// Feature object, feature by feature, to say which.
	var all []jsonFeature
	var each []json.RawMessage
	if fs, ok := raw["features"]; ok && string(fs) != "null" {
		if err := json.Unmarshal(fs, &all); err != nil {
			all = nil
			if err := json.Unmarshal(fs, &each); err != nil {
				return nil, fmt.Errorf("geo: features: must be an array of Features, not %s", jsonKind(string(fs)))
			}
		}
	}
	n := len(each)
	if all != nil {
		n = len(all)
	}
	ld := newLoader(n)
	var f feature
	var text []byte // of f, for its spans
	add := func(raw json.RawMessage) span {
		if len(raw) == 0 {
			return span{}
		}
		start := len(text)
		text = append(text, raw...)
		_, plain := unquote(string(raw))
		return span{int32(start), int32(len(text)), plain}
	}
	for i := range n {
		var jf jsonFeature
		if all != nil {
			jf = all[i]
		} else if err := json.Unmarshal(each[i], &jf); err != nil {
			ld.prob(i, "", "", "not a GeoJSON Feature object")
			continue
		}
		f.reset()
		text = text[:0]
		typ, _ := json.Marshal(jf.Type)
		f.typ = add(typ)
		f.id = add(jf.ID)
		f.geometry.text = add(jf.Geometry)
		f.properties = add(jf.Properties)
		var m map[string]json.RawMessage
		f.badProps = len(jf.Properties) > 0 && json.Unmarshal(jf.Properties, &m) != nil
		for k, raw := range m {
			f.props.set(k, add(raw))
		}
		f.props.sort()
		f.src = string(text)
		ld.feature(i, &f)
	}
	return ld.finish(top)
}

// checkType checks the "type" of the top object of a story.
func checkType(top map[string]string) error {
	var typ string
	if raw, ok := top["type"]; !ok {
		return errors.New(`geo: the story must be a GeoJSON FeatureCollection: "type" is missing`)
	} else if err := json.Unmarshal([]byte(raw), &typ); err != nil {
		return fmt.Errorf(`geo: type: must be "FeatureCollection", not %s`, jsonKind(raw))
	}
	if typ != "FeatureCollection" {
		return fmt.Errorf("geo: the story must be a GeoJSON FeatureCollection, not %q", typ)
	}
	return nil
}

// jsonErr describes a JSON syntax error with its line and column.
func jsonErr(data []byte, err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := lineCol(data, int(se.Offset))
		msg := se.Error()
		// JavaScript writes these for numbers that are not numbers; JSON has no such values.
		for _, w := range []struct {
			word string
			back int64
		}{{"-Infinity", 2}, {"NaN", 1}, {"Infinity", 1}} {
			if bytes.HasPrefix(data[max(se.Offset-w.back, 0):], []byte(w.word)) {
				msg = w.word + " is not a JSON number: every coordinate must be a finite number"
				break
			}
		}
		return fmt.Sprintf("line %d, column %d: %s", line, col, msg)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("%s must be %s, not a JSON %s", orDefault(te.Field, "the top level"), te.Type, te.Value)
	}
	return err.Error()
}

// lineCol is the line and column (from 1) of the byte at offset, or of the
// byte before it for an offset just past it (as json.SyntaxError gives).
func lineCol(data []byte, offset int) (int, int) {
	offset = min(offset, len(data))
	line := 1 + bytes.Count(data[:offset], []byte("\n"))
	col := offset - bytes.LastIndexByte(data[:offset], '\n') - 1
	return line, col
}

// tooDeep reports whether data nests arrays and objects deeper than
// MaxDepth, and where. Brackets inside strings do not count.
func tooDeep(data []byte) (line, col int, deep bool) {
	depth, inStr, esc := 0, false, false
	for i, c := range data {
		switch {
		case inStr:
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
			}
		case c == '"':
			inStr = true
		case c == '[' || c == '{':
			if depth++; depth > MaxDepth {
				line, col = lineCol(data, i+1)
				return line, col, true
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return 0, 0, false
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
