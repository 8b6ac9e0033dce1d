package site

import (
	"strconv"
	"strings"
	"testing"
)

// A panic in a listener is reported, never swallowed: the console has the
// message and the stack, the page says the map failed (data-mapline="error"
// and the note), and the rest of the map keeps working. The panic is a real
// one: the canvas's getBoundingClientRect throws, as a hostile or broken
// page could make it, and the wheel listener calls it.
func TestListenerPanicIsReported(t *testing.T) {
	ctx := tab(t, 800, 650, 1)
	open(t, ctx, "/embed.html", "ready")
	text(t, ctx, `(() => {
		window.consoleErrors = [];
		const log = console.error;
		console.error = (...a) => { window.consoleErrors.push(a.join(" ")); log.apply(console, a); };
		const c = document.querySelector("canvas");
		c.getBoundingClientRect = () => { throw new Error("getBoundingClientRect is broken"); };
		c.dispatchEvent(new WheelEvent("wheel", {deltaY: -100, ctrlKey: true, clientX: 200, clientY: 200, bubbles: true, cancelable: true}));
		return "";
	})()`)
	waitText(t, ctx, `document.documentElement.dataset.mapline`, "error")
	note := text(t, ctx, `document.getElementById("map-note").innerText`)
	if !strings.Contains(note, "the wheel listener failed") || !strings.Contains(note, "getBoundingClientRect is broken") {
		t.Errorf("the note over the map says %q, want the wheel listener's failure and its message", note)
	}
	logged := text(t, ctx, `window.consoleErrors.join("\n----\n")`)
	if !strings.Contains(logged, "mapline: the wheel listener failed: ") || !strings.Contains(logged, "goroutine") {
		t.Errorf("the console has %q, want the failure with its stack", logged)
	}
	// The other controls still work: the next button moves the timeline.
	before := text(t, ctx, `document.documentElement.dataset.event`)
	text(t, ctx, `(() => { document.getElementById("next").click(); return ""; })()`)
	waitText(t, ctx, `document.documentElement.dataset.event === `+strconv.Quote(before)+` ? "same" : "moved"`, "moved")
}
