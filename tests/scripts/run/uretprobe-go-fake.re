

@addr\[work_add, 11\]: 1
@addr\[work_add, 22\]: 1
@addr\[work_add, 33\]: 1
@ret\[uretprobe:/tmp/[^:]+/wgo:work_mul, work_mul, 3\]: 1
@ret\[uretprobe:/tmp/[^:]+/wgo:work_mul, work_mul, 6\]: 1
@ret\[uretprobe:/tmp/[^:]+/wgo:work_mul, work_mul, 9\]: 1
