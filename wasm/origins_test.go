package main

import (
	"slices"
	"strings"
	"testing"
)

// TestDataOrigins: the origins a build lists in <meta name="mapline-data-origins">.
func TestDataOrigins(t *testing.T) {
	for _, tc := range []struct {
		name, content string
		want          []string
		problems      []string // substrings, one per problem
	}{
		{name: "none", content: ""},
		{name: "one", content: "https://data.example.org", want: []string{"https://data.example.org"}},
		{name: "several-and-spaces", content: "  https://a.example  http://b.example:8080\n", want: []string{"https://a.example", "http://b.example:8080"}},
		{name: "trailing-slash", content: "https://a.example/", want: []string{"https://a.example"}},
		{name: "upper-case", content: "HTTPS://Data.Example.ORG", want: []string{"https://data.example.org"}},
		{name: "commas-as-the-server-reads-them", content: "https://a.example,https://b.example", want: []string{"https://a.example", "https://b.example"}},
		{name: "default-port", content: "https://a.example:443", want: []string{"https://a.example"}},
		{name: "csp-injection-refused", content: "https://a.example;script-src", problems: []string{`"https://a.example;script-src" is not an origin`}},
		{name: "path-refused", content: "https://a.example/stories", problems: []string{`"https://a.example/stories" is not an origin`}},
		{name: "no-scheme-refused", content: "data.example.org", problems: []string{`"data.example.org" is not an origin`}},
		{name: "javascript-refused", content: "javascript:alert(1) https://ok.example", want: []string{"https://ok.example"},
			problems: []string{`"javascript:alert(1)" is not an origin`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, probs := dataOrigins(tc.content)
			if !slices.Equal(got, tc.want) {
				t.Errorf("origins %q, want %q", got, tc.want)
			}
			checkProblems(t, probs, tc.problems)
		})
	}
}

// TestReadParamsDataOrigins: a data= URL on another origin loads only when
// the build lists that origin, and the refusal names the origin.
func TestReadParamsDataOrigins(t *testing.T) {
	const page = "https://news.example/mapline/embed.html"
	allowed := []string{"https://data.example.org", "http://localhost:9000"}
	for _, tc := range []struct {
		name, data string
		origins    []string
		want       string   // pr.data
		problems   []string // substrings, one per problem
	}{
		{name: "same-origin", data: "/stories/a.geojson", origins: allowed, want: "https://news.example/stories/a.geojson"},
		{name: "same-origin-host-in-capitals", data: "https://NEWS.Example/stories/a.geojson", want: "https://NEWS.Example/stories/a.geojson"},
		{name: "same-origin-default-port", data: "https://news.example:443/a.geojson", want: "https://news.example:443/a.geojson"},
		{name: "same-host-other-scheme", data: "http://news.example/a.geojson", problems: []string{"not from http://news.example"}},
		{name: "listed", data: "https://data.example.org/a.geojson", origins: allowed, want: "https://data.example.org/a.geojson"},
		{name: "listed-port", data: "http://localhost:9000/a.geojson", origins: allowed, want: "http://localhost:9000/a.geojson"},
		{name: "listed-host-upper-case", data: "https://DATA.example.org/a.geojson", origins: allowed, want: "https://DATA.example.org/a.geojson"},
		{name: "unlisted-names-origin", data: "https://evil.example/a.geojson", origins: allowed,
			problems: []string{"refused: stories load only from this site (https://news.example) and https://data.example.org, http://localhost:9000, not from https://evil.example"}},
		{name: "other-scheme-of-listed", data: "http://data.example.org/a.geojson", origins: allowed, problems: []string{"not from http://data.example.org"}},
		{name: "other-port-of-listed", data: "https://data.example.org:8443/a.geojson", origins: allowed, problems: []string{"not from https://data.example.org:8443"}},
		{name: "lookalike-host", data: "https://data.example.org.evil.example/a.geojson", origins: allowed, problems: []string{"not from https://data.example.org.evil.example"}},
		{name: "userinfo-trick", data: "https://data.example.org@evil.example/a.geojson", origins: allowed, problems: []string{"not from https://evil.example"}},
		{name: "nothing-listed", data: "https://data.example.org/a.geojson",
			problems: []string{"stories load only from this site (https://news.example), not from https://data.example.org"}},
		{name: "javascript", data: "javascript:alert(1)", origins: allowed, problems: []string{"only over http: or https:"}},
		{name: "data-url", data: "data:application/json,{}", origins: allowed, problems: []string{"only over http: or https:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pr, probs := readParams(page+"?data="+escape(tc.data), tc.origins...)
			if pr.data != tc.want {
				t.Errorf("data %q, want %q", pr.data, tc.want)
			}
			checkProblems(t, probs, tc.problems)
		})
	}
}

func escape(s string) string {
	return strings.NewReplacer("%", "%25", "&", "%26", "#", "%23", "+", "%2B", " ", "%20").Replace(s)
}

func checkProblems(t *testing.T, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("problems %q, want %d like %q", got, len(want), want)
	}
	for i := range want {
		if !strings.Contains(got[i], want[i]) {
			t.Errorf("problem %q, want it to contain %q", got[i], want[i])
		}
	}
}
