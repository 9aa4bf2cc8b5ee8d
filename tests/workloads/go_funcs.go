// SPDX-License-Identifier: GPL-2.0
// A Go program for return probes on Go (built by the tests with `go build`):
// N calls each of square (one ret), classify (three rets) and grow (which
// recurses through big frames, so the runtime copies the goroutine's stack
// while grow's frames are on it: a uretprobe's return address there kills
// the program with "unexpected return pc"), pair (nine arguments, two
// results) and nap(i), which sleeps 3 ms (its goroutine may wake on another
// thread) and returns i * 2.  Prints "done N SUM" on stderr.
// Only the standard library: builds offline.
package main

import (
	"os"
	"time"
)

//go:noinline
func square(x int) int {
	return x * x
}

//go:noinline
func classify(x int) int {
	if x%3 == 0 {
		return 30
	}
	if x%3 == 1 {
		return 31
	}
	return 32
}

//go:noinline
func grow(depth int) int {
	var pad [512]byte

	pad[depth%512] = byte(depth)
	if depth == 0 {
		return int(pad[0])
	}
	return grow(depth-1) + 1 + int(pad[depth%512]) - int(byte(depth))
}

//go:noinline
func pair(a, b, c, d, e, f, g, h, i int) (int, int) {
	return a + b + c + d + e + f + g + h + i, a * 10
}

//go:noinline
func nap(i int) int {
	time.Sleep(3 * time.Millisecond)
	return i * 2
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func main() {
	n := 5
	if len(os.Args) > 1 {
		n = atoi(os.Args[1])
	}
	sum := 0
	for i := 0; i < n; i++ {
		sum += square(i) + classify(i)
		x, y := pair(i, 1, 2, 3, 4, 5, 6, 7, 8)
		sum += x + y
		done := make(chan int)
		go func() { done <- grow(64) }()
		sum += <-done
		if nap(i) != 2*i {
			sum = -1
		}
	}
	println("done", n, sum)
}
