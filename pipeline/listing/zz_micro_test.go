package listing

import "testing"

var sinkK int

func BenchmarkZZKindOf(b *testing.B) {
	words := []string{"Alpine", "Maritime", "Surveillance", "Forum", "2", "Eastern", "Partnership", "Biometric", "Systems", "Conference", "265"}
	for b.Loop() {
		for _, w := range words {
			if kindOf(w) != "" {
				sinkK++
			}
		}
	}
}
func BenchmarkZZBare(b *testing.B) {
	words := []string{"Alpine", "Maritime", "Surveillance", "Forum", "2", "Eastern", "Partnership", "Biometric", "Systems", "Conference", "265"}
	for b.Loop() {
		for _, w := range words {
			sinkK += len(bare(w))
		}
	}
}
func BenchmarkZZLower(b *testing.B) {
	words := []string{"Alpine", "Maritime", "Surveillance", "Forum", "2", "Eastern", "Partnership", "Biometric", "Systems", "Conference", "265"}
	var buf [wordBuf]byte
	for b.Loop() {
		for _, w := range words {
			sinkK += len(lowerWord(w, buf[:]))
		}
	}
}
