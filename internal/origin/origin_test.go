package origin

import (
	"net/url"
	"slices"
	"testing"
)

func TestOf(t *testing.T) {
	for _, tc := range []struct{ name, url, want string }{
		{"plain", "https://news.example/a/embed.html", "https://news.example"},
		{"port", "http://localhost:8080/embed.html", "http://localhost:8080"},
		{"host-in-capitals", "https://NEWS.Example/embed.html", "https://news.example"},
		{"scheme-in-capitals", "HTTPS://news.example/", "https://news.example"},
		{"default-https-port", "https://news.example:443/", "https://news.example"},
		{"default-http-port", "http://news.example:80/", "http://news.example"},
		{"other-scheme-default-port-kept", "http://news.example:443/", "http://news.example:443"},
		{"leading-zero-port", "https://news.example:0443/", "https://news.example"},
		{"empty-port", "https://news.example:/", "https://news.example"},
		{"port-too-large", "https://news.example:65536/", ""},
		{"ipv6", "http://[::1]:9000/x", "http://[::1]:9000"},
		{"ipv6-capitals", "http://[FE80::1]/x", "http://[fe80::1]"},
		{"userinfo-ignored", "https://user@news.example/", "https://news.example"},
		{"javascript", "javascript:alert(1)", ""},
		{"data", "data:application/json,{}", ""},
		{"file", "file:///etc/passwd", ""},
		{"relative", "/data/story.geojson", ""},
		{"no-host", "https:///x", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, err := url.Parse(tc.url)
			if err != nil {
				t.Fatal(err)
			}
			if got := Of(u); got != tc.want {
				t.Errorf("Of(%q) = %q, want %q", tc.url, got, tc.want)
			}
		})
	}
	if Of(nil) != "" {
		t.Error("Of(nil) is not empty")
	}
}

func TestSame(t *testing.T) {
	for _, tc := range []struct {
		name, a, b string
		want       bool
	}{
		{"same", "https://news.example/embed.html", "https://news.example/data/s.geojson", true},
		{"host-in-capitals", "https://news.example/embed.html", "https://NEWS.EXAMPLE/data/s.geojson", true},
		{"default-port-written", "https://news.example/embed.html", "https://news.example:443/s.geojson", true},
		{"other-scheme", "https://news.example/", "http://news.example/", false},
		{"other-port", "https://news.example/", "https://news.example:8443/", false},
		{"subdomain", "https://news.example/", "https://data.news.example/", false},
		{"lookalike", "https://news.example/", "https://news.example.evil.example/", false},
		{"both-file", "file:///a", "file:///b", false},
		{"both-javascript", "javascript:1", "javascript:1", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, _ := url.Parse(tc.a)
			b, _ := url.Parse(tc.b)
			if got := Same(a, b); got != tc.want {
				t.Errorf("Same(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

func TestParseList(t *testing.T) {
	for _, tc := range []struct {
		name, list string
		want, bad  []string
	}{
		{name: "empty", list: "  "},
		{name: "one", list: "https://data.example.org", want: []string{"https://data.example.org"}},
		{name: "spaces-and-commas", list: "https://a.example, http://localhost:9000\thttps://b.example/",
			want: []string{"https://a.example", "http://localhost:9000", "https://b.example"}},
		{name: "capitals-deduplicated", list: "HTTPS://A.Example https://a.example https://a.example:443",
			want: []string{"https://a.example"}},
		{name: "path", list: "https://a.example/data", bad: []string{"https://a.example/data"}},
		{name: "escaped-slash-path", list: "https://a.example/%2F", bad: []string{"https://a.example/%2F"}},
		{name: "no-scheme", list: "a.example", bad: []string{"a.example"}},
		{name: "ftp", list: "ftp://a.example", bad: []string{"ftp://a.example"}},
		{name: "javascript-among-good", list: "javascript:alert(1) https://ok.example",
			want: []string{"https://ok.example"}, bad: []string{"javascript:alert(1)"}},
		{name: "wildcard", list: "https://*.example", bad: []string{"https://*.example"}},
		{name: "csp-injection", list: "https://a.example;script-src", bad: []string{"https://a.example;script-src"}},
		{name: "quote", list: `https://a.example"`, bad: []string{`https://a.example"`}},
		{name: "query", list: "https://a.example?x", bad: []string{"https://a.example?x"}},
		{name: "empty-query", list: "https://a.example?", bad: []string{"https://a.example?"}},
		{name: "fragment", list: "https://a.example#x", bad: []string{"https://a.example#x"}},
		{name: "userinfo", list: "https://u@a.example", bad: []string{"https://u@a.example"}},
		{name: "bad-port", list: "https://a.example:99999", bad: []string{"https://a.example:99999"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, bad := ParseList(tc.list)
			if !slices.Equal(got, tc.want) || !slices.Equal(bad, tc.bad) {
				t.Errorf("ParseList(%q) = %q, %q; want %q, %q", tc.list, got, bad, tc.want, tc.bad)
			}
		})
	}
}

// TestParse: the error names what was written.
func TestParse(t *testing.T) {
	if o, err := Parse("HTTP://LocalHost:9000/"); o != "http://localhost:9000" || err != nil {
		t.Errorf("Parse = %q, %v", o, err)
	}
	if _, err := Parse("https://a.example/x"); err == nil || err.Error() != `"https://a.example/x" is not an origin` {
		t.Errorf("Parse error %v", err)
	}
}

func TestHost(t *testing.T) {
	for _, tc := range []struct {
		name, host, want string
		ok               bool
	}{
		{"name", "maps.example.org", "maps.example.org", true},
		{"capitals", "Maps.Example.ORG", "maps.example.org", true},
		{"port", "localhost:8080", "localhost:8080", true},
		{"ipv4", "127.0.0.1:9000", "127.0.0.1:9000", true},
		{"ipv6", "[::1]:8080", "[::1]:8080", true},
		{"ipv6-no-port", "[FE80::1]", "[fe80::1]", true},
		{"empty", "", "", false},
		{"empty-port", "example.org:", "", false},
		{"port-too-large", "example.org:65536", "", false},
		{"port-not-digits", "example.org:80a", "", false},
		{"userinfo", "user@example.org", "", false},
		{"path", "example.org/embed.html", "", false},
		{"markup", `example.org"><script>`, "", false},
		{"space", "example.org evil", "", false},
		{"percent", "example%2eorg", "", false},
		{"two-colons", "example.org:80:80", "", false},
		{"ipv6-unclosed", "[::1", "", false},
		{"ipv6-junk", "[::1]x", "", false},
		{"ipv6-not-hex", "[::g]", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := Host(tc.host)
			if got != tc.want || ok != tc.ok {
				t.Errorf("Host(%q) = %q, %v; want %q, %v", tc.host, got, ok, tc.want, tc.ok)
			}
		})
	}
}
