package geo

import (
	"unicode"
	"unicode/utf8"
)

// Fold appends s to dst in the form searching compares: lower case, without
// accents or other combining marks ("Érbil" and "erbil" fold alike), and
// with the letters Arabic and Persian write in several ways written one way
// (alef with hamza or madda as alef; Persian yeh and kaf, alef maksura as
// Arabic yeh and kaf; teh marbuta as heh; the harakat and the tatweel
// dropped; Arabic-Indic and Persian digits as ASCII digits). A reader who
// types "بغداد" finds "بَغْداد", and one who types "كرمانشاه" finds
// "کرمانشاه".
func Fold(dst []byte, s string) []byte {
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			dst = append(dst, byte(r))
			continue
		case r >= 0xC0 && r <= 0x24F:
			if b := latinBase[r-0xC0]; b != '.' {
				dst = append(dst, b)
				continue
			}
			if x, ok := latinMore[r]; ok {
				dst = append(dst, x...)
				continue
			}
		case r >= 0x600 && r <= 0x6FF:
			if x, ok := arabicFold(r); ok {
				if x >= 0 {
					dst = utf8.AppendRune(dst, x)
				}
				continue
			}
		case r == 0x200C || r == 0x200D || r == 0x200E || r == 0x200F: // joiners and direction marks
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// latinBase is the base letter (lower case) of each of U+00C0 to U+024F
// whose canonical decomposition is one ASCII letter and combining marks, and
// "." for the others (latinMore, or kept as they are). Generated from
// golang.org/x/text/unicode/norm's NFD; TestFoldLatinMatchesNFD keeps it so.
const latinBase = "aaaaaa.ceeeeiiii.nooooo..uuuuy..aaaaaa.ceeeeiiii.nooooo..uuuuy.yaaaaaaccccccccdd..eeeeeeeeeegggggggghh..iiiiiiiii...jjkk.llllll....nnnnnn...oooooo..rrrrrrsssssssstttt..uuuuuuuuuuuuwwyyyzzzzzz.................................oo.............uu............................aaiioouuuuuuuuuu.aaaa....ggkkoooo..j...gg..nnaa....aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............................"

// latinMore are the Latin letters a reader types otherwise that have no
// decomposition: "ß" as "ss", "Ø" as "o", "Ł" as "l".
var latinMore = map[rune]string{
	'Æ': "ae", 'æ': "ae", 'Ø': "o", 'ø': "o", 'ß': "ss", 'Đ': "d", 'đ': "d", 'Ħ': "h", 'ħ': "h",
	'ı': "i", 'Ł': "l", 'ł': "l", 'Œ': "oe", 'œ': "oe", 'Þ': "th", 'þ': "th", 'Ð': "d", 'ð': "d",
}

// arabicFold is what Fold makes of an Arabic-script letter: another letter,
// -1 to drop it, ok false to keep it (lower-cased by the general rule, which
// leaves it as it is).
func arabicFold(r rune) (rune, bool) {
	switch {
	case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
		return 'ا', true
	case r == 'ى' || r == 'ی' || r == 'ئ':
		return 'ي', true
	case r == 'ک':
		return 'ك', true
	case r == 'ة':
		return 'ه', true
	case r == 'ؤ':
		return 'و', true
	case r == 'ـ': // tatweel
		return -1, true
	case r >= '٠' && r <= '٩':
		return '0' + r - '٠', true
	case r >= '۰' && r <= '۹':
		return '0' + r - '۰', true
	}
	return 0, false
}
