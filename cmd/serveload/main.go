// Command serveload is the load generator behind scripts/serve-bench.sh
// (not user-facing, like cmd/synth): it waits for a bordernet serve to
// answer, then asks it for random records by their IRIs, as a browser
// (HTML) and as a linked-data client (Turtle) would, following the 303 to
// the document, from several connections at once, and prints requests
// per second and latency percentiles as Markdown table rows.
//
// usage: serveload -url http://127.0.0.1:8080 -release DIR [-n 20000] [-c 8] [-since UNIX_NANOS]
package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "serveload:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("serveload", flag.ContinueOnError)
	base := fs.String("url", "http://127.0.0.1:8080", "the server")
	release := fs.String("release", "", "the release folder the server serves (its bordernet.csv gives the ids)")
	n := fs.Int("n", 20000, "requests per kind")
	c := fs.Int("c", 8, "concurrent connections")
	since := fs.Int64("since", 0, "when the server was started (Unix nanoseconds): prints the time it took to answer")
	sample := fs.Int("ids", 20000, "how many ids to draw the requests from")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *release == "" {
		return errors.New("-release is required")
	}
	client := &http.Client{
		Transport: &http.Transport{MaxIdleConnsPerHost: *c, DisableCompression: true},
		Timeout:   time.Minute,
	}
	ready := waitReady(client, *base)
	if *since > 0 {
		fmt.Fprintf(out, "ready: %.0f ms after start\n", float64(ready.UnixNano()-*since)/1e6)
	}
	ids, total, err := sampleIDs(filepath.Join(*release, "bordernet.csv"), *sample)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%d records, requests drawn from %d of their ids\n", total, len(ids))
	fmt.Fprintln(out, "| kind | requests | connections | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors |")
	fmt.Fprintln(out, "|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, kind := range []struct{ name, accept string }{
		{"HTML (303 + page)", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
		{"Turtle (303 + document)", "text/turtle"},
	} {
		row, err := load(client, *base, kind.accept, ids, *n, *c)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "| %s | %s |\n", kind.name, row)
	}
	return nil
}

// waitReady polls the server until it answers, and returns when it did.
func waitReady(client *http.Client, base string) time.Time {
	for {
		resp, err := client.Get(base + "/SHA256SUMS")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return time.Now()
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// sampleIDs draws up to k ids from the first column of the release's CSV
// (reservoir sampling, fixed seed: the same ids each run).
func sampleIDs(path string, k int) ([]string, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<20))
	r.ReuseRecord = true
	r.FieldsPerRecord = -1
	rng := rand.New(rand.NewPCG(1, 1))
	var ids []string
	seen := 0
	for line := 0; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, 0, fmt.Errorf("%s: %w", path, err)
		}
		if line == 0 {
			continue // the header
		}
		seen++
		id := strings.Clone(rec[0])
		if len(ids) < k {
			ids = append(ids, id)
		} else if j := rng.IntN(seen); j < k {
			ids[j] = id
		}
	}
	if len(ids) == 0 {
		return nil, 0, fmt.Errorf("%s has no records", path)
	}
	return ids, seen, nil
}

// load sends n requests for random ids over c connections and returns the
// table row's cells after the kind.
func load(client *http.Client, base, accept string, ids []string, n, c int) (string, error) {
	var (
		mu        sync.Mutex
		latencies = make([]time.Duration, 0, n)
		errs      int
		firstErr  error
		next      = make(chan string)
		wg        sync.WaitGroup
	)
	for range c {
		wg.Go(func() {
			for id := range next {
				start := time.Now()
				err := get(client, base+"/id/"+id, accept)
				d := time.Since(start)
				mu.Lock()
				if err != nil {
					errs++
					if firstErr == nil {
						firstErr = err
					}
				} else {
					latencies = append(latencies, d)
				}
				mu.Unlock()
			}
		})
	}
	rng := rand.New(rand.NewPCG(2, 2))
	start := time.Now()
	for range n {
		next <- ids[rng.IntN(len(ids))]
	}
	close(next)
	wg.Wait()
	elapsed := time.Since(start)
	if len(latencies) == 0 {
		return "", fmt.Errorf("every request failed: %v", firstErr)
	}
	if firstErr != nil {
		fmt.Fprintln(os.Stderr, "serveload: first error:", firstErr)
	}
	slices.Sort(latencies)
	pct := func(p float64) float64 {
		return float64(latencies[min(len(latencies)-1, int(p*float64(len(latencies))))].Microseconds()) / 1000
	}
	return fmt.Sprintf("%d | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %d",
		n, c, float64(len(latencies))/elapsed.Seconds(), pct(0.50), pct(0.90), pct(0.99), pct(1), errs), nil
}

// get asks for url with accept, following the 303, and reads the answer.
func get(client *http.Client, url, accept string) error {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", accept)
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != 200 || n == 0 {
		return fmt.Errorf("%s: status %d, %d bytes", url, resp.StatusCode, n)
	}
	return nil
}
