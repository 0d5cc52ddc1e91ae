//go:build !unix

package regular

import "os"

// openNonBlocking checks the type before opening where no non-blocking
// open exists; Open checks again on the opened file.
func openNonBlocking(path string) (*os.File, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := Check(info); err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return os.Open(path)
}

func blocking(*os.File) error { return nil }
