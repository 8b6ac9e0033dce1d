package main

import "net/url"

// sourceLink is how a story's source shows: a link to href, reading host,
// for an http(s) URL with a host (ok); anything else shows as plain text.
func sourceLink(src string) (href, host string, ok bool) {
	u, err := url.Parse(src)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return "", "", false
	}
	return u.String(), u.Host, true
}
