

@a: -?[0-9]+
@mx: [0-9]+
@st: count [0-9]+, average -?[0-9]+, total -?[0-9]+
