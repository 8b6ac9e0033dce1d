package geo

import (
	"strings"

	"github.com/paulmach/orb"
)

// City is a reference city: a place a reader knows, drawn as a small dot with
// its name to help find the story's sites. It is not part of the story.
type City struct {
	Name    string
	LonLat  orb.Point         // longitude, latitude of the city centre, to 0.01°
	Capital bool              // the seat of a national government
	Names   map[string]string // the name in other languages, by language: "ar" → "بغداد"
}

// Place is a populated place of the world basemap (Natural Earth's
// populated places, kind locality in the tiles): a reference city drawn
// from zoom MinZoom, outside CitiesRegion (where Cities are drawn from
// zoom CitiesFrom).
type Place struct {
	City
	MinZoom float64 // Natural Earth's min_zoom: the zoom from which it is drawn
	Rank    int     // population rank, 0–15 as Protomaps' population_rank (higher is larger)
}

// CitiesRegion is where Cities, with their names in Arabic, Sorani Kurdish
// and Persian, are the reference cities: the Middle East around them
// (longitude 30–62°E, latitude 12–42°N, Cairo to Muscat, Sanaa to Ankara).
// The basemap's places are drawn only outside it, so the demo keeps its
// look.
var CitiesRegion = orb.Bound{Min: orb.Point{30, 12}, Max: orb.Point{62, 42}}

// CitiesFrom is the zoom from which Cities are drawn in CitiesRegion. Below
// it (a view of continents or of the world) the basemap's places are the
// reference cities everywhere, each from its own min zoom: the same world
// wherever the story is, not the Middle East's cities alone.
const CitiesFrom = 3

// NameIn is the city's name in the language lang ("fa-IR" finds "fa"), or its
// English name.
func (c *City) NameIn(lang string) string { return nameIn(c.Names, lang, c.Name) }

// nameIn returns the name in lang from names by language, trying "fa-IR",
// then "fa"; def when there is none.
func nameIn(names map[string]string, lang, def string) string {
	for l := lang; l != ""; {
		if n := names[l]; n != "" {
			return n
		}
		i := strings.LastIndexByte(l, '-')
		if i < 0 {
			break
		}
		l = l[:i]
	}
	return def
}

// named reports whether name is the city's name in English (in any case) or
// in one of its other languages: a story site of that name is the city.
func (c *City) named(name string) bool {
	if strings.EqualFold(name, c.Name) {
		return true
	}
	for _, n := range c.Names {
		if name == n {
			return true
		}
	}
	return false
}

// Cities are the reference cities of the region, drawn when their names fit.
// Coordinates are those of the city centres (Wikipedia, GeoNames), rounded to
// 0.01°; TestCities checks each lies in its country on the basemap. Their
// names in Arabic, Sorani Kurdish and Persian are the common ones in those
// languages' press (see NameIn).
//
// Jerusalem is not flagged as a capital: its status is disputed and the map
// takes no side. Erbil is the capital of the Kurdistan Region, not of a
// country.
var Cities = []City{
	{"Baghdad", orb.Point{44.37, 33.32}, true, map[string]string{"ar": "بغداد", "ckb": "بەغدا", "fa": "بغداد"}},
	{"Erbil", orb.Point{44.01, 36.19}, false, map[string]string{"ar": "أربيل", "ckb": "هەولێر", "fa": "اربیل"}},
	{"Basra", orb.Point{47.81, 30.51}, false, map[string]string{"ar": "البصرة", "ckb": "بەسرە", "fa": "بصره"}},
	{"Mosul", orb.Point{43.13, 36.34}, false, map[string]string{"ar": "الموصل", "ckb": "مووسڵ", "fa": "موصل"}},
	{"Tehran", orb.Point{51.39, 35.69}, true, map[string]string{"ar": "طهران", "ckb": "تاران", "fa": "تهران"}},
	{"Kuwait City", orb.Point{47.98, 29.37}, true, map[string]string{"ar": "مدينة الكويت", "ckb": "شاری کوەیت", "fa": "شهر کویت"}},
	{"Riyadh", orb.Point{46.72, 24.69}, true, map[string]string{"ar": "الرياض", "ckb": "ڕیاز", "fa": "ریاض"}},
	{"Damascus", orb.Point{36.29, 33.51}, true, map[string]string{"ar": "دمشق", "ckb": "دیمەشق", "fa": "دمشق"}},
	{"Amman", orb.Point{35.93, 31.95}, true, map[string]string{"ar": "عمّان", "ckb": "عەممان", "fa": "امان"}},
	{"Ankara", orb.Point{32.86, 39.93}, true, map[string]string{"ar": "أنقرة", "ckb": "ئەنقەرە", "fa": "آنکارا"}},
	{"Doha", orb.Point{51.53, 25.29}, true, map[string]string{"ar": "الدوحة", "ckb": "دۆحە", "fa": "دوحه"}},
	{"Manama", orb.Point{50.59, 26.22}, true, map[string]string{"ar": "المنامة", "ckb": "مەنامە", "fa": "منامه"}},
	{"Muscat", orb.Point{58.41, 23.59}, true, map[string]string{"ar": "مسقط", "ckb": "مەسقەت", "fa": "مسقط"}},
	{"Jerusalem", orb.Point{35.23, 31.78}, false, map[string]string{"ar": "القدس", "ckb": "ئۆرشەلیم", "fa": "اورشلیم"}},
	{"Abu Dhabi", orb.Point{54.37, 24.47}, true, map[string]string{"ar": "أبوظبي", "ckb": "ئەبوزەبی", "fa": "ابوظبی"}},
}
