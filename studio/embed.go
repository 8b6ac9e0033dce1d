package studio

import (
	"fmt"
	"html"
	"net/url"
	"strings"

	"mapline/geo"
)

// Options are the embed's options as the studio's controls set them.
type Options struct {
	Site     string // the address of the folder embed.html is in: "https://example.org/mapline/"
	Data     string // where the story will be published, relative to Site or absolute
	View     string // "LAT,LON,ZOOM", "" to fit the story
	Mode     string // "cumulative" (the default, left out) or "point"
	Theme    string // "" (light), "dark" or "auto"
	Lang     string // "" (the reader's), or a language of geo/lang
	Autoplay bool
	Title    string // the story's title; the iframe's title
}

// Src is the address of embed.html with the options as its flags, in the
// order the README lists them.
func (o Options) Src() (string, error) {
	base, err := o.site()
	if err != nil {
		return "", err
	}
	var q []string
	add := func(k, v string) { q = append(q, k+"="+url.QueryEscape(v)) }
	if o.Data != "" {
		add("data", o.Data)
	}
	if o.View != "" {
		if _, err := geo.ParseView(o.View); err != nil {
			return "", fmt.Errorf("studio: %v", err)
		}
		add("view", o.View)
	}
	switch o.Mode {
	case "", "cumulative":
	case "point":
		add("mode", o.Mode)
	default:
		return "", fmt.Errorf("studio: mode %q must be cumulative or point", o.Mode)
	}
	switch o.Theme {
	case "", "light":
	case "dark":
		q = append(q, "dark")
	case "auto":
		add("dark", "auto")
	default:
		return "", fmt.Errorf("studio: theme %q must be light, dark or auto", o.Theme)
	}
	if o.Lang != "" {
		add("lang", o.Lang)
	}
	if o.Autoplay {
		q = append(q, "autoplay")
	}
	src := base.String() + "embed.html"
	if len(q) > 0 {
		src += "?" + strings.Join(q, "&")
	}
	return src, nil
}

// site is Site as a folder's address.
func (o Options) site() (*url.URL, error) {
	site := strings.TrimSpace(o.Site)
	if !strings.HasSuffix(site, "/") {
		site += "/"
	}
	u, err := url.Parse(site)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("studio: the site %q is not an http: or https: address like https://example.org/mapline/", o.Site)
	}
	return u, nil
}

// title is the iframe's title: the story's, or the README's words.
func (o Options) title() string {
	if t := strings.TrimSpace(o.Title); t != "" {
		return t
	}
	return "Interactive map with a timeline"
}

// HostCode is the embed code with the host script (the README's first
// form): the height follows the content and the page gets the API. Every
// value is escaped for an HTML attribute: a title stays text.
func HostCode(o Options) (string, error) {
	src, err := o.Src()
	if err != nil {
		return "", err
	}
	base, _ := o.site() // Src read it
	script := base.String() + "embed.js"
	return fmt.Sprintf("<div class=\"mapline-embed\" data-src=\"%s\" data-title=\"%s\"></div>\n<script src=\"%s\" defer></script>\n",
		html.EscapeString(src), html.EscapeString(o.title()), html.EscapeString(script)), nil
}

// IframeCode is the plain iframe of a fixed height (the README's second form).
func IframeCode(o Options) (string, error) {
	src, err := o.Src()
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("<iframe src=\"%s\" title=\"%s\"\n  width=\"100%%\" height=\"600\" style=\"border:0\"></iframe>\n",
		html.EscapeString(src), html.EscapeString(o.title())), nil
}
