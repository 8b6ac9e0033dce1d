package main

import (
	"slices"
	"testing"
	"time"
)

func TestFrameNeeds(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	step, hash := t0.Add(2*time.Second), t0.Add(time.Second)
	for _, tc := range []struct {
		name string
		n    frameNeeds
		now  bool
		at   []time.Time
	}{
		{name: "idle: no frame", n: frameNeeds{hashDue: hash, step: step}},
		{name: "the scene changes", n: frameNeeds{changing: true, playing: true, step: step}, now: true},
		{name: "drawn, not announced", n: frameNeeds{unannounced: true}, now: true},
		{name: "the player's next step", n: frameNeeds{playing: true, step: step}, at: []time.Time{step}},
		{name: "a hash to write", n: frameNeeds{hash: true, hashDue: hash}, at: []time.Time{hash}},
		{name: "playing with a hash", n: frameNeeds{playing: true, step: step, hash: true, hashDue: hash}, at: []time.Time{step, hash}},
		{name: "the hash waits for the motion to end", n: frameNeeds{hash: true, hashDue: hash, moving: true}},
		{name: "the hash is queued already", n: frameNeeds{hash: true, hashDue: hash, hashQueued: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			now, at := tc.n.next(nil)
			if now != tc.now || !slices.Equal(at, tc.at) {
				t.Errorf("next = %v, %v; want %v, %v", now, at, tc.now, tc.at)
			}
		})
	}
}
