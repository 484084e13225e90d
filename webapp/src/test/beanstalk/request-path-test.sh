#!/usr/bin/env bash
# Beanstalk's request path on one machine, with production-like addresses, each hop in its own network
# namespace: clients on the internet -> the load balancer (haproxy, appending X-Forwarded-For) -> nginx on
# the instance (the platform's proxy configuration) -> the service in its "container" on the Docker bridge.
# The service trusts exactly the proxy ranges infra/ renders for it, read from Terraform.
#
# Usage: request-path-test.sh SERVICE_JAR "JVM OPTIONS" (the image's, from webapp/pom.xml). Needs root, iproute2, nginx, haproxy, curl, jq and terraform
# (apt-get install nginx haproxy); without them it says so and skips. Bounded: about 30 s, then it cleans up.
set -euo pipefail
jar=$(realpath "$1")
cd "$(dirname "$0")/../../.."          # webapp/
read -r -a jvm_options <<<"${2:-}"
here=src/test/beanstalk

skip() { echo "SKIPPED: Beanstalk request path test: $*"; exit 0; }
[ "$(id -u)" = 0 ] || skip "needs root for network namespaces"
for tool in ip nginx haproxy curl jq terraform java; do
  command -v "$tool" >/dev/null || skip "needs $tool on the PATH (apt-get install nginx haproxy curl jq)"
done

work=$(mktemp -d)
pids=()
namespaces=(ste-client ste-alb ste-instance ste-container)
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for n in "${namespaces[@]}"; do ip netns del "$n" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
in_ns() { ip netns exec "$@"; }

# What Terraform gives the environment, and addresses inside its VPC.
expression='jsonencode({ trusted = local.trusted_proxies, prefix = split("/", var.vpc_cidr)[1],
  alb = cidrhost(var.vpc_cidr, 5), instance = cidrhost(cidrsubnet(var.vpc_cidr, 1, 1), 10) })'
infra=$(cd ../infra && terraform init -backend=false -input=false >/dev/null &&
  tr -d '\n' <<<"$expression" | terraform console -var=image=docker.io/example/simpletimeservice:test -var=registry_auth_bucket=example-registry 2>/dev/null | jq -r .)
trusted=$(jq -r .trusted <<<"$infra")
prefix=$(jq -r .prefix <<<"$infra")
alb_vpc_ip=$(jq -r .alb <<<"$infra")
instance_ip=$(jq -r .instance <<<"$infra")
alb_ip=203.0.113.1
alb_ip6=2001:db8:1::1
container_ip=172.17.0.2
echo "Terraform: CLIENTIP_TRUSTEDPROXIES=$trusted; load balancer $alb_vpc_ip, instance $instance_ip"

# The network: client <-> load balancer <-> instance <-> container.
for n in "${namespaces[@]}"; do
  ip netns del "$n" 2>/dev/null || true
  ip netns add "$n"
  in_ns "$n" ip link set lo up
done
veth() { # NS1 IF1 NS2 IF2
  ip link add "$2" netns "$1" type veth peer name "$4" netns "$3"
  in_ns "$1" ip link set "$2" up
  in_ns "$3" ip link set "$4" up
}
veth ste-client internet ste-alb public
veth ste-alb vpc ste-instance vpc
veth ste-instance docker0 ste-container eth0
clients4=(203.0.113.10 203.0.113.11 203.0.113.12 203.0.113.13)
clients6=(2001:db8:1::10 2001:db8:1::11)
for ip in "${clients4[@]}"; do in_ns ste-client ip addr add "$ip/24" dev internet; done
for ip in "${clients6[@]}"; do in_ns ste-client ip addr add "$ip/64" dev internet nodad; done
in_ns ste-alb ip addr add "$alb_ip/24" dev public
in_ns ste-alb ip addr add "$alb_ip6/64" dev public nodad
in_ns ste-alb ip addr add "$alb_vpc_ip/$prefix" dev vpc
in_ns ste-instance ip addr add "$instance_ip/$prefix" dev vpc
in_ns ste-instance ip addr add 172.17.0.1/16 dev docker0
in_ns ste-container ip addr add "$container_ip/16" dev eth0

fill() { sed -e "s|@WORK@|$work|g" -e "s|@CONTAINER_IP@|$container_ip|g" -e "s|@INSTANCE_IP@|$instance_ip|g" \
  -e "s|@ALB_PUBLIC_IP@|$alb_ip|g" -e "s|@ALB_PUBLIC_IP6@|$alb_ip6|g" -e "s|@ALB_VPC_IP@|$alb_vpc_ip|g" "$1"; }
fill "$here/nginx.conf" >"$work/nginx.conf"
fill "$here/haproxy.cfg" >"$work/haproxy.cfg"

# The service as Beanstalk starts it (environment from infra/beanstalk.tf), then the two proxies; each started
# by "ip netns exec" itself, so that $! is the process to stop.
# The JVM Maven runs on (JAVA_HOME), else the one on the PATH: CI runs this on 25, the image's.
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
ip netns exec ste-container env SPRING_PROFILES_ACTIVE=beanstalk CLIENTIP_TRUSTEDPROXIES="$trusted" \
  "$java" "${jvm_options[@]}" -jar "$jar" >"$work/service.log" 2>"$work/service.err" &
pids+=($!)
ip netns exec ste-instance nginx -c "$work/nginx.conf" -g 'daemon off;' &
pids+=($!)
ip netns exec ste-alb haproxy -db -f "$work/haproxy.cfg" &
pids+=($!)
for _ in $(seq 1 120); do
  in_ns ste-client curl -sf -o /dev/null --max-time 2 "http://$alb_ip/actuator/health/readiness" && break
  sleep 0.5
done

passed=0
failed=0
check() { # NAME COMMAND...: a test case
  if "${@:2}"; then passed=$((passed + 1)); echo "ok - $1"; else failed=$((failed + 1)); echo "not ok - $1"; fi
}
# GET / from a client address through the load balancer, with optional forged X-Forwarded-For: prints ip.
ip_seen() { # CLIENT_IP URL_HOST [FORGED]
  in_ns ste-client curl -sf --max-time 5 --interface "$1" ${3:+-H "X-Forwarded-For: $3"} "http://$2/" | jq -r .ip
}
is_up() { [ "$(in_ns "$1" curl -sf --max-time 5 "$2" | jq -r .status)" = UP ]; }

check "the load balancer's health check reaches readiness through nginx" \
  is_up ste-alb "http://$instance_ip/actuator/health/readiness"
check "readiness answers through the load balancer" is_up ste-client "http://$alb_ip/actuator/health/readiness"
check "an IPv4 client sees its own address" test "$(ip_seen 203.0.113.10 "$alb_ip")" = 203.0.113.10
check "an IPv6 client sees its own address" test "$(ip_seen 2001:db8:1::10 "[$alb_ip6]")" = 2001:db8:1::10
for forged in 198.51.100.7 "$alb_vpc_ip" "$instance_ip" 172.17.0.1 127.0.0.1 "10.0.0.1, 172.17.0.1" ::1 fc00::1 unknown; do
  check "a forged X-Forwarded-For: $forged is ignored" test "$(ip_seen 203.0.113.11 "$alb_ip" "$forged")" = 203.0.113.11
done

# Hundreds of interleaved requests: six clients at once, eight connections each, every connection reused
# for many requests, and the load balancer and nginx sharing their upstream connections among clients.
requests=100
mkdir "$work/out"
# Connections the service has accepted so far (PassiveOpens, this namespace's own TCP counters).
accepted() { in_ns ste-container awk '$1 == "Tcp:" && $7 ~ /^[0-9]+$/ { print $7 }' /proc/net/snmp; }
accepted_before=$(accepted)
client_pids=()
i=0
for client in "${clients4[@]}" "${clients6[@]}"; do
  i=$((i + 1))
  host=$alb_ip
  [[ $client == *:* ]] && host="[$alb_ip6]"
  forged=("$alb_vpc_ip" 172.17.0.1 "127.0.0.1, $alb_vpc_ip" 203.0.113.10 fc00::7 "")
  {
    echo 'globoff'
    echo "interface = \"$client\""
    [ -n "${forged[$((i - 1))]}" ] && echo "header = \"X-Forwarded-For: ${forged[$((i - 1))]}\""
    for n in $(seq 1 $requests); do printf 'url = "http://%s/?n=%d"\noutput = "%s/out/%d-%d.json"\n' "$host" "$n" "$work" "$i" "$n"; done
  } >"$work/client$i.curl"
  ip netns exec ste-client curl -s --no-progress-meter --parallel --parallel-max 8 --max-time 20 -K "$work/client$i.curl" \
    -w '%{http_code} %{num_connects}\n' >"$work/client$i.codes" &
  client_pids+=($!)
done
wait "${client_pids[@]}"
all_own=true
all_200=true
connections=0
i=0
for client in "${clients4[@]}" "${clients6[@]}"; do
  i=$((i + 1))
  seen=$(cat "$work"/out/"$i"-*.json | jq -r .ip | sort | uniq -c | sed 's/^ *//')
  [ "$seen" = "$requests $client" ] || { all_own=false; echo "# client $client saw: $seen"; }
  [ "$(awk '$1 != 200' "$work/client$i.codes" | wc -l)" = 0 ] || all_200=false
  connections=$((connections + $(awk '{ s += $2 } END { print s }' "$work/client$i.codes")))
done
total=$((requests * i))
upstream=$(($(accepted) - accepted_before))
echo "# $total requests from $i clients over $connections client connections; nginx opened $upstream connections to the service"
check "$total concurrent requests all answer 200" $all_200
check "every one of them names its own client, whatever it forged" $all_own
check "client connections were reused" test "$connections" -lt "$total"
# Reused across clients (keepalive 256): far fewer than one per request, so the address is per request.
check "nginx reused its connections to the service" test "$upstream" -ge 1 -a "$upstream" -le "$((total / 4))"

logs_json() { jq -en '[inputs] | length > 0 and all(has("@timestamp") and has("message"))' "$work/service.log" >/dev/null; }
check "the service logs one JSON object per line (beanstalk profile)" logs_json
# JDK 22+ warns on stderr when a library calls a restricted method (Netty's System.loadLibrary) without
# --enable-native-access; the image's options grant it, so the service starts without warnings.
no_restricted_method_warning() { ! grep -i 'restricted method' "$work/service.err"; }
check "no restricted-method warning on stderr ($("$java" -version 2>&1 | head -1))" no_restricted_method_warning
if [[ " ${jvm_options[*]} " == *" -Dspring.aot.enabled=true "* ]]; then
  check "the service runs its Spring AOT bean graph, as in the image" grep -q '"message":"Starting AOT-processed' "$work/service.log"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ] || { echo "--- service log"; tail -20 "$work/service.log"; echo "--- nginx"; tail -5 "$work/nginx-error.log"; exit 1; }
