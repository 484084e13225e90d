#!/usr/bin/env bash
# Benchmarks the service against two peers answering the same JSON, on 127.0.0.1 only: a bare Reactor Netty
# server (bench/RawServer.java, same reactor-netty version, the floor) and a Go net/http server
# (bench/goserver, the best public take on this service is written that way). The JVMs get the flags the
# container gets; the service runs on the Java runtime the image links (image.jlink.args). Prints the start to the first 200 (without and with the JDK 25 AOT cache the image trains;
# Spring AOT in both), req/s, p50, p99, server CPU per request (from /proc: steadier than req/s, since wrk
# shares the cores) and RSS after load, with the service's ratio to each peer.
#
# Needs wrk and Go (apt-get install wrk golang-go; the Go peer builds offline, standard library only) and
# JDK 25 (JAVA25_HOME). Takes about four minutes; stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP="${WARMUP:-40s}"     # the JIT needs that long on two cores (25 s left C2 unfinished)
DURATION="${DURATION:-10s}"
LOAD=(-t2 -c64)
SERVICE_PORT=18080
RAW_PORT=18081
GO_PORT=18082
WORK=target/bench
source bench/lib.sh

build_servers
# The service runs on the image's linked runtime; the peers on the JDK.
link_image_runtime "$WORK/runtime"
SERVICE_JAVA="$WORK/runtime/bin/java"

echo "Training the AOT cache (as the buildpack does at image build time)..."
rm -f "$WORK/app.aot"
"$SERVICE_JAVA" "${JVM_OPTS[@]}" -XX:AOTCacheOutput="$WORK/app.aot" -Dspring.context.exit=onRefresh \
  -jar "$APP_JAR" --server.port=0 >"$WORK/training.log" 2>&1

start_service() { start $SERVICE_PORT "$WORK/service.log" "$SERVICE_JAVA" "${JVM_OPTS[@]}" "$@" -jar "$APP_JAR" --server.port=$SERVICE_PORT; service_pid=$server_pid; }

# Warms up, then measures: prints "req/s p50_ms p99_ms cpu_us_per_request rss_mib".
measure() {
  local port=$1 pid=$2 ticks_before ticks_after out requests
  wrk "${LOAD[@]}" -d"$WARMUP" "http://127.0.0.1:$port/" >/dev/null
  ticks_before=$(cpu_ticks "$pid")
  out=$(wrk "${LOAD[@]}" -d"$DURATION" --latency "http://127.0.0.1:$port/")
  ticks_after=$(cpu_ticks "$pid")
  requests=$(awk '/requests in/ { print $1 }' <<<"$out")
  to_ms() { awk '{ v = $1; if (v ~ /us$/) v = v / 1000; else if (v ~ /ms$/) v = v + 0; else if (v ~ /s$/) v = v * 1000; printf "%.2f", v }'; }
  printf '%s %s %s %s %s\n' \
    "$(awk '/Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")" \
    "$(awk '/ 50%/ { print $2 }' <<<"$out" | to_ms)" \
    "$(awk '/ 99%/ { print $2 }' <<<"$out" | to_ms)" \
    "$(awk -v t=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')" \
    "$(rss_mib "$pid")"
}

echo "Startup..."
start_service
startup_plain=$startup_ms
stop "$service_pid"
start_service -XX:AOTCache="$WORK/app.aot"
startup_aot=$startup_ms

echo "Service under load (warm-up $WARMUP, then $DURATION)..."
read -r svc_rps svc_p50 svc_p99 svc_cpu svc_rss < <(measure $SERVICE_PORT "$service_pid")
stop "$service_pid"

echo "Raw Reactor Netty: startup, then under load..."
start $RAW_PORT "$WORK/raw.log" "$JAVA" "${JVM_OPTS[@]}" -cp "$WORK/raw:$(cat "$WORK/classpath.txt")" RawServer $RAW_PORT
raw_pid=$server_pid
startup_raw=$startup_ms
read -r raw_rps raw_p50 raw_p99 raw_cpu raw_rss < <(measure $RAW_PORT "$raw_pid")
stop "$raw_pid"

echo "Go net/http: startup, then under load..."
start $GO_PORT "$WORK/go.log" "$WORK/goserver" $GO_PORT
go_pid=$server_pid
startup_go=$startup_ms
read -r go_rps go_p50 go_p99 go_cpu go_rss < <(measure $GO_PORT "$go_pid")
stop "$go_pid"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
row() { printf '%-34s %10s %10s %10s %10s %10s\n' "$1" "$2" "$3" "$4" "$(ratio "$2" "$3")" "$(ratio "$2" "$4")"; }
echo
printf '%-34s %10s %10s %10s %10s %10s\n' "" "service" "raw netty" "go" "/raw" "/go"
row "first 200, no AOT cache (ms)" "$startup_plain" "$startup_raw" "$startup_go"
row "first 200, image's AOT cache (ms)" "$startup_aot" "$startup_raw" "$startup_go"
row "requests/s" "$svc_rps" "$raw_rps" "$go_rps"
row "latency p50 (ms)" "$svc_p50" "$raw_p50" "$go_p50"
row "latency p99 (ms)" "$svc_p99" "$raw_p99" "$go_p99"
row "server CPU per request (us)" "$svc_cpu" "$raw_cpu" "$go_cpu"
row "RSS after load (MiB)" "$svc_rss" "$raw_rss" "$go_rss"
echo "JVM: $("$JAVA" -version 2>&1 | head -1); options: ${JVM_OPTS[*]}; $(go version); load: wrk ${LOAD[*]} -d$DURATION"
