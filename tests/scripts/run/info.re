System
  kernel: Linux [^ ]+ (x86_64|aarch64)
  qtrace: v[0-9.]+, libbpf [0-9]+\.[0-9]+, LLVM [0-9]+\.[0-9]+\.[0-9]+
  btf: yes
  tracefs: /sys/kernel(/debug)?/tracing

Probe types
  tracepoint: yes
  rawtracepoint: yes
  rawtracepoint with BTF \(tp_btf\): yes
  kprobe: no \(CONFIG_KPROBES is off\)
  kprobe.multi: no \(CONFIG_KPROBES is off\)
  fentry/fexit: refused \(Operation not permitted\)
  uprobe: yes
  uprobe_multi: yes
  usdt semaphores: yes
  software: yes
  hardware: no \(no PMU: no hardware performance counters\)
  watchpoint: yes
  iter: yes
