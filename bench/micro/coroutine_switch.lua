-- Coroutine switching micro-benchmark (runs on lua5.4 and bin/moat).
-- Prints, per round, the wall time of one resume/yield round trip and of creating a coroutine and
-- running it to completion, in microseconds. Later rounds show the warm (compiled) cost.
-- arg[1] = round trips per round (default 200000), arg[2] = creations per round (default 20000),
-- arg[3] = rounds (default 10).
local N = tonumber(arg and arg[1]) or 200000
local C = tonumber(arg and arg[2]) or 20000
local ROUNDS = tonumber(arg and arg[3]) or 10
local clock = os.clock

local function round_trips(n)
  local co = coroutine.wrap(function()
    while true do coroutine.yield() end
  end)
  local t0 = clock()
  for _ = 1, n do co() end
  return (clock() - t0) / n * 1e6
end

local function nested_round_trips(n)
  -- a coroutine resuming another: both sides of each switch are coroutines
  local inner = coroutine.wrap(function()
    while true do coroutine.yield() end
  end)
  local outer = coroutine.wrap(function()
    local t0 = clock()
    for _ = 1, n do inner() end
    coroutine.yield((clock() - t0) / n * 1e6)
  end)
  return outer()
end

local function body(x) return x end

local function create_finish(n)
  local t0 = clock()
  local resume, create = coroutine.resume, coroutine.create
  for i = 1, n do
    resume(create(body), i)
  end
  return (clock() - t0) / n * 1e6
end

for r = 1, ROUNDS do
  io.write(string.format("round %d: round trip %.3f us, nested round trip %.3f us, create+finish %.3f us\n",
    r, round_trips(N), nested_round_trips(N), create_finish(C)))
end
