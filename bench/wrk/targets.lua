-- Requests the targets listed in a file, round-robin, each with its own Host and Cookie headers.
-- The file (first script argument) holds one target per line: host <TAB> path <TAB> cookie.
-- Any answer other than 200 is counted as an error. Ends with one JSON line of results.

local threads = {}

function setup(thread)
  thread:set("offset", #threads)
  table.insert(threads, thread)
end

function init(args)
  targets = {}
  for line in io.lines(args[1]) do
    local host, path, cookie = line:match("^([^\t]+)\t([^\t]+)\t?(.*)$")
    local headers = { Host = host }
    if cookie ~= "" then headers["Cookie"] = cookie end
    table.insert(targets, wrk.format("GET", path, headers))
  end
  next_target = offset % #targets
  not_ok = 0
end

function request()
  next_target = next_target % #targets + 1
  return targets[next_target]
end

function response(status, headers, body)
  if status ~= 200 then not_ok = not_ok + 1 end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do failed = failed + thread:get("not_ok") end
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"not_ok":%d,"socket_errors":%d,"timeouts":%d,' ..
    '"p50_us":%d,"p95_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, failed, e.connect + e.read + e.write, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
