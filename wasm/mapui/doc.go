// Package mapui is the map's interaction, apart from the browser: the state
// between frames (State: the view, the current event, the player, the
// camera, the animations), the reader's gestures (Input: mouse drag, wheel,
// touch, keys, buttons), the timeline's controls (Timeline), the host page's
// commands (Command), when the URL hash is written (Hash), which site's card
// shows (Popup), and the labels' sizes (Labels, with the measuring injected)
// and divs (LabelDivs). Package main (wasm/) reads the DOM into plain values,
// calls in here, and writes the results back; nothing here imports
// syscall/js or ebiten (TestPurity), so all of it is tested on the host.
package mapui
