// Command serve serves the built mapline site (dist/) on localhost.
//
//	go run ./cmd/serve -dir dist        # PORT overrides the default 8080
package main

import (
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"mapline/site"
)

func main() {
	dir := flag.String("dir", "dist", "the built site to serve")
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	addr := flag.String("addr", "localhost:"+port, "address to listen on")
	flag.Parse()
	if _, err := os.Stat(*dir + "/embed.html"); err != nil {
		log.Fatalf("serve: %s has no embed.html: run make build first", *dir)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("serve: %v", err)
	}
	log.Printf("serving %s at http://%s/", *dir, ln.Addr())
	srv := &http.Server{Handler: site.Handler(*dir), ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.Serve(ln))
}
