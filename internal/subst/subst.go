// Package subst replaces strings in a string, as strings.Replacer does, in a
// dozen lines: strings.NewReplacer links its trie, its four replacer kinds and
// their writers, about 25 kB of code in the wasm (make size-funcs, December
// 2026: about 5 kB brotli), for the handful of short texts the embed rewrites
// (HTML entities, "{d}" placeholders, an attribute's quotes).
package subst

import "strings"

// All returns s with each old of the old, new pairs replaced by its new,
// scanning s once from the left without overlapping matches; where several
// olds match at one place the first pair wins, as with strings.NewReplacer.
// An old must not be empty; a trailing old without a new is ignored.
func All(s string, oldnew ...string) string {
	var b strings.Builder
	done := 0 // s[:done] is written to b
	for i := 0; i < len(s); {
		hit := -1
		for p := 0; p+1 < len(oldnew); p += 2 {
			if old := oldnew[p]; old != "" && strings.HasPrefix(s[i:], old) {
				hit = p
				break
			}
		}
		if hit < 0 {
			i++
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[done:i])
		b.WriteString(oldnew[hit+1])
		i += len(oldnew[hit])
		done = i
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}
