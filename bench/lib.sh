# Shared by bench/run.sh and bench/image-size.sh, sourced from the repository root after setting WORK: the JDK,
# the JVM flags the container gets, the build of the service and of its two peers, and starting a server.

JAVA="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
command -v wrk >/dev/null || { echo "bench needs wrk: apt-get install wrk" >&2; exit 1; }
command -v go >/dev/null || { echo "bench needs Go: apt-get install golang-go" >&2; exit 1; }
"$JAVA" -version 2>&1 | grep -q 'version "25' || { echo "bench needs JDK 25: set JAVA25_HOME" >&2; exit 1; }

evaluate() { ./mvnw -q -B -ntp -pl webapp help:evaluate -Dexpression="$1" -DforceStdout; }

# The JVM flags the container gets: the image's settings (jvm.options in webapp/pom.xml), plus what Paketo's
# JRE layer adds at launch: the memory calculator's direct memory limit (it keeps the explicit -Xmx, -Xss,
# code cache and metaspace sizes) and the processor count. Netty on JDK 25 counts its buffers against it.
read -r -a JVM_OPTS <<<"$(evaluate jvm.options)"
JVM_OPTS+=(-XX:MaxDirectMemorySize=10M -XX:ActiveProcessorCount="$(nproc)")

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# Builds into $WORK: app/ (the jar extracted as the buildpack runs it; APP_JAR is its main jar), raw/ (RawServer,
# compiled ahead so its start is not the source launcher compiling it), goserver, classpath.txt.
build_servers() {
  echo "Building..."
  mkdir -p "$WORK"
  ./mvnw -q -B -ntp -pl webapp package -DskipTests
  ./mvnw -q -B -ntp -pl webapp dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$PWD/$WORK/classpath.txt"
  rm -rf "$WORK/app"
  "$JAVA" -Djarmode=tools -jar webapp/target/simpletimeservice-*.jar extract --destination "$WORK/app" >/dev/null
  APP_JAR=$(ls "$WORK"/app/simpletimeservice-*.jar)
  "${JAVA%/java}/javac" -d "$WORK/raw" -cp "$(cat "$WORK/classpath.txt")" bench/RawServer.java
  (cd bench/goserver && GOPROXY=off GOFLAGS=-mod=mod GOCACHE="$OLDPWD/$WORK/go-cache" go build -o "$OLDPWD/$WORK/goserver" .)
}

# Links the image's Java runtime into $1 as the buildpack does (BP_JVM_JLINK_ARGS = image.jlink.args).
link_image_runtime() {
  local args
  read -r -a args <<<"$(evaluate image.jlink.args)"
  rm -rf "$1"
  "${JAVA%/bin/java}/bin/jlink" "${args[@]}" --output "$1"
}

now_ms() { date +%s%3N; }

# Starts a server: PORT LOG COMMAND...; sets server_pid, startup_ms (spawn to the first 200 on GET /) and
# startup_cpu_ms (the CPU the process used until then: steadier than the wall clock when the cores are shared).
start() {
  local port=$1 log=$2 begin
  shift 2
  begin=$(now_ms)
  "$@" >"$log" 2>&1 &
  pids+=($!)
  server_pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")" = 200 ]; do
    kill -0 "$server_pid" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.01
  done
  startup_ms=$(( $(now_ms) - begin ))
  startup_cpu_ms=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($14 + $15) * 1000 / hz }' "/proc/$server_pid/stat")
}

stop() { kill "$1"; wait "$1" 2>/dev/null || true; }

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

rss_mib() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
