#!/usr/bin/env bash
# Richmond end to end, on this machine (issue 9). Not a test and not run in CI; docs/performance.md records its
# figures. Run from anywhere in the checkout, after `mvn -B -q -DskipTests install`:
#
#   bench/run.sh                         # MT-single, MT-bulk, MO and USSD with the issue's loads
#   bench/run.sh --with-kannel           # the same, then MT-single, MT-bulk and MO through Kannel 1.4.5, and ratios
#   TESTS="mt-single" REQUESTS_MT_SINGLE=2000 bench/run.sh
#
# It installs wrk and nginx-light (and with --with-kannel, kannel and kannel-extras) with apt-get when they are
# missing, then starts, against the machine's RabbitMQ and PostgreSQL, what the tests chosen need: api-service,
# sms-transport and callback-dispatcher (the SMS tests), ussd-transport and worker runners with the EchoWorker
# (ussd), all from their jars, on an exchange, a queue prefix and a schema of this run's own (all dropped at the
# end), and one nginx that plays Clickatell (/http/sendmsg answers `ID: <unique id>`) and the callback sink (/sink/
# answers 200). Each test runs a warm-up (WARM_UP_PERCENT of its load, 100 by default, since after a tenth the
# JVMs were still compiling through the measured run; for ussd, USSD_WARM_UP sessions, ten times USSD_SESSIONS,
# since after twice the chain ran at two thirds of its rate after ten times) and then its load:
#
#   mt-single  REQUESTS_MT_SINGLE (20000) send.json requests, 1 recipient each, 64 connections
#   mt-bulk    REQUESTS_MT_BULK (200) send.json requests, 100 recipients each, 8 connections
#   mo         REQUESTS_MO (20000) Clickatell MO posts to sms-transport's receive.json, 64 connections; each SMS
#              is stored and its sms_received callback delivered to the sink
#   ussd       USSD_SESSIONS (1000) concurrent USSD sessions of USSD_MESSAGES (5) messages each (a new session,
#              answers, and a 0 that the EchoWorker answers with an END) from bench/UssdLoad.java, which plays
#              TruTeq's SSMI server on USSD_PORT for ussd-transport; USSD_WORKERS (1) worker runners of
#              USSD_CONCURRENCY (4) threads answer. USSD_THINK_MS (0) is how long a phone waits before answering
#              (0.5 to 1.5 times it at random; 0: at once, so the rate is the chain's capacity and the hop latency
#              is mostly queueing behind the other sessions); USSD_SESSION_TIMEOUT (60) seconds bounds each session
#
# wrk stops at the request count or after DURATION seconds (120), whichever comes first; what was sent is counted
# in the database (requests in flight when wrk stops, one per connection at most, add to the count). msg/s runs
# from the first request to the last message reaching nginx: the last sendmsg (MT) or the last callback (MO), from
# nginx's access logs ($msec); for ussd, from the first request to the last reply back at the load generator. CPU %
# is CPU time over that interval per process (100 % = one core); PostgreSQL's counts this run's connections and the
# server's background processes. p50/p99 are wrk's request latencies, or for ussd the hop: one request written by
# the generator to its reply read. The check is exactly once: after SETTLE seconds (10, longer than the outbox
# sweeper's interval), every SMS sent is at the provider once, or every MO stored once and called back once, with
# no non-2xx answer; for ussd, every request answered once, with the text and session type the EchoWorker gives, no
# reply more, and every session ended within its timeout and DURATION.
#
# --with-kannel then starts Kannel (bearerbox and smsbox, a kannel.conf in the work folder, a file store there so
# that Kannel keeps its queue on disk as Richmond does) with an `http` smsc of system-type clickatell sending to the
# same nginx's /http/sendmsg and taking MO on KANNEL_MO_PORT, a sendsms-user for MT, and an sms-service that
# calls the sink (/sink/kannel) for every MO. It runs the same MT and MO loads (count, connections) through it:
# MT as GETs to smsbox's /cgi-bin/sendsms (100 recipients separated by spaces for mt-bulk), MO as Clickatell's
# callback to the smsc's port. Its counts come from nginx and from Kannel's access logs; its exactly-once check is
# that every SMS Kannel accepted reached nginx once (MT, told apart by cliMsgId and recipient) or the sink once (MO,
# told apart by their texts).
# KANNEL_PENDING (32) is the smsc's max-pending-submits, as many sends in flight as sms-transport's default. A
# second table and the Richmond/Kannel msg/s ratio per test follow Richmond's: compare ratios of one run, since
# absolute rates drift between runs on shared machines. The exit status is 1 when a check fails, 2 when the bench
# could not run.
#
# Settings (environment): RICHMOND_AMQP_URI (amqp://guest:guest@127.0.0.1:5672/%2F), BENCH_PGHOST (127.0.0.1),
# BENCH_PGPORT (5432), BENCH_PGDATABASE (test), BENCH_PGUSER (postgres; trust or PGPASSWORD), the ports
# API_PORT (18000), API_MANAGEMENT_PORT (18081), SMS_PORT (18001), NGINX_PORT (18080), USSD_PORT (18170), KANNEL_ADMIN_PORT (18171),
# KANNEL_SMSBOX_PORT (18172), KANNEL_SENDSMS_PORT (18173), KANNEL_MO_PORT (18174), WAIT_SECONDS (300, the longest
# wait for the last message). The logs of every process stay in the work folder the script names at the start; the
# processes run from copies of the jars there, so that a build during the run does not swap a jar under them.
# ASYNC_PROFILER=<path of async-profiler's libasyncProfiler.so> profiles api-service, sms-transport and
# callback-dispatcher over each measured MT and MO test into profile-<test>-<service>.collapsed in that folder: CPU
# time, or with PROFILE_EVENT=wall every thread's wall-clock time, waits included.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_DIR=$PWD/bench

TESTS=${TESTS:-mt-single mt-bulk mo ussd}
REQUESTS_MT_SINGLE=${REQUESTS_MT_SINGLE:-20000}
REQUESTS_MT_BULK=${REQUESTS_MT_BULK:-200}
REQUESTS_MO=${REQUESTS_MO:-20000}
DURATION=${DURATION:-120}
SETTLE=${SETTLE:-10}
WARM_UP_PERCENT=${WARM_UP_PERCENT:-100}
WAIT_SECONDS=${WAIT_SECONDS:-300}
AMQP_URI=${RICHMOND_AMQP_URI:-amqp://guest:guest@127.0.0.1:5672/%2F}
API_PORT=${API_PORT:-18000}
API_MANAGEMENT_PORT=${API_MANAGEMENT_PORT:-18081}
SMS_PORT=${SMS_PORT:-18001}
NGINX_PORT=${NGINX_PORT:-18080}
USSD_SESSIONS=${USSD_SESSIONS:-1000}
USSD_MESSAGES=${USSD_MESSAGES:-5}
USSD_WARM_UP=${USSD_WARM_UP:-$((10 * USSD_SESSIONS))}
USSD_THINK_MS=${USSD_THINK_MS:-0}
USSD_SESSION_TIMEOUT=${USSD_SESSION_TIMEOUT:-60}
USSD_WORKERS=${USSD_WORKERS:-1}
USSD_CONCURRENCY=${USSD_CONCURRENCY:-4}
USSD_PORT=${USSD_PORT:-18170}
KANNEL_ADMIN_PORT=${KANNEL_ADMIN_PORT:-18171}
KANNEL_SMSBOX_PORT=${KANNEL_SMSBOX_PORT:-18172}
KANNEL_SENDSMS_PORT=${KANNEL_SENDSMS_PORT:-18173}
KANNEL_MO_PORT=${KANNEL_MO_PORT:-18174}
KANNEL_PENDING=${KANNEL_PENDING:-32}
export PGHOST=${BENCH_PGHOST:-127.0.0.1} PGPORT=${BENCH_PGPORT:-5432} PGDATABASE=${BENCH_PGDATABASE:-test}
export PGUSER=${BENCH_PGUSER:-postgres}

WITH_KANNEL=
case "${1:-}" in
  "") ;;
  --with-kannel) WITH_KANNEL=1 ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
esac

SMS_TESTS=
for test in $TESTS; do
  case "$test" in
    mt-single|mt-bulk|mo) SMS_TESTS=1 ;;
    ussd) ;;
    *) echo "unknown test $test (mt-single, mt-bulk, mo, ussd)" >&2; exit 2 ;;
  esac
done

RUN=bench$(date +%s)$$
SCHEMA=$RUN
PREFIX=${RUN}_
USER_NAME=bench
PASSWORD=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
WEBHOOK_PASSWORD=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
WORK=$(mktemp -d "/tmp/richmond-$RUN.XXXX")
echo "run $RUN: exchange $RUN, queues ${PREFIX}*, schema $SCHEMA, logs in $WORK"


missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || missing+=(nginx-light)
if [ -n "$WITH_KANNEL" ]; then
  for package in kannel kannel-extras; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  apt-get install -y "${missing[@]}" >"$WORK/apt.log" 2>&1 \
    || { apt-get update >>"$WORK/apt.log" 2>&1 && apt-get install -y "${missing[@]}" >>"$WORK/apt.log" 2>&1; } \
    || { echo "could not install ${missing[*]} (see $WORK/apt.log)" >&2; exit 2; }
fi
jars=()
[ -n "$SMS_TESTS" ] && jars+=(api-service/target/api-service.jar sms-transport/target/sms-transport.jar
  callback-dispatcher/target/callback-dispatcher.jar)
[[ " $TESTS " == *" ussd "* ]] && jars+=(ussd-transport/target/ussd-transport.jar worker-sdk/target/worker-runner.jar)
for jar in "${jars[@]}"; do
  [ -f "$jar" ] || { echo "$jar is missing: mvn -B -q -DskipTests install" >&2; exit 2; }
done
if [[ " $TESTS " == *" ussd "* ]]; then
  ls example-workers/target/example-workers-*.jar >/dev/null 2>&1 \
    || { echo "example-workers' jar is missing: mvn -B -q -DskipTests install" >&2; exit 2; }
fi
for tool in psql curl java; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 2; }
done
# The run uses copies: a build on the checkout during the run must not replace a jar under a running JVM.
JARS=$WORK/jars
mkdir -p "$JARS/workers"
for jar in "${jars[@]}"; do
  cp "$jar" "$JARS/"
done
[[ " $TESTS " == *" ussd "* ]] && cp example-workers/target/example-workers-*.jar "$JARS/workers/"

PIDS=()
WRK_PID=
cleanup() {
  local status=$?
  [ -n "$WRK_PID" ] && stop_process "$WRK_PID"
  for (( i=${#PIDS[@]}-1; i>=0; i-- )); do
    stop_process "${PIDS[i]}"
  done
  [ -f "$WORK/nginx.pid" ] && stop_process "$(cat "$WORK/nginx.pid")"
  rm -rf "$WORK/kannel-store" "$WORK/ussd-transport-jar" "$JARS"
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

listening() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

sql() {
  psql -Atq -c "$1"
}

# nginx: fake Clickatell and callback sinks, one access log each, a line per request with its time ($msec). Kannel's
# sendmsg carries its message id (cliMsgId, shared by the recipients of one sendsms) with the recipient and the
# text in the query; the sink gets Kannel's MO text the same way.
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
  log_format sendmsg '\$msec \$request_id \$arg_cliMsgId:\$arg_to \$arg_text';
  log_format sink '\$msec \$http_x_richmond_delivery';
  log_format kannel_sink '\$msec \$arg_text';
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
    location /sink/kannel {
      access_log $WORK/kannel-sink.log kannel_sink;
      return 200;
    }
  }
}
NGINX
: > "$WORK/sendmsg.log"
: > "$WORK/sink.log"
: > "$WORK/kannel-sink.log"
nginx -c "$WORK/nginx.conf" -e "$WORK/nginx-error.log"
wait_for - 10 test -s "$WORK/nginx.pid" || { echo "nginx did not start" >&2; exit 2; }

db_url() {
  echo "jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$SCHEMA&ApplicationName=${RUN}_$1"
}
bus_args=(--richmond.amqp.uri="$AMQP_URI" --richmond.amqp.exchange="$RUN")

API_PID= SMS_PID= DISPATCHER_PID= PG_PIDS= AUTH= WEBHOOK_AUTH=
start_sms_services() {
  RICHMOND_DB_URL=$(db_url api) RICHMOND_DB_USER=$PGUSER RICHMOND_DB_PASSWORD=${PGPASSWORD:-unused} \
    java -jar "$JARS/api-service.jar" --server.port="$API_PORT" --management.server.port="$API_MANAGEMENT_PORT" \
    "${bus_args[@]}" \
    --spring.flyway.schemas="$SCHEMA" --richmond.api.bus-prefix="$PREFIX" \
    --richmond.bootstrap.username="$USER_NAME" --richmond.bootstrap.password="$PASSWORD" \
    --richmond.api.rate-limit.requests=1000000000 --richmond.api.inbound-default-account="$USER_NAME" \
    --richmond.callbacks.allowed-hosts=127.0.0.1 > "$WORK/api-service.log" 2>&1 &
  API_PID=$!
  PIDS+=("$API_PID")
  api_healthy() {
    curl -sf "http://127.0.0.1:$API_MANAGEMENT_PORT/actuator/health" >/dev/null
  }
  wait_for "$API_PID" 180 api_healthy || fail_start api-service

  RICHMOND_SMS_CLICKATELL_WEBHOOK_PASSWORD=$WEBHOOK_PASSWORD RICHMOND_SMS_OPERA_WEBHOOK_PASSWORD=$WEBHOOK_PASSWORD \
    java -jar "$JARS/sms-transport.jar" --server.port="$SMS_PORT" "${bus_args[@]}" \
    --richmond.sms.clickatell.transport-name="${PREFIX}clickatell" --richmond.sms.opera.transport-name="${PREFIX}opera" \
    --richmond.sms.clickatell.base-url="http://127.0.0.1:$NGINX_PORT/http" --richmond.sms.clickatell.auth=per-call \
    --richmond.sms.clickatell.api-id=1 --richmond.sms.clickatell.username=bench \
    --richmond.sms.clickatell.password=bench --richmond.sms.clickatell.webhook.username=bench \
    --richmond.sms.opera.webhook.username=bench > "$WORK/sms-transport.log" 2>&1 &
  SMS_PID=$!
  PIDS+=("$SMS_PID")
  RICHMOND_DB_URL=$(db_url dispatcher) RICHMOND_DB_USER=$PGUSER RICHMOND_DB_PASSWORD=${PGPASSWORD:-unused} \
    java -jar "$JARS/callback-dispatcher.jar" "${bus_args[@]}" \
    --richmond.callbacks.bus-prefix="$PREFIX" --richmond.callbacks.allowed-hosts=127.0.0.1 \
    > "$WORK/callback-dispatcher.log" 2>&1 &
  DISPATCHER_PID=$!
  PIDS+=("$DISPATCHER_PID")
  dispatcher_started() {
    grep -q "Started " "$WORK/callback-dispatcher.log"
  }
  wait_for "$SMS_PID" 180 listening "$SMS_PORT" || fail_start sms-transport
  wait_for "$DISPATCHER_PID" 180 dispatcher_started || fail_start callback-dispatcher

  AUTH=$(printf '%s:%s' "$USER_NAME" "$PASSWORD" | base64 -w0)
  WEBHOOK_AUTH=$(printf 'bench:%s' "$WEBHOOK_PASSWORD" | base64 -w0)
  curl -sf -u "$USER_NAME:$PASSWORD" -X POST "http://127.0.0.1:$API_PORT/api/v1/account/callbacks.json" \
    -d name=sms_received -d "url=http://127.0.0.1:$NGINX_PORT/sink/received" >"$WORK/callback.json" \
    || { echo "could not register the callback URL" >&2; exit 2; }
}

# RabbitMQ's and PostgreSQL's processes for the CPU columns, found again before each test: a restart of either
# server (other work on the machine may restart them) starts new ones.
find_server_pids() {
  RABBIT_PID=$(pgrep -o -x beam.smp || true)
  PG_PIDS=$(sql "select pid from pg_stat_activity where application_name like '${RUN}_%'
                 or backend_type <> 'client backend'" | tr '\n' ' ')
}

# CPU ticks (user + system) used so far by each group of processes, one group (a list of pids) per argument.
RABBIT_PID=
NGINX_WORKERS=$(pgrep -P "$(cat "$WORK/nginx.pid")" | tr '\n' ' ')
ticks() {
  local total=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] && total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
  done
  echo "$total"
}
cpu_snapshot() {
  local group out=()
  for group in "$@"; do
    # shellcheck disable=SC2086 # a group is a list of pids
    out+=("$(ticks $group)")
  done
  echo "${out[*]}"
}
# CPU % of each column between two snapshots taken $3 seconds apart (100 = one core).
cpu_percent() {
  awk -v hz="$(getconf CLK_TCK)" -v seconds="$3" -v before="$1" -v after="$2" 'BEGIN {
    n = split(before, b, " "); split(after, a, " ")
    for (i = 1; i <= n; i++) printf "%s%6.0f", (i > 1 ? " " : ""), (a[i] - b[i]) / hz / seconds * 100
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
    BENCH_TAG=$tag BENCH_RECIPIENTS=$recipients BENCH_BASIC_AUTH=$AUTH BENCH_WEBHOOK_AUTH=$WEBHOOK_AUTH \
    BENCH_KANNEL_USER=$USER_NAME BENCH_KANNEL_PASSWORD=$PASSWORD \
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

# Field $2 of the BENCH line in $WORK/$1.wrk (wrk's) or $WORK/$1.log (the USSD generator's).
wrk_field() {
  sed -n "s/^BENCH .*$2=\([0-9.]*\).*/\1/p" "$WORK/$1.wrk"
}
bench_field() {
  sed -n "s/^BENCH .*[ ]$2=\([0-9.]*\).*/\1/p; s/^BENCH $2=\([0-9.]*\).*/\1/p" "$WORK/$1"
}

# The lines an access log got after its first $2 lines: how many, how many distinct ids (field $3, default 2), the
# last time; only lines whose field $4 is $5, when given.
log_since() {
  tail -n +"$(($2 + 1))" "$1" | awk -v id="${3:-2}" -v field="${4:-0}" -v want="${5:-}" '
    field && $field != want { next }
    { n++; if (!seen[$id]++) u++; if ($1 > last) last = $1 }
    END { printf "%d %d %s\n", n, u, (last == "" ? 0 : last) }'
}

# Letters and digits only: Kannel and nginx pass them through URLs unchanged.
kannel_tag() {
  echo "$1" | tr -cd 'a-z0-9'
}

RESULTS=()
KANNEL_RESULTS=()
USSD_RESULTS=()
declare -A RATES
FAILED=0
SYSTEM=richmond

# The warm-up's share of a load of $1 requests, at least one.
warm_up_count() {
  local count=$(( ($1 * WARM_UP_PERCENT + 99) / 100 ))
  echo $(( count < 1 ? 1 : count ))
}

# One MT test: $1 name, $2 requests, $3 connections, $4 recipients per request.
mt_test() {
  local name=$1 requests=$2 connections=$3 recipients=$4
  local url="http://127.0.0.1:$API_PORT/api/v1/sms/clickatell/send.json"
  mt_phase "$name-warm-up" $(warm_up_count "$requests") "$connections" "$recipients" "$url"
  mt_phase "$name" "$requests" "$connections" "$recipients" "$url"
}

richmond_cpu() {
  cpu_snapshot "$API_PID" "$SMS_PID" "$DISPATCHER_PID" "$RABBIT_PID" "$PG_PIDS" "$NGINX_WORKERS"
}

# profile start|stop TEST: with ASYNC_PROFILER set, a profile of each Java service over a measured test (not its
# warm-up): CPU, or with PROFILE_EVENT=wall where the threads wait as well. Written as
# $WORK/profile-TEST-SERVICE.collapsed (flame graph input: one stack and its samples a line).
profile() {
  [ -n "${ASYNC_PROFILER:-}" ] && [ "${2%-warm-up}" = "$2" ] || return 0
  local service pid command
  for service in "api:${API_PID:-}" "sms:${SMS_PID:-}" "dispatcher:${DISPATCHER_PID:-}"; do
    pid=${service#*:}
    [ -n "$pid" ] || continue
    command="\"start,event=${PROFILE_EVENT:-itimer},interval=1ms\""
    [ "$1" = start ] || command="\"stop,file=$WORK/profile-$2-${service%%:*}.collapsed,collapsed\""
    jcmd "$pid" JVMTI.agent_load "$ASYNC_PROFILER" "$command" >/dev/null 2>&1 \
      || echo "$2: could not $1 profiling ${service%%:*}" >&2
  done
}

mt_phase() {
  local name=$1 requests=$2 connections=$3 recipients=$4 url=$5 tag="bench-$1"
  local lines_before cpu_before cpu_after start end sent submitted
  lines_before=$(wc -l < "$WORK/sendmsg.log")
  echo "$name: $requests requests of $recipients recipient(s), $connections connections" >&2
  find_server_pids
  cpu_before=$(richmond_cpu)
  profile start "$name"
  start=$(now)
  run_wrk "$name" "$requests" "$connections" send.lua "$url" "$tag" "$recipients"
  sent=$(sql "select count(*) from $SCHEMA.sent_sms where message = '$tag'")
  all_at_provider() {
    [ "$(log_since "$WORK/sendmsg.log" "$lines_before" | cut -d' ' -f1)" -ge "$sent" ] \
      && [ "$(sql "select count(*) from $SCHEMA.sent_sms where message = '$tag' and status = 'QUEUED'")" = 0 ]
  }
  wait_for - "$WAIT_SECONDS" all_at_provider || echo "$name: not every SMS reached the provider in ${WAIT_SECONDS}s" >&2
  cpu_after=$(richmond_cpu)
  profile stop "$name"
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
  mo_phase mo-warm-up $(warm_up_count "$requests")
  mo_phase mo "$requests"
}

mo_phase() {
  local name=$1 requests=$2 tag="bench-$1"
  local url="http://127.0.0.1:$SMS_PORT/api/v1/sms/clickatell/receive.json"
  local lines_before cpu_before cpu_after start end stored provider_ids
  lines_before=$(wc -l < "$WORK/sink.log")
  echo "$name: $requests Clickatell MO posts, 64 connections" >&2
  find_server_pids
  cpu_before=$(richmond_cpu)
  profile start "$name"
  start=$(now)
  run_wrk "$name" "$requests" 64 mo.lua "$url" "$tag"
  all_called_back() {
    stored=$(sql "select count(*) from $SCHEMA.received_sms where message = '$tag'")
    [ "$stored" -ge "$(wrk_field "$name" answers)" ] \
      && [ "$(log_since "$WORK/sink.log" "$lines_before" | cut -d' ' -f2)" -ge "$stored" ]
  }
  wait_for - "$WAIT_SECONDS" all_called_back || echo "$name: not every MO was called back in ${WAIT_SECONDS}s" >&2
  cpu_after=$(richmond_cpu)
  profile stop "$name"
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

# One row of $SYSTEM's table: $1 name, $2 messages, $3 yes when each arrived exactly once, $4..$5 the interval,
# $6..$7 CPU snapshots, the rest the counts behind $3.
report() {
  local name=$1 sent=$2 exact=$3 start=$4 end=$5 cpu_before=$6 cpu_after=$7
  shift 7
  local seconds rate non2xx errors check=ok test
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
  test=${name#kannel-}
  RATES[$SYSTEM:$test]=$rate
  local row
  row="$(printf '%-10s %7s %8s %8s %8s ' "$test" "$sent" "$rate" "$(wrk_field "$name" p50_ms)" \
    "$(wrk_field "$name" p99_ms)")$(cpu_percent "$cpu_before" "$cpu_after" "$seconds")  $check"
  if [ "$SYSTEM" = kannel ]; then
    KANNEL_RESULTS+=("$row")
  else
    RESULTS+=("$row")
  fi
}

# ---- USSD: bench/UssdLoad.java plays TruTeq for ussd-transport; EchoWorkers answer through RabbitMQ.

USSD_PID= WORKER_PIDS= GENERATOR_PID=
ussd_test() {
  local jar_dir="$WORK/ussd-transport-jar" cp
  # The generator reuses ussd-transport's SSMI codec and Netty, from the classes and libraries in its jar.
  mkdir -p "$jar_dir"
  (cd "$jar_dir" && jar xf "$JARS/ussd-transport.jar" BOOT-INF/classes BOOT-INF/lib)
  cp="$jar_dir/BOOT-INF/classes:$(ls "$jar_dir"/BOOT-INF/lib/netty-*.jar "$jar_dir"/BOOT-INF/lib/slf4j-api-*.jar \
    | tr '\n' ':')"
  local ssmi_password warm_up=$USSD_WARM_UP
  ssmi_password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  rm -f "$WORK/ussd.go"
  generator_says() {
    grep -q "^$1" "$WORK/ussd-load.log"
  }
  # Netty's SLF4J finds no logging provider on this class path, as meant: the generator logs nothing per message.
  java -Dslf4j.internal.verbosity=ERROR -cp "$cp" "$BENCH_DIR/UssdLoad.java" "$USSD_PORT" bench "$ssmi_password" \
    "$USSD_SESSIONS" "$USSD_MESSAGES" "$warm_up" "$USSD_THINK_MS" "$USSD_SESSION_TIMEOUT" "$DURATION" "$SETTLE" 300 \
    "$WORK/ussd.go" \
    > "$WORK/ussd-load.log" 2>&1 &
  GENERATOR_PID=$!
  PIDS+=("$GENERATOR_PID")
  wait_for "$GENERATOR_PID" 60 generator_says LISTENING || fail_start ussd-load

  java -jar "$JARS/ussd-transport.jar" "${bus_args[@]}" \
    --richmond.ussd.transport-name="${PREFIX}truteq" --richmond.ssmi.host=127.0.0.1 \
    --richmond.ssmi.port="$USSD_PORT" --richmond.ssmi.username=bench --richmond.ssmi.password="$ssmi_password" \
    > "$WORK/ussd-transport.log" 2>&1 &
  USSD_PID=$!
  PIDS+=("$USSD_PID")
  ussd_started() {
    grep -q "Started UssdTransportApplication" "$WORK/ussd-transport.log"
  }
  wait_for "$USSD_PID" 180 ussd_started || fail_start ussd-transport
  local worker pid
  for worker in $(seq 1 "$USSD_WORKERS"); do
    RICHMOND_AMQP_URI=$AMQP_URI RICHMOND_AMQP_EXCHANGE=$RUN \
      java -jar "$JARS/worker-runner.jar" --worker io.richmond.workers.EchoWorker \
      --workers-dir "$JARS/workers" --transport "${PREFIX}truteq" --concurrency "$USSD_CONCURRENCY" \
      > "$WORK/echo-worker-$worker.log" 2>&1 &
    pid=$!
    PIDS+=("$pid")
    WORKER_PIDS="$WORKER_PIDS $pid"
    worker_consuming() {
      grep -q "is consuming" "$WORK/echo-worker-$worker.log"
    }
    wait_for "$pid" 180 worker_consuming || fail_start "echo-worker-$worker"
  done

  echo "ussd-warm-up: $warm_up sessions of $USSD_MESSAGES messages" >&2
  if ! wait_for "$GENERATOR_PID" $((DURATION + 60)) generator_says READY; then
    echo "the USSD warm-up did not finish; the end of $WORK/ussd-load.log:" >&2
    tail -n 20 "$WORK/ussd-load.log" >&2
    exit 2
  fi
  echo "ussd: $USSD_SESSIONS sessions of $USSD_MESSAGES messages, think time ${USSD_THINK_MS} ms" >&2
  local cpu_before cpu_after
  find_server_pids
  cpu_before=$(ussd_cpu)
  touch "$WORK/ussd.go"
  wait_for "$GENERATOR_PID" $((DURATION + 60)) generator_says LAST || true
  cpu_after=$(ussd_cpu)
  wait_for - $((SETTLE + 30)) generator_says BENCH || true
  if ! generator_says BENCH; then
    echo "the USSD load generator ended without its figures; the end of $WORK/ussd-load.log:" >&2
    tail -n 20 "$WORK/ussd-load.log" >&2
    mark_failed ussd
    return
  fi
  local field sessions ended requests replies missing unexpected wrong seconds check=ok
  for field in sessions ended requests replies missing unexpected wrong seconds; do
    printf -v "$field" '%s' "$(bench_field ussd-load.log "$field")"
  done
  local counts="sessions $sessions, ended $ended, requests $requests, replies $replies, missing $missing,
 unexpected $unexpected, wrong $wrong"
  if [ "$ended" != "$sessions" ] || [ "$missing" != 0 ] || [ "$unexpected" != 0 ] || [ "$wrong" != 0 ] \
    || [ "$requests" != $((sessions * USSD_MESSAGES)) ]; then
    check=FAILED
    mark_failed "ussd: $counts"
  else
    echo "ussd: $replies replies in ${seconds}s; $counts" >&2
  fi
  USSD_RESULTS+=("$(printf '%-10s %8s %7s %8s %8s %8s ' ussd "$sessions" "$replies" \
    "$(bench_field ussd-load.log msg_per_s)" "$(bench_field ussd-load.log p50_ms)" \
    "$(bench_field ussd-load.log p99_ms)")$(cpu_percent "$cpu_before" "$cpu_after" "$seconds")  $check")
  # The transport and workers idle from here on; stopping them keeps the later tests' CPU figures clean.
  for pid in $WORKER_PIDS $USSD_PID; do
    stop_process "$pid"
  done
}

ussd_cpu() {
  cpu_snapshot "$USSD_PID" "$WORKER_PIDS" "$RABBIT_PID" "$GENERATOR_PID"
}

# ---- Kannel 1.4.5: the same MT and MO loads, through bearerbox and smsbox.

BEARERBOX_PID= SMSBOX_PID=
start_kannel() {
  mkdir -p "$WORK/kannel-store"
  cat > "$WORK/kannel.conf" <<KANNEL
group = core
admin-port = $KANNEL_ADMIN_PORT
admin-password = $PASSWORD
admin-interface = 127.0.0.1
smsbox-port = $KANNEL_SMSBOX_PORT
smsbox-interface = 127.0.0.1
box-allow-ip = 127.0.0.1
log-file = "$WORK/bearerbox.log"
log-level = 1
access-log = "$WORK/bearerbox-access.log"
store-type = file
store-location = "$WORK/kannel-store/kannel.store"

group = smsc
smsc = http
smsc-id = clickatell
system-type = clickatell
send-url = "http://127.0.0.1:$NGINX_PORT/http"
smsc-username = bench
smsc-password = bench
system-id = 1
port = $KANNEL_MO_PORT
connect-allow-ip = 127.0.0.1
max-pending-submits = $KANNEL_PENDING

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = $KANNEL_SMSBOX_PORT
sendsms-port = $KANNEL_SENDSMS_PORT
sendsms-interface = 127.0.0.1
log-file = "$WORK/smsbox.log"
log-level = 1
access-log = "$WORK/smsbox-access.log"

group = sendsms-user
username = $USER_NAME
password = $PASSWORD
user-allow-ip = 127.0.0.1

# Every MO goes to the sink; max-messages 0: the sink's answer is not sent back as an SMS.
group = sms-service
keyword = default
catch-all = true
get-url = "http://127.0.0.1:$NGINX_PORT/sink/kannel?text=%a"
max-messages = 0
KANNEL
  # -v 2: warnings and errors on the terminal (its default is debug); the log files get info.
  bearerbox -v 2 "$WORK/kannel.conf" > "$WORK/bearerbox.out" 2>&1 &
  BEARERBOX_PID=$!
  PIDS+=("$BEARERBOX_PID")
  bearerbox_running() {
    curl -sf "http://127.0.0.1:$KANNEL_ADMIN_PORT/status.txt?password=$PASSWORD" | grep -q "running"
  }
  wait_for "$BEARERBOX_PID" 60 bearerbox_running || fail_start bearerbox
  smsbox -v 2 "$WORK/kannel.conf" > "$WORK/smsbox.out" 2>&1 &
  SMSBOX_PID=$!
  PIDS+=("$SMSBOX_PID")
  wait_for "$SMSBOX_PID" 60 listening "$KANNEL_SENDSMS_PORT" || fail_start smsbox
  wait_for "$BEARERBOX_PID" 60 listening "$KANNEL_MO_PORT" || fail_start bearerbox
}

kannel_cpu() {
  cpu_snapshot "$BEARERBOX_PID" "$SMSBOX_PID" "$NGINX_WORKERS"
}

kannel_mt_test() {
  local name=$1 requests=$2 connections=$3 recipients=$4
  kannel_mt_phase "kannel-$name-warm-up" $(warm_up_count "$requests") "$connections" "$recipients"
  kannel_mt_phase "kannel-$name" "$requests" "$connections" "$recipients"
}

# Kannel's MT counts: SMS smsbox accepted (its access log, a line per recipient), and sendmsg calls at nginx with the
# test's text, each SMS told apart by its cliMsgId and recipient.
kannel_mt_phase() {
  local name=$1 requests=$2 connections=$3 recipients=$4 tag
  local lines_before accepted_before cpu_before cpu_after start end accepted arrived unique_ids
  tag=$(kannel_tag "$name")
  lines_before=$(wc -l < "$WORK/sendmsg.log")
  echo "$name: $requests requests of $recipients recipient(s), $connections connections" >&2
  cpu_before=$(kannel_cpu)
  start=$(now)
  run_wrk "$name" "$requests" "$connections" kannel-send.lua "http://127.0.0.1:$KANNEL_SENDSMS_PORT" "$tag" \
    "$recipients"
  kannel_accepted() {
    grep -c "send-SMS request added .* request: '$tag'\$" "$WORK/smsbox-access.log" || true
  }
  all_at_provider() {
    accepted=$(kannel_accepted)
    [ "$(log_since "$WORK/sendmsg.log" "$lines_before" 3 4 "$tag" | cut -d' ' -f1)" -ge "$accepted" ]
  }
  wait_for - "$WAIT_SECONDS" all_at_provider || echo "$name: not every SMS reached the provider in ${WAIT_SECONDS}s" >&2
  cpu_after=$(kannel_cpu)
  sleep "$SETTLE"
  read -r arrived unique_ids end <<<"$(log_since "$WORK/sendmsg.log" "$lines_before" 3 4 "$tag")"
  accepted=$(kannel_accepted)
  local exact=yes answered=$(( $(wrk_field "$name" answers) * recipients ))
  [ "$accepted" -ge "$answered" ] && [ "$arrived" = "$accepted" ] && [ "$unique_ids" = "$arrived" ] || exact=no
  SYSTEM=kannel report "$name" "$arrived" "$exact" "$start" "$end" "$cpu_before" "$cpu_after" \
    "accepted by smsbox $accepted (answered $answered), sendmsg at nginx $arrived with distinct cliMsgId and" \
    "recipient $unique_ids"
}

kannel_mo_test() {
  local requests=$1
  kannel_mo_phase kannel-mo-warm-up $(warm_up_count "$requests")
  kannel_mo_phase kannel-mo "$requests"
}

# Kannel's MO counts: SMS bearerbox received (its access log), and calls at the sink, each text unique.
kannel_mo_phase() {
  local name=$1 requests=$2 tag
  local lines_before cpu_before cpu_after start end received arrived unique_texts
  tag=$(kannel_tag "$name")
  lines_before=$(wc -l < "$WORK/kannel-sink.log")
  echo "$name: $requests Clickatell MO callbacks, 64 connections" >&2
  cpu_before=$(kannel_cpu)
  start=$(now)
  run_wrk "$name" "$requests" 64 kannel-mo.lua "http://127.0.0.1:$KANNEL_MO_PORT" "$tag"
  kannel_received() {
    grep -c "Receive SMS .*\[msg:[0-9]*:${tag}t" "$WORK/bearerbox-access.log" || true
  }
  all_called_back() {
    received=$(kannel_received)
    [ "$received" -ge "$(wrk_field "$name" answers)" ] \
      && [ "$(log_since "$WORK/kannel-sink.log" "$lines_before" 2 | cut -d' ' -f2)" -ge "$received" ]
  }
  wait_for - "$WAIT_SECONDS" all_called_back || echo "$name: not every MO reached the sink in ${WAIT_SECONDS}s" >&2
  cpu_after=$(kannel_cpu)
  sleep "$SETTLE"
  read -r arrived unique_texts end <<<"$(log_since "$WORK/kannel-sink.log" "$lines_before" 2)"
  received=$(kannel_received)
  local accepted exact=yes
  accepted=$(wrk_field "$name" answers)
  [ "$received" -ge "$accepted" ] && [ "$arrived" = "$received" ] && [ "$unique_texts" = "$received" ] || exact=no
  SYSTEM=kannel report "$name" "$received" "$exact" "$start" "$end" "$cpu_before" "$cpu_after" \
    "answered by bearerbox $accepted, received $received, at the sink $arrived with distinct texts $unique_texts"
}

[ -n "$SMS_TESTS" ] && start_sms_services
for test in $TESTS; do
  case "$test" in
    mt-single) mt_test mt-single "$REQUESTS_MT_SINGLE" 64 1 ;;
    mt-bulk) mt_test mt-bulk "$REQUESTS_MT_BULK" 8 100 ;;
    mo) mo_test "$REQUESTS_MO" ;;
    ussd) ussd_test ;;
  esac
done
if [ -n "$WITH_KANNEL" ] && [ -n "$SMS_TESTS" ]; then
  start_kannel
  for test in $TESTS; do
    case "$test" in
      mt-single) kannel_mt_test mt-single "$REQUESTS_MT_SINGLE" 64 1 ;;
      mt-bulk) kannel_mt_test mt-bulk "$REQUESTS_MT_BULK" 8 100 ;;
      mo) kannel_mo_test "$REQUESTS_MO" ;;
    esac
  done
fi

echo
echo "Richmond end to end, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ ${#RESULTS[@]} -gt 0 ]; then
  printf '%-10s %7s %8s %8s %8s %6s %6s %6s %6s %6s %6s  %s\n' test msgs msg/s p50_ms p99_ms api sms disp rabbit pg \
    nginx exactly-once
  printf '%s\n' "${RESULTS[@]}"
  echo "CPU in % of one core over the measured interval; p50/p99: wrk's request latency"
fi
if [ ${#USSD_RESULTS[@]} -gt 0 ]; then
  echo
  printf '%-10s %8s %7s %8s %8s %8s %6s %6s %6s %6s  %s\n' test sessions msgs msg/s hop_p50 hop_p99 ussd worker \
    rabbit loadgen exactly-once
  printf '%s\n' "${USSD_RESULTS[@]}"
  echo "msgs: replies back at the load generator; hop: a request written to its reply read, in ms;" \
    "think time ${USSD_THINK_MS} ms; $USSD_WORKERS worker runner(s) of $USSD_CONCURRENCY threads"
fi
if [ ${#KANNEL_RESULTS[@]} -gt 0 ]; then
  echo
  echo "Kannel $(dpkg-query -W -f='${Version}' kannel), same run, same loads and nginx"
  printf '%-10s %7s %8s %8s %8s %6s %6s %6s  %s\n' test msgs msg/s p50_ms p99_ms bearer smsbox nginx exactly-once
  printf '%s\n' "${KANNEL_RESULTS[@]}"
  echo
  echo "Richmond/Kannel msg/s"
  for test in $TESTS; do
    [ -n "${RATES[kannel:$test]:-}" ] && [ -n "${RATES[richmond:$test]:-}" ] || continue
    awk -v t="$test" -v r="${RATES[richmond:$test]}" -v k="${RATES[kannel:$test]}" \
      'BEGIN { printf "%-10s %8s / %8s = %s\n", t, r, k, (k > 0 ? sprintf("%.2f", r / k) : "n/a") }'
  done
fi
echo "logs: $WORK"
exit "$FAILED"
