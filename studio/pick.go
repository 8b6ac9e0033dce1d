package studio

import (
	"fmt"
	"math"
	"strconv"

	"mapline/geo"

	"github.com/paulmach/orb"
)

// Pick is the place under a click on the preview's map ("pick on map" in
// studio.html): view is the preview's view as the embed publishes it
// (data-view, "LAT,LON,ZOOM"), w×h the map's size in CSS pixels and x, y the
// click from its top left. The latitude and longitude come as a reporter
// types them, to five decimals (about a metre).
func Pick(view string, w, h, x, y float64) (lat, lon string, err error) {
	v, err := geo.ParseView(view)
	if err != nil {
		return "", "", fmt.Errorf("studio: pick on map: %w", err)
	}
	if !(w > 0 && h > 0) {
		return "", "", fmt.Errorf("studio: pick on map: the map is %g×%g pixels", w, h)
	}
	if !(x >= 0 && x <= w && y >= 0 && y <= h) {
		return "", "", fmt.Errorf("studio: pick on map: the click (%g, %g) is outside the map", x, y)
	}
	v.Width, v.Height = w, h
	ll := v.Geo(orb.Point{x, y})
	lonv := math.Remainder(ll.Lon(), 360) // a map panned round the world
	return strconv.FormatFloat(ll.Lat(), 'f', 5, 64), strconv.FormatFloat(lonv, 'f', 5, 64), nil
}
