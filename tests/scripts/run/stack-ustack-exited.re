

@\[
    getppid\+[0-9]+
    spin_outer\+[0-9]+
    main\+[0-9]+
    (0x[0-9a-f]+|__libc_start_call_main\+[0-9]+)
\]: [0-9]+
