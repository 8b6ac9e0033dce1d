package geo

import "github.com/paulmach/orb"

// City is a reference city: a place a reader knows, drawn as a small dot with
// its name to help find the story's sites. It is not part of the story.
type City struct {
	Name    string
	LonLat  orb.Point // longitude, latitude of the city centre, to 0.01°
	Capital bool      // the seat of a national government
}

// Cities are the reference cities of the region, drawn when their names fit.
// Coordinates are those of the city centres (Wikipedia, GeoNames), rounded to
// 0.01°; TestCities checks each lies in its country on the basemap.
//
// Jerusalem is not flagged as a capital: its status is disputed and the map
// takes no side. Erbil is the capital of the Kurdistan Region, not of a
// country.
var Cities = []City{
	{"Baghdad", orb.Point{44.37, 33.32}, true},
	{"Erbil", orb.Point{44.01, 36.19}, false},
	{"Basra", orb.Point{47.81, 30.51}, false},
	{"Mosul", orb.Point{43.13, 36.34}, false},
	{"Tehran", orb.Point{51.39, 35.69}, true},
	{"Kuwait City", orb.Point{47.98, 29.37}, true},
	{"Riyadh", orb.Point{46.72, 24.69}, true},
	{"Damascus", orb.Point{36.29, 33.51}, true},
	{"Amman", orb.Point{35.93, 31.95}, true},
	{"Ankara", orb.Point{32.86, 39.93}, true},
	{"Doha", orb.Point{51.53, 25.29}, true},
	{"Manama", orb.Point{50.59, 26.22}, true},
	{"Muscat", orb.Point{58.41, 23.59}, true},
	{"Jerusalem", orb.Point{35.23, 31.78}, false},
	{"Abu Dhabi", orb.Point{54.37, 24.47}, true},
}
