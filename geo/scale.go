package geo

import (
	"math"
	"strconv"
)

// EarthRadius is the radius of the sphere of Web Mercator, in metres.
const EarthRadius = 6378137

// MetresPerPixel is the true length on the ground of one CSS pixel at the
// centre of the view: Mercator stretches distances by 1/cos(latitude), so a
// pixel covers less ground away from the equator.
func (v View) MetresPerPixel() float64 {
	equator := 2 * math.Pi * EarthRadius / (WorldSize * math.Exp2(v.Zoom))
	return equator * math.Cos(v.Center.Lat()*math.Pi/180)
}

// ScaleBar is a scale bar for a view: round lengths in kilometres and in
// miles and how long they are on screen. It holds at the centre latitude of
// the view (Mercator's scale changes with latitude).
type ScaleBar struct {
	Km, KmPx float64 // a length of 1, 2 or 5 × 10^n km, and its CSS px
	Mi, MiPx float64 // the same in statute miles
}

// Metres in a statute mile.
const mile = 1609.344

// ScaleBar returns the longest round lengths (1, 2 or 5 × 10^n, in km and in
// miles) that are at most maxPx CSS px long at the centre of the view.
func (v View) ScaleBar(maxPx float64) ScaleBar {
	m := v.MetresPerPixel()
	if !(m > 0) || !(maxPx > 0) || math.IsInf(m, 0) {
		return ScaleBar{}
	}
	km := roundDown125(maxPx * m / 1000)
	mi := roundDown125(maxPx * m / mile)
	return ScaleBar{Km: km, KmPx: km * 1000 / m, Mi: mi, MiPx: mi * mile / m}
}

// roundDown125 is the largest 1, 2 or 5 × 10^n not greater than x > 0.
func roundDown125(x float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(x)))
	// Guard against Log10 rounding just below a power of ten.
	if p*10 <= x {
		p *= 10
	}
	for _, f := range []float64{5, 2, 1} {
		if f*p <= x*(1+1e-12) {
			return f * p
		}
	}
	return p
}

// KmText is the metric length as text: "200 km", or "500 m" under a kilometre.
func (b ScaleBar) KmText() string {
	if b.Km < 1 {
		return formatLength(b.Km*1000) + " m"
	}
	return formatLength(b.Km) + " km"
}

// MiText is the imperial length as text: "100 mi".
func (b ScaleBar) MiText() string { return formatLength(b.Mi) + " mi" }

// formatLength writes a round length without needless digits, with a thin
// space between thousands: "2 000", "0.5".
func formatLength(x float64) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if x < 10000 {
		return s
	}
	var out []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, "\u202f"...)
		}
		out = append(out, s[i])
	}
	return string(out)
}
