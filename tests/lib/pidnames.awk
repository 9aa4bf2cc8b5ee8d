# Replace the numbers in the given columns (cols="2 3") by names in order of
# first appearance (P1, P2, ...), and column 1 by T when it is a time, so a
# tool's output with pids and parent pids compares exactly while the
# relations between them (this pid is that one's parent) are kept.
BEGIN { n = split(cols, c, " ") }
{
	if ($1 ~ /^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]$/)
		$1 = "T"
	for (i = 1; i <= n; i++)
		if ($c[i] ~ /^[0-9]+$/) {
			if (!($c[i] in name))
				name[$c[i]] = "P" (++seen)
			$c[i] = name[$c[i]]
		}
	print
}
