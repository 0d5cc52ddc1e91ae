package verify

import (
	"archive/zip"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/bordernet/bordernet/internal/regular"
	"github.com/bordernet/bordernet/pipeline/export/turtle"
)

// maxOpenXLSX is the largest workbook that is also opened with excelize
// (which reads the shared parts into memory); a larger one has its zip
// structure and every part's CRC checked only, in constant memory.
const maxOpenXLSX = 64 << 20

// formatName names the format a file is checked as, by its name.
func formatName(name string) string {
	switch ext := strings.ToLower(path.Ext(name)); {
	case ext == ".nt":
		return "N-Triples"
	case ext == ".ttl":
		return "Turtle"
	case ext == ".jsonld":
		return "JSON-LD"
	case strings.HasSuffix(name, "-metadata.json"):
		return "CSV on the Web metadata"
	case ext == ".json":
		return "JSON"
	case ext == ".csv":
		return "CSV"
	case ext == ".xlsx":
		return "XLSX"
	}
	return "a file"
}

// checkFormat reads r (the file at p, named name in the release) as its
// format, if it is one verify knows. A file of another kind (text, HTML,
// ...) is checked by its checksum alone.
func checkFormat(name string, r io.Reader, p string, csvw map[string][]string) error {
	switch ext := strings.ToLower(path.Ext(name)); {
	case ext == ".nt":
		return checkNTriples(r)
	case ext == ".ttl":
		return turtle.Check(r)
	case ext == ".jsonld":
		return checkJSONLD(r)
	case ext == ".json":
		return checkJSON(r)
	case ext == ".csv":
		cols, ok := csvw[name]
		return checkCSV(r, cols, ok)
	case ext == ".xlsx":
		// A zip is read from its end: hash the bytes first, then open.
		if _, err := io.Copy(io.Discard, r); err != nil {
			return err
		}
		return checkXLSX(p)
	}
	return nil
}

// csvwColumns is what the CSV check needs of a CSVW metadata file.
type csvwColumns struct {
	url    string
	titles []string // of the non-virtual columns, in order
}

// readCSVWColumns reads a CSV on the Web metadata file's table URL and
// column titles.
func readCSVWColumns(p string) (csvwColumns, error) {
	f, err := regular.Open(p)
	if err != nil {
		return csvwColumns{}, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 16<<20))
	if err != nil {
		return csvwColumns{}, err
	}
	var doc struct {
		URL         string `json:"url"`
		TableSchema struct {
			Columns []struct {
				Name    string          `json:"name"`
				Titles  json.RawMessage `json:"titles"`
				Virtual bool            `json:"virtual"`
			} `json:"columns"`
		} `json:"tableSchema"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return csvwColumns{}, err
	}
	if doc.URL == "" || strings.Contains(doc.URL, "/") {
		return csvwColumns{}, errors.New("the metadata names no CSV file beside it")
	}
	cols := csvwColumns{url: doc.URL}
	for _, c := range doc.TableSchema.Columns {
		if c.Virtual {
			continue
		}
		title := c.Name
		var one string
		var many []string
		if json.Unmarshal(c.Titles, &one) == nil && one != "" {
			title = one
		} else if json.Unmarshal(c.Titles, &many) == nil && len(many) > 0 {
			title = many[0]
		}
		cols.titles = append(cols.titles, title)
	}
	return cols, nil
}

// checkCSV reads r as RFC 4180 CSV with every row as wide as the header,
// and the header equal to the CSVW metadata's column titles.
func checkCSV(r io.Reader, titles []string, described bool) error {
	cr := csv.NewReader(bufferedReader(r))
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("header: %w", err)
	}
	if !described {
		return errors.New("no CSV on the Web metadata in the release describes it")
	}
	if !slices.Equal(header, titles) {
		return fmt.Errorf("the header %q is not the CSVW metadata's columns %q", header, titles)
	}
	for {
		_, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return &lineError{Line: pe.StartLine, Err: pe.Err}
			}
			return err
		}
	}
}

// checkXLSX opens the workbook at p: a zip whose every part decompresses
// with its CRC, with a workbook part; one of a sane size is also opened
// with excelize and must have a sheet.
func checkXLSX(p string) error {
	zr, err := zip.OpenReader(p)
	if err != nil {
		return err
	}
	defer zr.Close()
	hasWorkbook := false
	for _, f := range zr.File {
		hasWorkbook = hasWorkbook || f.Name == "xl/workbook.xml"
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		_, err = io.Copy(io.Discard, rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	if !hasWorkbook {
		return errors.New("a zip without xl/workbook.xml is not a workbook")
	}
	if info, err := os.Stat(p); err == nil && info.Size() <= maxOpenXLSX {
		wb, err := excelize.OpenFile(p)
		if err != nil {
			return err
		}
		defer wb.Close()
		if len(wb.GetSheetList()) == 0 {
			return errors.New("the workbook has no sheet")
		}
	}
	return nil
}
