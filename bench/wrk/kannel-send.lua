-- MT load through Kannel: GET smsbox's /cgi-bin/sendsms with BENCH_RECIPIENTS recipients in `to`, separated by
-- spaces (Kannel's multi-recipient form), and the text BENCH_TAG, which marks this test's SMS at the fake provider.
dofile(os.getenv("BENCH_DIR") .. "/wrk/limit.lua")

local recipients = {}
for i = 1, tonumber(os.getenv("BENCH_RECIPIENTS")) do
  table.insert(recipients, string.format("2782%07d", i))
end
wrk.path = string.format("/cgi-bin/sendsms?username=%s&password=%s&from=27123456789&to=%s&text=%s",
  os.getenv("BENCH_KANNEL_USER"), os.getenv("BENCH_KANNEL_PASSWORD"), table.concat(recipients, "+"),
  os.getenv("BENCH_TAG"))
