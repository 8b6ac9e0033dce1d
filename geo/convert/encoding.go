package convert

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// decodeText returns data as UTF-8 without a byte order mark. UTF-8 (with or
// without a byte order mark) is read as it is, and UTF-16 with a byte order
// mark (what Excel saves as "Unicode text") is converted. Anything else that
// is not valid UTF-8 is read as Windows-1252 (cp1252, what Excel on Windows
// saves as "CSV"; Latin-1's letters are the same bytes), with a warning,
// unless it has a byte Windows-1252 does not define: then it is refused. A
// replacement character (U+FFFD) already in the text is pointed out: it
// means the text was damaged before. A problem is for the whole file.
func decodeText(name string, data []byte, sheet bool) ([]byte, *Problem) {
	save, what := `save the sheet as "CSV UTF-8"`, `what Excel on Windows saves as "CSV"; `
	if !sheet {
		save, what = "save the file as UTF-8", ""
	}
	switch {
	case bytes.HasPrefix(data, []byte("\ufeff")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, &Problem{File: name, Msg: fmt.Sprintf("not valid UTF-16, though it begins with a UTF-16 byte order mark: %v", err)}
		}
		data = bytes.TrimPrefix(out, []byte("\ufeff"))
		if k := bytes.Index(data, []byte("\uFFFD")); k >= 0 {
			return nil, &Problem{File: name, Msg: fmt.Sprintf("not valid UTF-16, though it begins with a UTF-16 byte order mark (line %d): %s", lineAt(data, k), save)}
		}
	}
	if utf8.Valid(data) {
		if k := bytes.Index(data, []byte("\uFFFD")); k >= 0 {
			return data, &Problem{File: name, Warning: true, Msg: fmt.Sprintf("line %d (%s) has U+FFFD, the replacement character: a wrong encoding damaged the text before this file was written; fix it at its source", lineAt(data, k), quote(lineOf(data, k)))}
		}
		return data, nil
	}
	bad := firstInvalid(data)
	for i, b := range data {
		switch b {
		case 0x81, 0x8D, 0x8F, 0x90, 0x9D: // undefined in Windows-1252
			return nil, &Problem{File: name, Msg: fmt.Sprintf("not UTF-8, nor Windows-1252 (byte 0x%02X on line %d): %s", b, lineAt(data, i), save)}
		}
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return nil, &Problem{File: name, Msg: fmt.Sprintf("not UTF-8, nor Windows-1252: %v", err)}
	}
	line := lineAt(data, bad)
	first, _ := charmap.Windows1252.NewDecoder().String(lineOf(data, bad))
	return out, &Problem{File: name, Warning: true, Msg: fmt.Sprintf(`not UTF-8: read as Windows-1252 (cp1252, %sLatin-1 reads the same), from the first byte that is not UTF-8, on line %d (%s): check the accents, or %s`, what, line, quote(first), save)}
}

// firstInvalid is the offset of the first byte of data that is not UTF-8.
func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// lineAt is the line (from 1) of offset k of data.
func lineAt(data []byte, k int) int { return bytes.Count(data[:k], []byte("\n")) + 1 }

// lineOf is the line of data around offset k, without its line break; of a
// long line, from a little before k.
func lineOf(data []byte, k int) string {
	a := bytes.LastIndexByte(data[:k], '\n') + 1
	if k-a > 20 {
		a = k - 20
		for a < k && !utf8.RuneStart(data[a]) {
			a++
		}
	}
	b := bytes.IndexByte(data[k:], '\n')
	if b < 0 {
		b = len(data) - k
	}
	return string(bytes.TrimRight(data[a:k+b], "\r"))
}
