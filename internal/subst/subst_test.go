package subst

import (
	"strings"
	"testing"
)

func TestAll(t *testing.T) {
	entities := []string{"&copy;", "©", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'", "&nbsp;", " "}
	for _, c := range []struct {
		name   string
		s      string
		oldnew []string
		want   string
	}{
		{"nothing to replace", "plain", []string{"x", "y"}, "plain"},
		{"empty string", "", []string{"x", "y"}, ""},
		{"no pairs", "abc", nil, "abc"},
		{"placeholders", "{d} {m} {y}", []string{"{d}", "6", "{m}", "December", "{y}", "2026"}, "6 December 2026"},
		{"a replacement is not replaced again", "{d}", []string{"{d}", "{m}", "{m}", "x"}, "{m}"},
		{"first pair wins at one place", "aa", []string{"a", "1", "aa", "2"}, "11"},
		{"longer first pair wins", "aaa", []string{"aa", "2", "a", "1"}, "21"},
		{"entities", "&copy; OpenStreetMap &amp;amp; &lt;b&gt; &#39;x&#39;&nbsp;&quot;", entities, `© OpenStreetMap &amp; <b> 'x' "`},
		{"an entity cut short", "&amp", entities, "&amp"},
		{"attribute quotes", `{"a":"<b>'&"}`, []string{"&", "&amp;", "'", "&#39;", "<", "&lt;", ">", "&gt;"}, `{"a":"&lt;b&gt;&#39;&amp;"}`},
		{"multibyte text around a match", "Ωx→x€", []string{"x", "ξ"}, "Ωξ→ξ€"},
		{"a trailing old without a new", "ab", []string{"a", "1", "b"}, "1b"},
		{"an empty old matches nothing", "ab", []string{"", "-", "b", "2"}, "a2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := All(c.s, c.oldnew...); got != c.want {
				t.Errorf("All(%q, %q) = %q, want %q", c.s, c.oldnew, got, c.want)
			}
			// Where strings.NewReplacer accepts the pairs, All agrees with it.
			if len(c.oldnew)%2 == 0 && !strings.Contains(c.name, "empty old") {
				if want := strings.NewReplacer(c.oldnew...).Replace(c.s); All(c.s, c.oldnew...) != want {
					t.Errorf("All(%q, %q) = %q, strings.Replacer gives %q", c.s, c.oldnew, All(c.s, c.oldnew...), want)
				}
			}
		})
	}
}

// FuzzAll checks All against strings.Replacer on any text and three pairs.
func FuzzAll(f *testing.F) {
	f.Add("&amp;lt; {d}", "&amp;", "&", "{d}", "6", "a", "b")
	f.Add("aaa", "a", "1", "aa", "2", "aaa", "3")
	f.Fuzz(func(t *testing.T, s, o1, n1, o2, n2, o3, n3 string) {
		if o1 == "" || o2 == "" || o3 == "" {
			t.Skip("strings.Replacer's empty old matches everywhere; All's nowhere")
		}
		pairs := []string{o1, n1, o2, n2, o3, n3}
		if got, want := All(s, pairs...), strings.NewReplacer(pairs...).Replace(s); got != want {
			t.Errorf("All(%q, %q) = %q, strings.Replacer gives %q", s, pairs, got, want)
		}
	})
}
