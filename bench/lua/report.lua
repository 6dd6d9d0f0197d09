-- Shared by every wrk run of `make bench`: optional per-request tokens (a fresh voter each request), then a
-- JSON summary on the last line so bench/wrk.py reads figures instead of scraping wrk's text.
local tokens, thread_count, counter, thread_id = nil, 1, 0, 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  thread_id = id or 0
  thread_count = tonumber(args[2] or "1")
  if args[1] and args[1] ~= "" then
    tokens = {}
    for line in io.lines(args[1]) do
      table.insert(tokens, line)
    end
  end
end

function request()
  if tokens == nil then
    return wrk.format()
  end
  -- Thread t takes tokens t, t+n, t+2n...: no two requests share a voter.
  local index = counter * thread_count + thread_id + 1
  counter = counter + 1
  local token = tokens[index]
  if token == nil then
    return wrk.format(nil, "/_bench/exhausted/")
  end
  local headers = {}
  for key, value in pairs(wrk.headers) do headers[key] = value end
  headers["Authorization"] = "Token " .. token
  return wrk.format(nil, nil, headers)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '\n{"requests": %d, "seconds": %.6f, "non_2xx_3xx": %d, "socket_errors": %d, ' ..
    '"p50_ms": %.3f, "p90_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f}\n',
    summary.requests, summary.duration / 1e6, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
