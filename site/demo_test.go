package site

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"mapline/geo"
)

// TestDemoSources holds the demo story and the mock article beside it to
// what their sources say, where a machine can tell: no claim tied to a place
// its source did not name, no anonymous "public record", no framing of cause
// the article does not make, and the article credits the report it retells.
func TestDemoSources(t *testing.T) {
	s := loadDemo(t)
	page, err := os.ReadFile("index.html")
	if err != nil {
		t.Fatal(err)
	}
	article := string(page)

	ev := func(id string) *geo.Event {
		t.Helper()
		i := s.Index(id)
		if i < 0 {
			t.Fatalf("the demo has no event %q", id)
		}
		return &s.Events[i]
	}
	// The defence minister threatened U.S. bases in the region in general:
	// no line from Tehran to one base, no military site of its own.
	threat := ev("iran-threat")
	if len(threat.Links) != 0 {
		t.Errorf("iran-threat links %v: the minister named no single base", threat.Links)
	}
	for _, i := range threat.Sites {
		if site := s.Sites[i]; site.Kind == "military" {
			t.Errorf("iran-threat is pinned to the base %q: the threat was to bases across the region", site.ID)
		}
	}
	// Hegseth's authorisation covers the whole Middle East.
	if deps := ev("military-dependents"); !deps.Regional() {
		t.Errorf("military-dependents is pinned to %d sites (%q): it is region-wide", len(deps.Sites), deps.Place)
	}
	for _, e := range s.Events {
		src := strings.ToLower(e.Source)
		switch {
		case src == "":
			t.Errorf("%s has no source", e.ID)
		case strings.Contains(src, "public record"):
			t.Errorf("%s: source %q names no outlet", e.ID, e.Source)
		}
	}
	// The ordered departure: the State Department cited only its latest
	// analysis; the unspecified threats are what anonymous officials said.
	od := ev("ordered-departure")
	if regexp.MustCompile(`(?i)state department[^.;]*(citing|cites|pointing to)[^.;]*threat`).MatchString(od.Description) {
		t.Errorf("ordered-departure has the State Department citing threats: %q", od.Description)
	}
	if strings.Contains(strings.ToLower(od.Description+od.Source), "reported the order first") {
		t.Errorf("ordered-departure says Reuters was first; the article says only that it reported earlier")
	}
	// A date taken from other reports says so, and the article agrees with the map.
	cp := ev("consortium-proposal")
	if start := cp.Time.Start.T; start.Month() != time.June {
		if !strings.Contains(cp.Description, "earlier this month") || !strings.Contains(strings.ToLower(cp.Source), "date:") {
			t.Errorf("consortium-proposal is dated %v, not June as the article has it, without saying so and naming the source of the date", cp.Time.Start)
		}
		if !strings.Contains(article, start.Format("2 January")) {
			t.Errorf("index.html does not give the map's date for the proposal (%s)", start.Format("2 January"))
		}
	}
	// The article does not say the talks caused the move.
	for _, text := range []string{s.Title, s.Description, article} {
		if m := regexp.MustCompile(`(?i)\b(falter\w*|stall\w*)\b`).FindString(text); m != "" {
			t.Errorf("the demo frames the talks as %q; the article says the reason for the move was unclear", m)
		}
	}
	// The weapon in the Al-Asad attack is disputed: name it only as someone's word.
	for _, sentence := range regexp.MustCompile(`[^.]*ballistic[^.]*\.`).FindAllString(article+" "+ev("al-asad-attack-2024").Description, -1) {
		if !regexp.MustCompile(`(?i)politico|article`).MatchString(sentence) {
			t.Errorf("%q: the weapon is not attributed", strings.TrimSpace(sentence))
		}
	}
	if !strings.Contains(article, "Politico") || !strings.Contains(article, "anonymity") {
		t.Errorf("index.html does not credit Politico or say that its officials spoke anonymously")
	}
}

// TestDemoOwnWords: no run of ten words in the demo story or the mock
// article is copied from the source article. The article is not in this
// repository (it is not ours to publish): MAPLINE_SEED names it, and the
// test skips without it.
func TestDemoOwnWords(t *testing.T) {
	seed := os.Getenv("MAPLINE_SEED")
	if seed == "" {
		seed = "../../shared/seed/article.txt"
	}
	src, err := os.ReadFile(seed)
	if err != nil {
		t.Skipf("no source article to compare with (%v); set MAPLINE_SEED", err)
	}
	const n = 10
	words := func(s string) []string {
		return regexp.MustCompile(`[a-z0-9']+`).FindAllString(strings.ToLower(strings.ReplaceAll(s, "’", "'")), -1)
	}
	seen := map[string]bool{}
	sw := words(string(src))
	for i := 0; i+n <= len(sw); i++ {
		seen[strings.Join(sw[i:i+n], " ")] = true
	}
	page, err := os.ReadFile("index.html")
	if err != nil {
		t.Fatal(err)
	}
	s := loadDemo(t)
	texts := map[string]string{"index.html": regexp.MustCompile(`<[^>]+>`).ReplaceAllString(string(page), " ")}
	for _, e := range s.Events {
		texts[e.ID] = e.Title + ". " + e.Description
	}
	for name, text := range texts {
		w := words(text)
		for i := 0; i+n <= len(w); i++ {
			if g := strings.Join(w[i:i+n], " "); seen[g] {
				t.Errorf("%s copies the article: %q", name, g)
			}
		}
	}
}
