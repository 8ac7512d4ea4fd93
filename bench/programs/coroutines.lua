-- coroutines: generators via coroutine.wrap, a producer/filter/consumer
-- pipeline via resume/yield with values passed both ways, and a prime
-- sieve built from a chain of filtering coroutines.

local M = 1000003

local function range_gen(a, b)
  return coroutine.wrap(function()
    for i = a, b do coroutine.yield(i) end
  end)
end

local function map_gen(gen, f)
  return coroutine.wrap(function()
    for x in gen do coroutine.yield(f(x)) end
  end)
end

local function take_sum(gen)
  local s = 0
  for x in gen do s = (s + x) % M end
  return s
end

-- producer -> consumer, consumer sends acknowledgements back into resume
local function producer_consumer(count)
  local producer = coroutine.create(function(ack)
    local total = 0
    for i = 1, count do
      ack = coroutine.yield(i * 3 % 101)
      total = total + ack
    end
    return -1, total
  end)
  local acc = 0
  local ok, v, total = coroutine.resume(producer, 0)
  while ok and v ~= -1 do
    acc = (acc + v) % M
    ok, v, total = coroutine.resume(producer, v % 7)
  end
  if not ok then error(v) end
  return (acc + total) % M
end

-- sieve: each prime found adds a new filtering coroutine to the chain
local function sieve(limit)
  local function numbers()
    return coroutine.wrap(function()
      for i = 2, limit do coroutine.yield(i) end
      return nil -- finish (never leave coroutines suspended: LuaJ keeps their threads alive)
    end)
  end
  local function filter(p, src)
    return coroutine.wrap(function()
      while true do
        local x = src()
        if x == nil then return nil end
        if x % p ~= 0 then coroutine.yield(x) end
      end
    end)
  end
  local src = numbers()
  local count, sum = 0, 0
  while true do
    local p = src()
    if p == nil then break end
    count = count + 1
    sum = sum + p
    src = filter(p, src)
  end
  return count * 100000 + sum % 100000
end

-- n = number of rounds
local function run(n)
  local checksum = 0
  for r = 1, n do
    local g = map_gen(range_gen(1, 200), function(x) return x * x + r end)
    local a = take_sum(g)
    local b = producer_consumer(200)
    local c = sieve(300)
    checksum = (checksum * 13 + a + b + c) % M
  end
  return checksum
end

-- Driver: arg[1] = size (default 10000), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 10000
local ITERS = tonumber(arg and arg[2]) or 1
local result
for it = 1, ITERS do
  local t0 = os.clock()
  result = run(N)
  if ITERS > 1 then
    local line = string.format("iteration %d %.6f\n", it, os.clock() - t0)
    if io.stderr then io.stderr:write(line) else io.write(line) end -- Moat has io.write only
  end
end
if ITERS > 0 then
  print(string.format("coroutines: %d", result))
end
return run
