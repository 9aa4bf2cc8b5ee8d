cli-verifier-reject\.qt:4:1: error: the BPF verifier rejected probe 'BEGIN': the call stack of 9 frames is too deep
note: for and while loops nest at most 7 deep: each is a call, and the kernel allows 8 frames
note: run with -v for the whole verifier log
