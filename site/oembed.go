package site

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"mapline/geo"
	"mapline/internal/origin"
)

// OEmbedPath is where Handler answers oEmbed requests (oembed.com): for
// ?url=<an embed.html address on this site>, a "rich" answer whose html is the
// iframe snippet. index.html names it in its discovery <link>.
const OEmbedPath = "/oembed.json"

// Options are the settings of NewHandler. They matter to oEmbed, whose
// answer holds absolute URLs of the site (the iframe's src, provider_url).
type Options struct {
	// Base is the site's public address: "https://maps.example.org/", or
	// with a path when a proxy serves the site under one
	// ("https://news.example/maps/"). oEmbed builds every URL from it and
	// answers only for embed pages under it. Without it, URLs are built
	// from the request: its Host, refused unless it is a host name with an
	// optional port, and https when the request came over TLS, when
	// TrustProxy and X-Forwarded-Proto say so, or when the url asked for
	// https (never http for an https page).
	Base string
	// TrustProxy says that a proxy in front of the handler sets
	// X-Forwarded-Proto (nginx: proxy_set_header X-Forwarded-Proto $scheme).
	// Without it the header is ignored: anyone can send it.
	TrustProxy bool
}

// oEmbed is the answer, as the oEmbed 1.0 spec names its fields.
type oEmbed struct {
	Version      string `json:"version"`
	Type         string `json:"type"`
	ProviderName string `json:"provider_name"`
	ProviderURL  string `json:"provider_url"`
	Title        string `json:"title,omitempty"`
	HTML         string `json:"html"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
}

// Default size of an embed: the width of a news article's column, and the
// height the demo article uses.
const (
	oembedWidth  = 720
	oembedHeight = 600
)

// maxTitles bounds the titles an oEmbed endpoint keeps: past it, it forgets
// them all and starts again.
const maxTitles = 256

// oembed answers oEmbed requests for the site in dir.
type oembed struct {
	dir   string
	base  *url.URL // Options.Base, its path ending in "/"; nil without
	proxy bool

	// parse admits one story parse at a time: 16 parallel requests for a
	// 19.5 MB story parse it once (the others wait, then find its title)
	// instead of holding 16 parsed copies.
	parse  chan struct{}
	mu     sync.Mutex
	titles map[titleKey]string
}

// titleKey names a version of a story file: a new version has another
// modification time or size.
type titleKey struct {
	name       string
	mod, bytes int64
}

func newOEmbed(dir string, o Options) (*oembed, error) {
	oe := &oembed{dir: dir, proxy: o.TrustProxy, parse: make(chan struct{}, 1), titles: map[titleKey]string{}}
	if o.Base != "" {
		b, err := parseBase(o.Base)
		if err != nil {
			return nil, err
		}
		oe.base = b
	}
	return oe, nil
}

// parseBase reads Options.Base.
func parseBase(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil || origin.Of(u) == "" || u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return nil, fmt.Errorf("site: base %q must be an http(s) address like https://maps.example.org/, without a query", s)
	}
	host, ok := origin.Host(u.Host)
	if !ok {
		return nil, fmt.Errorf("site: base %q: %q is not a host name", s, u.Host)
	}
	b := &url.URL{Scheme: u.Scheme, Host: host, Path: u.Path}
	if !strings.HasSuffix(b.Path, "/") {
		b.Path += "/"
	}
	return b, nil
}

// site is the site's address for the request r, its path ending in "/":
// the base, or else the request's host with the scheme it came over. ok is
// false when the Host is not a host name.
func (oe *oembed) site(r *http.Request) (*url.URL, bool) {
	if oe.base != nil {
		b := *oe.base
		return &b, true
	}
	host, ok := origin.Host(r.Host)
	if !ok {
		return nil, false
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if oe.proxy {
		if p := strings.ToLower(strings.TrimSpace(r.Header.Get("X-Forwarded-Proto"))); p == "http" || p == "https" {
			scheme = p
		}
	}
	return &url.URL{Scheme: scheme, Host: host, Path: "/"}, true
}

func (oe *oembed) serve(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if f := q.Get("format"); f != "" && f != "json" {
		http.Error(w, "oembed: only format=json is served", http.StatusNotImplemented)
		return
	}
	site, ok := oe.site(r)
	if !ok {
		http.Error(w, "oembed: the request's Host is not a host name", http.StatusBadRequest)
		return
	}
	raw := q.Get("url")
	u, err := site.Parse(raw)
	if err == nil && oe.base == nil && u.Scheme == "https" {
		site.Scheme = "https" // an https page is never answered with http
	}
	if err == nil && u.Scheme == "http" && site.Scheme == "https" {
		u.Scheme = "https"
	}
	if raw == "" || err != nil || !origin.Same(u, site) || !strings.HasPrefix(u.Path, site.Path) ||
		!strings.HasSuffix(u.Path, "/embed.html") {
		http.Error(w, "oembed: url must be an embed.html page of this site", http.StatusNotFound)
		return
	}
	// Written as the site writes itself: its scheme, its host in lower case.
	u.Scheme, u.Host, u.User = site.Scheme, site.Host, nil
	u.RawQuery = u.Query().Encode() // escaped, whatever the request held
	u.Fragment, u.RawFragment = "", ""
	width, height := oembedWidth, oembedHeight
	if mw, err := strconv.Atoi(q.Get("maxwidth")); err == nil && mw > 0 && mw < width {
		width = mw
	}
	if mh, err := strconv.Atoi(q.Get("maxheight")); err == nil && mh > 0 && mh < height {
		height = mh
	}
	title := oe.storyTitle(r, site, u)
	label := "Interactive map with a timeline"
	if title != "" {
		label = "Interactive map: " + title
	}
	ans := oEmbed{
		Version: "1.0", Type: "rich", ProviderName: "mapline", ProviderURL: site.String(), Title: title,
		HTML: fmt.Sprintf(`<iframe src="%s" title="%s" width="%d" height="%d" style="border:0;width:100%%;max-width:%dpx"></iframe>`,
			html.EscapeString(u.String()), html.EscapeString(label), width, height, width),
		Width: width, Height: height,
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	json.NewEncoder(w).Encode(ans)
}

// storyTitle is the title of the story an embed address u shows (data=, or
// the demo's), "" unless it is a file the file server would serve: under the
// site's path, no dot file or folder, no symbolic link out of the site.
func (oe *oembed) storyTitle(r *http.Request, site, u *url.URL) string {
	data := u.Query().Get("data")
	if data == "" {
		data = "data/story.geojson"
	}
	d, err := u.Parse(data)
	if err != nil || !origin.Same(d, site) || !strings.HasPrefix(d.Path, site.Path) {
		return ""
	}
	name, code := siteName("/" + strings.TrimPrefix(d.Path, site.Path))
	if code != 0 {
		return ""
	}
	f, fi, err := openInDir(oe.dir, name)
	if err != nil {
		return ""
	}
	defer f.Close()
	if !fi.Mode().IsRegular() {
		return ""
	}
	key := titleKey{name: name, mod: fi.ModTime().UnixNano(), bytes: fi.Size()}
	if t, ok := oe.title(key); ok {
		return t
	}
	select {
	case oe.parse <- struct{}{}:
		defer func() { <-oe.parse }()
	case <-r.Context().Done():
		return ""
	}
	if t, ok := oe.title(key); ok { // parsed while this request waited
		return t
	}
	title := ""
	if s, err := geo.Load(f); err == nil {
		title = s.Title
	}
	oe.mu.Lock()
	if len(oe.titles) >= maxTitles {
		clear(oe.titles)
	}
	oe.titles[key] = title
	oe.mu.Unlock()
	return title
}

func (oe *oembed) title(k titleKey) (string, bool) {
	oe.mu.Lock()
	defer oe.mu.Unlock()
	t, ok := oe.titles[k]
	return t, ok
}
