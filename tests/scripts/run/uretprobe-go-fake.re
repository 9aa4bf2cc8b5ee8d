

@ret\[uretprobe:/tmp/[^:]+/wgo:work_mul, work_mul, 3\]: 1
@ret\[uretprobe:/tmp/[^:]+/wgo:work_mul, work_mul, 6\]: 1
@ret\[uretprobe:/tmp/[^:]+/wgo:work_mul, work_mul, 9\]: 1
