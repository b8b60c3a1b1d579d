-- MT load: POST send.json with BENCH_RECIPIENTS recipients per request and the message BENCH_TAG, which marks this
-- test's SMS in the database. Every request carries the same body: the API gives each recipient its own SMS.
dofile(os.getenv("BENCH_DIR") .. "/wrk/limit.lua")

local recipients = {}
for i = 1, tonumber(os.getenv("BENCH_RECIPIENTS")) do
  table.insert(recipients, string.format("to_msisdn=2782%07d", i))
end
wrk.method = "POST"
wrk.headers["Authorization"] = "Basic " .. os.getenv("BENCH_BASIC_AUTH")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = table.concat(recipients, "&") .. "&from_msisdn=27123456789&message=" .. os.getenv("BENCH_TAG")
