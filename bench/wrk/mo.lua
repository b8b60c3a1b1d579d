-- MO load: Clickatell's two-way callback (protocols.md 2.2) POSTed to sms-transport's receive.json, the text
-- BENCH_TAG marking this test's SMS in the database. moMsgId and api_id are unique per request so that a stored
-- duplicate shows as a repeated provider id.
dofile(os.getenv("BENCH_DIR") .. "/wrk/limit.lua")

local sent = 0

function prepare()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  prefix = os.getenv("BENCH_TAG") .. "-" .. thread_id .. "-"
end

function request()
  sent = sent + 1
  local id = prefix .. sent
  return wrk.format(nil, nil, nil, string.format(
    "to=27123456789&from=2782%07d&moMsgId=%s&api_id=%s&text=%s&timestamp=2026-11-23+09%%3A00%%3A00",
    sent % 10000000, id, id, os.getenv("BENCH_TAG")))
end
