// Package release assembles a release folder: it runs every format writer
// (in parallel, each into its own file), computes sizes and SHA-256 sums
// while the bytes are written, adds the DCAT-AP catalogue and SHA256SUMS,
// and moves the folder into place atomically, the way restic saves files:
// write to a temporary folder beside the target, fsync, rename.
//
// A failure or an interrupt at any point leaves no partial release folder
// and nothing of an earlier release touched.
package release

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/bordernet/bordernet/internal/regular"
	"github.com/bordernet/bordernet/pipeline/outlock"

	"github.com/bordernet/bordernet/pipeline/export/csv"
	"github.com/bordernet/bordernet/pipeline/export/jsonld"
	"github.com/bordernet/bordernet/pipeline/export/ntriples"
	"github.com/bordernet/bordernet/pipeline/export/shapes"
	"github.com/bordernet/bordernet/pipeline/export/turtle"
	"github.com/bordernet/bordernet/pipeline/export/xlsx"
	"github.com/bordernet/bordernet/schema"
)

// ErrExists means the release folder exists and Options.Force was not set.
var ErrExists = errors.New("release exists")

// ChecksumFile is the name of the checksum list in a release folder.
const ChecksumFile = schema.ChecksumFile

// LatestLink is the name of the symbolic link, beside the release folders,
// to the most recently published release.
const LatestLink = "latest"

// Options say where a release goes.
type Options struct {
	OutDir string // parent of the release folders, e.g. "out"
	Force  bool   // replace an existing release folder of the same version
	// LeaveLatest leaves OutDir/latest as it is (--latest=false).
	LeaveLatest bool
	// Wait is how long to wait for another run that holds the output
	// folder's lock (DefaultWait when zero).
	Wait time.Duration
	// Log, when set, gets one line for what was cleaned up after killed
	// runs.
	Log io.Writer
	// Additions write further files into the release (its site, its
	// changes, its sources, ...), in order, after the data files and
	// before the catalogue and SHA256SUMS, which then cover them too.
	Additions []Addition
}

// An Addition is a capability that adds files of its own to a release.
// It lives in its own package; the release only runs it and checksums
// what it wrote, so the assembler does not grow a branch per capability.
type Addition struct {
	Name string // what it adds, for error messages: "site", "changes", ...
	// Write writes into dir, the release's temporary folder, which already
	// holds the data files (bordernet.nt, ...) and what the additions
	// before it wrote: files, with their sizes and SHA-256 as the
	// assembler measured them while writing (a file need not be read back
	// to be described). It returns the paths it wrote, relative to dir and
	// slash-separated. It must write the same bytes for the same release,
	// and stop when ctx is done.
	Write func(ctx context.Context, dir string, rel *schema.Release, files []schema.FileInfo) ([]string, error)
}

// Result describes a published release.
type Result struct {
	Dir     string            // the release folder
	Files   []schema.FileInfo // every file, by name, SHA256SUMS included
	Records int
	Triples int // triples of the dataset graph (bordernet.nt lines)
}

// fileSpec is one file of a release and how it is written: from the
// release (write), or from the records' graph (graph), which is made once
// for all the files that need it.
type fileSpec struct {
	name  string
	write func(w io.Writer, rel *schema.Release) error
	graph func(w io.Writer, g schema.Graph) error
	// leftOut, when set, says why the file cannot hold rel ("" when it
	// can): the release is published without it, and says so.
	leftOut func(rel *schema.Release) string
}

// dataFiles are the files written from the records, in parallel.
func dataFiles() []fileSpec {
	return []fileSpec{
		{name: schema.TurtleFile, graph: turtle.Write},
		{name: schema.NTriplesFile, graph: ntriples.Write},
		{name: schema.JSONLDFile, graph: jsonld.Write},
		{name: schema.CSVFile, write: csv.Write},
		{name: schema.CSVMetadataFile, write: func(w io.Writer, rel *schema.Release) error {
			return csv.WriteMetadata(w, rel, schema.CSVFile)
		}},
		{name: schema.XLSXFile, write: xlsx.Write, leftOut: func(rel *schema.Release) string {
			// A sheet has 1,048,576 rows: a larger release is published
			// in every other format, and the CSV holds every record.
			if n := rel.RecordSet().Len(); n > xlsx.MaxRecords {
				return fmt.Sprintf("%d records are more than a spreadsheet's sheet holds (%d); %s holds them all", n, xlsx.MaxRecords, schema.CSVFile)
			}
			return ""
		}},
		{name: shapes.FileName, write: func(w io.Writer, rel *schema.Release) error {
			return turtle.Write(w, shapes.Graph(rel))
		}},
	}
}

// withGraph turns the graph writers of specs into writers of rel, all fed
// by one tee of rel's graph. Call the returned wait after the writers
// have returned: its error is that of a triple that cannot be written.
func withGraph(ctx context.Context, rel *schema.Release, specs []fileSpec) ([]fileSpec, func() error) {
	var readers []int
	for i, spec := range specs {
		if spec.graph != nil {
			readers = append(readers, i)
		}
	}
	if len(readers) == 0 {
		return specs, func() error { return nil }
	}
	tee := newGraphTee(ctx, schema.RecordGraph(rel), len(readers))
	out := slices.Clone(specs)
	for k, i := range readers {
		enc := specs[i].graph
		out[i].graph = nil
		out[i].write = func(w io.Writer, _ *schema.Release) error {
			defer tee.leave(k)
			return enc(w, tee.reader(k))
		}
	}
	return out, tee.wait
}

// ValidVersion reports whether v is safe as a folder name: letters, digits,
// '.', '_' and '-', not starting with '.' or '-', at most 64 bytes.
func ValidVersion(v string) bool {
	if v == "" || len(v) > 64 || v[0] == '.' || v[0] == '-' || v == LatestLink {
		return false
	}
	for _, c := range v {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// Publish writes rel into OutDir/rel.Version and points OutDir/latest at it
// when no release in OutDir has a later date.
//
// Runs that share an output folder take its lock (package outlock) for
// their short steps: removing the temporaries of killed runs, claiming a
// temporary folder for the version, and at the end moving the release
// into place and updating latest. The files are written in between,
// without the lock, into the claimed temporary folder, which this run
// keeps locked: a second run of the same version is refused at once
// (the version is being written), and one of another version goes ahead.
func Publish(ctx context.Context, rel *schema.Release, opt Options) (*Result, error) {
	return publish(ctx, rel, opt, dataFiles())
}

// ErrNoRecords is the error for a release with no records.
var ErrNoRecords = errors.New("the release has no records: nothing to publish")

// ErrBusy is wrapped by the error for a version another live run is
// writing into the same output folder.
var ErrBusy = outlock.ErrBusy

// ErrLatestOccupied is wrapped by the error for an OutDir/latest that is
// not bordernet's link to a release folder.
var ErrLatestOccupied = errors.New("is not bordernet's link to a release")

// DefaultWait is how long a run waits for another to release the output
// folder's lock, when Options.Wait is zero.
const DefaultWait = 30 * time.Second

// publish is Publish with the data file writers given, so tests can make
// one fail half-way.
func publish(ctx context.Context, rel *schema.Release, opt Options, specs []fileSpec) (*Result, error) {
	if rel.RecordSet().Len() == 0 {
		return nil, ErrNoRecords
	}
	d, err := Begin(ctx, rel.Version, opt)
	if err != nil {
		return nil, err
	}
	defer d.Abort()
	return d.publish(ctx, rel, specs)
}

// Draft is a release being written: its version claimed in the output
// folder, and the temporary folder it is written into, locked by this run
// (see Publish). A caller that has work to do between claiming the
// version and writing the release (pipeline/source keeps the records of a
// large release in a store on disk, in the draft's Scratch folder) begins
// a Draft, then Publishes or Aborts it.
type Draft struct {
	version   string
	opt       Options
	tmp       string
	hold      *outlock.Lock
	published bool
	ended     bool
	// madeOutDir says the draft made the output folder: aborted, it
	// removes it if nothing else is there.
	madeOutDir bool
}

// Begin claims version in opt.OutDir: it checks what Publish checks
// before writing (a safe version, not published yet unless opt.Force, a
// latest link that is bordernet's) and claims a temporary folder for it.
func Begin(ctx context.Context, version string, opt Options) (*Draft, error) {
	if !ValidVersion(version) {
		return nil, fmt.Errorf("version %q is not a safe folder name", version)
	}
	if opt.Wait == 0 {
		opt.Wait = DefaultWait
	}
	target := filepath.Join(opt.OutDir, version)
	if _, err := os.Lstat(target); err == nil && !opt.Force {
		return nil, fmt.Errorf("%s: %w (use --force to replace it)", target, ErrExists)
	}
	if !opt.LeaveLatest {
		if err := checkLatest(opt.OutDir); err != nil {
			return nil, err
		}
	}
	_, statErr := os.Stat(opt.OutDir)
	made := errors.Is(statErr, fs.ErrNotExist)
	if err := os.MkdirAll(opt.OutDir, 0o755); err != nil {
		return nil, fmt.Errorf("creating the output folder: %w", err)
	}
	tmp, hold, err := claim(ctx, version, opt)
	if err != nil {
		if made {
			removeMadeOutDir(opt.OutDir)
		}
		return nil, err
	}
	return &Draft{version: version, opt: opt, tmp: tmp, hold: hold, madeOutDir: made}, nil
}

// removeMadeOutDir removes an output folder a draft made and published
// nothing into, so that a run that fails (data errors, an interrupt)
// leaves no empty folder behind. It does so under the folder's lock, and
// only when the lock file is all the folder holds: another run that has
// begun meanwhile has its temporary there, and the folder stays.
func removeMadeOutDir(dir string) {
	lock, err := outlock.Acquire(context.Background(), dir, time.Second)
	if err != nil {
		return
	}
	defer lock.Unlock()
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 1 || entries[0].Name() != outlock.FileName {
		return
	}
	if os.Remove(filepath.Join(dir, outlock.FileName)) == nil {
		os.Remove(dir)
	}
}

// scratchDir is the folder of a draft's Scratch files, inside its
// temporary folder so that a run killed half-way leaves nothing the next
// run's clean-up does not remove with the temporary.
const scratchDir = ".scratch"

// Scratch returns a folder for the caller's working files while the
// release is written (created on the first call). It is in the draft's
// temporary folder and is removed, whatever is in it, before the release
// is published; nothing in it is published.
func (d *Draft) Scratch() (string, error) {
	dir := filepath.Join(d.tmp, scratchDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("creating a scratch folder: %w", err)
	}
	return dir, nil
}

// Abort ends a draft that was not published: its temporary folder is
// removed and its lock let go. After Publish it only lets go of the lock;
// calling it again does nothing.
func (d *Draft) Abort() {
	if d.ended {
		return
	}
	d.ended = true
	if !d.published {
		os.RemoveAll(d.tmp)
	}
	d.hold.Unlock()
	if !d.published && d.madeOutDir {
		removeMadeOutDir(d.opt.OutDir)
	}
}

// Publish writes rel (whose Version is the draft's) into the draft and
// moves it into place, as the package's Publish does, and ends the draft.
// The additions run after those of the Options the draft began with:
// what they write may depend on what was learnt since (the changes since
// the previous release).
func (d *Draft) Publish(ctx context.Context, rel *schema.Release, additions ...Addition) (*Result, error) {
	defer d.Abort()
	d.opt.Additions = append(slices.Clip(d.opt.Additions), additions...)
	return d.publish(ctx, rel, dataFiles())
}

func (d *Draft) publish(ctx context.Context, rel *schema.Release, specs []fileSpec) (*Result, error) {
	if d.ended {
		return nil, errors.New("the release draft has ended")
	}
	if rel.Version != d.version {
		return nil, fmt.Errorf("release %s written into the draft of %s", rel.Version, d.version)
	}
	if rel.RecordSet().Len() == 0 {
		return nil, ErrNoRecords
	}
	opt, tmp := d.opt, d.tmp
	target := filepath.Join(opt.OutDir, rel.Version)
	res, err := writeAll(ctx, tmp, rel, specs, opt.Additions, opt.Log)
	if err != nil {
		return nil, err
	}
	// Every file that reads the records is written: if any of them met
	// a record it could not read, the files are short of it.
	if err := recordsError(rel); err != nil {
		return nil, err
	}
	// The scratch files (a store the records were read from) are not part
	// of the release.
	if err := os.RemoveAll(filepath.Join(tmp, scratchDir)); err != nil {
		return nil, fmt.Errorf("removing the scratch folder: %w", err)
	}
	// MkdirTemp makes the folder private (0700); a release is public.
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, fmt.Errorf("preparing the release folder: %w", err)
	}
	if err := syncDir(tmp); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	lock, err := outlock.Acquire(ctx, opt.OutDir, opt.Wait)
	if err != nil {
		return nil, err
	}
	defer lock.Unlock()
	// Another run may have published the version, or put something in
	// latest's place, while this one wrote.
	if _, err := os.Lstat(target); err == nil && !opt.Force {
		return nil, fmt.Errorf("%s: %w: another run published it while this one wrote it (use --force to replace it)", target, ErrExists)
	}
	if !opt.LeaveLatest {
		if err := checkLatest(opt.OutDir); err != nil {
			return nil, err
		}
	}
	if err := moveIntoPlace(tmp, target); err != nil {
		return nil, err
	}
	d.published = true
	res.Dir = target
	// From here the release is published: a failure to point latest at it
	// is reported with the result, never as a failed release.
	if !opt.LeaveLatest {
		if err := updateLatest(opt.OutDir, rel.Version, rel.Date); err != nil {
			return res, &LatestError{Err: err}
		}
	}
	if err := syncDir(opt.OutDir); err != nil {
		return res, &LatestError{Err: err}
	}
	return res, nil
}

// LatestError is the error for a release that was published but whose
// latest link could not be updated: the release itself is complete.
type LatestError struct{ Err error }

func (e *LatestError) Error() string {
	return fmt.Sprintf("the release is published, but %v", e.Err)
}

func (e *LatestError) Unwrap() error { return e.Err }

// The names of temporaries in an output folder: a release being written,
// an earlier release moved aside while --force replaces it, and a new
// latest link about to be renamed over the old. Each holds the pid of the
// run that made it, for people; whether that run is alive is known from
// the folder's lock, never from the pid.
const (
	tmpPrefix    = ".tmp-"
	asidePrefix  = ".old-"
	latestPrefix = ".latest-"
)

// claim takes the output folder's lock for a moment to remove what killed
// runs left behind and to claim a temporary folder for version, which it
// returns locked. It refuses a version that another live run is writing.
func claim(ctx context.Context, version string, opt Options) (string, *outlock.Lock, error) {
	lock, err := outlock.Acquire(ctx, opt.OutDir, opt.Wait)
	if err != nil {
		return "", nil, err
	}
	defer lock.Unlock()
	writers, err := removeAbandoned(opt.OutDir, opt.Log)
	if err != nil {
		return "", nil, err
	}
	if w, ok := writers[version]; ok {
		return "", nil, fmt.Errorf("%s: version %s is being written by another run (%s): %w", filepath.Join(opt.OutDir, version), version, w, ErrBusy)
	}
	// The same check as before the writing, now under the lock.
	if _, err := os.Lstat(filepath.Join(opt.OutDir, version)); err == nil && !opt.Force {
		return "", nil, fmt.Errorf("%s: %w (use --force to replace it)", filepath.Join(opt.OutDir, version), ErrExists)
	}
	tmp, err := os.MkdirTemp(opt.OutDir, fmt.Sprintf("%s%d-*-%s", tmpPrefix, os.Getpid(), version))
	if err != nil {
		return "", nil, fmt.Errorf("creating a temporary folder in %s: %w", opt.OutDir, err)
	}
	hold, err := outlock.Hold(tmp)
	if err != nil {
		os.RemoveAll(tmp)
		return "", nil, err
	}
	return tmp, hold, nil
}

// parseTemp splits a temporary's name (after its prefix) into the pid of
// its maker and the version it is for.
func parseTemp(rest string) (pid, version string, ok bool) {
	pid, rest, ok1 := strings.Cut(rest, "-")
	_, version, ok2 := strings.Cut(rest, "-")
	return pid, version, ok1 && ok2 && ValidVersion(version)
}

// removeAbandoned removes the temporaries of runs that have ended (killed,
// or crashed) from outDir, and returns the versions live runs are writing,
// with who writes each. It runs under the output folder's lock, so no run
// can be making a temporary meanwhile. An earlier release that a killed
// --force run had moved aside is put back when its version is missing.
// It says in one line on log what it removed.
func removeAbandoned(outDir string, log io.Writer) (map[string]string, error) {
	entries, err := os.ReadDir(outDir)
	if err != nil {
		return nil, fmt.Errorf("reading the output folder: %w", err)
	}
	writers := map[string]string{}
	var removed []string
	var restored []string
	for _, e := range entries {
		name := e.Name()
		path := filepath.Join(outDir, name)
		switch {
		case strings.HasPrefix(name, tmpPrefix):
			pid, version, ok := parseTemp(strings.TrimPrefix(name, tmpPrefix))
			if !ok || !e.IsDir() || !outlock.FoldersLock {
				continue // not one of ours, or not provably abandoned: leave it
			}
			hold, err := outlock.Hold(path)
			if errors.Is(err, ErrBusy) {
				writers[version] = "process " + pid
				continue
			}
			if err != nil {
				return nil, err
			}
			err = os.RemoveAll(path)
			hold.Unlock()
			if err != nil {
				return nil, fmt.Errorf("removing the abandoned temporary folder %s: %w", path, err)
			}
			removed = append(removed, name)
		case strings.HasPrefix(name, asidePrefix):
			// Moved aside under the lock and put back or removed before
			// the lock was released: one seen under the lock is abandoned.
			_, version, ok := parseTemp(strings.TrimPrefix(name, asidePrefix))
			if !ok || !e.IsDir() {
				continue
			}
			target := filepath.Join(outDir, version)
			if _, err := os.Lstat(target); errors.Is(err, fs.ErrNotExist) {
				if err := os.Rename(path, target); err != nil {
					return nil, fmt.Errorf("restoring the release %s that a killed run had moved aside: %w", target, err)
				}
				restored = append(restored, version)
				continue
			}
			if err := os.RemoveAll(path); err != nil {
				return nil, fmt.Errorf("removing the abandoned folder %s: %w", path, err)
			}
			removed = append(removed, name)
		case strings.HasPrefix(name, latestPrefix):
			if e.Type()&fs.ModeSymlink == 0 {
				continue
			}
			if err := os.Remove(path); err != nil {
				return nil, fmt.Errorf("removing the abandoned link %s: %w", path, err)
			}
			removed = append(removed, name)
		}
	}
	if log != nil && len(removed) > 0 {
		fmt.Fprintf(log, "removed what killed or crashed runs left in %s: %s\n", outDir, strings.Join(removed, ", "))
	}
	if log != nil && len(restored) > 0 {
		fmt.Fprintf(log, "restored the release %s that a killed run had moved aside in %s\n", strings.Join(restored, ", "), outDir)
	}
	return writers, nil
}

// checkLatest refuses an OutDir/latest that is not a symbolic link to a
// release folder's name: a folder or a file of someone else's, which
// pointing latest would replace.
func checkLatest(outDir string) error {
	link := filepath.Join(outDir, LatestLink)
	info, err := os.Lstat(link)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", link, err)
	}
	if info.Mode()&fs.ModeSymlink == 0 {
		return fmt.Errorf("%s %w: it is %s that bordernet did not make; move it away (or use --latest=false)", link, ErrLatestOccupied, regular.Kind(info.Mode()))
	}
	target, err := os.Readlink(link)
	if err != nil {
		return fmt.Errorf("%s: %w", link, err)
	}
	if !ValidVersion(target) {
		return fmt.Errorf("%s %w: it points at %q, not at a release folder beside it; move it away (or use --latest=false)", link, ErrLatestOccupied, target)
	}
	return nil
}

// writeAll writes every file of the release into dir.
func writeAll(ctx context.Context, dir string, rel *schema.Release, specs []fileSpec, additions []Addition, log io.Writer) (*Result, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	specs = slices.DeleteFunc(slices.Clone(specs), func(spec fileSpec) bool {
		if spec.leftOut == nil {
			return false
		}
		why := spec.leftOut(rel)
		if why != "" && log != nil {
			fmt.Fprintf(log, "bordernet: warning: %s is left out of the release: %s\n", spec.name, why)
		}
		return why != ""
	})
	infos := make([]schema.FileInfo, len(specs))
	lines := make([]int, len(specs))
	errs := make([]error, len(specs))
	specs, waitGraph := withGraph(ctx, rel, specs)
	var wg sync.WaitGroup
	for i, spec := range specs {
		wg.Go(func() {
			infos[i], lines[i], errs[i] = writeFile(ctx, dir, spec, rel)
			if errs[i] != nil {
				cancel() // stop the other writers early
			}
		})
	}
	wg.Wait()
	if err := waitGraph(); err != nil {
		return nil, fmt.Errorf("writing the records' graph: %w", err)
	}
	if err := recordsError(rel); err != nil {
		return nil, err // before the writers' errors, which it may have caused
	}
	if err := firstError(ctx, errs); err != nil {
		return nil, err
	}
	res := &Result{Records: rel.RecordSet().Len()}
	for i, spec := range specs {
		if spec.name == schema.NTriplesFile {
			res.Triples = lines[i]
		}
	}

	for i := range infos {
		describe(&infos[i])
	}
	added, err := writeAdditions(ctx, dir, rel, additions, infos)
	if err != nil {
		return nil, err
	}
	infos = append(infos, added...)
	catalog := schema.CatalogGraph(rel, infos)
	for _, spec := range []fileSpec{
		{name: schema.CatalogTurtleFile, write: func(w io.Writer, _ *schema.Release) error { return turtle.Write(w, catalog) }},
		{name: schema.CatalogJSONLDFile, write: func(w io.Writer, _ *schema.Release) error { return jsonld.Write(w, catalog) }},
	} {
		info, _, err := writeFile(ctx, dir, spec, rel)
		if err != nil {
			return nil, err
		}
		describe(&info)
		infos = append(infos, info)
	}

	slices.SortFunc(infos, func(a, b schema.FileInfo) int { return strings.Compare(a.Name, b.Name) })
	var sums strings.Builder
	for _, f := range infos {
		fmt.Fprintf(&sums, "%s  %s\n", f.SHA256, f.Name)
	}
	sumsInfo, _, err := writeFile(ctx, dir, fileSpec{name: ChecksumFile, write: func(w io.Writer, _ *schema.Release) error {
		_, err := io.WriteString(w, sums.String())
		return err
	}}, rel)
	if err != nil {
		return nil, err
	}
	describe(&sumsInfo)
	res.Files = append(infos, sumsInfo)
	slices.SortFunc(res.Files, func(a, b schema.FileInfo) int { return strings.Compare(a.Name, b.Name) })
	return res, nil
}

// recordsError returns the error of the records' reader, if it failed:
// a store on disk that could not be read (its error names the file).
// A writer that met it stopped early or wrote without the records it
// could not read, so nothing may be published.
func recordsError(rel *schema.Release) error {
	if err := rel.RecordSet().Err(); err != nil {
		return fmt.Errorf("reading the records: %w; nothing was published", err)
	}
	return nil
}

// writeAdditions runs each addition in turn and measures the files it
// wrote (size and SHA-256, read back from disk).
func writeAdditions(ctx context.Context, dir string, rel *schema.Release, additions []Addition, written []schema.FileInfo) ([]schema.FileInfo, error) {
	var infos []schema.FileInfo
	seen := map[string]string{}
	for _, a := range additions {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		files := append(slices.Clip(written), infos...)
		names, err := a.Write(ctx, dir, rel, files)
		if err != nil {
			return nil, fmt.Errorf("writing the release's %s: %w", a.Name, err)
		}
		for _, name := range names {
			if !filepath.IsLocal(filepath.FromSlash(name)) {
				return nil, fmt.Errorf("writing the release's %s: %q is not a path inside the release", a.Name, name)
			}
			if by, dup := seen[name]; dup {
				return nil, fmt.Errorf("writing the release's %s: %s was written by %s already", a.Name, name, by)
			}
			seen[name] = a.Name
			info, err := measure(dir, name)
			if err != nil {
				return nil, fmt.Errorf("writing the release's %s: %w", a.Name, err)
			}
			describe(&info)
			infos = append(infos, info)
		}
	}
	// The additions wrote with plain writes; their files must be on disk
	// before the folder is renamed into place, as the data files are.
	// A site holds tens of thousands of small files: one sync of them all,
	// not an fsync each (1.9 ms a file).
	if len(infos) > 0 {
		if err := syncAdded(dir, infos); err != nil {
			return nil, err
		}
	}
	return infos, nil
}

// measure returns the size and SHA-256 of the file name in dir.
func measure(dir, name string) (schema.FileInfo, error) {
	f, err := os.Open(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		return schema.FileInfo{}, err
	}
	defer f.Close()
	sum := sha256.New()
	n, err := io.Copy(sum, f)
	if err != nil {
		return schema.FileInfo{}, fmt.Errorf("reading %s back: %w", name, err)
	}
	return schema.FileInfo{Name: name, Size: n, SHA256: hex.EncodeToString(sum.Sum(nil))}, nil
}

// firstError prefers a writer's own error over the cancellations it caused.
func firstError(ctx context.Context, errs []error) error {
	var canceled error
	for _, err := range errs {
		switch {
		case err == nil:
		case errors.Is(err, context.Canceled):
			canceled = err
		default:
			return err
		}
	}
	if canceled != nil {
		return canceled
	}
	return nil
}

// writeFile writes one file with spec.write, returning its size, SHA-256
// and number of newlines, all counted as the bytes go out.
func writeFile(ctx context.Context, dir string, spec fileSpec, rel *schema.Release) (schema.FileInfo, int, error) {
	path := filepath.Join(dir, spec.name)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return schema.FileInfo{}, 0, fmt.Errorf("writing %s: %w", spec.name, err)
	}
	defer f.Close()
	tw := &tallyWriter{ctx: ctx, w: newFileWriter(f), sum: sha256.New()}
	buf := bufio.NewWriterSize(tw, 256<<10)
	if err := spec.write(buf, rel); err != nil {
		return schema.FileInfo{}, 0, fmt.Errorf("writing %s: %w", spec.name, err)
	}
	if err := buf.Flush(); err != nil {
		return schema.FileInfo{}, 0, fmt.Errorf("writing %s: %w", spec.name, err)
	}
	if err := f.Sync(); err != nil {
		return schema.FileInfo{}, 0, fmt.Errorf("writing %s: %w", spec.name, err)
	}
	if err := f.Close(); err != nil {
		return schema.FileInfo{}, 0, fmt.Errorf("writing %s: %w", spec.name, err)
	}
	return schema.FileInfo{Name: spec.name, Size: tw.n, SHA256: hex.EncodeToString(tw.sum.Sum(nil))}, tw.lines, nil
}

// tallyWriter counts, hashes and forwards bytes, and stops the writer
// feeding it once ctx is done.
type tallyWriter struct {
	ctx   context.Context
	w     io.Writer
	sum   hash.Hash
	n     int64
	lines int
}

func (t *tallyWriter) Write(p []byte) (int, error) {
	if err := t.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := t.w.Write(p)
	t.sum.Write(p[:n])
	t.n += int64(n)
	t.lines += bytes.Count(p[:n], []byte{'\n'})
	return n, err
}

// moveIntoPlace renames the finished folder tmp to target. An existing
// target (only with --force) is first moved aside, and restored if the
// rename fails, so there is always a complete release at target.
func moveIntoPlace(tmp, target string) error {
	if _, err := os.Lstat(target); err == nil {
		old := filepath.Join(filepath.Dir(tmp), asidePrefix+strings.TrimPrefix(filepath.Base(tmp), tmpPrefix))
		if err := os.Rename(target, old); err != nil {
			return fmt.Errorf("moving the earlier release aside: %w", err)
		}
		if err := os.Rename(tmp, target); err != nil {
			if rerr := os.Rename(old, target); rerr != nil {
				return fmt.Errorf("publishing %s: %w (and restoring the earlier release failed: %v; it is in %s)", target, err, rerr, old)
			}
			return fmt.Errorf("publishing %s: %w", target, err)
		}
		return os.RemoveAll(old)
	}
	if err := os.Rename(tmp, target); err != nil {
		return fmt.Errorf("publishing %s: %w", target, err)
	}
	return nil
}

// updateLatest points outDir/latest at version, dated date, unless latest
// points at a release with a later date: latest never moves back to a
// back-dated release. Of releases with the same date the one written last
// wins. When latest is missing, or points at version itself (replaced with
// --force, perhaps with another date), the release with the latest date
// in outDir is chosen. It runs under the output folder's lock.
func updateLatest(outDir, version, date string) error {
	best, bestDate := version, date
	current, err := os.Readlink(filepath.Join(outDir, LatestLink))
	if err == nil && current != version {
		if d, err := Date(filepath.Join(outDir, current)); err == nil && d > bestDate {
			best, bestDate = current, d
		}
	} else {
		entries, err := os.ReadDir(outDir)
		if err != nil {
			return fmt.Errorf("reading the output folder: %w", err)
		}
		for _, e := range entries {
			name := e.Name()
			if !e.IsDir() || name == version || !ValidVersion(name) {
				continue
			}
			if d, err := Date(filepath.Join(outDir, name)); err == nil && d > bestDate {
				best, bestDate = name, d
			}
		}
	}
	if best == current {
		return nil
	}
	return pointLatest(outDir, best)
}

// pointLatest makes outDir/latest a relative symbolic link to version,
// replacing the old link atomically by renaming a new link, of a name no
// other run uses, over it.
func pointLatest(outDir, version string) error {
	link := filepath.Join(outDir, LatestLink)
	for attempt := 0; ; attempt++ {
		tmp := filepath.Join(outDir, fmt.Sprintf("%s%d-%d-%s", latestPrefix, os.Getpid(), attempt, version))
		err := os.Symlink(version, tmp)
		if errors.Is(err, fs.ErrExist) && attempt < 100 {
			continue
		}
		if err != nil {
			return fmt.Errorf("pointing %s at %s: %w", link, version, err)
		}
		if err := os.Rename(tmp, link); err != nil {
			os.Remove(tmp)
			return fmt.Errorf("pointing %s at %s: %w", link, version, err)
		}
		return nil
	}
}

// syncDir flushes a folder's entries to disk, so a rename survives a crash.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	return nil
}

// describe fills in what a file is (title, media type, EU file type) from
// the catalogue's table of release files.
func describe(f *schema.FileInfo) {
	if k, ok := schema.FileKindOf(f.Name); ok {
		*f = k.FileInfo(f.Size, f.SHA256)
	}
}
