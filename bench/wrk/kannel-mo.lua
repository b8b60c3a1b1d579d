-- MO load through Kannel: Clickatell's two-way callback as a GET to the port of Kannel's clickatell http smsc, which
-- takes an MO only with api_id, from, to, timestamp, text, charset and udh present (udh may be empty). The text is
-- BENCH_TAG plus a number unique in the run, so that the sink can tell each SMS from the others.
dofile(os.getenv("BENCH_DIR") .. "/wrk/limit.lua")

local sent = 0

function request()
  sent = sent + 1
  return wrk.format("GET", string.format(
    "/?api_id=1&from=2782%07d&to=27123456789&timestamp=2026-11-23+09%%3A00%%3A00&charset=UTF-8&udh=&text=%st%dn%d",
    sent % 10000000, os.getenv("BENCH_TAG"), thread_id, sent))
end
