Tracing /tmp/[^ ]+/go_funcs:main\.\[ns\]\* slower than 2000 us\.\.\. Hit Ctrl-C to end\.
TIME +PID +TID +COMM +LAT\(us\) +RETVAL +FUNC
[0-9:]{8} [0-9]+ +[0-9]+ +go_funcs +[0-9]{4,} +0 +main\.nap
[0-9:]{8} [0-9]+ +[0-9]+ +go_funcs +[0-9]{4,} +2 +main\.nap
[0-9:]{8} [0-9]+ +[0-9]+ +go_funcs +[0-9]{4,} +4 +main\.nap
done 3 431
