package xlsx

// LoadRelease lets the external tests (package xlsx_test, which may
// import the curator workbook reader) use the fixture.
var LoadRelease = loadRelease

// SynthRelease lets the external benchmarks use the synthetic release.
var SynthRelease = synthRelease
