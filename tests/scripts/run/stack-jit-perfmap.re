

@\[
    leaf\+0
    LazyCompiled:jitted_hot_fn\+16
    main\+[0-9]+
\]: 1
@p\[
	[0-9a-f]+ leaf\+0 \(/tmp/qtrace-stack-jit/w\)
	[0-9a-f]+ LazyCompiled:jitted_hot_fn\+16 \(/tmp/perf-[0-9]+\.map\)
\]: 1
