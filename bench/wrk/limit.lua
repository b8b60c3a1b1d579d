-- Shared by the bench's wrk scripts (bench/run.sh loads it with dofile). wrk runs for a fixed duration; this ends
-- each thread once it has BENCH_REQUESTS / BENCH_THREADS answers, leaves a marker file in BENCH_DONE_DIR so that
-- run.sh can stop wrk early, and prints one machine-readable line: answers, non-2xx answers and latency.
local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("thread_id", next_id)
  table.insert(threads, thread)
end

answers = 0
non2xx = 0
local finished = false

function init(args)
  limit = math.ceil(tonumber(os.getenv("BENCH_REQUESTS")) / tonumber(os.getenv("BENCH_THREADS")))
  if prepare then prepare() end
end

function response(status, headers, body)
  answers = answers + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
  if answers >= limit and not finished then
    finished = true
    local marker = io.open(os.getenv("BENCH_DONE_DIR") .. "/thread-" .. thread_id, "w")
    marker:close()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local total, bad = 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("answers")
    bad = bad + thread:get("non2xx")
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("BENCH answers=%d non2xx=%d socket_errors=%d p50_ms=%.1f p99_ms=%.1f\n",
    total, bad, errors, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
