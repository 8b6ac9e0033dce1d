package main

import (
	"syscall/js"
	"time"

	"mapline/geo"
)

// intl is a formatter on the browser's Intl: Intl.DateTimeFormat (in UTC,
// where the story's dates are) and Intl.NumberFormat of one locale, its
// calendar and digits the locale's own ("fa-u-ca-persian": the Solar Hijri
// calendar and Persian digits).
type intl struct {
	dates   [geo.Minute + 1]js.Value // by precision
	num     js.Value
	lengths map[[2]string]js.Value // unit, "short" or "long"
	locale  string
}

// browserFormatter returns the Intl formatter of locale, or nil when the
// browser's Intl does not know the language (it would fall back to English).
func browserFormatter(locale string) formatter {
	it := js.Global().Get("Intl")
	if !it.Truthy() {
		return nil
	}
	dtf := it.Get("DateTimeFormat")
	if dtf.Call("supportedLocalesOf", locale).Length() == 0 {
		return nil
	}
	opts := func(kv ...string) js.Value {
		o := js.Global().Get("Object").New()
		o.Set("timeZone", "UTC")
		for i := 0; i+1 < len(kv); i += 2 {
			o.Set(kv[i], kv[i+1])
		}
		return o
	}
	f := &intl{locale: locale, lengths: map[[2]string]js.Value{}}
	f.dates[geo.Year] = dtf.New(locale, opts("year", "numeric"))
	f.dates[geo.Month] = dtf.New(locale, opts("year", "numeric", "month", "long"))
	f.dates[geo.Day] = dtf.New(locale, opts("year", "numeric", "month", "long", "day", "numeric"))
	f.dates[geo.Minute] = dtf.New(locale, opts("year", "numeric", "month", "long", "day", "numeric",
		"hour", "2-digit", "minute", "2-digit", "hourCycle", "h23", "timeZoneName", "short"))
	f.num = it.Get("NumberFormat").New(locale)
	return f
}

func (f *intl) date(t time.Time, p geo.Precision) string {
	if p < geo.Year || p > geo.Minute {
		p = geo.Day
	}
	d := js.Global().Get("Date").New(float64(t.UnixMilli()))
	return f.dates[p].Call("format", d).String()
}

func (f *intl) dayRange(a, b time.Time) string {
	day := f.dates[geo.Day]
	if !day.Get("formatRange").Truthy() {
		return ""
	}
	date := js.Global().Get("Date")
	return day.Call("formatRange", date.New(float64(a.UnixMilli())), date.New(float64(b.UnixMilli()))).String()
}

func (f *intl) number(x float64) string { return f.num.Call("format", x).String() }

func (f *intl) length(x float64, unit string, long bool) string {
	display := "short"
	if long {
		display = "long"
	}
	k := [2]string{unit, display}
	nf, ok := f.lengths[k]
	if !ok {
		o := js.Global().Get("Object").New()
		o.Set("style", "unit")
		o.Set("unit", unit)
		o.Set("unitDisplay", display)
		nf = js.Global().Get("Intl").Get("NumberFormat").New(f.locale, o)
		f.lengths[k] = nf
	}
	return nf.Call("format", x).String()
}
