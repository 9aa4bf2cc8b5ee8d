perf:
	ffffffff[0-9a-f]{8} [A-Za-z_0-9.]+\+[0-9]+
	ffffffff[0-9a-f]{8} [A-Za-z_0-9.]+\+[0-9]+
\|bpftrace:
        [A-Za-z_0-9.]+\+[0-9]+
\|


@b\[
    [A-Za-z_0-9.]+\+[0-9]+
    [A-Za-z_0-9.]+\+[0-9]+
    do_syscall_64\+[0-9]+
\]: [1-9][0-9]*

@p\[
	ffffffff[0-9a-f]{8} [A-Za-z_0-9.]+\+[0-9]+
	ffffffff[0-9a-f]{8} [A-Za-z_0-9.]+\+[0-9]+
	ffffffff[0-9a-f]{8} do_syscall_64\+[0-9]+
	ffffffff[0-9a-f]{8} entry_SYSCALL_64[A-Za-z_0-9]*\+[0-9]+
\]: [1-9][0-9]*
