// Package studio is the logic of studio.html, the page where a newsroom
// opens a sheet or a story, sees every problem in the command line's words,
// fixes the cells a reporter fixes most and copies the embed code. It reads
// and checks with the command line's own code (convert.ReadTable,
// convert.CSV, convert.Check) and takes bytes, never files, the network or
// the browser: studio/wasm is its bridge to the page.
package studio

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"mapline/geo"
	"mapline/geo/convert"
)

// Fields are the fields the table shows and edits, in its order.
var Fields = []string{"title", "date", "place", "lat", "lon", "source"}

// MaxFileBytes is the largest file the studio opens: the command line's
// limit (convert.MaxSheetBytes, geo.MaxStoryBytes).
const MaxFileBytes = max(convert.MaxSheetBytes, geo.MaxStoryBytes)

// Work is a file being fixed: a sheet (its cells, written back as CSV for
// each check), or a story (its features, written back as GeoJSON). A file
// of TimelineJS or Leaflet.TimeDimension is converted into a story when it
// is opened, as mapline import converts it; its problems are kept as notes.
type Work struct {
	Name  string // the file's name, as the messages name it
	sheet *convert.Table
	title string // a sheet's story title (a story keeps its own)
	story *story
	notes []convert.Finding // the conversion's, for a file converted on opening
}

// story is a story file's top level and features, as JSON values; a
// feature that is not an object is kept in raw as it was (the loader names
// it) and is nil in features.
type story struct {
	top      map[string]any
	features []map[string]any
	raw      []any
}

// Open reads a file the user gave. A file that cannot be read at all (too
// large, not a sheet nor a story, in an encoding no reader knows) gives an
// error in the command line's words.
func Open(name string, data []byte) (*Work, error) {
	if len(data) > MaxFileBytes {
		return nil, fmt.Errorf("%s: larger than %d MB, the most mapline reads", name, MaxFileBytes>>20)
	}
	w := &Work{Name: name}
	switch convert.Detect(name, data) {
	case convert.FormatCSV:
		tb, probs := convert.ReadTable(convert.Sheet{Name: name, Data: data})
		if tb == nil {
			return nil, problemsError(probs)
		}
		w.sheet = tb
		return w, nil
	case convert.FormatTimelineJS:
		doc, err := convert.TimelineJS(name, data)
		if doc == nil {
			return nil, problemsOrError(err)
		}
		var probs []convert.Problem
		if e, ok := err.(*convert.Error); ok {
			probs = e.Problems
		}
		_, w.notes, _ = convert.Check(name, nil, doc, probs)
		if data, err = doc.GeoJSON(); err != nil {
			return nil, err
		}
	}
	s, err := readStory(name, data)
	if err != nil {
		return nil, err
	}
	w.story = s
	return w, nil
}

func problemsOrError(err error) error {
	if e, ok := err.(*convert.Error); ok {
		return problemsError(e.Problems)
	}
	return err
}

// problemsError is the problems of a file that cannot be read, one a line.
func problemsError(probs []convert.Problem) error {
	var lines []string
	for _, p := range probs {
		lines = append(lines, strings.TrimPrefix(p.Error(), "convert: "))
	}
	return fmt.Errorf("%s", strings.Join(lines, "\n"))
}

// readStory reads a story's top level and features; what is wrong inside
// them is the loader's to say (Check).
func readStory(name string, data []byte) (*story, error) {
	var top map[string]any
	if err := json.Unmarshal(bytes.TrimPrefix(data, []byte("\ufeff")), &top); err != nil {
		// The loader's words for a file that is not JSON.
		if _, err2 := geo.Load(bytes.NewReader(data)); err2 != nil {
			return nil, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err2.Error(), "geo: "))
		}
		return nil, fmt.Errorf("%s: not a story: %v", name, err)
	}
	s := &story{top: top}
	fs, _ := top["features"].([]any)
	if top["type"] != "FeatureCollection" || fs == nil {
		return nil, fmt.Errorf(`%s: not a story, a sheet, a TimelineJS file nor GeoJSON: a story is a GeoJSON "FeatureCollection" with "features" (docs/story-format.md)`, name)
	}
	for _, f := range fs {
		m, _ := f.(map[string]any)
		s.features = append(s.features, m)
		s.raw = append(s.raw, f)
	}
	return s, nil
}

// Title is the story's title.
func (w *Work) Title() string {
	if w.sheet != nil {
		return w.title
	}
	t, _ := w.story.top["title"].(string)
	return t
}

// SetTitle sets the story's title ("" for none).
func (w *Work) SetTitle(t string) {
	switch {
	case w.sheet != nil:
		w.title = t
	case t == "":
		delete(w.story.top, "title")
	default:
		w.story.top["title"] = t
	}
}

// Sheet reports whether the work is a sheet (rather than a story).
func (w *Work) Sheet() bool { return w.sheet != nil }

// Len is the number of rows: a sheet's rows, or a story's features.
func (w *Work) Len() int {
	if w.sheet != nil {
		return len(w.sheet.Rows)
	}
	return len(w.story.features)
}

// Label names row i as the messages do: "row 4" (its line in the sheet) or
// "feature 3".
func (w *Work) Label(i int) string {
	if i < 0 || i >= w.Len() {
		return fmt.Sprintf("row %d", i) // not a row: named by the number asked for
	}
	if w.sheet != nil {
		return fmt.Sprintf("row %d", w.sheet.Lines[i])
	}
	return fmt.Sprintf("feature %d", i)
}

// column is the sheet's column of a field of Fields, -1 when it has none.
func (w *Work) column(field string) int {
	if field == "date" {
		field = "time"
	}
	if c, ok := w.sheet.Columns[field]; ok {
		return c
	}
	return -1
}

// Editable reports whether row i's field can be edited: a sheet needs a
// column for it; a story's feature needs to be an object.
func (w *Work) Editable(i int, field string) bool {
	if i < 0 || i >= w.Len() {
		return false
	}
	if w.sheet != nil {
		return w.column(field) >= 0
	}
	return w.story.features[i] != nil
}

// Get is row i's field, as written.
func (w *Work) Get(i int, field string) string {
	if i < 0 || i >= w.Len() {
		return ""
	}
	if w.sheet != nil {
		c := w.column(field)
		if c < 0 || c >= len(w.sheet.Rows[i]) {
			return ""
		}
		return w.sheet.Rows[i][c]
	}
	f := w.story.features[i]
	props, _ := f["properties"].(map[string]any)
	switch field {
	case "lat", "lon":
		g, _ := f["geometry"].(map[string]any)
		if g == nil || g["type"] != "Point" {
			return ""
		}
		c, _ := g["coordinates"].([]any)
		k := 1
		if field == "lon" {
			k = 0
		}
		if k < len(c) {
			return text(c[k])
		}
		return ""
	default:
		return text(props[storyKey(props, field)])
	}
}

// storyKey is the property a field of Fields is in: a site's title is its
// name, a date is "time".
func storyKey(props map[string]any, field string) string {
	switch field {
	case "date":
		return "time"
	case "title":
		if _, event := props["time"]; !event {
			if _, titled := props["title"]; !titled {
				return "name"
			}
		}
	}
	return field
}

func text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	default:
		b, _ := json.Marshal(v)
		return string(b)
	}
}

// Set writes value into row i's field. An empty value clears it. A
// coordinate is kept as written in a sheet and must be a number in a story
// (a story holds numbers); the loader says if it is out of range.
func (w *Work) Set(i int, field, value string) error {
	if !w.Editable(i, field) {
		return fmt.Errorf("studio: %s has no %s to edit", w.Label(i), field)
	}
	if w.sheet != nil {
		c, row := w.column(field), w.sheet.Rows[i]
		for len(row) <= c {
			row = append(row, "")
		}
		row[c] = value
		w.sheet.Rows[i] = row
		return nil
	}
	f := w.story.features[i]
	props, _ := f["properties"].(map[string]any)
	if props == nil {
		props = map[string]any{}
		f["properties"] = props
	}
	switch field {
	case "lat", "lon":
		return w.setCoordinate(i, field, strings.TrimSpace(value))
	default:
		k := storyKey(props, field)
		if value == "" {
			delete(props, k)
		} else {
			props[k] = value
		}
	}
	return nil
}

// setCoordinate writes a story's feature's coordinate, making it a point
// (at 0, 0) if it was not one.
func (w *Work) setCoordinate(i int, field, value string) error {
	x, err := strconv.ParseFloat(value, 64)
	if err != nil {
		return fmt.Errorf("studio: %s: %s %q is not a number (write 33.3 or -44.4)", w.Label(i), field, value)
	}
	f := w.story.features[i]
	g, _ := f["geometry"].(map[string]any)
	if g == nil || g["type"] != "Point" {
		g = map[string]any{"type": "Point", "coordinates": []any{0.0, 0.0}}
		f["geometry"] = g
	}
	c, _ := g["coordinates"].([]any)
	for len(c) < 2 {
		c = append(c, 0.0)
	}
	if field == "lon" {
		c[0] = x
	} else {
		c[1] = x
	}
	g["coordinates"] = c
	return nil
}

// Problem is one finding of Check, with the row it names (-1: the file as a
// whole, or a place that is not a row).
type Problem struct {
	Text    string `json:"text"`
	Warning bool   `json:"warning,omitempty"`
	Row     int    `json:"row"`
}

// Result is a check of the work: the story it makes (nil when it makes
// none), every problem, and whether one is an error.
type Result struct {
	Story    []byte
	Problems []Problem
	Bad      bool
}

var rowRef = regexp.MustCompile(`^(?:row|feature) (\d+)`)

// Check writes the work out and checks it as mapline validate does: the
// problems are the lines it prints.
func (w *Work) Check() Result {
	var (
		data  []byte
		found []convert.Finding
		bad   bool
	)
	if w.sheet != nil {
		doc, err := convert.CSV(convert.Sheet{Name: w.Name, Data: w.CSV()})
		var probs []convert.Problem
		if e, ok := err.(*convert.Error); ok {
			probs = e.Problems
		}
		if doc != nil {
			doc.Title = w.title
		}
		data, found, bad = convert.Check(w.Name, nil, doc, probs)
	} else {
		data, found, bad = convert.Check(w.Name, w.Story(), nil, nil)
	}
	r := Result{Story: data, Bad: bad}
	for _, f := range w.notes {
		r.Problems = append(r.Problems, Problem{Text: f.Text, Warning: f.Warning, Row: -1})
	}
	for _, f := range found {
		r.Problems = append(r.Problems, Problem{Text: f.Text, Warning: f.Warning, Row: w.row(f.Where)})
	}
	return r
}

// row is the index of the row a finding's Where names, or -1.
func (w *Work) row(where string) int {
	m := rowRef.FindStringSubmatch(where)
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(m[1])
	if w.sheet == nil {
		if n < len(w.story.features) && strings.HasPrefix(where, "feature") {
			return n
		}
		return -1
	}
	for i, l := range w.sheet.Lines { // sorted: a binary search would do for 10k
		if l == n {
			return i
		}
	}
	return -1
}

// CSV writes the sheet out, each row on the line it was read from (empty
// lines fill the gaps, which CSV skips), so that the problems name the rows
// the reporter sees. Cells are written as CSV quotes them, with the sheet's
// separator.
func (w *Work) CSV() []byte {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.Comma = w.sheet.Comma
	line := 1
	write := func(at int, rec []string) {
		for ; line < at; line++ {
			cw.Flush()
			b.WriteByte('\n')
		}
		cw.Write(rec)
		cw.Flush()
		line += 1 + countNewlines(rec)
	}
	write(w.sheet.HeaderLine, w.sheet.Header)
	for i, r := range w.sheet.Rows {
		write(w.sheet.Lines[i], r)
	}
	return b.Bytes()
}

func countNewlines(rec []string) int {
	n := 0
	for _, c := range rec {
		n += strings.Count(c, "\n")
	}
	return n
}

// Story writes a story work out as a story file.
func (w *Work) Story() []byte {
	w.story.top["features"] = w.story.raw
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	e.SetIndent("", " ")
	if err := e.Encode(w.story.top); err != nil {
		return nil // only a value JSON cannot hold; none comes from JSON
	}
	return b.Bytes()
}
