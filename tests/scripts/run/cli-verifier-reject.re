cli-verifier-reject\.qt:5:1: error: the BPF verifier rejected probe 'BEGIN': the call stack of 9 frames is too deep
note: each for and while loop body is a call, and so is the walk of len\(@m\) and for over a map: the kernel allows 8 frames in all
note: run with -v for the whole verifier log
