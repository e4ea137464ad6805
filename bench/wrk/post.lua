-- wrk script of bench/run.sh: POSTs a JSON body with a random customer id to one path, and prints one result line
-- (requests, errors, latency percentiles from wrk's own histogram) for the benchmark to read.
--
-- Environment (set by the benchmark for each run):
--   BENCH_BODY       the request body; "{id}" is replaced by a random customer id for each request
--   BENCH_AUTH       the Authorization header value, or empty
--   BENCH_MCP        "1": send the MCP headers (Accept and protocol version)
--   BENCH_FAILURE    a text that marks a failed answer even with status 200 (MCP "isError":true, GraphQL "errors"),
--                    or empty: then only the status and socket errors count (the response is not read by Lua at all)
--   BENCH_CUSTOMERS  the highest customer id

local prefix, suffix = os.getenv("BENCH_BODY"):match("^(.*){id}(.*)$")
local customers = tonumber(os.getenv("BENCH_CUSTOMERS") or "100000")
local failure = os.getenv("BENCH_FAILURE") or ""

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local auth = os.getenv("BENCH_AUTH") or ""
if auth ~= "" then
  wrk.headers["Authorization"] = auth
end
if os.getenv("BENCH_MCP") == "1" then
  wrk.headers["Accept"] = "application/json, text/event-stream"
  wrk.headers["MCP-Protocol-Version"] = "2025-06-18"
end

local threads = {}

function setup(thread)
  thread:set("seed", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  failed = 0
  math.randomseed(os.time() * 1000 + seed)
end

function request()
  return wrk.format(nil, nil, nil, prefix .. math.random(1, customers) .. suffix)
end

-- Only defined when a 200 can still be a failure: wrk hands bodies to Lua only when `response` exists.
if failure ~= "" then
  function response(status, headers, body)
    if status == 200 and body:find(failure, 1, true) then
      failed = failed + 1
    end
  end
end

function done(summary, latency, requests)
  local failed_total = 0
  for _, thread in ipairs(threads) do
    failed_total = failed_total + (thread:get("failed") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"socket_errors":%d,"status_errors":%d,"failed":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status, failed_total,
    latency:percentile(50), latency:percentile(90), latency:percentile(99)))
end
