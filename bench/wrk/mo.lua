-- MO load: Clickatell's two-way callback POSTed to sms-transport's receive.json with the webhook's credentials
-- (BENCH_WEBHOOK_AUTH), the text BENCH_TAG marking this test's SMS in the database. moMsgId and api_id are unique
-- per request so that a stored duplicate shows as a repeated provider id.
dofile(os.getenv("BENCH_DIR") .. "/wrk/limit.lua")

local sent = 0

function prepare()
  wrk.method = "POST"
  wrk.headers["Authorization"] = "Basic " .. os.getenv("BENCH_WEBHOOK_AUTH")
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
