#!/usr/bin/env bash
# Benchmarks the service against two peers answering the same JSON, on 127.0.0.1 only: a bare Reactor Netty
# server (bench/RawServer.java, same reactor-netty version, the floor) and a Go net/http server
# (bench/goserver, the best public take on this service is written that way). The JVMs get the flags the
# container gets. Prints the start to the first 200 (without and with the JDK 25 AOT cache the image trains;
# Spring AOT in both), req/s, p50, p99, server CPU per request (from /proc: steadier than req/s, since wrk
# shares the cores) and RSS after load, with the service's ratio to each peer.
#
# Needs wrk and Go (apt-get install wrk golang-go; the Go peer builds offline, standard library only) and
# JDK 25 (JAVA25_HOME). Takes about four minutes; stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
WARMUP="${WARMUP:-40s}"     # the JIT needs that long on two cores (25 s left C2 unfinished)
DURATION="${DURATION:-10s}"
LOAD=(-t2 -c64)
# The JVM flags the container gets: the image's settings (jvm.options in webapp/pom.xml), plus what Paketo's
# JRE layer adds at launch: the memory calculator's direct memory limit (it keeps the explicit -Xmx, -Xss,
# code cache and metaspace sizes) and the processor count. Netty on JDK 25 counts its buffers against it.
read -r -a JVM_OPTS <<<"$(./mvnw -q -B -ntp -pl webapp help:evaluate -Dexpression=jvm.options -DforceStdout)"
JVM_OPTS+=(-XX:MaxDirectMemorySize=10M -XX:ActiveProcessorCount="$(nproc)")
SERVICE_PORT=18080
RAW_PORT=18081
GO_PORT=18082
WORK=target/bench

command -v wrk >/dev/null || { echo "bench needs wrk: apt-get install wrk" >&2; exit 1; }
command -v go >/dev/null || { echo "bench needs Go: apt-get install golang-go" >&2; exit 1; }
"$JAVA" -version 2>&1 | grep -q 'version "25' || { echo "bench needs JDK 25: set JAVA25_HOME" >&2; exit 1; }

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

echo "Building..."
./mvnw -q -B -ntp -pl webapp package -DskipTests
./mvnw -q -B -ntp -pl webapp dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$PWD/$WORK/classpath.txt"
rm -rf "$WORK/app"
"$JAVA" -Djarmode=tools -jar webapp/target/simpletimeservice-*.jar extract --destination "$WORK/app" >/dev/null
APP_JAR=$(ls "$WORK"/app/simpletimeservice-*.jar)
# Compiled ahead, so its start is not the source launcher compiling it.
"${JAVA%/java}/javac" -d "$WORK/raw" -cp "$(cat "$WORK/classpath.txt")" bench/RawServer.java
(cd bench/goserver && GOPROXY=off GOFLAGS=-mod=mod GOCACHE="$OLDPWD/$WORK/go-cache" go build -o "$OLDPWD/$WORK/goserver" .)

echo "Training the AOT cache (as the buildpack does at image build time)..."
rm -f "$WORK/app.aot"
"$JAVA" "${JVM_OPTS[@]}" -XX:AOTCacheOutput="$WORK/app.aot" -Dspring.context.exit=onRefresh \
  -jar "$APP_JAR" --server.port=0 >"$WORK/training.log" 2>&1

now_ms() { date +%s%3N; }

# Starts a server: PORT LOG JAVA_ARGS...; sets server_pid and startup_ms (spawn to the first 200 on GET /).
start() {
  local port=$1 log=$2 begin
  begin=$(now_ms)
  if [ "$3" = "$WORK/goserver" ]; then "${@:3}" >"$log" 2>&1 & else "$JAVA" "${JVM_OPTS[@]}" "${@:3}" >"$log" 2>&1 & fi
  pids+=($!)
  server_pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")" = 200 ]; do
    kill -0 "$server_pid" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.01
  done
  startup_ms=$(( $(now_ms) - begin ))
}
start_service() { start $SERVICE_PORT "$WORK/service.log" "$@" -jar "$APP_JAR" --server.port=$SERVICE_PORT; service_pid=$server_pid; }

stop() { kill "$1"; wait "$1" 2>/dev/null || true; }

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

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
    "$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")"
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
start $RAW_PORT "$WORK/raw.log" -cp "$WORK/raw:$(cat "$WORK/classpath.txt")" RawServer $RAW_PORT
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
