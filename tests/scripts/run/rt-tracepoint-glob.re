

@\[tracepoint:raw_syscalls:sys_e(nter|xit)\]: 1
@\[tracepoint:raw_syscalls:sys_e(nter|xit)\]: 1
