package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"mapline/geo"
	"mapline/geo/tiles"
)

func init() {
	register(command{
		name:    "tiles",
		summary: "write the default world basemap as vector tiles in one PMTiles archive (make build puts it in dist/)",
		run:     runTiles,
	})
}

func runTiles(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tiles", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "basemap.pmtiles", "the archive to write")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: mapline tiles [-o FILE]\ncuts the embedded Natural Earth basemap into vector tiles (zooms 0–6, Protomaps basemap v4 schema) in one PMTiles v3 archive (docs/basemap.md)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return 2
	}
	if err := geo.DefaultBasemapErr(); err != nil {
		fmt.Fprintln(stderr, "mapline tiles:", err)
		return 1
	}
	a := tiles.Cut(geo.DefaultBasemap())
	b := tiles.Write(a)
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		fmt.Fprintln(stderr, "mapline tiles:", err)
		return 1
	}
	fmt.Fprintf(stdout, "mapline tiles: %s: %d tiles, zooms 0–%d, %d bytes\n", *out, len(a.Tiles), a.MaxZoom, len(b))
	return 0
}
