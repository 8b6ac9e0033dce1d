package main

import (
	"errors"
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

// tilesBasemap reads the tiles view v needs from the archive in file, as
// the embed does (tiles.Cache), into a basemap.
func tilesBasemap(file string, v geo.View) (*geo.Basemap, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	r, err := tiles.Open(tiles.Bytes(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	c := tiles.NewCache(r.Header.MinZoom, r.Header.MaxZoom)
	var pieces []*tiles.Piece
	for _, k := range c.Needed(v) {
		b, err := r.Tile(k.Z, k.X, k.Y)
		if errors.Is(err, tiles.ErrNoTile) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		p, err := tiles.DecodePiece(k, b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		pieces = append(pieces, p)
	}
	return geo.NewBasemap([]geo.Level{tiles.Level(pieces)}), nil
}
