-- The bench's HTTP load in wrk (C, one thread): requests cycle through the list bench/wrk.ts
-- writes (method, path, headers, body), each connection one request after the other (closed
-- loop) for wrk's duration. Counts statuses, x-db-queries and the limiter's Server-Timing, and
-- prints one JSON line that bench/wrk.ts reads. (wrk.thread:stop() from response() hangs wrk 4.1:
-- runs are bounded by time only.)
local data = dofile(os.getenv("WRK_REQUESTS"))
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  n = 0
  statuses = {}
  queries = {}
  limiter = {}
  built = {}
  for i, r in ipairs(data) do
    built[i] = wrk.format(r[1], r[2], r[3], r[4])
  end
end

function request()
  n = n + 1
  return built[((n - 1) % #built) + 1]
end

local function bump(t, k)
  t[k] = (t[k] or 0) + 1
end

function response(status, headers, body)
  bump(statuses, tostring(status))
  local q = headers["x-db-queries"] or headers["X-Db-Queries"]
  if q then bump(queries, q) end
  local st = headers["server-timing"] or headers["Server-Timing"]
  if st then
    local d = string.match(st, "ratelimit;dur=([%d%.]+)")
    if d then table.insert(limiter, tonumber(d)) end
  end
end

local function object(t)
  local parts = {}
  for k, v in pairs(t) do table.insert(parts, string.format("%q:%d", k, v)) end
  return "{" .. table.concat(parts, ",") .. "}"
end

function done(summary, latency, requests)
  local statuses, queries, limiter = {}, {}, {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do statuses[k] = (statuses[k] or 0) + v end
    for k, v in pairs(t:get("queries")) do queries[k] = (queries[k] or 0) + v end
    for _, v in ipairs(t:get("limiter")) do table.insert(limiter, v) end
  end
  local e = summary.errors
  local errors = { connect = e.connect, read = e.read, write = e.write, timeout = e.timeout }
  local failed = {}
  for k, v in pairs(errors) do if v > 0 then failed["error:" .. k] = v end end
  for k, v in pairs(failed) do statuses[k] = v end
  -- The latency histogram (microseconds → count), so that segments combine exactly. wrk has
  -- already added its coordinated-omission samples to it: bench/wrk.ts takes them out again.
  local hist = {}
  for i = 1, #latency do
    local us, c = latency(i)
    hist[#hist + 1] = us .. ":" .. c
  end
  io.write(string.format('WRK_RESULT {"durationUs":%d,"requests":%d,"hist":"%s","statuses":%s,"dbQueries":%s,"limiter":[%s]}\n',
    summary.duration, summary.requests, table.concat(hist, ","), object(statuses), object(queries), table.concat(limiter, ",")))
end
