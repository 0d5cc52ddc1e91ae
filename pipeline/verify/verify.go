// Package verify checks a published release folder as a consumer who
// downloaded it would: every file listed in SHA256SUMS present with that
// checksum, no file that SHA256SUMS does not list, the catalogue's byte
// sizes and checksums equal to the files', and each file readable by its
// format (the RDF parses, the CSV matches its CSV on the Web metadata,
// the XLSX opens). It finds a single flipped byte or a truncated file
// anywhere in the release, including files in subfolders.
//
// The entry point is Release. Each file is read once, by one worker,
// hashed and parsed in the same pass, in memory that does not grow with
// the records.
package verify

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/bordernet/bordernet/internal/regular"
	"github.com/bordernet/bordernet/pipeline/export/turtle"
	"github.com/bordernet/bordernet/schema"
)

// ChecksumFile is the checksum list of a release (release.ChecksumFile;
// named here so that verify does not depend on the writer).
const ChecksumFile = schema.ChecksumFile

// ErrNotRelease means the folder holds no SHA256SUMS: nothing to check
// against.
var ErrNotRelease = errors.New("not a release folder: it has no " + ChecksumFile)

// A Problem is one thing wrong with a release, in one of its files.
type Problem struct {
	File    string `json:"file"`           // slash-separated, relative to the release folder
	Line    int    `json:"line,omitempty"` // 1-based, when the problem is at a line
	Code    string `json:"code"`           // stable name: "checksum-mismatch", "file-missing", ...
	Message string `json:"message"`
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Message)
}

// Report is the outcome of checking a release.
type Report struct {
	Dir      string    `json:"dir"`
	Intact   bool      `json:"intact"` // no problem found; set by Release
	Files    int       `json:"files"`  // files checked, SHA256SUMS included
	Bytes    int64     `json:"bytes"`  // their total size
	Problems []Problem `json:"problems"`
}

// OK reports whether the release has no problem.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// fileResult is what reading one file found.
type fileResult struct {
	name     string
	size     int64
	sha256   string
	problems []Problem
}

// Release checks the release in dir. The error is for a folder that
// cannot be checked at all (missing, unreadable, no SHA256SUMS); what is
// wrong with the release itself is in the Report.
func Release(ctx context.Context, dir string) (*Report, error) {
	shown := dir
	// out/latest is a symbolic link: check the folder it points at.
	dir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, fmt.Errorf("release %s: %w", shown, err)
	}
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("release %s: %w", dir, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("release %s: not a folder", dir)
	}
	sums, err := regular.Open(filepath.Join(dir, ChecksumFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", shown, ErrNotRelease)
	}
	if err != nil {
		return nil, fmt.Errorf("release %s: %w", shown, err)
	}
	sumsData, err := io.ReadAll(sums)
	sums.Close()
	if err != nil {
		return nil, fmt.Errorf("release %s: %w", shown, err)
	}
	rep := &Report{Dir: shown, Files: 1, Bytes: int64(len(sumsData))}
	listed, order, problems := parseSums(sumsData)
	rep.Problems = append(rep.Problems, problems...)

	present, err := walk(dir)
	if err != nil {
		return nil, err
	}
	for _, name := range present {
		if _, ok := listed[name]; !ok && name != ChecksumFile {
			rep.Problems = append(rep.Problems, Problem{File: name, Code: "file-not-listed",
				Message: "not listed in " + ChecksumFile + ": a file the publisher did not checksum (added after the release?)"})
		}
	}
	var todo []string
	for _, name := range order {
		if !slices.Contains(present, name) {
			rep.Problems = append(rep.Problems, Problem{File: name, Code: "file-missing",
				Message: "listed in " + ChecksumFile + " but missing from the release"})
			continue
		}
		todo = append(todo, name)
	}

	// The CSVW metadata first: the CSV is checked against it.
	var csvw map[string][]string // CSV file name → its column titles
	for _, name := range todo {
		if strings.HasSuffix(name, "-metadata.json") {
			if cols, err := readCSVWColumns(filepath.Join(dir, filepath.FromSlash(name))); err == nil {
				if csvw == nil {
					csvw = map[string][]string{}
				}
				csvw[path.Join(path.Dir(name), cols.url)] = cols.titles
			}
		}
	}

	results := checkFiles(ctx, dir, todo, csvw)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	measured := map[string]fileResult{}
	for _, res := range results {
		measured[res.name] = res
		rep.Files++
		rep.Bytes += res.size
		rep.Problems = append(rep.Problems, res.problems...)
		if want := listed[res.name]; res.sha256 != "" && res.sha256 != want {
			rep.Problems = append(rep.Problems, Problem{File: res.name, Code: "checksum-mismatch",
				Message: fmt.Sprintf("checksum mismatch: %s says %s, the file's is %s (%d bytes): the file was changed or damaged", ChecksumFile, want, res.sha256, res.size)})
		}
	}
	rep.Problems = append(rep.Problems, checkCatalog(dir, order, measured)...)
	slices.SortStableFunc(rep.Problems, func(a, b Problem) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
	rep.Intact = len(rep.Problems) == 0
	return rep, nil
}

// parseSums reads SHA256SUMS ("HASH  NAME" lines, as sha256sum writes
// them) into name → lower-case hash, with the names in file order.
func parseSums(data []byte) (map[string]string, []string, []Problem) {
	listed := map[string]string{}
	var order []string
	var problems []Problem
	bad := func(line int, format string, args ...any) {
		problems = append(problems, Problem{File: ChecksumFile, Line: line, Code: "checksums-unreadable", Message: fmt.Sprintf(format, args...)})
	}
	lines := strings.Split(string(data), "\n")
	if len(data) > 0 && data[len(data)-1] != '\n' {
		bad(len(lines), "the last line has no end of line: the file is cut short")
	}
	for i, line := range lines {
		n := i + 1
		if line == "" {
			continue
		}
		// "HASH  NAME" (text mode) or "HASH *NAME" (binary mode).
		sum, rest, ok := strings.Cut(line, " ")
		name := ""
		if strings.HasPrefix(rest, " ") || strings.HasPrefix(rest, "*") {
			name = rest[1:]
		}
		if !ok || len(sum) != 64 || !isHexString(sum) || name == "" {
			bad(n, "not a checksum line (64 hex digits, two spaces, a file name): %q", line)
			continue
		}
		if !filepath.IsLocal(filepath.FromSlash(name)) || strings.Contains(name, "\\") {
			bad(n, "%q is not a path inside the release", name)
			continue
		}
		if _, dup := listed[name]; dup {
			bad(n, "%s is listed twice", name)
			continue
		}
		listed[name] = strings.ToLower(sum)
		order = append(order, name)
	}
	return listed, order, problems
}

func isHexString(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isHex(s[i]) {
			return false
		}
	}
	return true
}

// walk lists every file under dir, slash-separated and relative to it.
// Symbolic links and other non-regular files are listed too, so that they
// are reported as not listed rather than followed.
func walk(dir string) ([]string, error) {
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("reading the release %s: %w", dir, err)
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		names = append(names, filepath.ToSlash(rel))
		return nil
	})
	slices.Sort(names)
	return names, err
}

// checkFiles hashes and parses the files, the largest first, on one
// worker per CPU.
func checkFiles(ctx context.Context, dir string, names []string, csvw map[string][]string) []fileResult {
	type job struct {
		i    int
		name string
		size int64
	}
	jobs := make([]job, len(names))
	for i, name := range names {
		jobs[i] = job{i: i, name: name}
		if info, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(name))); err == nil {
			jobs[i].size = info.Size()
		}
	}
	slices.SortStableFunc(jobs, func(a, b job) int {
		switch {
		case a.size > b.size:
			return -1
		case a.size < b.size:
			return 1
		}
		return 0
	})
	results := make([]fileResult, len(names))
	queue := make(chan job)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(jobs))) {
		wg.Go(func() {
			for j := range queue {
				results[j.i] = checkFile(ctx, dir, j.name, csvw)
			}
		})
	}
	for _, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		queue <- j
	}
	close(queue)
	wg.Wait()
	return results
}

// checkFile reads one file once: the bytes go through SHA-256 and, for a
// format it knows, through that format's reader.
func checkFile(ctx context.Context, dir, name string, csvw map[string][]string) fileResult {
	res := fileResult{name: name}
	p := filepath.Join(dir, filepath.FromSlash(name))
	info, err := os.Lstat(p)
	if err != nil {
		res.problems = append(res.problems, Problem{File: name, Code: "file-unreadable", Message: err.Error()})
		return res
	}
	if !info.Mode().IsRegular() {
		res.problems = append(res.problems, Problem{File: name, Code: "file-not-regular", Message: "not a regular file (" + info.Mode().Type().String() + ")"})
		return res
	}
	f, err := regular.Open(p)
	if err != nil {
		res.problems = append(res.problems, Problem{File: name, Code: "file-unreadable", Message: err.Error()})
		return res
	}
	defer f.Close()
	sum := sha256.New()
	counted := &countingReader{r: &ctxReader{ctx: ctx, r: f}}
	tee := io.TeeReader(counted, sum)
	if err := checkFormat(name, tee, p, csvw); err != nil && ctx.Err() == nil {
		pr := Problem{File: name, Code: "format-invalid", Message: "not readable as " + formatName(name) + ": " + err.Error()}
		var le *lineError
		var se *turtle.SyntaxError
		switch {
		case errors.As(err, &le):
			pr.Line, pr.Message = le.Line, "not readable as "+formatName(name)+": "+le.Err.Error()
		case errors.As(err, &se):
			pr.Line, pr.Message = se.Line, "not readable as "+formatName(name)+": "+se.Err.Error()
		}
		res.problems = append(res.problems, pr)
	}
	// Whatever the format reader left unread still counts.
	if _, err := io.Copy(io.Discard, tee); err != nil {
		if ctx.Err() == nil {
			res.problems = append(res.problems, Problem{File: name, Code: "file-unreadable", Message: err.Error()})
		}
		return res
	}
	res.size = counted.n
	res.sha256 = hex.EncodeToString(sum.Sum(nil))
	return res
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// ctxReader stops a long read once ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// bufferedReader gives format readers large reads.
func bufferedReader(r io.Reader) *bufio.Reader { return bufio.NewReaderSize(r, 1<<20) }

// knownDistribution reports whether the catalogue must list name as a
// distribution: the files whose kind says so (the data files, the copies
// of the sources). A file of no known kind is a distribution only when
// the release described it (schema's isDistribution), which the folder
// does not say: the catalogue's entry for it, if any, is still checked.
func knownDistribution(name string) bool {
	kind, known := schema.FileKindOf(name)
	return known && kind.Distribution
}
