package convert_test

import (
	"fmt"
	"strings"
	"testing"

	"mapline/geo/convert"
)

// TestTimelineJS2: TimelineJS 2's JSON ({"timeline": {"date": […]}}), and an
// event without a headline titled from its text.
func TestTimelineJS2(t *testing.T) {
	doc, err := convert.TimelineJS("timeline2.json", read(t, "timeline2.json"))
	checkErr(t, err, []string{
		"convert: warning: timeline2.json: timeline.era: 1 eras dropped: the story format has none",
		"convert: warning: timeline2.json: timeline.date[0]: text: HTML markup removed: the story format holds plain text",
		"convert: warning: timeline2.json: timeline.date[2]: text: HTML markup removed: the story format holds plain text",
		`convert: warning: timeline2.json: timeline.date[2]: headline: is empty: the title is the text's first sentence, "Flights out of Erbil resume."`,
	})
	if doc == nil {
		t.Fatal("no doc")
	}
	if doc.Title != "The talks" || doc.Description != "Diplomats leave, talks go on." {
		t.Errorf("title %q, description %q", doc.Title, doc.Description)
	}
	var got []string
	for _, f := range doc.Features {
		got = append(got, fmt.Sprintf("%s|%v|%s|%v|%v|%v", f.Properties["time"], f.Properties["end"], f.Properties["title"], f.Properties["description"], f.Properties["group"], f.Properties["media"]))
	}
	want := []string{
		"2025-06-11|<nil>|Diplomats ordered out|Staff told to leave.|Diplomacy|https://example.org/a.jpg",
		"2025-06-14T09:30:00Z|2025-06-15|Talks in Muscat|<nil>|<nil>|<nil>",
		"2025-06|<nil>|Flights out of Erbil resume.|Flights out of Erbil resume. Airlines had stopped for a week.|<nil>|<nil>",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("events\n got %q\nwant %q", got, want)
	}
	mustLoad(t, doc, nil)
}

// TestTimelineJSNoHeadline: TimelineJS 3 events without a headline are
// imported, titled from their text, with a warning each; not the whole file
// refused.
func TestTimelineJSNoHeadline(t *testing.T) {
	long := strings.Repeat("word ", 30)
	src := `{"events": [
		{"start_date": {"year": 2025}, "text": {"text": "Talks resume in Muscat. More later."}},
		{"start_date": {"year": 2026}, "text": {"headline": "", "text": "` + long + `"}},
		{"start_date": {"year": 2027}, "text": {"headline": "Has one"}},
		{"start_date": {"year": 2028}}
	]}`
	doc, err := convert.TimelineJS("t.json", []byte(src))
	checkErr(t, err, []string{
		`convert: warning: t.json: events[0]: text.headline: is empty: the title is the text's first sentence, "Talks resume in Muscat."`,
		`convert: warning: t.json: events[1]: text.headline: is empty: the title is the text's first words, "word word word word word word word word word word word word…"`,
		`convert: t.json: events[3]: text.headline: is required: every event needs a headline (or a text to make one from)`,
	})
	if doc == nil || len(doc.Features) != 3 || doc.Features[0].Properties["title"] != "Talks resume in Muscat." {
		t.Fatalf("doc %+v", doc)
	}
}
