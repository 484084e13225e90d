#!/usr/bin/env bash
# What `./mvnw -pl webapp spring-boot:build-image` puts in the image, measured offline (no Docker here), for each
# Java runtime the buildpack can ship: the runtime, the AOT cache trained on that same runtime, the application,
# the run image; then the start to the first 200 and the RSS of the service on that runtime, next to a bare
# Reactor Netty server and a Go net/http server (bench/run.sh's peers). Runtimes (this JDK 25 stands in for
# Paketo's Liberica JDK 25, which cannot be downloaded here):
#   full JRE   every module but the development tools and incubators, with the JDK's CDS archive: the JRE
#              layer Paketo ships by default
#   java.*     BP_JVM_JLINK_ENABLED=true alone: Paketo links every java.* module with its default
#              BP_JVM_JLINK_ARGS (libjvm jlink.go, bellsoft-liberica buildpack.toml); it runs no jdeps
#   image      this image: BP_JVM_JLINK_ARGS = image.jlink.args in webapp/pom.xml (the modules jdeps finds)
#   image, other compression   the same modules with the other choice of --compress
# Sizes in MB (10^6 bytes, as `docker images` shows them); "gzip" is what a pull transfers (layers are gzipped).
# Times are medians of RUNS starts, taken in turns so that other load on the machine hits every variant alike;
# "CPU" is the CPU the process used until its first 200, steadier than the wall clock on shared cores.
#
# Needs JDK 25 (JAVA25_HOME), wrk and Go (apt-get install wrk golang-go). About five minutes; stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-5}"
LOAD_FOR="${LOAD_FOR:-10s}"   # the short load after which the RSS is read
PORT=18083
WORK=target/bench-image
source bench/lib.sh
JDK="${JAVA%/bin/java}"

# Cannot be pulled here: paketobuildpacks/ubuntu-noble-run-tiny (glibc, OpenSSL, CA certificates, tzdata; no shell,
# see stacks/noble-tiny-stack/run/run.Dockerfile in github.com/paketo-buildpacks/ubuntu-noble-base-images) is
# 22 MB as `docker images` lists it (0.0.38, in a public `docker images` listing; a public measurement of a Boot
# 3.5 build-image on Java 25 gives the same 22 MB).
RUN_IMAGE_MB=22

build_servers
JAR=$(ls webapp/target/simpletimeservice-*.jar)

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
bytes() { du -sb "$1" | cut -f1; }
gzip_bytes() { if [ -d "$1" ]; then tar -C "$1" -cf - .; else cat "$1"; fi | gzip -6 | wc -c; }
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

echo "Application layers (Boot's layered jar)..."
rm -rf "$WORK/layers"
"$JAVA" -Djarmode=tools -jar "$JAR" extract --layers --launcher --destination "$WORK/layers" >/dev/null
layers=""
for layer in dependencies spring-boot-loader snapshot-dependencies application; do
  layers+="$layer $(mb "$(bytes "$WORK/layers/$layer")"), "
done
# With BP_JVM_AOTCACHE_ENABLED the Spring Boot buildpack runs the jar extracted (what $WORK/app holds) and keeps
# a copy of the repacked jar in its Performance layer (boot/spring_performance.go): the application is in the
# image twice.
app_once_b=$(bytes "$WORK/app")   # without the AOT cache the buildpack keeps the application once
app_b=$(( app_once_b + $(bytes "$JAR") ))
app_gz=$(( $(gzip_bytes "$WORK/app") + $(gzip_bytes "$JAR") ))

echo "Modules jdeps finds..."
jdeps_modules=$("$JDK/bin/jdeps" --ignore-missing-deps --multi-release 25 --print-module-deps "$WORK"/app/lib/*.jar "$APP_JAR")
read -r -a image_args <<<"$(evaluate image.jlink.args)"
image_modules=""
for i in "${!image_args[@]}"; do [ "${image_args[$i]}" = --add-modules ] && image_modules=${image_args[$((i + 1))]}; done
echo "jdeps finds: $jdeps_modules"
[ "$jdeps_modules" = "$image_modules" ] ||
  { echo "image.jlink.args in webapp/pom.xml links $image_modules; jdeps finds $jdeps_modules" >&2; exit 1; }
if printf '%s\n' "${image_args[@]}" | grep -q '^--compress'; then
  other_args=(); for a in "${image_args[@]}"; do [[ $a == --compress* ]] || other_args+=("$a"); done; other_name="image, no --compress"
else
  other_args=("${image_args[@]}" --compress=zip-6); other_name="image, --compress=zip-6"
fi

all_modules=$("$JAVA" --list-modules | sed 's/@.*//')
tools='^jdk\.(compiler|javadoc|jshell|jlink|jdeps|jpackage|jartool|jconsole|jdi|jdwp\.agent|jstatd|jcmd|hotspot\.agent|editpad|internal\.(ed|le|opt|vm\.ci)|graal\..*|incubator\..*)$'
names=(full java image other)
labels=("full JRE (Paketo's default)" "java.* (BP_JVM_JLINK_ENABLED alone)" "image (image.jlink.args)" "$other_name")
args_full=(--add-modules "$(grep -Ev "$tools" <<<"$all_modules" | paste -sd,)" --generate-cds-archive)
args_java=(--add-modules "$(grep '^java\.' <<<"$all_modules" | paste -sd,)" --no-man-pages --no-header-files --strip-debug --compress=1)
args_image=("${image_args[@]}")
args_other=("${other_args[@]}")

declare -A size gz aot aot_gz loads
for name in "${names[@]}"; do
  echo "Runtime '$name': linking, training its AOT cache..."
  rt="$WORK/rt-$name"
  rm -rf "$rt" "$WORK/$name.aot"
  args="args_$name[@]"
  "$JDK/bin/jlink" "${!args}" --output "$rt" 2> >(grep -v 'argument for --compress is deprecated' >&2)
  size[$name]=$(bytes "$rt"); gz[$name]=$(gzip_bytes "$rt")
  # As the buildpack trains it: the image's flags, the context refreshed and closed.
  "$rt/bin/java" "${JVM_OPTS[@]}" -XX:AOTCacheOutput="$WORK/$name.aot" -Dspring.context.exit=onRefresh \
    -jar "$APP_JAR" --server.port=0 >"$WORK/training-$name.log" 2>&1
  aot[$name]=$(bytes "$WORK/$name.aot"); aot_gz[$name]=$(gzip_bytes "$WORK/$name.aot")
  # -XX:AOTMode=on: the JVM refuses to start unless it maps the cache.
  if "$rt/bin/java" "${JVM_OPTS[@]}" -XX:AOTMode=on -XX:AOTCache="$WORK/$name.aot" -Dspring.context.exit=onRefresh \
    -jar "$APP_JAR" --server.port=0 >"$WORK/aot-check-$name.log" 2>&1; then loads[$name]=yes; else loads[$name]=NO; fi
done

echo "A cache trained on the full JDK, on the image's runtime..."
"$JAVA" "${JVM_OPTS[@]}" -XX:AOTCacheOutput="$WORK/jdk.aot" -Dspring.context.exit=onRefresh \
  -jar "$APP_JAR" --server.port=0 >"$WORK/training-jdk.log" 2>&1
if "$WORK/rt-image/bin/java" "${JVM_OPTS[@]}" -XX:AOTMode=on -XX:AOTCache="$WORK/jdk.aot" -Dspring.context.exit=onRefresh \
  -jar "$APP_JAR" --server.port=0 >"$WORK/aot-check-jdk.log" 2>&1; then jdk_cache_loads=yes
else jdk_cache_loads="no: $(grep -m1 -o 'This file is not the one used.*' "$WORK/aot-check-jdk.log" || tail -1 "$WORK/aot-check-jdk.log")"; fi

# The commands each row starts; "image-nocache" is the image's runtime without its AOT cache.
cmd_of() {
  case $1 in
    raw) echo "$JAVA" "${JVM_OPTS[*]}" -cp "$WORK/raw:$(cat "$WORK/classpath.txt")" RawServer $PORT ;;
    go) echo "$WORK/goserver" $PORT ;;
    image-nocache) echo "$WORK/rt-image/bin/java" "${JVM_OPTS[*]}" -jar "$APP_JAR" --server.port=$PORT ;;
    *) echo "$WORK/rt-$1/bin/java" "${JVM_OPTS[*]}" -XX:AOTCache="$WORK/$1.aot" -jar "$APP_JAR" --server.port=$PORT ;;
  esac
}
rows=("${names[@]}" image-nocache raw go)
declare -A ms cpu rss
echo "Starts, $RUNS of each, in turns..."
for run in $(seq "$RUNS"); do
  for row in "${rows[@]}"; do
    read -r -a cmd <<<"$(cmd_of "$row")"
    start $PORT "$WORK/start-$row.log" "${cmd[@]}"
    ms[$row]+="$startup_ms "; cpu[$row]+="$startup_cpu_ms "; rss[$row]+="$(rss_mib "$server_pid") "
    stop "$server_pid"
  done
done
echo "RSS after $LOAD_FOR of load (wrk -t2 -c64)..."
declare -A rss_load
for row in "${rows[@]}"; do
  read -r -a cmd <<<"$(cmd_of "$row")"
  start $PORT "$WORK/load-$row.log" "${cmd[@]}"
  wrk -t2 -c64 -d"$LOAD_FOR" "http://127.0.0.1:$PORT/" >/dev/null
  rss_load[$row]=$(rss_mib "$server_pid")
  stop "$server_pid"
done

raw_ms=$(median <<<"${ms[raw]}")
echo
echo "Application: $(mb "$app_b") MB ($(mb "$app_gz") gzip): the extracted jar plus the repacked jar; Boot's layers: ${layers%, }"
echo "Run image: $RUN_IMAGE_MB MB (published size of paketobuildpacks/ubuntu-noble-run-tiny)"
echo "The image links the modules jdeps finds: $image_modules"
echo "A cache trained on the full JDK loads on the image's runtime: $jdk_cache_loads"
echo
printf '%-38s %8s %8s %10s %12s %12s %8s %8s %8s %9s %9s\n' "" "runtime" "AOT" "cache" "image" "image gzip" "first" "CPU to" "x raw" "RSS" "RSS after"
printf '%-38s %8s %8s %10s %12s %12s %8s %8s %8s %9s %9s\n' "" "MB" "cache MB" "loads" "total MB" "(pull) MB" "200 ms" "200 ms" "netty" "start MiB" "load MiB"
for row in "${rows[@]}"; do
  case $row in
    raw) label="bare Reactor Netty (JDK, no image)"; sizes=("" "" "" "" "") ;;
    go) label="Go net/http (static binary)"; go_b=$(bytes "$WORK/goserver"); sizes=("" "" "" "$(mb "$go_b")" "$(mb "$(gzip_bytes "$WORK/goserver")")") ;;
    image-nocache) label="image, without the AOT cache"
      sizes=("$(mb "${size[image]}")" "-" "-" "$(awk -v t=$(( size[image] + app_once_b )) -v r=$RUN_IMAGE_MB 'BEGIN { printf "%.1f", t / 1e6 + r }')" "") ;;
    *) for i in "${!names[@]}"; do [ "${names[$i]}" = "$row" ] && label=${labels[$i]}; done
      total=$(( size[$row] + aot[$row] + app_b )); total_gz=$(( gz[$row] + aot_gz[$row] + app_gz ))
      sizes=("$(mb "${size[$row]}")" "$(mb "${aot[$row]}")" "${loads[$row]}" \
        "$(awk -v t="$total" -v r=$RUN_IMAGE_MB 'BEGIN { printf "%.1f", t / 1e6 + r }')" \
        "$(awk -v t="$total_gz" -v r=$RUN_IMAGE_MB 'BEGIN { printf "%.1f", t / 1e6 + r }')") ;;
  esac
  m=$(median <<<"${ms[$row]}")
  printf '%-38s %8s %8s %10s %12s %12s %8s %8s %8s %9s %9s\n' "$label" "${sizes[@]}" "$m" "$(median <<<"${cpu[$row]}")" \
    "$(awk -v a="$m" -v b="$raw_ms" 'BEGIN { printf "%.2fx", a / b }')" "$(median <<<"${rss[$row]}")" "${rss_load[$row]}"
done
echo
echo "Image total = runtime + AOT cache + application + run image; the buildpacks' helpers and launcher come on top."
echo "First 200 and CPU: medians of $RUNS; all starts: ms ${ms[image]}(image) ${ms[raw]}(raw netty)."
echo "JVM: $("$JAVA" -version 2>&1 | head -1); options: ${JVM_OPTS[*]}; $(go version)"
