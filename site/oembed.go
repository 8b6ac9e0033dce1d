package site

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"mapline/geo"
)

// OEmbedPath is where Handler answers oEmbed requests (oembed.com): for
// ?url=<an embed.html address on this site>, a "rich" answer whose html is the
// iframe snippet. index.html names it in its discovery <link>.
const OEmbedPath = "/oembed.json"

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

func serveOEmbed(w http.ResponseWriter, r *http.Request, dir string) {
	q := r.URL.Query()
	if f := q.Get("format"); f != "" && f != "json" {
		http.Error(w, "oembed: only format=json is served", http.StatusNotImplemented)
		return
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	base := &url.URL{Scheme: scheme, Host: r.Host, Path: strings.TrimSuffix(path.Dir(r.URL.Path), "/") + "/"}
	raw := q.Get("url")
	u, err := base.Parse(raw)
	if raw == "" || err != nil || u.Host != r.Host || path.Base(u.Path) != "embed.html" {
		http.Error(w, "oembed: url must be an embed.html page of this site", http.StatusNotFound)
		return
	}
	u.Scheme = scheme
	u.RawQuery = u.Query().Encode() // escaped, whatever the request held
	width, height := oembedWidth, oembedHeight
	if mw, err := strconv.Atoi(q.Get("maxwidth")); err == nil && mw > 0 && mw < width {
		width = mw
	}
	if mh, err := strconv.Atoi(q.Get("maxheight")); err == nil && mh > 0 && mh < height {
		height = mh
	}
	title := storyTitle(dir, u)
	label := "Interactive map with a timeline"
	if title != "" {
		label = "Interactive map: " + title
	}
	ans := oEmbed{
		Version: "1.0", Type: "rich", ProviderName: "mapline", ProviderURL: base.String(), Title: title,
		HTML: fmt.Sprintf(`<iframe src="%s" title="%s" width="%d" height="%d" style="border:0;width:100%%;max-width:%dpx"></iframe>`,
			html.EscapeString(u.String()), html.EscapeString(label), width, height, width),
		Width: width, Height: height,
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	json.NewEncoder(w).Encode(ans)
}

// storyTitle is the title of the story an embed address shows: data= or the
// demo's, when it is a file of the site that loads.
func storyTitle(dir string, u *url.URL) string {
	data := u.Query().Get("data")
	if data == "" {
		data = "data/story.geojson"
	}
	d, err := u.Parse(data)
	if err != nil || d.Host != u.Host || hasDotDot(d.Path) {
		return ""
	}
	f, err := os.Open(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(path.Clean(d.Path), "/"))))
	if err != nil {
		return ""
	}
	defer f.Close()
	s, err := geo.Load(f)
	if err != nil {
		return ""
	}
	return s.Title
}
