

@\[
    perf_syscall_enter\+[0-9]+
    syscall_trace_enter\+[0-9]+
    do_syscall_64\+[0-9]+
    entry_SYSCALL_64[A-Za-z_0-9]*\+[0-9]+
\]: [0-9]+
