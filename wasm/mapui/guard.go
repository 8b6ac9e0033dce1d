package mapui

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

// lastResort is where a panic goes when its report panics too: the console
// (stderr in the wasm).
var lastResort io.Writer = os.Stderr

// A Panic is a panic caught at the JavaScript boundary: where (a listener,
// an idle task), its message and the goroutine's stack at the panic.
type Panic struct {
	Where   string // "the wheel listener"
	Message string
	Stack   string
}

func (p Panic) Error() string { return "mapline: " + p.Where + " failed: " + p.Message }

// Guard runs fn, named where, and hands a panic of fn to report instead of
// letting it cross into JavaScript (which would stop the whole map) or
// swallowing it (which would freeze a control with no trace). Every DOM
// listener and idle callback of the map runs through it; report logs the
// panic to the console and shows the error on the page (page_js.go).
func Guard(where string, fn func(), report func(Panic)) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		p := Panic{Where: where, Message: fmt.Sprint(r), Stack: string(debug.Stack())}
		defer func() {
			// The report failed too: the console (stderr in the wasm) is all
			// that is left.
			if r2 := recover(); r2 != nil {
				fmt.Fprintf(lastResort, "%v\n%s\nand reporting it failed: %v\n", p, p.Stack, r2)
			}
		}()
		report(p)
	}()
	fn()
}
