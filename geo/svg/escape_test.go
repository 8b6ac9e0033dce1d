package svg

import (
	"bytes"
	"encoding/xml"
	"testing"
)

// The SVG writer's escaping is encoding/xml's, without the package.
func TestSVGEscapeLikeEncodingXML(t *testing.T) {
	for _, s := range []string{
		`plain`, `<script>alert("x")</script>`, `a & b 'c'`, "tab\tnew\nret\r", "\x00\x01\x1f bell",
		"bad \xff\xfe utf-8", "real \uFFFD replacement", "\uFFFE\uFFFF nonchars", "𝔘 astral", "Arabic بغداد",
	} {
		var want bytes.Buffer
		xml.EscapeText(&want, []byte(s))
		sw := &writer{}
		sw.text(s)
		if got := string(sw.b); got != want.String() {
			t.Errorf("text(%q) = %q, encoding/xml writes %q", s, got, want.String())
		}
	}
}
