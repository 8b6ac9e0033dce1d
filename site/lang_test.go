package site

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/paulmach/orb"

	"mapline/geo"
	"mapline/geo/lang"
)

// langCase is what the page must show in one language.
type langCase struct {
	lang, dir string
	digits    *regexp.Regexp // the digits of the card's date
	storyName string         // Tehran's name in the language (site/data/story.geojson)
	gregorian bool           // the date's title gives the Gregorian date (Persian)
}

var langCases = []langCase{
	{"en", "ltr", regexp.MustCompile(`[0-9]`), "Tehran", false},
	// Arabic: Intl's digits for "ar" (Latin ones in Chromium's CLDR data).
	{"ar", "rtl", regexp.MustCompile(`[0-9٠-٩]`), "طهران", false},
	// Sorani: Chromium's Intl lacks it; CLDR's patterns and Arabic-Indic digits.
	{"ckb", "rtl", regexp.MustCompile(`[٠-٩]`), "تاران", false},
	// Persian: the Solar Hijri calendar in Persian digits.
	{"fa", "rtl", regexp.MustCompile(`[۰-۹]`), "تهران", true},
}

// TestLanguages opens the demo in each language at phone and desktop width:
// the root's lang and dir, the page's words from geo/lang, the story's and
// the map's names in the language, dates in the language's calendar and
// digits (with the Gregorian date in the title for Persian), the timeline
// running from the right in a right-to-left page with ←/→ following it, and
// screenshots to look at.
func TestLanguages(t *testing.T) {
	s := demo(t)
	for _, lc := range langCases {
		msg := lang.Get(lc.lang)
		for _, size := range []struct {
			name string
			w, h int64
		}{{"phone", 375, 700}, {"desktop", 1280, 800}} {
			t.Run(lc.lang+"/"+size.name, func(t *testing.T) {
				ctx := tab(t, size.w, size.h, 1)
				open(t, ctx, "/embed.html?lang="+lc.lang+"&dark=false", "ready")
				if got := text(t, ctx, `document.documentElement.lang + " " + document.documentElement.dir`); got != lc.lang+" "+lc.dir {
					t.Errorf("root lang and dir %q, want %q", got, lc.lang+" "+lc.dir)
				}
				// The page's words (lang.js) and the wasm's (geo/lang).
				waitText(t, ctx, `document.querySelector("#more summary").textContent`, msg.Text("options"))
				want := msg.Text("list.show")
				if size.name == "desktop" { // the list is open beside the map
					want = msg.Text("list.hide")
				}
				waitText(t, ctx, `document.getElementById("list-toggle").textContent`, want)
				if got := text(t, ctx, `document.getElementById("zoom-in").getAttribute("aria-label")`); got != msg.Text("zoom.in") {
					t.Errorf("zoom in labelled %q, want %q", got, msg.Text("zoom.in"))
				}
				if got := text(t, ctx, `document.getElementById("play").getAttribute("aria-label")`); got != msg.Text("timeline.play") {
					t.Errorf("play labelled %q, want %q", got, msg.Text("timeline.play"))
				}
				title := s.In(lc.lang).Title
				waitText(t, ctx, `document.getElementById("story-title").textContent`, title)
				// Tehran, a site of the story, is labelled in the language.
				waitText(t, ctx, `[...document.querySelectorAll("#map-labels .label:not([hidden])")].map(e => e.textContent).join("|")`, lc.storyName)

				// The events are told in English only: marked so for screen
				// readers on a page in another language; the story's title is
				// in the page's language.
				wantLang := "en"
				if lc.lang == "en" {
					wantLang = ""
				}
				if got := text(t, ctx, `document.getElementById("card-title").lang + "|" + document.getElementById("story-title").lang`); got != wantLang+"|" {
					t.Errorf("card and story title lang %q, want %q", got, wantLang+"|")
				}

				date := text(t, ctx, `document.getElementById("card-date").textContent`)
				if !lc.digits.MatchString(date) {
					t.Errorf("card date %q has no digits matching %s", date, lc.digits)
				}
				dateTitle := text(t, ctx, `document.getElementById("card-date").title`)
				if lc.gregorian {
					y := s.Events[0].Time.Start.T.Year()
					if !strings.Contains(dateTitle, msg.Text("date.gregorian", "date", "")) || !strings.Contains(toLatin(dateTitle), fmt.Sprint(y)) {
						t.Errorf("card date %q: title %q, want the Gregorian date of %d", date, dateTitle, y)
					}
					if strings.Contains(toLatin(date), fmt.Sprint(y)) {
						t.Errorf("card date %q is in the Gregorian year %d, want the Solar Hijri one", date, y)
					}
				} else if dateTitle != "" {
					t.Errorf("card date %q has a title %q", date, dateTitle)
				}

				// The first event's mark is at the start of the timeline: the
				// right edge in a right-to-left page.
				edges := text(t, ctx, `(() => { const m = document.querySelector("#track-marks .mark").getBoundingClientRect(),
					tr = document.getElementById("track-marks").getBoundingClientRect();
					return (m.left + m.width/2 - tr.left) + " " + (tr.right - m.left - m.width/2); })()`)
				var fromLeft, fromRight float64
				if _, err := fmt.Sscan(edges, &fromLeft, &fromRight); err != nil {
					t.Fatalf("marks: %q: %v", edges, err)
				}
				start := fromLeft
				if lc.dir == "rtl" {
					start = fromRight
				}
				if math.Abs(start) > 3 {
					t.Errorf("first mark %.1f px from the timeline's start (left %.1f, right %.1f), want 0 ± 3", start, fromLeft, fromRight)
				}
				// Previous and next mirror: previous on the side of the earlier
				// events (its arrow ‹ is drawn mirrored, ›, in a right-to-left
				// line: Bidi_Mirrored).
				order := text(t, ctx, `String(document.getElementById("prev").getBoundingClientRect().left < document.getElementById("next").getBoundingClientRect().left)`)
				if want := fmt.Sprint(lc.dir == "ltr"); order != want {
					t.Errorf("previous left of next: %s, want %s", order, want)
				}
				// The slider's thumb is there too (the input's own direction).
				if got := text(t, ctx, `getComputedStyle(document.getElementById("timeline")).direction`); got != lc.dir {
					t.Errorf("slider direction %q, want %q", got, lc.dir)
				}

				screenshot(t, ctx, "lang-"+lc.lang+"-"+size.name)

				// ←/→ follow the visual direction: toward the later events is
				// to the left in a right-to-left page.
				if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#timeline"))); err != nil {
					t.Fatal(err)
				}
				later, earlier := kb.ArrowRight, kb.ArrowLeft
				if lc.dir == "rtl" {
					later, earlier = kb.ArrowLeft, kb.ArrowRight
				}
				press(t, ctx, later)
				waitText(t, ctx, titleJS, s.Events[1].Title)
				press(t, ctx, earlier)
				waitText(t, ctx, titleJS, s.Events[0].Title)
			})
		}
	}
}

// TestLanguagesDark: each right-to-left language in the dark theme, for the
// eye, with the list of all events open (the Gregorian dates of the Persian
// list show there).
func TestLanguagesDark(t *testing.T) {
	for _, lc := range langCases[1:] {
		t.Run(lc.lang, func(t *testing.T) {
			t.Parallel()
			ctx := tab(t, 1280, 800, 1)
			open(t, ctx, "/embed.html?lang="+lc.lang+"&dark=true", "ready")
			if got := text(t, ctx, `document.documentElement.dir`); got != "rtl" {
				t.Errorf("dir %q", got)
			}
			if lc.gregorian {
				waitText(t, ctx, `document.querySelector("#events .date-gregorian").textContent`, lang.Get(lc.lang).Text("date.gregorian", "date", ""))
			}
			screenshot(t, ctx, "lang-"+lc.lang+"-desktop-dark")
		})
	}
}

// TestLanguageFromBrowser: without lang= the page takes the browser's
// language when it has it, and English otherwise.
func TestLanguageFromBrowser(t *testing.T) {
	for _, tt := range []struct{ accept, want string }{
		{"fa-IR,fa;q=0.9,en;q=0.8", "fa rtl"},
		{"de-DE,de", "en ltr"},
	} {
		t.Run(tt.accept, func(t *testing.T) {
			t.Parallel()
			ctx := tab(t, 800, 600, 1)
			_, err := chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
				UserAgent: "Mozilla/5.0 mapline-test", AcceptLanguage: tt.accept})
			if err != nil {
				t.Fatal(err)
			}
			open(t, ctx, "/embed.html", "ready")
			if got := text(t, ctx, `document.documentElement.lang + " " + document.documentElement.dir`); got != tt.want {
				t.Errorf("Accept-Language %s: root %q, want %q", tt.accept, got, tt.want)
			}
		})
	}
}

// toLatin turns Persian and Arabic-Indic digits into ASCII ones.
func toLatin(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '۰' && r <= '۹':
			return '0' + r - '۰'
		case r >= '٠' && r <= '٩':
			return '0' + r - '٠'
		}
		return r
	}, s)
}

// TestAxeRTL runs axe on the Persian page: a right-to-left page whose words
// come from lang.js and the wasm must still give every control a name.
func TestAxeRTL(t *testing.T) {
	ctx := tab(t, 1000, 700, 1)
	open(t, ctx, "/embed.html?lang=fa", "ready")
	waitText(t, ctx, `document.querySelector("#more summary").textContent`, lang.Get("fa").Text("options"))
	for _, v := range axeViolations(t, ctx) {
		t.Errorf("axe: %s", v)
	}
}

// TestPopupRTL: a site's popup in Arabic and Persian at phone and desktop
// width: the site's name in the language, the page's words, the dates in the
// language's calendar, and the popup on the left of its marker (the side a
// right-to-left line starts from) when it fits there.
func TestPopupRTL(t *testing.T) {
	s := demo(t)
	asad, _ := s.Site("al-asad")
	for _, lc := range []struct {
		lang, name string
		w, h       int64
		lon        float64 // of the view's centre
		fitsLeft   bool
	}{
		{"ar", "قاعدة عين الأسد الجوية", 900, 700, 39.5, true},
		{"fa", "پایگاه هوایی عین‌الاسد", 375, 700, 44, false}, // on a phone it goes where it fits
	} {
		t.Run(lc.lang, func(t *testing.T) {
			msg := lang.Get(lc.lang)
			ctx := tab(t, lc.w, lc.h, 1)
			open(t, ctx, fmt.Sprintf("/embed.html?lang=%s&view=34,%g,6&t=2025-06-11", lc.lang, lc.lon), "ready")
			r := canvasRect(t, ctx)
			v := geo.View{Center: orb.Point{lc.lon, 34}, Zoom: 6, Width: r.W, Height: r.H}
			p := v.Screen(asad.LonLat)
			if err := chromedp.Do(ctx, chromedp.MouseClickXY(p[0]+r.X, p[1]+r.Y)); err != nil {
				t.Fatal(err)
			}
			popupJS := `document.getElementById("popup").hidden ? "" : document.getElementById("popup").innerText`
			waitText(t, ctx, popupJS, lc.name)
			body := text(t, ctx, popupJS)
			for _, want := range []string{msg.Text("kind.military"), msg.Text("popup.approx"), "Attack on Al-Asad injures U.S. personnel"} {
				if !strings.Contains(body, want) {
					t.Errorf("popup %q lacks %q", body, want)
				}
			}
			box := text(t, ctx, `(() => { const b = document.getElementById("popup").getBoundingClientRect(); return b.left + " " + b.right; })()`)
			var left, right float64
			if _, err := fmt.Sscan(box, &left, &right); err != nil {
				t.Fatal(err)
			}
			// It fits on the left when the marker is far enough from the
			// map's left edge (10 px gap, a marker radius under 10 px).
			markerX := p[0] + r.X
			fits := markerX-r.X-20-(right-left) >= 4
			if fits != lc.fitsLeft {
				t.Fatalf("the case is wrong: the popup fits on the left: %v", fits)
			}
			if fits && right > markerX {
				t.Errorf("popup from %.0f to %.0f px, marker at %.0f: want it on the left of the marker", left, right, markerX)
			}
			screenshot(t, ctx, "lang-"+lc.lang+"-popup")
		})
	}
}

// TestLangScriptFollowsGo: the page's script (lang.js) knows the languages
// and their direction from Go alone (geo/lang, written into embed.html by
// make build): every language of lang.Supported is taken from lang= and
// gets lang.Dir's direction, before the wasm, and an unknown one falls back
// to the default; tags with a region or a script read as lang.Match reads them.
func TestLangScriptFollowsGo(t *testing.T) {
	cases := append([]string(nil), lang.Supported...)
	// Tags the page must read as Go does (lang.Match): a region, an
	// underscore, an alias by script, a language not supported.
	cases = append(cases, "xx", "fa-IR", "ar_IQ", "ku-Arab", "ku-Arab-IQ", "ku", "ku-Latn")
	for _, l := range cases {
		t.Run(l, func(t *testing.T) {
			t.Parallel()
			want := lang.Match(l)
			dir := lang.Dir(want)
			ctx := tab(t, 600, 500, 1)
			navigate(t, ctx, "/embed.html?static=1&lang="+l)
			waitText(t, ctx, "document.readyState", "complete")
			got := text(t, ctx, `document.documentElement.lang + " " + document.documentElement.dir + " " + window.maplineLang.dir`)
			if w := want + " " + dir + " " + dir; got != w {
				t.Errorf("lang=%s: the page has %q, want %q", l, got, w)
			}
		})
	}
}
