//go:build unix

package outlock

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestAcquireWaitsThenNamesTheHolder(t *testing.T) {
	dir := t.TempDir()
	first, err := Acquire(context.Background(), dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Acquire(context.Background(), dir, 100*time.Millisecond)
	var busy *BusyError
	if !errors.As(err, &busy) || !errors.Is(err, ErrBusy) || busy.Holder.PID != os.Getpid() || busy.Holder.Started.IsZero() {
		t.Fatalf("second Acquire: %v (%+v), want a BusyError naming this process", err, busy)
	}
	if !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "waited 100ms") {
		t.Errorf("message %q names neither the folder nor the wait", err)
	}

	// A waiting run gets the lock as soon as it is released.
	got := make(chan error, 1)
	go func() {
		l, err := Acquire(context.Background(), dir, 10*time.Second)
		if err == nil {
			err = l.Unlock()
		}
		got <- err
	}()
	time.Sleep(20 * time.Millisecond)
	first.Unlock()
	if err := <-got; err != nil {
		t.Errorf("waiting Acquire: %v", err)
	}

	// A canceled wait ends with the context's error.
	held, _ := Acquire(context.Background(), dir, 0)
	defer held.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Acquire(ctx, dir, time.Minute); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled Acquire: %v", err)
	}
}

func TestHold(t *testing.T) {
	dir := t.TempDir()
	l, err := Hold(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Hold(dir); !errors.Is(err, ErrBusy) {
		t.Errorf("second Hold: %v, want ErrBusy", err)
	}
	l.Unlock()
	l.Unlock() // twice is harmless
	l, err = Hold(dir)
	if err != nil {
		t.Fatalf("Hold once released: %v", err)
	}
	l.Unlock()
}

// TestKilledHolder: a process killed with SIGKILL while it holds a folder
// leaves it provably abandoned, and the output lock free: the kernel drops
// flocks with the process.
func TestKilledHolder(t *testing.T) {
	if os.Getenv("OUTLOCK_HOLD") != "" {
		holdForever(os.Getenv("OUTLOCK_HOLD"))
		return
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledHolder$")
	cmd.Env = append(os.Environ(), "OUTLOCK_HOLD="+dir)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "held\n" {
		cmd.Process.Kill()
		t.Fatalf("helper said %q, %v", line, err)
	}
	if _, err := Hold(dir); !errors.Is(err, ErrBusy) {
		t.Errorf("Hold of a live holder's folder: %v, want ErrBusy", err)
	}
	if _, err := Acquire(context.Background(), dir, 0); !errors.Is(err, ErrBusy) {
		t.Errorf("Acquire while the helper lives: %v", err)
	}
	cmd.Process.Kill() // SIGKILL: no chance to unlock
	cmd.Wait()
	held, err := Hold(dir)
	if err != nil {
		t.Fatalf("after the kill the folder is still held: %v", err)
	}
	held.Unlock()
	l, err := Acquire(context.Background(), dir, time.Second)
	if err != nil {
		t.Fatalf("after the kill: %v", err)
	}
	l.Unlock()
}

func holdForever(dir string) {
	if _, err := Acquire(context.Background(), dir, 0); err != nil {
		os.Exit(3)
	}
	if _, err := Hold(dir); err != nil {
		os.Exit(4)
	}
	os.Stdout.WriteString("held\n")
	select {}
}

// FuzzReadHolder: whatever a lock file holds (anyone can write it), the
// holder read from it is a pid and a time or nothing, never a panic.
func FuzzReadHolder(f *testing.F) {
	f.Add([]byte("pid 42\nstarted 2026-12-03T12:00:00.5Z\n"))
	f.Add([]byte("pid -1\nstarted yesterday\n"))
	f.Add([]byte("pid 99999999999999999999999\n\x00\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := t.TempDir() + "/" + FileName
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		fh, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer fh.Close()
		h := readHolder(fh)
		_ = h.String()
	})
}
