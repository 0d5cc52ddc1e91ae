package release

// writebackWindow is how many bytes of a release file may wait in the page
// cache before the kernel is asked to write them out. A release is
// gigabytes at a million records; left to itself the kernel lets dirty
// pages pile up to its dirty limit and then throttles the writers, which
// on this project's 2-core machine cost 8–13 s of system time for 9 GB
// (against 3.4 s written window by window): see docs/performance.md.
const writebackWindow = 32 << 20
