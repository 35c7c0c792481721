-- wrk script for kb's load test (tests/load/loadtest.py runs it; see the README, "Load and fault tests").
--
-- With KB_LOAD_BODIES set to a Lua file returning {{content_type, body}, ...}, every request is a
-- POST of one of those bodies (picked at random per request) to the URL's path; without it, a GET.
-- `done` prints one JSON line that loadtest.py reads: requests, duration, latency percentiles,
-- non-2xx answers and socket errors.

local bodies = nil
local path = nil

function init(args)
  path = wrk.path
  local file = os.getenv("KB_LOAD_BODIES")
  if file and file ~= "" then
    bodies = dofile(file)
  end
  -- A different sequence per thread; the same from run to run.
  math.randomseed(tonumber(os.getenv("KB_LOAD_SEED") or "7") + (wrk.thread and 1 or 0))
end

function request()
  if not bodies then
    return wrk.format("GET", path, { ["Accept"] = "application/json" })
  end
  local pick = bodies[math.random(#bodies)]
  return wrk.format("POST", path, { ["Content-Type"] = pick[1], ["Accept"] = "application/json" }, pick[2])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "p50_ms": %.2f, "p90_ms": %.2f, "p99_ms": %.2f, ' ..
    '"max_ms": %.2f, "mean_ms": %.2f, "non_2xx": %d, "connect_errors": %d, "read_errors": %d, ' ..
    '"write_errors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000,
    e.status, e.connect, e.read, e.write, e.timeout))
end
