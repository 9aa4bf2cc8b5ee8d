// SPDX-License-Identifier: GPL-2.0
/*
 * A shared library for the uprobe -p and PATH glob tests, built as
 * libqtupx.so outside the loader's cache: only the process that maps it
 * (uprobe_libuser, through its rpath) tells where it is.
 */
__attribute__((noinline)) long lib_work(long n)
{
	return n + 1;
}
