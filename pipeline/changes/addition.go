package changes

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/bordernet/bordernet/pipeline/release"
	"github.com/bordernet/bordernet/schema"
)

// The files a release carries about its changes.
const (
	MarkdownFile = "CHANGES.md"
	JSONFile     = "changes.json"
	UpdateFile   = "changes.ru"   // SPARQL 1.1 Update
	PatchFile    = "changes.rdfp" // RDF Patch
)

// Addition returns the release capability that writes CHANGES.md and
// changes.json into a release, and, when it has a predecessor (prevDir,
// with rep the comparison with it), the graph difference from the
// predecessor's bordernet.nt as changes.ru and changes.rdfp. A first
// release (rep nil) gets CHANGES.md and changes.json saying so, and no
// graph difference: its whole graph is the change, and bordernet.nt has
// it already.
func Addition(rep *Report, prevDir string) release.Addition {
	return release.Addition{Name: "changes", Write: func(ctx context.Context, dir string, rel *schema.Release, _ []schema.FileInfo) ([]string, error) {
		title := "Changes in release " + rel.Version
		if rep == nil {
			err := errorsOf(
				writeFile(dir, MarkdownFile, func(w io.Writer) error { return WriteFirstMarkdown(w, title, rel.RecordSet().Len()) }),
				writeFile(dir, JSONFile, func(w io.Writer) error { return WriteFirstJSON(w, rel.Version, rel.RecordSet().Len()) }),
			)
			return []string{MarkdownFile, JSONFile}, err
		}
		view := View{Published: true, Title: title}
		if err := writeFile(dir, MarkdownFile, func(w io.Writer) error { return rep.WriteMarkdown(w, view) }); err != nil {
			return nil, err
		}
		if err := writeFile(dir, JSONFile, func(w io.Writer) error { return rep.WriteJSON(w, view) }); err != nil {
			return nil, err
		}
		ids := PatchIDs{ID: schema.DownloadURL(&rel.Meta, rel.Version, PatchFile)}
		if _, err := os.Stat(filepath.Join(prevDir, PatchFile)); err == nil {
			ids.Prev = schema.DownloadURL(&rel.Meta, rep.Old, PatchFile)
		}
		comment := fmt.Sprintf("From release %s to release %s: applied to %s's %s, gives this release's.", rep.Old, rel.Version, rep.Old, GraphFile)
		ru, err := os.OpenFile(filepath.Join(dir, UpdateFile), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return nil, err
		}
		defer ru.Close()
		rdfp, err := os.OpenFile(filepath.Join(dir, PatchFile), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return nil, err
		}
		defer rdfp.Close()
		if _, err := WriteGraphDiff(ctx, filepath.Join(prevDir, GraphFile), filepath.Join(dir, GraphFile), ru, rdfp, ids, comment, dir); err != nil {
			return nil, fmt.Errorf("the graph difference from %s: %w", rep.Old, err)
		}
		if err := errorsOf(ru.Close(), rdfp.Close()); err != nil {
			return nil, err
		}
		return []string{MarkdownFile, JSONFile, UpdateFile, PatchFile}, nil
	}}
}

func writeFile(dir, name string, write func(io.Writer) error) error {
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return f.Close()
}

func errorsOf(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
