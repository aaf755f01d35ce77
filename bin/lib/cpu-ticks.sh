# Sourced by bin/load-health and bin/bench-stack: CPU time from /proc, in clock ticks (getconf CLK_TCK per second).
# cpu_ticks PID: one process (0 once it is gone); postgres_ticks: every PostgreSQL process; machine_ticks: all cores.
# Processes come and go while cat reads them (a psql started every 0.2 s by load-health's consumption timer): cat then
# fails, and under pipefail and -e that ended a whole run silently. A process that vanished is skipped.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
postgres_ticks() { { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk '$2 == "(postgres)" {sum += $14 + $15} END {print sum + 0}'; }
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
