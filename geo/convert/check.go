package convert

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"strings"

	"mapline/geo"
)

// The formats of an input file (Detect).
const (
	FormatStory         = "story"
	FormatCSV           = "csv"
	FormatTimelineJS    = "timelinejs"
	FormatTimeDimension = "timedimension"
)

// Detect tells the format of a file from its name and its first bytes: a
// .csv, .tsv or .txt name is a sheet; JSON with events (or TimelineJS 2's
// timeline) and no type is TimelineJS; other JSON is a story (the loader says
// what is wrong with it); what is not JSON is a sheet unless its name ends
// in json.
func Detect(name string, data []byte) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".csv", ".tsv", ".txt":
		return FormatCSV
	}
	var top struct {
		Type     string          `json:"type"`
		Events   json.RawMessage `json:"events"`
		Timeline json.RawMessage `json:"timeline"` // TimelineJS 2
	}
	if json.Unmarshal(bytes.TrimPrefix(data, []byte("\ufeff")), &top) != nil {
		if strings.HasSuffix(strings.ToLower(name), "json") {
			return FormatStory
		}
		return FormatCSV
	}
	if (top.Events != nil || top.Timeline != nil) && top.Type == "" {
		return FormatTimelineJS
	}
	return FormatStory
}

// Finding is one problem of a checked file, written as mapline validate
// writes it (Text), with the place in the input it names (Where: "row 4",
// `row 4 ("e1")`, "features[2]", `events[0] ("talks")`, "feature 3"; empty
// for the file as a whole).
type Finding struct {
	Text    string
	Where   string
	Warning bool
}

// Check loads a story as the widget would and runs geo.Check on it: the
// story is doc converted, with probs the problems its converter found, or,
// when doc is nil, story as written in the file name. It returns the story
// file, every problem (the converter's first, then the loader's and Check's,
// traced back to the input's rows or items), and whether any problem is an
// error. mapline validate and import print these lines; the studio lists
// them.
func Check(name string, story []byte, doc *Doc, probs []Problem) (data []byte, found []Finding, bad bool) {
	for _, p := range probs {
		found = append(found, Finding{Text: strings.TrimPrefix(p.Error(), "convert: "), Where: p.Where, Warning: p.Warning})
		bad = bad || !p.Warning
	}
	data = story
	var from []string
	var renamed []map[string]string
	if doc != nil {
		var err error
		if data, err = doc.GeoJSON(); err != nil {
			return nil, append(found, Finding{Text: err.Error()}), true
		}
		from, renamed = doc.From(), doc.renamed()
	} else if data == nil {
		return nil, found, bad
	}
	s, err := geo.Load(bytes.NewReader(data))
	var gp []geo.Problem
	var le *geo.LoadError
	switch {
	case errors.As(err, &le):
		gp = le.Problems
	case err != nil:
		return nil, append(found, Finding{Text: name + ": " + strings.TrimPrefix(err.Error(), "geo: ")}), true
	}
	if s != nil {
		gp = append(gp, geo.Check(s)...)
	}
	if doc == nil { // a story as written; a converted one has no key twice
		gp = append(gp, geo.DuplicateKeys(data)...)
	}
	for _, p := range gp {
		found = append(found, finding(name, p, from, renamed))
		bad = bad || p.Severity == geo.Error
	}
	return data, found, bad
}

// finding writes a problem of the story as a line: with the file's name, or,
// for a converted file, with where in the input the feature came from and
// the field's name there.
func finding(name string, p geo.Problem, from []string, renamed []map[string]string) Finding {
	where, at := name, ""
	if p.Feature >= 0 {
		at = fmt.Sprintf("feature %d", p.Feature)
	}
	q := p
	if from != nil && p.Feature >= 0 && p.Feature < len(from) {
		where = from[p.Feature]
		if _, in, ok := strings.Cut(where, ": "); ok {
			at = in
		}
		if p.ID != "" {
			where += fmt.Sprintf(" (%q)", p.ID)
		}
		q.Feature = -1
		if in, ok := renamed[p.Feature][p.Field]; ok {
			q.Field = in
		}
	}
	q.Severity = geo.Error
	line := where + ": " + strings.TrimPrefix(q.Error(), "geo: ")
	if p.Severity == geo.Warning {
		line = "warning: " + line
	}
	return Finding{Text: line, Where: at, Warning: p.Severity == geo.Warning}
}
