slow uretprobe:/tmp/qtrace-uprobe-slow/stack:slow_op [1-9][0-9]{3,} us
        handle_request\+[0-9]+
        main\+[0-9]+

slow uretprobe:/tmp/qtrace-uprobe-slow/stack:slow_op [1-9][0-9]{3,} us
        handle_request\+[0-9]+
        main\+[0-9]+

slow uretprobe:/tmp/qtrace-uprobe-slow/stack:slow_op [1-9][0-9]{3,} us
        handle_request\+[0-9]+
        main\+[0-9]+



@entry\[
    slow_op\+0
    handle_request\+[0-9]+
    main\+[0-9]+
\]: 3
