#!/usr/bin/env bash
# sms-transport's sending throughput: nginx plays a fast Clickatell (`ID: <unique id>` for every sendmsg), one
# sms-transport instance consumes the outbound queue, and a client publishes COUNT messages and times them until
# the last ack is back on the event queue. Needs the built jars (mvn -DskipTests install), RabbitMQ on
# RICHMOND_AMQP_URI (default local) and nginx (apt-get install nginx-light). Stops what it starts.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-20000}
WARMUP=${WARMUP:-5000}
AMQP_URI=${RICHMOND_AMQP_URI:-amqp://guest:guest@127.0.0.1:5672/%2F}
RUN=bench$(date +%s)
WORK=$(mktemp -d)
NGINX_PORT=18080
SMS_PORT=18001

command -v nginx >/dev/null || { echo "nginx is missing: apt-get install -y nginx-light" >&2; exit 2; }
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
  [ -n "${SMS_PID:-}" ] && kill "$SMS_PID" 2>/dev/null && wait "$SMS_PID" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT

java ${SMS_JAVA_OPTS:-} -jar sms-transport/target/sms-transport.jar --server.port=$SMS_PORT \
  --richmond.amqp.uri="$AMQP_URI" --richmond.amqp.exchange="$RUN" \
  --richmond.sms.clickatell.transport-name="${RUN}_clickatell" --richmond.sms.opera.transport-name="${RUN}_opera" \
  --richmond.sms.clickatell.base-url="http://127.0.0.1:$NGINX_PORT/http" --richmond.sms.clickatell.auth=per-call \
  --richmond.sms.clickatell.api-id=1 --richmond.sms.clickatell.username=bench --richmond.sms.clickatell.password=bench \
  --logging.level.io.richmond=WARN > "$WORK/sms-transport.log" 2>&1 &
SMS_PID=$!
for _ in $(seq 1 120); do
  (exec 3<>/dev/tcp/127.0.0.1/$SMS_PORT) 2>/dev/null && break
  sleep 1
done

CP=$(mvn -B -q -o -pl worker-sdk dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime)
echo "warm-up: $WARMUP messages"
java -cp "$CP" bench/SmsTransportThroughput.java "$AMQP_URI" "$RUN" "${RUN}_clickatell" "$WARMUP"
echo "measured: $COUNT messages"
java -cp "$CP" bench/SmsTransportThroughput.java "$AMQP_URI" "$RUN" "${RUN}_clickatell" "$COUNT"
echo "sms-transport CPU time: $(ps -o cputime= -p $SMS_PID)"
