usym: shapes::Square::area\(int\) const
usym: shapes::Square::area\(int\) const


@\[
    shapes::Square::area\(int\) const\+0
    long measure<shapes::Square>\(shapes::Square const&, int\)\+[0-9]+
    main\+[0-9]+
\]: 2
@perf\[
	[0-9a-f]+ shapes::Square::area\(int\) const\+0 \(/tmp/qtrace-stack-cxx/cxx\)
	[0-9a-f]+ long measure<shapes::Square>\(shapes::Square const&, int\)\+[0-9]+ \(/tmp/qtrace-stack-cxx/cxx\)
	[0-9a-f]+ main\+[0-9]+ \(/tmp/qtrace-stack-cxx/cxx\)
\]: 2
@sym\[shapes::Square::area\(int\) const\]: 2
