// SPDX-License-Identifier: GPL-2.0
/*
 * BPF side of the vmtest selftest: count calls of one kernel function made
 * by tasks whose comm matches, from kprobe, kretprobe, kprobe.multi, fentry
 * or fexit.  The function is chosen at attach time by bpfcount.c.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct cfg {
	char comm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct cfg);
} cfg SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

static __always_inline int hit(void)
{
	__u32 k = 0;
	struct cfg *c = bpf_map_lookup_elem(&cfg, &k);
	__u64 *n = bpf_map_lookup_elem(&counts, &k);
	char comm[16];

	if (!c || !n)
		return 0;
	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < 16; i++) {
		if (comm[i] != c->comm[i])
			return 0;
		if (!comm[i])
			break;
	}
	__sync_fetch_and_add(n, 1);
	return 0;
}

SEC("kprobe")
int on_kprobe(void *ctx) { return hit(); }

SEC("kretprobe")
int on_kretprobe(void *ctx) { return hit(); }

SEC("kprobe.multi")
int on_kprobe_multi(void *ctx) { return hit(); }

SEC("fentry")
int on_fentry(void *ctx) { return hit(); }

SEC("fexit")
int on_fexit(void *ctx) { return hit(); }

char LICENSE[] SEC("license") = "GPL";
