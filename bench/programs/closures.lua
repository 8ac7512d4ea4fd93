-- closures: higher-order functions and captured state: map/filter/reduce
-- pipelines, counter objects built from closures, function composition
-- and currying. Checksum is an exact integer reduced modulo a prime.

local M = 1000003

local function map(t, f)
  local r = {}
  for i = 1, #t do r[i] = f(t[i]) end
  return r
end

local function filter(t, p)
  local r, n = {}, 0
  for i = 1, #t do
    local x = t[i]
    if p(x) then n = n + 1; r[n] = x end
  end
  return r
end

local function reduce(t, f, acc)
  for i = 1, #t do acc = f(acc, t[i]) end
  return acc
end

local function compose(f, g)
  return function(x) return f(g(x)) end
end

local function adder(k)
  return function(x) return x + k end
end

local function multiplier(k)
  return function(x) return (x * k) % M end
end

local function make_counter(step)
  local count = 0
  return {
    inc = function() count = count + step; return count end,
    get = function() return count end,
    reset = function() count = 0 end,
  }
end

local function curry3(f)
  return function(a)
    return function(b)
      return function(c) return f(a, b, c) end
    end
  end
end

local function round(data, r)
  -- fresh closures each round so creation cost is part of the workload
  local f = compose(multiplier(r % 7 + 2), adder(r))
  local g = compose(adder(1), compose(f, adder(3)))
  local mapped = map(data, g)
  local evens = filter(mapped, function(x) return x % 2 == 0 end)
  local s = reduce(evens, function(acc, x) return (acc + x) % M end, 0)
  local counters = {}
  for i = 1, 10 do counters[i] = make_counter(i) end
  for j = 1, 20 do
    for i = 1, 10 do counters[i].inc() end
  end
  local csum = 0
  for i = 1, 10 do csum = csum + counters[i].get() end
  local add3 = curry3(function(a, b, c) return a * 100 + b * 10 + c end)
  local cur = add3(r % 10)(3)(7)
  return (s + csum + cur + #evens) % M
end

-- n = number of rounds over a 500-element array
local function run(n)
  local data = {}
  for i = 1, 500 do data[i] = i end
  local checksum = 0
  for r = 1, n do
    checksum = (checksum * 31 + round(data, r)) % M
  end
  return checksum
end

-- Driver: arg[1] = size (default 45000), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 45000
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
  print(string.format("closures: %d", result))
end
return run
