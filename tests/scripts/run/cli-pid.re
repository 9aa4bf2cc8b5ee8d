

@ticks: [0-9]+
