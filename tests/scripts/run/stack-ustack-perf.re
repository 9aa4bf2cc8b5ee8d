libc:
	[0-9a-f]+ [A-Za-z_0-9.]+\+[0-9]+ \(/[^ ]*/libc\.so\.6\)
\|
go:
	[0-9a-f]+ main\.\(\*Server\)\.Slow\+0 \(/tmp/qtrace-stack-uperf/w\)
	[0-9a-f]+ main\+[0-9]+ \(/tmp/qtrace-stack-uperf/w\)
\|


@\[
	[0-9a-f]+ fast_op\+0 \(/tmp/qtrace-stack-uperf/w\)
	[0-9a-f]+ handle_request\+[0-9]+ \(/tmp/qtrace-stack-uperf/w\)
	[0-9a-f]+ main\+[0-9]+ \(/tmp/qtrace-stack-uperf/w\)
	[0-9a-f]+ (__libc_start_call_main\+[0-9]+ \(/[^ ]*/libc\.so\.6\)|0x[0-9a-f]+ \(/[^ ]*/libc\.so\.6\))
\]: 2
