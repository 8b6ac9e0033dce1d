package main

import "unicode"

// rtlText reports whether the first strong letter of s is of a script
// written right to left (Arabic, Hebrew, Syriac, Thaana, N'Ko); ok is false
// when s has no letter.
func rtlText(s string) (rtl, ok bool) {
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko):
			return true, true
		case unicode.IsLetter(r):
			return false, true
		}
	}
	return false, false
}

// isolateIn wraps s in first-strong isolates (U+2068 … U+2069) when its
// direction is not the page's: in a list like "Places: بغداد, أربيل" of an
// English page, the Arabic names keep their order instead of running
// together right to left across the comma. Text in the page's direction is
// left as it is.
func isolateIn(s string, pageRTL bool) string {
	if rtl, ok := rtlText(s); ok && rtl != pageRTL {
		return "\u2068" + s + "\u2069"
	}
	return s
}

// arrowStep is the event step of an arrow key on the slider: ←/→ follow the
// visual direction (in a right-to-left page the later events are to the
// left), ↑ is always the next event and ↓ the previous.
func arrowStep(key string, rtl bool) int {
	switch key {
	case "ArrowUp":
		return 1
	case "ArrowDown":
		return -1
	case "ArrowRight":
		if rtl {
			return -1
		}
		return 1
	case "ArrowLeft":
		if rtl {
			return 1
		}
		return -1
	}
	return 0
}
