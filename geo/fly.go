package geo

import (
	"math"
	"time"

	"github.com/paulmach/orb"
)

// Flight is a smooth move from one view to another that zooms out and back
// in on long moves: van Wijk and Nuij's optimal path, the curve of Leaflet's
// flyTo and MapLibre's flyTo. Both views must have the same size. It takes
// the short way round: across the antimeridian when that is shorter.
type Flight struct {
	From, To View
	Duration time.Duration

	w0, u1, r0, s float64
	a, b          orb.Point // world coordinates of the two centres
}

// rho is the curve's trade-off between zooming and panning (Leaflet's 1.42).
const rho = 1.42

// NewFlight plans the flight from one view to another. Its duration grows
// with the length of the path and is at most max.
func NewFlight(from, to View, max time.Duration) Flight {
	f := Flight{From: from, To: to, a: World(from.Center), b: World(to.Center)}
	f.b[0] += from.Shift(f.b[0]) // the copy of the destination nearest the start
	f.w0 = math.Max(from.Width, from.Height)
	if f.w0 <= 0 {
		f.w0 = 1
	}
	w1 := f.w0 * math.Exp2(from.Zoom-to.Zoom)
	f.u1 = math.Hypot(f.b[0]-f.a[0], f.b[1]-f.a[1]) * math.Exp2(from.Zoom)
	rho2 := rho * rho
	if f.u1 < 1e-6 {
		// No pan: a plain zoom, as long as it takes to zoom.
		f.s = math.Abs(math.Log(w1/f.w0)) / rho
	} else {
		r := func(i int) float64 {
			w := f.w0
			sign := 1.0
			if i == 1 {
				w, sign = w1, -1
			}
			b := (w1*w1 - f.w0*f.w0 + sign*rho2*rho2*f.u1*f.u1) / (2 * w * rho2 * f.u1)
			return math.Log(math.Sqrt(b*b+1) - b)
		}
		f.r0 = r(0)
		f.s = (r(1) - f.r0) / rho
	}
	f.Duration = time.Duration(math.Min(float64(max), f.s*0.8*float64(time.Second)))
	return f
}

// At is the view at the time elapsed into the flight.
func (f Flight) At(elapsed time.Duration) View {
	if f.Duration <= 0 || elapsed >= f.Duration {
		return f.To
	}
	t := math.Max(0, float64(elapsed)/float64(f.Duration))
	s := (1 - math.Pow(1-t, 1.5)) * f.s // ease out
	v := f.To
	if f.u1 < 1e-6 {
		v.Center = f.To.Center
		v.Zoom = f.From.Zoom + (f.To.Zoom-f.From.Zoom)*(s/f.s)
		return v
	}
	rho2 := rho * rho
	w := f.w0 * math.Cosh(f.r0) / math.Cosh(f.r0+rho*s)
	u := f.w0 * (math.Cosh(f.r0)*math.Tanh(f.r0+rho*s) - math.Sinh(f.r0)) / rho2
	k := u / f.u1
	v.Center = LonLat(orb.Point{f.a[0] + (f.b[0]-f.a[0])*k, f.a[1] + (f.b[1]-f.a[1])*k})
	v.Zoom = f.From.Zoom + math.Log2(f.w0/w)
	return v
}
