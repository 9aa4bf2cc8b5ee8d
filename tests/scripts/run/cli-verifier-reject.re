cli-verifier-reject\.qt:3:1: error: the BPF verifier rejected probe 'BEGIN': infinite loop detected at insn [0-9]+
note: the verifier cannot bound this loop: loop on a \$variable with a constant limit \(while \(\$i < 100\)\), or use unroll\(n\)
note: run with -v for the whole verifier log
