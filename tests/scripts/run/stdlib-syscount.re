Counting syscalls\.\.\. Hit Ctrl-C to end\.
Top 10 syscalls:
@syscall\[tracepoint:syscalls:sys_enter_[a-z0-9_]+\]: [0-9]+
@syscall\[tracepoint:syscalls:sys_enter_[a-z0-9_]+\]: [0-9]+
@syscall\[tracepoint:syscalls:sys_enter_[a-z0-9_]+\]: [0-9]+
@syscall\[tracepoint:syscalls:sys_enter_[a-z0-9_]+\]: [0-9]+
@syscall\[tracepoint:syscalls:sys_enter_[a-z0-9_]+\]: [0-9]+
@syscall\[tracepoint:syscalls:sys_enter_[a-z0-9_]+\]: [0-9]+
@syscall\[tracepoint:syscalls:sys_enter_[a-z0-9_]+\]: [0-9]+
@syscall\[tracepoint:syscalls:sys_enter_[a-z0-9_]+\]: [0-9]+
@syscall\[tracepoint:syscalls:sys_enter_[a-z0-9_]+\]: [0-9]+
@syscall\[tracepoint:syscalls:sys_enter_[a-z0-9_]+\]: [0-9]+
Top 10 processes:
+@process\[.+\]: [0-9]+
