Tracing /tmp/[^ ]+/uprobe_slow:\*_op slower than 2000 us\.\.\. Hit Ctrl-C to end\.
TIME +PID +TID +COMM +LAT\(us\) +RETVAL +FUNC
[0-9:]{8} [0-9]+ +[0-9]+ +uprobe_slow +([2-9][0-9]{3}|[1-9][0-9]{4,5}) +1 +slow_op
 +handle_request\+[0-9]+
 +main\+[0-9]+
 +[^ ]+
[0-9:]{8} [0-9]+ +[0-9]+ +uprobe_slow +([2-9][0-9]{3}|[1-9][0-9]{4,5}) +2 +slow_op
 +handle_request\+[0-9]+
 +main\+[0-9]+
 +[^ ]+
[0-9:]{8} [0-9]+ +[0-9]+ +uprobe_slow +([2-9][0-9]{3}|[1-9][0-9]{4,5}) +3 +slow_op
 +handle_request\+[0-9]+
 +main\+[0-9]+
 +[^ ]+
