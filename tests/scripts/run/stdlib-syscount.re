Counting syscalls\.\.\. Hit Ctrl-C to end\.
Top 10 syscalls:
*@syscall\[tracepoint:syscalls:sys_enter_openat\]: [0-9]+
Top 10 processes:
@process\[ls\]: [0-9]+
