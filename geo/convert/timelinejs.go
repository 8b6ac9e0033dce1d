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
		Title    *tlSlide          `json:"title"`
		Events   []json.RawMessage `json:"events"`
		Eras     []json.RawMessage `json:"eras"`
		Timeline *tl2              `json:"timeline"`
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
	n := tl3Names
	if top.Events == nil && top.Timeline != nil {
		top.Title, top.Events, top.Eras = top.Timeline.v3()
		n = tl2Names
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
		probs = append(probs, Problem{File: name, Field: n.eras, Msg: fmt.Sprintf("%d eras dropped: the story format has none", len(top.Eras)), Warning: true})
	}
	taken := ids{}
	for i, raw := range top.Events {
		var ev tlSlide
		item := fmt.Sprintf("%s[%d]", n.events, i)
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
			prob(n.start, "is required", false)
			ok = false
		} else if t, err := ev.StartDate.iso(); err != nil {
			prob(n.start, err.Error(), false)
			ok = false
		} else {
			props["time"] = t
		}
		if ev.EndDate != nil {
			if t, err := ev.EndDate.iso(); err != nil {
				prob(n.end, err.Error(), false)
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
				prob(n.headline, "HTML markup removed: the story format holds plain text", true)
			}
			text, marked = plain(ev.Text.Text)
			if marked {
				prob(n.text, "HTML markup removed: the story format holds plain text", true)
			}
		}
		if headline == "" && text != "" {
			var how string
			headline, how = titleFrom(text)
			prob(n.headline, fmt.Sprintf("is empty: the title is the text's %s, %s", how, quote(headline)), true)
		}
		if headline == "" {
			prob(n.headline, "is required: every event needs a headline (or a text to make one from)", false)
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
		if ev.UniqueID != "" && taken.has(ev.UniqueID) {
			prob("unique_id", fmt.Sprintf("%q is the unique_id of an earlier event", ev.UniqueID), false)
			ok = false
		}
		if !ok {
			continue
		}
		if ev.UniqueID != "" {
			taken.take(ev.UniqueID)
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

// names are the names of a TimelineJS file's parts, for messages: TimelineJS
// 3's, or TimelineJS 2's.
type tlNames struct{ events, eras, start, end, headline, text string }

var (
	tl3Names = tlNames{"events", "eras", "start_date", "end_date", "text.headline", "text.text"}
	tl2Names = tlNames{"timeline.date", "timeline.era", "startDate", "endDate", "headline", "text"}
)

// tl2 is TimelineJS 2's JSON: {"timeline": {"headline", "text", "date":
// [{"startDate": "2011,12,10", "endDate", "headline", "text", "tag",
// "asset": {"media", "credit", "caption"}}], "era": […]}}.
type tl2 struct {
	Headline string            `json:"headline"`
	Text     string            `json:"text"`
	Date     []json.RawMessage `json:"date"`
	Era      []json.RawMessage `json:"era"`
}

type tl2Slide struct {
	StartDate string `json:"startDate"`
	EndDate   string `json:"endDate"`
	Headline  string `json:"headline"`
	Text      string `json:"text"`
	Tag       string `json:"tag"`
	Asset     *struct {
		Media   string `json:"media"`
		Credit  string `json:"credit"`
		Caption string `json:"caption"`
	} `json:"asset"`
}

// v3 writes a TimelineJS 2 timeline in TimelineJS 3's shape. An item that is
// not an object stays as it is, for the converter to name.
func (t *tl2) v3() (title *tlSlide, events, eras []json.RawMessage) {
	title = &tlSlide{}
	title.Text = &struct {
		Headline string `json:"headline"`
		Text     string `json:"text"`
	}{t.Headline, t.Text}
	events = []json.RawMessage{}
	for _, raw := range t.Date {
		var d tl2Slide
		if json.Unmarshal(raw, &d) != nil {
			events = append(events, raw)
			continue
		}
		ev := map[string]any{"text": map[string]string{"headline": d.Headline, "text": d.Text}}
		if d.StartDate != "" {
			ev["start_date"] = tl2Date(d.StartDate)
		}
		if d.EndDate != "" {
			ev["end_date"] = tl2Date(d.EndDate)
		}
		if d.Tag != "" {
			ev["group"] = d.Tag
		}
		if d.Asset != nil {
			ev["media"] = map[string]string{"url": d.Asset.Media, "credit": d.Asset.Credit, "caption": d.Asset.Caption}
		}
		b, err := json.Marshal(ev)
		if err != nil {
			b = raw
		}
		events = append(events, b)
	}
	return title, events, t.Era
}

// tl2Date is TimelineJS 2's "2011,12,10,07,02,10" as TimelineJS 3's date
// object of strings, which say what is wrong with each part.
func tl2Date(s string) map[string]string {
	out := map[string]string{}
	for i, p := range strings.Split(s, ",") {
		if i < 6 {
			out[[]string{"year", "month", "day", "hour", "minute", "second"}[i]] = strings.TrimSpace(p)
		}
	}
	return out
}

// titleFrom makes a title of an event's text: its first sentence when it is
// short, or else its first words; how says which.
func titleFrom(text string) (title, how string) {
	const max = 100
	for i, r := range text {
		if i > max {
			break
		}
		if strings.ContainsRune(".!?", r) && (i+1 == len(text) || text[i+1] == ' ') {
			return text[:i+1], "first sentence"
		}
	}
	if len([]rune(text)) <= max {
		return text, "text"
	}
	cut := string([]rune(text)[:60])
	if k := strings.LastIndexByte(cut, ' '); k > 0 {
		cut = cut[:k]
	}
	return strings.TrimRight(cut, " ,;:") + "…", "first words"
}
