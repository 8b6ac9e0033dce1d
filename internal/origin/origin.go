// Package origin reads and compares web origins ("https://host[:port]") the
// way browsers do: scheme and host in lower case, the scheme's default port
// left out. The file server (site, cmd/dist) and the embed (wasm) share it, so
// that a list of origins means the same on both sides. It is pure: no
// net/http, small enough for the wasm (net/url is there already).
package origin

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Of is the origin of an http(s) URL, "scheme://host[:port]" in lower case
// without the scheme's default port, or "" for any other URL (javascript:,
// data:, file:, a relative URL, a port that is not a number up to 65535).
func Of(u *url.URL) string {
	if u == nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	if host == "" {
		return ""
	}
	if strings.Contains(host, ":") { // an IPv6 address
		host = "[" + host + "]"
	}
	if port := u.Port(); port != "" { // url.Parse lets only digits through
		n, err := strconv.Atoi(port)
		if err != nil || n < 0 || n > 65535 {
			return ""
		}
		if !(u.Scheme == "http" && n == 80) && !(u.Scheme == "https" && n == 443) {
			host += ":" + strconv.Itoa(n)
		}
	}
	return u.Scheme + "://" + host
}

// Same reports whether a and b are http(s) URLs of the same origin: "HTTPS://News.Example:443/a"
// and "https://news.example/b" are.
func Same(a, b *url.URL) bool {
	o := Of(a)
	return o != "" && o == Of(b)
}

// Parse reads one origin as a list of allowed origins holds it: an http(s)
// scheme and a host with an optional port, an optional trailing slash, and
// nothing else (no user, path, query or fragment, none of the characters
// that would end a Content-Security-Policy source). It returns it as Of does.
func Parse(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || u.User != nil || (u.Path != "" && u.Path != "/") || u.RawPath != "" ||
		u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || u.Opaque != "" ||
		strings.ContainsAny(u.Host, "*;,'\"\\<>%") {
		return "", fmt.Errorf("%q is not an origin", s)
	}
	o := Of(u)
	if o == "" {
		return "", fmt.Errorf("%q is not an origin", s)
	}
	return o, nil
}

// ParseList reads origins separated by spaces or commas. It returns the
// origins (as Parse returns them, without duplicates, in the order given)
// and, apart, the fields that are not origins, as written.
func ParseList(list string) (origins, bad []string) {
	for _, f := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		o, err := Parse(f)
		if err != nil {
			bad = append(bad, f)
			continue
		}
		if !slices.Contains(origins, o) {
			origins = append(origins, o)
		}
	}
	return origins, bad
}

// Host checks h, a Host header or the host of an address: a DNS name (letters,
// digits, hyphens, dots, underscores) or an IP address (IPv6 in brackets),
// with an optional port up to 65535. It returns h in lower case; ok is false
// for anything else (a user, a path, spaces, quotes, percent signs), which
// must never be written into a URL or a page.
func Host(h string) (string, bool) {
	if h == "" || len(h) > 260 {
		return "", false
	}
	name, port := h, ""
	if strings.HasPrefix(h, "[") {
		end := strings.IndexByte(h, ']')
		if end < 0 {
			return "", false
		}
		name, port = h[1:end], h[end+1:]
		if name == "" || strings.Trim(name, "0123456789abcdefABCDEF:.") != "" || strings.Count(name, ":") < 2 {
			return "", false
		}
	} else {
		if i := strings.LastIndexByte(h, ':'); i >= 0 {
			name, port = h[:i], h[i:]
		}
		if name == "" || strings.Trim(name, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-._") != "" {
			return "", false
		}
	}
	if port != "" {
		p := port[1:]
		if port[0] != ':' || p == "" || len(p) > 5 || strings.Trim(p, "0123456789") != "" {
			return "", false
		}
		if n, _ := strconv.Atoi(p); n > 65535 {
			return "", false
		}
	}
	return strings.ToLower(h), true
}
