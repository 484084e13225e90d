// The Go peer of bench/run.sh: the same contract from the standard library's net/http, built the way the
// best public Go take on this service is (a mux, a json.Encoder per request, named timeouts). Benchmark
// only: never part of the build or the image. Usage: goserver PORT
package main

import (
	"encoding/json"
	"log"
	"net"
	"net/http"
	"os"
	"time"
)

const (
	readHeaderTimeout = 10 * time.Second // as the service's http.header-timeout
	idleTimeout       = 75 * time.Second // as the service's server.netty.idle-timeout
)

type timeResponse struct {
	Timestamp string `json:"timestamp"`
	IP        string `json:"ip"`
}

func routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/", handleTime)
	return mux
}

func handleTime(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/" {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(timeResponse{Timestamp: time.Now().UTC().Format(time.RFC3339Nano), IP: visitorIP(r)})
}

// On loopback there is no proxy: the peer is the visitor.
func visitorIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func main() {
	server := &http.Server{
		Addr:              "127.0.0.1:" + os.Args[1],
		Handler:           routes(),
		ReadHeaderTimeout: readHeaderTimeout,
		IdleTimeout:       idleTimeout,
	}
	log.Fatal(server.ListenAndServe())
}
