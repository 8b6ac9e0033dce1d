// Package convert turns the data newsrooms already have into mapline stories
// (see docs/story-format.md): spreadsheet sheets as CSV (CSV), TimelineJS
// JSON (TimelineJS), and GeoJSON with Leaflet.TimeDimension's time and times
// properties (TimeDimension).
//
// A converter reads the whole input, checks every value the story format
// checks (dates, coordinates, required fields) and names each problem by its
// place in the input: the sheet, row and column of a CSV, or the item and
// field of a JSON file. Rows with errors are left out of the Doc it returns
// together with an *Error; warnings (what the story format cannot hold and
// the converter dropped) do not leave anything out.
package convert

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
)

// Problem is one thing wrong with one place of an input file.
type Problem struct {
	File    string // the input's name: "events.csv", "timeline.json"
	Where   string // "row 4", `events[2] ("talks")`; empty for the file as a whole
	Field   string // "column date", "start_date.month"
	Msg     string
	Warning bool // the row is converted, but something was dropped or guessed
}

func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString("convert: ")
	if p.Warning {
		b.WriteString("warning: ")
	}
	for _, s := range []string{p.File, p.Where, p.Field} {
		if s != "" {
			b.WriteString(s + ": ")
		}
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Error lists every problem a conversion found.
type Error struct{ Problems []Problem }

func (e *Error) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Error()
	}
	return strings.Join(msgs, "\n")
}

// Errors reports whether any problem is more than a warning.
func (e *Error) Errors() bool {
	for _, p := range e.Problems {
		if !p.Warning {
			return true
		}
	}
	return false
}

// Doc is a converted story: a GeoJSON FeatureCollection in the story format.
type Doc struct {
	Title, Description string
	Features           []Feature
}

// Feature is one site or event of a Doc. From says where in the input it
// came from ("events.csv row 4"), so that problems the story loader finds
// later can be traced back to the input.
type Feature struct {
	ID         string
	Point      *[2]float64 // longitude, latitude; nil for none
	Shape      *Shape      // any other geometry (a line, an area, a track); nil for none
	Properties map[string]any
	From       string
	// Renamed maps a field of the story back to the input's name for it,
	// when the converter moved a value (properties.times came from
	// properties.coordTimes): the problems the loader finds in it name the
	// field the newsroom wrote.
	Renamed map[string]string
}

// Shape is a GeoJSON geometry other than a Point, as written: a site's
// line or area, an event's track (see the story format).
type Shape struct {
	Type        string `json:"type"`
	Coordinates any    `json:"coordinates"`
}

// GeoJSON writes d as a story file: one feature a line, in order, the keys
// of properties sorted.
func (d *Doc) GeoJSON() ([]byte, error) {
	type geometry struct {
		Type        string     `json:"type"`
		Coordinates [2]float64 `json:"coordinates"`
	}
	type feature struct {
		Type       string         `json:"type"`
		ID         string         `json:"id,omitempty"`
		Geometry   any            `json:"geometry"`
		Properties map[string]any `json:"properties"`
	}
	// One encoder into one scratch buffer for every feature: a story of
	// 100,000 events is written without 100,000 of each (BenchmarkImportCSV).
	var scratch bytes.Buffer
	e := json.NewEncoder(&scratch)
	e.SetEscapeHTML(false) // text stays as written: "<" is not "\u003c"
	enc := func(v any) ([]byte, error) {
		scratch.Reset()
		if err := e.Encode(v); err != nil {
			return nil, fmt.Errorf("convert: writing GeoJSON: %w", err)
		}
		return bytes.TrimSuffix(scratch.Bytes(), []byte("\n")), nil
	}
	var b bytes.Buffer
	b.Grow(256 * (len(d.Features) + 1)) // about what a feature takes
	b.WriteString(`{"type": "FeatureCollection",`)
	for _, kv := range [][2]string{{"title", d.Title}, {"description", d.Description}} {
		if kv[1] != "" {
			v, err := enc(kv[1])
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(&b, "\n \"%s\": %s,", kv[0], v)
		}
	}
	b.WriteString("\n \"features\": [")
	for i, f := range d.Features {
		of := feature{Type: "Feature", ID: f.ID, Properties: f.Properties}
		if of.Properties == nil {
			of.Properties = map[string]any{}
		}
		switch {
		case f.Shape != nil:
			of.Geometry = f.Shape
		case f.Point != nil:
			of.Geometry = &geometry{"Point", *f.Point}
		default:
			of.Geometry = nil
		}
		v, err := enc(of)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n  ")
		b.Write(v)
	}
	b.WriteString("\n]}\n")
	return b.Bytes(), nil
}

// From lists where each feature came from, in the order of the features.
func (d *Doc) From() []string {
	out := make([]string, len(d.Features))
	for i, f := range d.Features {
		out[i] = f.From
	}
	return out
}

// renamed lists each feature's Renamed, in the order of the features.
func (d *Doc) renamed() []map[string]string {
	out := make([]map[string]string, len(d.Features))
	for i, f := range d.Features {
		out[i] = f.Renamed
	}
	return out
}

// slug makes an id from a name: "U.S. Embassy Baghdad" → "u-s-embassy-baghdad".
// Letters and digits of any script are kept.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// ids hands out unique ids: an id in use has a value above 0; the value of
// a base that unique numbered is the next number to try, so that a
// thousand sites of one name cost a thousand steps, not half a million.
type ids map[string]int

func (u ids) has(id string) bool { return u[id] > 0 }

func (u ids) take(id string) {
	if u[id] == 0 {
		u[id] = 1
	}
}

// unique returns base, or base-2, base-3 … when base is taken, and takes it.
func (u ids) unique(base string) string {
	if !u.has(base) {
		u.take(base)
		return base
	}
	n := max(u[base], 2)
	id := fmt.Sprintf("%s-%d", base, n)
	for u.has(id) {
		n++
		id = fmt.Sprintf("%s-%d", base, n)
	}
	u[base] = n + 1
	u.take(id)
	return id
}

// quote is a value for a message, shortened when long.
func quote(s string) string {
	const max = 60
	if r := []rune(s); len(r) > max {
		s = string(r[:max]) + "…"
	}
	return fmt.Sprintf("%q", s)
}
