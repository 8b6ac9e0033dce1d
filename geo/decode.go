package geo

import (
	"bytes"
	"errors"
	"fmt"

	"mapline/internal/jsonval"
)

// decodeStory reads a story as encoding/json would decode it (the slow
// way, with internal/jsonval): the way for files scanStory does not read,
// and the one that says what is wrong with a file that is not JSON.
func decodeStory(src string) (*Story, error) {
	data := []byte(src)
	if line, col, deep := tooDeep(data); deep {
		return nil, fmt.Errorf("geo: the story is not a story: its JSON nests deeper than %d levels at line %d, column %d", MaxDepth, line, col)
	}
	if err := jsonval.Check(src); err != nil {
		return nil, fmt.Errorf("geo: the story is not valid JSON: %s", jsonErr(data, err))
	}
	top, ok := jsonMap(src)
	if !ok {
		return nil, fmt.Errorf("geo: the story must be a GeoJSON FeatureCollection, not %s", jsonKind(src))
	}
	if top == nil {
		top = map[string]string{}
	}
	if err := checkType(top); err != nil {
		return nil, err
	}
	var each []string
	if fs, ok := top["features"]; ok && fs != "null" {
		if each, ok = jsonval.Array(fs); !ok {
			return nil, fmt.Errorf("geo: features: must be an array of Features, not %s", jsonKind(fs))
		}
	}
	ld := newLoader(len(each))
	var f feature
	var text []byte // of f, for its spans
	add := func(raw string) span {
		if len(raw) == 0 {
			return span{}
		}
		start := len(text)
		text = append(text, raw...)
		_, plain := unquote(raw)
		return span{int32(start), int32(len(text)), plain}
	}
	for i, it := range each {
		// A feature as into struct { Type string; ID, Geometry,
		// Properties json.RawMessage }.
		typ, jf, ok := jsonTyped(it, "id", "geometry", "properties")
		if !ok {
			ld.prob(i, "", "", "not a GeoJSON Feature object")
			continue
		}
		f.reset()
		text = text[:0]
		f.typ = add(jsonval.Quote(typ))
		f.id = add(jf[0])
		f.geometry.text = add(jf[1])
		f.properties = add(jf[2])
		m, ok := jsonMap(jf[2])
		f.badProps = len(jf[2]) > 0 && !ok
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
	raw, ok := top["type"]
	if !ok {
		return errors.New(`geo: the story must be a GeoJSON FeatureCollection: "type" is missing`)
	}
	typ, ok := jsonString(raw)
	if !ok {
		return fmt.Errorf(`geo: type: must be "FeatureCollection", not %s`, jsonKind(raw))
	}
	if typ != "FeatureCollection" {
		return fmt.Errorf("geo: the story must be a GeoJSON FeatureCollection, not %q", typ)
	}
	return nil
}

// jsonErr describes a JSON syntax error with its line and column.
func jsonErr(data []byte, err error) string {
	var se *jsonval.SyntaxError
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
