Tracing syscalls slower than 200 ms\.\.\. Hit Ctrl-C to end\.
PID +TID +COMM +SYSCALL +LAT\(us\)
[0-9]+ +[0-9]+ +sleep +tracepoint:syscalls:sys_exit_clock_nanosleep +3[0-9]{5}
