#!/usr/bin/env bash
# Richmond end to end, on this machine (issue 9). Not a test and not run in CI; docs/performance.md records its
# figures. Run from anywhere in the checkout, after `mvn -B -q -DskipTests install`:
#
#   bench/run.sh                         # MT-single, MT-bulk and MO with the issue's loads
#   TESTS="mt-single" REQUESTS_MT_SINGLE=2000 bench/run.sh
#
# It installs wrk and nginx-light with apt-get when they are missing, then starts, against the machine's RabbitMQ
# and PostgreSQL: api-service, sms-transport and callback-dispatcher from their jars, on an exchange, a queue
# prefix and a schema of this run's own (all dropped at the end), and one nginx that plays Clickatell
# (/http/sendmsg answers `ID: <unique id>`) and the callback sink (/sink/ answers 200). Each test runs a warm-up
# (a tenth of its load) and then its load with wrk:
#
#   mt-single  REQUESTS_MT_SINGLE (20000) send.json requests, 1 recipient each, 64 connections
#   mt-bulk    REQUESTS_MT_BULK (200) send.json requests, 100 recipients each, 8 connections
#   mo         REQUESTS_MO (20000) Clickatell MO posts to sms-transport's receive.json, 64 connections; each SMS
#              is stored and its sms_received callback delivered to the sink
#
# wrk stops at the request count or after DURATION seconds (120), whichever comes first; what was sent is counted
# in the database (requests in flight when wrk stops, one per connection at most, add to the count). msg/s runs from the first request to the last message reaching nginx: the last sendmsg (MT) or
# the last callback (MO), from nginx's access logs ($msec). CPU % is CPU time over that interval per process (100 %
# = one core); PostgreSQL's counts this run's connections and the server's background processes. The check is
# exactly once: after SETTLE seconds (10, longer than the outbox sweeper's interval), every SMS sent is at the
# provider once, or every MO stored once and called back once, with no non-2xx answer. The exit status is 1 when
# a check fails, 2 when the bench could not run. USSD and Kannel (--with-kannel) are not implemented yet.
#
# Settings (environment): RICHMOND_AMQP_URI (amqp://guest:guest@127.0.0.1:5672/%2F), BENCH_PGHOST (127.0.0.1),
# BENCH_PGPORT (5432), BENCH_PGDATABASE (test), BENCH_PGUSER (postgres; trust or PGPASSWORD), the ports
# API_PORT (18000), SMS_PORT (18001), NGINX_PORT (18080), WAIT_SECONDS (300, the longest wait for the last message).
# The logs of every process stay in the work folder the script names at the start.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_DIR=$PWD/bench

TESTS=${TESTS:-mt-single mt-bulk mo}
REQUESTS_MT_SINGLE=${REQUESTS_MT_SINGLE:-20000}
REQUESTS_MT_BULK=${REQUESTS_MT_BULK:-200}
REQUESTS_MO=${REQUESTS_MO:-20000}
DURATION=${DURATION:-120}
SETTLE=${SETTLE:-10}
WAIT_SECONDS=${WAIT_SECONDS:-300}
AMQP_URI=${RICHMOND_AMQP_URI:-amqp://guest:guest@127.0.0.1:5672/%2F}
API_PORT=${API_PORT:-18000}
SMS_PORT=${SMS_PORT:-18001}
NGINX_PORT=${NGINX_PORT:-18080}
export PGHOST=${BENCH_PGHOST:-127.0.0.1} PGPORT=${BENCH_PGPORT:-5432} PGDATABASE=${BENCH_PGDATABASE:-test}
export PGUSER=${BENCH_PGUSER:-postgres}

case "${1:-}" in
  "") ;;
  --with-kannel) echo "--with-kannel is not implemented yet (issue 9)" >&2; exit 2 ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
esac

RUN=bench$(date +%s)$$
SCHEMA=$RUN
PREFIX=${RUN}_
USER_NAME=bench
PASSWORD=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
WORK=$(mktemp -d "/tmp/richmond-$RUN.XXXX")
echo "run $RUN: exchange $RUN, queues ${PREFIX}*, schema $SCHEMA, logs in $WORK"

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  apt-get install -y "${missing[@]}" >"$WORK/apt.log" 2>&1 \
    || { apt-get update >>"$WORK/apt.log" 2>&1 && apt-get install -y "${missing[@]}" >>"$WORK/apt.log" 2>&1; } \
    || { echo "could not install ${missing[*]} (see $WORK/apt.log)" >&2; exit 2; }
fi
for jar in api-service sms-transport callback-dispatcher; do
  [ -f "$jar/target/$jar.jar" ] || { echo "$jar/target/$jar.jar is missing: mvn -B -q -DskipTests install" >&2; exit 2; }
done
for tool in psql curl java; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 2; }
done

PIDS=()
WRK_PID=
cleanup() {
  local status=$?
  [ -n "$WRK_PID" ] && stop_process "$WRK_PID"
  for (( i=${#PIDS[@]}-1; i>=0; i-- )); do
    stop_process "${PIDS[i]}"
  done
  [ -f "$WORK/nginx.pid" ] && stop_process "$(cat "$WORK/nginx.pid")"
  psql -q -c "drop schema if exists $SCHEMA cascade" >/dev/null 2>&1 || echo "could not drop schema $SCHEMA" >&2
  if command -v rabbitmqctl >/dev/null; then
    for queue in $(rabbitmqctl list_queues -q name 2>/dev/null | grep "^$PREFIX" || true); do
      rabbitmqctl delete_queue -q "$queue" </dev/null >/dev/null 2>&1 || true
    done
    rabbitmqctl eval "rabbit_exchange:delete(rabbit_misc:r(<<\"/\">>, exchange, <<\"$RUN\">>), false, <<\"bench\">>)." \
      >/dev/null 2>&1 || echo "could not delete exchange $RUN" >&2
  else
    echo "rabbitmqctl is missing: delete the exchange $RUN and the queues ${PREFIX}* by hand" >&2
  fi
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Ends one process this script started: TERM, up to 30 s to finish, then KILL.
stop_process() {
  kill "$1" 2>/dev/null || return 0
  for _ in $(seq 1 150); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -KILL "$1" 2>/dev/null || true
}

# Waits up to $2 seconds for the command $3... to succeed; gives up early when the process $1 has died.
wait_for() {
  local pid=$1 seconds=$2
  shift 2
  for _ in $(seq 1 $((seconds * 5))); do
    "$@" && return 0
    if [ "$pid" != - ] && ! kill -0 "$pid" 2>/dev/null; then
      return 1
    fi
    sleep 0.2
  done
  return 1
}

fail_start() {
  echo "$1 did not start; the end of its log ($WORK/$1.log):" >&2
  tail -n 40 "$WORK/$1.log" >&2
  exit 2
}

sql() {
  psql -Atq -c "$1"
}

# nginx: fake Clickatell and callback sink, one access log each, a line per request with its time ($msec).
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
  log_format sendmsg '\$msec \$request_id';
  log_format sink '\$msec \$http_x_richmond_delivery';
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/nginx-body;
  proxy_temp_path $WORK/nginx-proxy;
  fastcgi_temp_path $WORK/nginx-fastcgi;
  uwsgi_temp_path $WORK/nginx-uwsgi;
  scgi_temp_path $WORK/nginx-scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location /http/sendmsg {
      access_log $WORK/sendmsg.log sendmsg;
      default_type text/plain;
      return 200 "ID: \$request_id";
    }
    location /sink/ {
      access_log $WORK/sink.log sink;
      return 200;
    }
  }
}
NGINX
: > "$WORK/sendmsg.log"
: > "$WORK/sink.log"
nginx -c "$WORK/nginx.conf" -e "$WORK/nginx-error.log"
wait_for - 10 test -s "$WORK/nginx.pid" || { echo "nginx did not start" >&2; exit 2; }

db_url() {
  echo "jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$SCHEMA&ApplicationName=${RUN}_$1"
}
bus_args=(--richmond.amqp.uri="$AMQP_URI" --richmond.amqp.exchange="$RUN")

RICHMOND_DB_URL=$(db_url api) RICHMOND_DB_USER=$PGUSER RICHMOND_DB_PASSWORD=${PGPASSWORD:-unused} \
  java -jar api-service/target/api-service.jar --server.port="$API_PORT" "${bus_args[@]}" \
  --spring.flyway.schemas="$SCHEMA" --richmond.api.bus-prefix="$PREFIX" \
  --richmond.bootstrap.username="$USER_NAME" --richmond.bootstrap.password="$PASSWORD" \
  --richmond.api.rate-limit.requests=1000000000 --richmond.api.inbound-default-account="$USER_NAME" \
  --richmond.callbacks.allowed-hosts=127.0.0.1 > "$WORK/api-service.log" 2>&1 &
API_PID=$!
PIDS+=("$API_PID")
api_healthy() {
  curl -sf "http://127.0.0.1:$API_PORT/actuator/health" >/dev/null
}
wait_for "$API_PID" 180 api_healthy || fail_start api-service

java -jar sms-transport/target/sms-transport.jar --server.port="$SMS_PORT" "${bus_args[@]}" \
  --richmond.sms.clickatell.transport-name="${PREFIX}clickatell" --richmond.sms.opera.transport-name="${PREFIX}opera" \
  --richmond.sms.clickatell.base-url="http://127.0.0.1:$NGINX_PORT/http" --richmond.sms.clickatell.auth=per-call \
  --richmond.sms.clickatell.api-id=1 --richmond.sms.clickatell.username=bench \
  --richmond.sms.clickatell.password=bench > "$WORK/sms-transport.log" 2>&1 &
SMS_PID=$!
PIDS+=("$SMS_PID")
RICHMOND_DB_URL=$(db_url dispatcher) RICHMOND_DB_USER=$PGUSER RICHMOND_DB_PASSWORD=${PGPASSWORD:-unused} \
  java -jar callback-dispatcher/target/callback-dispatcher.jar "${bus_args[@]}" \
  --richmond.callbacks.bus-prefix="$PREFIX" --richmond.callbacks.allowed-hosts=127.0.0.1 \
  > "$WORK/callback-dispatcher.log" 2>&1 &
DISPATCHER_PID=$!
PIDS+=("$DISPATCHER_PID")
sms_listening() {
  (exec 3<>"/dev/tcp/127.0.0.1/$SMS_PORT") 2>/dev/null
}
dispatcher_started() {
  grep -q "Started " "$WORK/callback-dispatcher.log"
}
wait_for "$SMS_PID" 180 sms_listening || fail_start sms-transport
wait_for "$DISPATCHER_PID" 180 dispatcher_started || fail_start callback-dispatcher

AUTH=$(printf '%s:%s' "$USER_NAME" "$PASSWORD" | base64 -w0)
curl -sf -u "$USER_NAME:$PASSWORD" -X POST "http://127.0.0.1:$API_PORT/api/v1/account/callbacks.json" \
  -d name=sms_received -d "url=http://127.0.0.1:$NGINX_PORT/sink/received" >"$WORK/callback.json" \
  || { echo "could not register the callback URL" >&2; exit 2; }

# CPU ticks (user + system) used so far by the processes of one column of the table.
RABBIT_PID=$(pgrep -o -x beam.smp || true)
NGINX_WORKERS=$(pgrep -P "$(cat "$WORK/nginx.pid")" | tr '\n' ' ')
PG_PIDS=$(sql "select pid from pg_stat_activity where application_name like '${RUN}_%'
               or backend_type <> 'client backend'" | tr '\n' ' ')
ticks() {
  local total=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] && total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
  done
  echo "$total"
}
cpu_snapshot() {
  echo "$(ticks "$API_PID") $(ticks "$SMS_PID") $(ticks "$DISPATCHER_PID") $(ticks $RABBIT_PID)" \
    "$(ticks $PG_PIDS) $(ticks $NGINX_WORKERS)"
}
# CPU % of each column between two snapshots taken $3 seconds apart (100 = one core).
cpu_percent() {
  awk -v hz="$(getconf CLK_TCK)" -v seconds="$3" -v before="$1" -v after="$2" 'BEGIN {
    n = split(before, b, " "); split(after, a, " ")
    for (i = 1; i <= n; i++) printf "%s%.0f", (i > 1 ? " " : ""), (a[i] - b[i]) / hz / seconds * 100
  }'
}

now() {
  date +%s.%N
}

# Runs wrk with a script until it has $2 answers or DURATION passed; leaves its output in $WORK/$1.wrk.
run_wrk() {
  local name=$1 requests=$2 connections=$3 script=$4 url=$5 tag=$6 recipients=${7:-1}
  local done_dir="$WORK/$name.done" threads=2
  mkdir -p "$done_dir"
  BENCH_DIR=$BENCH_DIR BENCH_REQUESTS=$requests BENCH_THREADS=$threads BENCH_DONE_DIR=$done_dir \
    BENCH_TAG=$tag BENCH_RECIPIENTS=$recipients BENCH_BASIC_AUTH=$AUTH \
    wrk -t"$threads" -c"$connections" -d"${DURATION}s" --timeout 60s --latency -s "$BENCH_DIR/wrk/$script" "$url" \
    > "$WORK/$name.wrk" 2>&1 &
  WRK_PID=$!
  all_threads_done() {
    [ "$(find "$done_dir" -type f | wc -l)" -ge "$threads" ]
  }
  # wrk otherwise sleeps out its whole duration after its threads have stopped; SIGINT ends it early.
  wait_for "$WRK_PID" $((DURATION + 10)) all_threads_done && kill -INT "$WRK_PID" 2>/dev/null || true
  wait "$WRK_PID" || true
  WRK_PID=
  grep -q '^BENCH ' "$WORK/$name.wrk" || { echo "wrk failed ($WORK/$name.wrk):" >&2; cat "$WORK/$name.wrk" >&2; exit 2; }
}

wrk_field() {
  sed -n "s/^BENCH .*$2=\([0-9.]*\).*/\1/p" "$WORK/$1.wrk"
}

# The lines an access log got after its first $2 lines: how many, how many distinct ids, the last time.
log_since() {
  tail -n +"$(($2 + 1))" "$1" | awk '{ n++; if (!seen[$2]++) u++; if ($1 > last) last = $1 }
    END { printf "%d %d %s\n", n, u, (last == "" ? 0 : last) }'
}

RESULTS=()
FAILED=0

# One MT test: $1 name, $2 requests, $3 connections, $4 recipients per request.
mt_test() {
  local name=$1 requests=$2 connections=$3 recipients=$4
  local url="http://127.0.0.1:$API_PORT/api/v1/sms/clickatell/send.json"
  mt_phase "$name-warm-up" $(( (requests + 9) / 10 )) "$connections" "$recipients" "$url"
  mt_phase "$name" "$requests" "$connections" "$recipients" "$url"
}

mt_phase() {
  local name=$1 requests=$2 connections=$3 recipients=$4 url=$5 tag="bench-$1"
  local lines_before cpu_before cpu_after start end sent submitted
  lines_before=$(wc -l < "$WORK/sendmsg.log")
  echo "$name: $requests requests of $recipients recipient(s), $connections connections" >&2
  cpu_before=$(cpu_snapshot)
  start=$(now)
  run_wrk "$name" "$requests" "$connections" send.lua "$url" "$tag" "$recipients"
  sent=$(sql "select count(*) from $SCHEMA.sent_sms where message = '$tag'")
  all_at_provider() {
    [ "$(log_since "$WORK/sendmsg.log" "$lines_before" | cut -d' ' -f1)" -ge "$sent" ] \
      && [ "$(sql "select count(*) from $SCHEMA.sent_sms where message = '$tag' and status = 'QUEUED'")" = 0 ]
  }
  wait_for - "$WAIT_SECONDS" all_at_provider || echo "$name: not every SMS reached the provider in ${WAIT_SECONDS}s" >&2
  cpu_after=$(cpu_snapshot)
  sleep "$SETTLE"   # a sweeper's late republish would show up as a second send
  read -r arrived unique_lines end <<<"$(log_since "$WORK/sendmsg.log" "$lines_before")"
  sent=$(sql "select count(*) from $SCHEMA.sent_sms where message = '$tag'")
  submitted=$(sql "select count(distinct transport_msg_id) from $SCHEMA.sent_sms
                   where message = '$tag' and status = 'SUBMITTED'")
  local exact=yes
  [ "$submitted" = "$sent" ] && [ "$arrived" = "$sent" ] || exact=no
  report "$name" "$sent" "$exact" "$start" "$end" "$cpu_before" "$cpu_after" \
    "submitted with distinct provider ids $submitted, sendmsg at nginx $arrived"
}

mo_test() {
  local requests=$1
  mo_phase mo-warm-up $(( (requests + 9) / 10 ))
  mo_phase mo "$requests"
}

mo_phase() {
  local name=$1 requests=$2 tag="bench-$1"
  local url="http://127.0.0.1:$SMS_PORT/api/v1/sms/clickatell/receive.json"
  local lines_before cpu_before cpu_after start end stored provider_ids
  lines_before=$(wc -l < "$WORK/sink.log")
  echo "$name: $requests Clickatell MO posts, 64 connections" >&2
  cpu_before=$(cpu_snapshot)
  start=$(now)
  run_wrk "$name" "$requests" 64 mo.lua "$url" "$tag"
  all_called_back() {
    stored=$(sql "select count(*) from $SCHEMA.received_sms where message = '$tag'")
    [ "$stored" -ge "$(wrk_field "$name" answers)" ] \
      && [ "$(log_since "$WORK/sink.log" "$lines_before" | cut -d' ' -f2)" -ge "$stored" ]
  }
  wait_for - "$WAIT_SECONDS" all_called_back || echo "$name: not every MO was called back in ${WAIT_SECONDS}s" >&2
  cpu_after=$(cpu_snapshot)
  sleep "$SETTLE"
  read -r arrived unique_lines end <<<"$(log_since "$WORK/sink.log" "$lines_before")"
  stored=$(sql "select count(*) from $SCHEMA.received_sms where message = '$tag'")
  provider_ids=$(sql "select count(distinct transport_msg_id) from $SCHEMA.received_sms where message = '$tag'")
  local accepted exact=yes
  accepted=$(wrk_field "$name" answers)
  # Every post wrk saw answered must be stored; posts in flight when wrk stopped may add a few it did not count.
  [ "$stored" -ge "$accepted" ] && [ "$provider_ids" = "$stored" ] && [ "$arrived" = "$stored" ] \
    && [ "$unique_lines" = "$stored" ] || exact=no
  report "$name" "$stored" "$exact" "$start" "$end" "$cpu_before" "$cpu_after" \
    "answered by sms-transport $accepted, stored with distinct provider ids $provider_ids," \
    "callbacks at the sink $arrived with distinct delivery ids $unique_lines"
}

mark_failed() {
  echo "FAILED $1" >&2
  FAILED=1
}

# One row of the table: $1 name, $2 messages, $3 yes when each arrived exactly once, $4..$5 the interval, $6..$7
# CPU snapshots, the rest the counts behind $3.
report() {
  local name=$1 sent=$2 exact=$3 start=$4 end=$5 cpu_before=$6 cpu_after=$7
  shift 7
  local seconds rate non2xx errors check=ok
  seconds=$(awk -v s="$start" -v e="$end" 'BEGIN { d = e - s; printf "%.3f", (d > 0 ? d : 0.001) }')
  rate=$(awk -v n="$sent" -v d="$seconds" 'BEGIN { printf "%.0f", n / d }')
  non2xx=$(wrk_field "$name" non2xx)
  errors=$(wrk_field "$name" socket_errors)
  if [ "$exact" != yes ] || [ "$sent" = 0 ] || [ "$non2xx" != 0 ] || [ "$errors" != 0 ]; then
    check=FAILED
    mark_failed "$name: sent $sent; $*; non-2xx $non2xx, socket errors $errors"
  else
    echo "$name: sent $sent in ${seconds}s; $*; non-2xx $non2xx, socket errors $errors" >&2
  fi
  [ "${name%-warm-up}" = "$name" ] || return 0
  RESULTS+=("$(printf '%-10s %7s %8s %8s %8s  %s  %s' "$name" "$sent" "$rate" "$(wrk_field "$name" p50_ms)" \
    "$(wrk_field "$name" p99_ms)" "$(cpu_percent "$cpu_before" "$cpu_after" "$seconds" \
    | awk '{ printf "%6s %6s %6s %6s %6s %6s", $1, $2, $3, $4, $5, $6 }')" "$check")")
}

for test in $TESTS; do
  case "$test" in
    mt-single) mt_test mt-single "$REQUESTS_MT_SINGLE" 64 1 ;;
    mt-bulk) mt_test mt-bulk "$REQUESTS_MT_BULK" 8 100 ;;
    mo) mo_test "$REQUESTS_MO" ;;
    *) echo "unknown test $test (mt-single, mt-bulk, mo)" >&2; exit 2 ;;
  esac
done

echo
echo "Richmond end to end, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %7s %8s %8s %8s  %6s %6s %6s %6s %6s %6s  %s\n' test msgs msg/s p50_ms p99_ms api sms disp rabbit pg \
  nginx exactly-once
for row in "${RESULTS[@]}"; do
  echo "$row"
done
echo "CPU in % of one core over the measured interval; p50/p99: wrk's request latency; logs: $WORK"
exit "$FAILED"
