// Package jsonval reads JSON values as encoding/json does, without it: the
// wasm links no encoding/json (a bare Ebitengine game plus encoding/json is
// 59,436 B brotli larger than the bare game, measured for issue 17, the
// largest single cut toward the wasm's budget). It reads a value's text
// into its parts (an object's members, an array's items, a string's
// characters, a number's text), each part again as text; the callers say
// what each part must be. Check gives encoding/json's syntax errors, byte
// for byte. FuzzValue checks every function against encoding/json.
package jsonval

import (
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// A SyntaxError is a description of a JSON syntax error, as
// json.SyntaxError: its message and Offset are encoding/json's.
//
// (The type is declared in scanner.go.)

// Check reports whether text is one JSON value (space around it allowed):
// nil, or a *SyntaxError, as json.Valid and json.Unmarshal would find.
func Check(text string) error { return check(text) }

// Kind is the first byte of the value text ('{', '[', '"', 't', 'f', 'n',
// or '0' for any number), after space; 0 for nothing.
func Kind(text string) byte {
	i := space(text, 0)
	if i >= len(text) {
		return 0
	}
	switch c := text[i]; c {
	case '{', '[', '"', 't', 'f', 'n':
		return c
	}
	return '0'
}

// A Member is a member of an object: its name, unquoted, and its value's
// text (no space around it, as a json.RawMessage holds it).
type Member struct {
	Key, Value string
}

// Object reads the members of the object text, in the order written
// (names repeated are kept, each). ok is false when text is not JSON or
// not an object.
func Object(text string) (members []Member, ok bool) {
	if Check(text) != nil {
		return nil, false
	}
	i := space(text, 0)
	if text[i] != '{' {
		return nil, false
	}
	i = space(text, i+1)
	for text[i] != '}' {
		k := skip(text, i)
		key, _ := unquote(text[i:k])
		i = space(text, k) + 1 // the colon
		i = space(text, i)
		e := skip(text, i)
		members = append(members, Member{key, text[i:e]})
		if i = space(text, e); text[i] == ',' {
			i = space(text, i+1)
		}
	}
	return members, true
}

// Field is the value of the member that json.Unmarshal decodes into a
// struct's field named name: the last member whose name is name, or is
// name without regard to case (as encoding/json folds names: "ID" is "id").
// ok is false when there is none.
func Field(members []Member, name string) (value string, ok bool) {
	for _, m := range members {
		if m.Key == name || fold(m.Key) == fold(name) {
			value, ok = m.Value, true
		}
	}
	return value, ok
}

// fold is s as encoding/json folds a member's name (unicode.ToUpper).
func fold(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = utf8.AppendRune(b, unicode.ToUpper(r))
	}
	return string(b)
}

// Array reads the items of the array text, each as its text. ok is false
// when text is not JSON or not an array.
func Array(text string) (items []string, ok bool) {
	if Check(text) != nil {
		return nil, false
	}
	i := space(text, 0)
	if text[i] != '[' {
		return nil, false
	}
	items = []string{}
	i = space(text, i+1)
	for text[i] != ']' {
		e := skip(text, i)
		items = append(items, text[i:e])
		if i = space(text, e); text[i] == ',' {
			i = space(text, i+1)
		}
	}
	return items, true
}

// String reads the string text, its escapes decoded as encoding/json
// decodes them (a lone surrogate or a byte of invalid UTF-8 becomes
// U+FFFD). ok is false when text is not JSON or not a string.
func String(text string) (s string, ok bool) {
	if Check(text) != nil {
		return "", false
	}
	t := strings.Trim(text, " \t\r\n")
	if t[0] != '"' {
		return "", false
	}
	return unquote(t)
}

// Number is the number text as written (json.Number), space taken off.
// ok is false when text is not JSON or not a number.
func Number(text string) (n string, ok bool) {
	if Check(text) != nil || Kind(text) != '0' {
		return "", false
	}
	return strings.Trim(text, " \t\r\n"), true
}

// space is the index of the first byte from i that is not JSON space.
func space(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t') {
		i++
	}
	return i
}

// skip is the end of the value that begins at i of s, which is valid JSON.
func skip(s string, i int) int {
	switch s[i] {
	case '"':
		for j := i + 1; j < len(s); j++ {
			switch s[j] {
			case '\\':
				j++
			case '"':
				return j + 1
			}
		}
		return len(s)
	case '{', '[':
		depth := 0
		for j := i; j < len(s); j++ {
			switch s[j] {
			case '"':
				j = skip(s, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			}
		}
		return len(s)
	}
	j := i
	for j < len(s) && !strings.ContainsRune(" \t\r\n,]}", rune(s[j])) {
		j++
	}
	return j
}

// unquote decodes a JSON string of valid JSON, as encoding/json's
// unquoteBytes does.
func unquote(t string) (string, bool) {
	if len(t) < 2 || t[0] != '"' || t[len(t)-1] != '"' {
		return "", false
	}
	in := t[1 : len(t)-1]
	if !strings.ContainsRune(in, '\\') && utf8.ValidString(in) {
		return in, true
	}
	b := make([]byte, 0, len(in)+2*utf8.UTFMax)
	for r := 0; r < len(in); {
		switch c := in[r]; {
		case c == '\\':
			r++
			if r >= len(in) {
				return "", false
			}
			switch e := in[r]; e {
			case '"', '\\', '/', '\'':
				b = append(b, e)
				r++
			case 'b':
				b = append(b, '\b')
				r++
			case 'f':
				b = append(b, '\f')
				r++
			case 'n':
				b = append(b, '\n')
				r++
			case 'r':
				b = append(b, '\r')
				r++
			case 't':
				b = append(b, '\t')
				r++
			case 'u':
				r--
				rr := u4(in[r:])
				if rr < 0 {
					return "", false
				}
				r += 6
				if utf16.IsSurrogate(rr) {
					if dec := utf16.DecodeRune(rr, u4(in[r:])); dec != utf8.RuneError {
						r += 6
						b = utf8.AppendRune(b, dec)
						break
					}
					rr = utf8.RuneError
				}
				b = utf8.AppendRune(b, rr)
			default:
				return "", false
			}
		case c == '"' || c < ' ':
			return "", false
		case c < utf8.RuneSelf:
			b = append(b, c)
			r++
		default:
			rr, size := utf8.DecodeRuneInString(in[r:])
			r += size
			b = utf8.AppendRune(b, rr)
		}
	}
	return string(b), true
}

// u4 is the rune of the \uXXXX that s begins with, or -1.
func u4(s string) rune {
	if len(s) < 6 || s[0] != '\\' || s[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range []byte(s[2:6]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// Quote writes s as json.Marshal writes a string: <, > and & escaped for
// HTML, invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func Quote(s string) string {
	const hex = "0123456789abcdef"
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				if c < ' ' || c == '<' || c == '>' || c == '&' {
					b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
				} else {
					b = append(b, c)
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return string(append(b, '"'))
}
