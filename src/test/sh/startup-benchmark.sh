#!/usr/bin/env bash
# Start-up figures of docs/benchmarks.md, through ./scriptorium as a user runs it (jar built, caches trained):
#   serve: on an existing data folder (N_SERVE runs), launch to "listening" (the first HTTP answer of any status to
#          GET /, the page: the server binds its port before its store is open) and launch to "ready" (the first
#          200 of GET /health: every route served), and the server's CPU time (user + sys, all its threads) at each;
#   chat:  a client's whole run minus the server's own processing_time_ms, against a running server (N_CHAT runs).
# Prints each sample, then median and max. Usage: src/test/sh/startup-benchmark.sh [N_SERVE] [N_CHAT]
set -euo pipefail
cd "$(dirname "$0")/../../.."
n_serve="${1:-5}" n_chat="${2:-10}"
data="$(mktemp -d)" port="${BENCH_PORT:-18555}"
export SCRIPTORIUM_DATA="$data" PORT="$port" HOST=127.0.0.1 LOG_LEVEL=warn
now() { echo $(( ${EPOCHREALTIME/./} * 1000 )); }   # nanoseconds, without a process
stats() { sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
  printf "median %d ms, max %d ms (%d runs)\n", m, v[NR], NR }'; }

./scriptorium --version >/dev/null   # builds and trains first if needed: not part of any sample
# The launcher execs the JVM: same process. utime and stime, in clock ticks.
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%d\n", ($14 + $15) * 1000 / hz }' "/proc/$1/stat"; }
# The server is polled with bash's own /dev/tcp, without a process per try: a curl every 5 ms took a fifth of a
# second of CPU from the two cores the server starts on. STATUS: the status line of GET $1, empty if refused.
probe() {
  STATUS=""
  { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 0
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\n\r\n' "$1" "$port" >&3
  read -r STATUS <&3 || true
  exec 3<&-
}
mkfifo "$data/nap"; exec 4<>"$data/nap"   # read -t on a pipe nobody writes: a 5 ms nap without a process
until_answer() { until probe "$1"; [[ $STATUS == HTTP/*" $2"* ]]; do read -r -t 0.005 -u 4 _ || true; done; }
serve_once() {
  local start; start="$(now)"
  ./scriptorium serve >/dev/null 2>&1 &
  local pid=$!
  until_answer / ""   # any status: the port answers
  echo $(( ($(now) - start) / 1000000 )) >>"$data/listening.txt"
  cpu_of "$pid" >>"$data/listening-cpu.txt"
  until_answer /health 200
  echo $(( ($(now) - start) / 1000000 ))
  cpu_of "$pid" >>"$data/serve-cpu.txt"
  LAST_SERVER=$pid
}
stop() { kill "$1"; wait "$1" 2>/dev/null || true; }

serve_once >/dev/null; stop "$LAST_SERVER"   # creates the database: the samples start on an existing folder
for f in serve serve-cpu listening listening-cpu; do : >"$data/$f.txt"; done
for _ in $(seq "$n_serve"); do serve_once >>"$data/serve.txt"; stop "$LAST_SERVER"; done
echo "serve, launch to listening (first answer to GET /): $(tr '\n' ' ' <"$data/listening.txt")"; stats <"$data/listening.txt"
echo "serve, its CPU (user + sys) by then: $(tr '\n' ' ' <"$data/listening-cpu.txt")"; stats <"$data/listening-cpu.txt"
echo "serve, launch to ready (GET /health 200): $(tr '\n' ' ' <"$data/serve.txt")"; stats <"$data/serve.txt"
echo "serve, its CPU (user + sys) by then: $(tr '\n' ' ' <"$data/serve-cpu.txt")"; stats <"$data/serve-cpu.txt"

serve_once >/dev/null
./scriptorium chat --url "http://127.0.0.1:$port" "Plume, reformule : échauffement." >/dev/null
: >"$data/chat.txt"
for i in $(seq "$n_chat"); do
  start="$(now)"
  out="$(/usr/bin/time -o "$data/cpu" -f "%U %S" ./scriptorium chat --url "http://127.0.0.1:$port" "Plume, reformule : mesure $i du client.")"
  total=$(( ($(now) - start) / 1000000 ))
  server="$(sed -n 's/^— [a-z]* · \([0-9]*\) ms.*/\1/p' <<<"$out")"
  echo $(( total - server )) >>"$data/chat.txt"
  awk '{ printf "%d\n", ($1 + $2) * 1000 }' "$data/cpu" >>"$data/chat-cpu.txt"
  echo "chat run $i: total $total ms, server $server ms, client CPU $(tail -n 1 "$data/chat-cpu.txt") ms" >&2
done
stop "$LAST_SERVER"
echo "chat, total minus server time: $(tr '\n' ' ' <"$data/chat.txt")"; stats <"$data/chat.txt"
echo "chat, client CPU (user + sys): $(tr '\n' ' ' <"$data/chat-cpu.txt")"; stats <"$data/chat-cpu.txt"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
rm -rf "$data"
