#!/usr/bin/env bash
# sms-transport's sending throughput: nginx plays a fast Clickatell (`ID: <unique id>` for every sendmsg), one
# sms-transport instance consumes the outbound queue, and a client publishes COUNT messages and times them until
# the last ack is back on the event queue. It prints the CPU seconds each process spent on the measured messages.
#
# TRANSPORT=null replaces sms-transport with bench/NullTransport.java, which only turns each message into an ack
# event: the broker's ceiling on this machine. Needs the built jars (mvn -DskipTests install), RabbitMQ on
# RICHMOND_AMQP_URI (default local) and nginx (apt-get install nginx-light). ASYNC_PROFILER=<libasyncProfiler.so>
# profiles the transport's CPU over the measured run into $WORK/profile.collapsed (the path is printed). Stops what
# it starts and deletes the exchange it declared, and its queues when rabbitmqctl is at hand.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-20000}
WARMUP=${WARMUP:-20000}
TRANSPORT=${TRANSPORT:-sms-transport}
AMQP_URI=${RICHMOND_AMQP_URI:-amqp://guest:guest@127.0.0.1:5672/%2F}
RUN=bench$(date +%s)
WORK=$(mktemp -d)
NGINX_PORT=18080
SMS_PORT=18001

command -v nginx >/dev/null || { echo "nginx is missing: apt-get install -y nginx-light" >&2; exit 2; }
CP=$(mvn -B -q -pl worker-sdk dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime)

cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location /http/sendmsg { default_type text/plain; return 200 "ID: \$request_id"; }
  }
}
NGINX
nginx -c "$WORK/nginx.conf"
cleanup() {
  [ -n "${TRANSPORT_PID:-}" ] && kill "$TRANSPORT_PID" 2>/dev/null && wait "$TRANSPORT_PID" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  java -cp "$CP" bench/SmsTransportThroughput.java delete-exchange "$AMQP_URI" "$RUN" >/dev/null 2>&1 || true
  if command -v rabbitmqctl >/dev/null; then
    for queue in $(rabbitmqctl list_queues -q name 2>/dev/null | grep "^$RUN" || true); do
      rabbitmqctl delete_queue -q "$queue" </dev/null >/dev/null 2>&1 || true
    done
  fi
}
trap cleanup EXIT

if [ "$TRANSPORT" = null ]; then
  java -cp "$CP" bench/NullTransport.java "$AMQP_URI" "$RUN" "${RUN}_clickatell" 32 20 > "$WORK/transport.log" 2>&1 &
  TRANSPORT_PID=$!
  ready() { grep -q consuming "$WORK/transport.log"; }
else
  # Nothing posts to the webhooks here, but sms-transport starts only with them protected.
  WEBHOOK_PASSWORD=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  RICHMOND_SMS_CLICKATELL_WEBHOOK_PASSWORD=$WEBHOOK_PASSWORD RICHMOND_SMS_OPERA_WEBHOOK_PASSWORD=$WEBHOOK_PASSWORD \
  java ${SMS_JAVA_OPTS:-} -jar sms-transport/target/sms-transport.jar --server.port=$SMS_PORT \
    --richmond.amqp.uri="$AMQP_URI" --richmond.amqp.exchange="$RUN" \
    --richmond.sms.clickatell.transport-name="${RUN}_clickatell" --richmond.sms.opera.transport-name="${RUN}_opera" \
    --richmond.sms.clickatell.base-url="http://127.0.0.1:$NGINX_PORT/http" --richmond.sms.clickatell.auth=per-call \
    --richmond.sms.clickatell.api-id=1 --richmond.sms.clickatell.username=bench \
    --richmond.sms.clickatell.password=bench --logging.level.io.richmond=WARN \
    --richmond.sms.clickatell.webhook.username=bench --richmond.sms.opera.webhook.username=bench \
    > "$WORK/transport.log" 2>&1 &
  TRANSPORT_PID=$!
  ready() { (exec 3<>/dev/tcp/127.0.0.1/$SMS_PORT) 2>/dev/null; }
fi
for _ in $(seq 1 120); do
  ready && break
  kill -0 "$TRANSPORT_PID" 2>/dev/null || { cat "$WORK/transport.log" >&2; exit 1; }
  sleep 1
done

# CPU seconds (user + system) a process has used so far, and since an earlier reading.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$1/stat"
}
since() {
  awk -v now="$(cpu_seconds "$1")" -v before="$2" 'BEGIN { printf "%.1f", now - before }'
}

echo "warm-up: $WARMUP messages"
java -cp "$CP" bench/SmsTransportThroughput.java "$AMQP_URI" "$RUN" "${RUN}_clickatell" "$WARMUP"
RABBIT_PID=$(pgrep -o beam.smp || true)
NGINX_WORKER=$(pgrep -P "$(cat "$WORK/nginx.pid")")
transport_before=$(cpu_seconds "$TRANSPORT_PID")
nginx_before=$(cpu_seconds "$NGINX_WORKER")
rabbit_before=$([ -n "$RABBIT_PID" ] && cpu_seconds "$RABBIT_PID" || echo 0)
if [ -n "${ASYNC_PROFILER:-}" ]; then
  jcmd "$TRANSPORT_PID" JVMTI.agent_load "$ASYNC_PROFILER" '"start,event=itimer,interval=1ms"' >/dev/null
fi
echo "measured: $COUNT messages"
java -cp "$CP" bench/SmsTransportThroughput.java "$AMQP_URI" "$RUN" "${RUN}_clickatell" "$COUNT"
if [ -n "${ASYNC_PROFILER:-}" ]; then
  jcmd "$TRANSPORT_PID" JVMTI.agent_load "$ASYNC_PROFILER" "\"stop,file=$WORK/profile.collapsed,collapsed\"" >/dev/null
  echo "profile: $WORK/profile.collapsed"
fi
echo "CPU seconds during the measured run: $TRANSPORT $(since "$TRANSPORT_PID" "$transport_before")," \
  "nginx $(since "$NGINX_WORKER" "$nginx_before")," \
  "RabbitMQ $([ -n "$RABBIT_PID" ] && since "$RABBIT_PID" "$rabbit_before" || echo "not local")"
