package convert

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// tlDate is a TimelineJS date object. Its parts may be numbers or strings.
type tlDate struct {
	Year, Month, Day, Hour, Minute, Second json.RawMessage
	DisplayDate                            string `json:"display_date"`
}

type tlSlide struct {
	StartDate *tlDate `json:"start_date"`
	EndDate   *tlDate `json:"end_date"`
	Text      *struct {
		Headline string `json:"headline"`
		Text     string `json:"text"`
	} `json:"text"`
	Media *struct {
		URL     string `json:"url"`
		Caption string `json:"caption"`
		Credit  string `json:"credit"`
	} `json:"media"`
	Group       string `json:"group"`
	DisplayDate string `json:"display_date"`
	UniqueID    string `json:"unique_id"`
}

// TimelineJS converts a TimelineJS JSON file (the format of
// timeline.knightlab.com: a title slide and events with start_date and
// end_date objects, text.headline, text.text, media, group, unique_id) into
// a story. TimelineJS has no places: every event concerns the whole region
// until sites are added. HTML in the text becomes plain text (a warning says
// so); media, group and display_date are kept as properties; eras are
// dropped (a warning says so).
func TimelineJS(name string, data []byte) (*Doc, error) {
	var top struct {
		Title  *tlSlide          `json:"title"`
		Events []json.RawMessage `json:"events"`
		Eras   []json.RawMessage `json:"eras"`
	}
	file := func(msg string) error { return &Error{[]Problem{{File: name, Msg: msg}}} }
	data, enc := decodeText(name, data, false)
	if enc != nil && !enc.Warning {
		return nil, &Error{[]Problem{*enc}}
	}
	if len(data) > MaxSheetBytes {
		return nil, file(fmt.Sprintf("larger than %d MB", MaxSheetBytes>>20))
	}
	if !json.Valid(data) {
		return nil, file("not valid JSON")
	}
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, file(`not a TimelineJS file: expected {"title": {…}, "events": [{"start_date": {…}, "text": {…}}, …]}`)
	}
	if top.Events == nil {
		return nil, file(`not a TimelineJS file: "events" is missing`)
	}
	doc := &Doc{}
	var probs []Problem
	if enc != nil {
		probs = append(probs, *enc)
	}
	if top.Title != nil && top.Title.Text != nil {
		doc.Title, _ = plain(top.Title.Text.Headline)
		doc.Description, _ = plain(top.Title.Text.Text)
	}
	if len(top.Eras) > 0 {
		probs = append(probs, Problem{File: name, Field: "eras", Msg: fmt.Sprintf("%d eras dropped: the story format has none", len(top.Eras)), Warning: true})
	}
	taken := ids{}
	for i, raw := range top.Events {
		var ev tlSlide
		item := fmt.Sprintf("events[%d]", i)
		where := item
		prob := func(field, msg string, warning bool) {
			probs = append(probs, Problem{File: name, Where: where, Field: field, Msg: msg, Warning: warning})
		}
		if err := json.Unmarshal(raw, &ev); err != nil {
			prob("", "not a TimelineJS event object", false)
			continue
		}
		if ev.UniqueID != "" {
			where += fmt.Sprintf(" (%q)", ev.UniqueID)
		}
		ok := true
		props := map[string]any{}
		if ev.StartDate == nil {
			prob("start_date", "is required", false)
			ok = false
		} else if t, err := ev.StartDate.iso(); err != nil {
			prob("start_date", err.Error(), false)
			ok = false
		} else {
			props["time"] = t
		}
		if ev.EndDate != nil {
			if t, err := ev.EndDate.iso(); err != nil {
				prob("end_date", err.Error(), false)
				ok = false
			} else {
				props["end"] = t
			}
		}
		var headline, text string
		if ev.Text != nil {
			var marked bool
			headline, marked = plain(ev.Text.Headline)
			if marked {
				prob("text.headline", "HTML markup removed: the story format holds plain text", true)
			}
			text, marked = plain(ev.Text.Text)
			if marked {
				prob("text.text", "HTML markup removed: the story format holds plain text", true)
			}
		}
		if headline == "" {
			prob("text.headline", "is required: every event needs a headline", false)
			ok = false
		}
		props["title"] = headline
		if text != "" {
			props["description"] = text
		}
		if ev.Media != nil {
			for k, v := range map[string]string{"media": ev.Media.URL, "media_caption": ev.Media.Caption, "media_credit": ev.Media.Credit} {
				if t, _ := plain(v); t != "" {
					props[k] = t
				}
			}
		}
		if ev.Group != "" {
			props["group"] = ev.Group
		}
		if d := ev.DisplayDate; d != "" {
			props["display_date"] = d
		}
		if ev.UniqueID != "" && taken[ev.UniqueID] {
			prob("unique_id", fmt.Sprintf("%q is the unique_id of an earlier event", ev.UniqueID), false)
			ok = false
		}
		if !ok {
			continue
		}
		if ev.UniqueID != "" {
			taken[ev.UniqueID] = true
		}
		doc.Features = append(doc.Features, Feature{ID: ev.UniqueID, Properties: props, From: name + ": " + item})
	}
	if len(probs) > 0 {
		return doc, &Error{probs}
	}
	return doc, nil
}

// part reads a date part: a whole number, as a JSON number or string.
func part(raw json.RawMessage, name string) (int, bool, error) {
	if len(raw) == 0 || string(raw) == "null" || string(raw) == `""` {
		return 0, false, nil
	}
	s := string(raw)
	var str string
	if json.Unmarshal(raw, &str) == nil {
		s = strings.TrimSpace(str)
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, false, fmt.Errorf("%s %s must be a whole number", name, quote(s))
	}
	return n, true, nil
}

// iso writes d as a date of the story format, as precise as the parts given.
func (d *tlDate) iso() (string, error) {
	y, hasY, err := part(d.Year, "year")
	if err != nil {
		return "", err
	}
	if !hasY {
		return "", fmt.Errorf("year is required")
	}
	if y < 0 || y > 9999 {
		return "", fmt.Errorf("year %d cannot be written in ISO 8601's four digits", y)
	}
	s := fmt.Sprintf("%04d", y)
	parts := []struct {
		raw  json.RawMessage
		name string
		sep  string
	}{{d.Month, "month", "-"}, {d.Day, "day", "-"}, {d.Hour, "hour", "T"}, {d.Minute, "minute", ":"}, {d.Second, "second", ":"}}
	last := 0
	vals := make([]int, len(parts))
	for i, p := range parts {
		v, has, err := part(p.raw, p.name)
		if err != nil {
			return "", err
		}
		if !has {
			continue
		}
		if i > last {
			return "", fmt.Errorf("%s is given without %s", p.name, parts[last].name)
		}
		vals[i] = v
		last = i + 1
	}
	for i := 0; i < last; i++ {
		s += fmt.Sprintf("%s%02d", parts[i].sep, vals[i])
	}
	if last >= 3 { // a time of day
		for i := last; i < 5; i++ {
			s += ":00"
		}
		s += "Z"
	}
	out, _, err := span(s, false)
	return out, err
}
