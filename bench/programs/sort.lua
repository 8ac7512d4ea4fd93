-- sort: table.sort with the default order and with Lua comparators on
-- numbers, strings and records. Data comes from a Park-Miller LCG (exact
-- in both integer and double arithmetic; math.random is not used because
-- its sequence differs between Lua versions). Sorting is not stable, so
-- the checksum depends only on the sorted key sequence, never on ties.

local M = 1000003

local seed = 42
local function rand()
  seed = (seed * 16807) % 2147483647
  return seed
end

local function check_sorted(t, lt)
  for i = 2, #t do
    if lt(t[i], t[i - 1]) then error("not sorted at " .. i) end
  end
end

local function numbers_hash(t)
  local h = 0
  for i = 1, #t, 3 do h = (h * 31 + t[i] % 65536) % M end
  return h
end

local function round(size)
  local h = 0
  -- numbers, default comparator
  local a = {}
  for i = 1, size do a[i] = rand() % 100000 end
  table.sort(a)
  check_sorted(a, function(x, y) return x < y end)
  h = (h + numbers_hash(a)) % M

  -- numbers, descending comparator
  local b = {}
  for i = 1, size do b[i] = rand() % 100000 end
  local desc = function(x, y) return x > y end
  table.sort(b, desc)
  check_sorted(b, desc)
  h = (h * 7 + numbers_hash(b)) % M

  -- strings
  local s = {}
  local n = math.floor(size / 4)
  for i = 1, n do s[i] = string.format("s%07d", rand() % 1000000) end
  table.sort(s)
  for i = 1, #s, 5 do h = (h * 31 + s[i]:byte(-1) + s[i]:byte(-2)) % M end

  -- records by two keys
  local recs = {}
  for i = 1, n do recs[i] = { key = rand() % 1000, sub = rand() % 1000, id = i } end
  local bykey = function(p, q)
    if p.key ~= q.key then return p.key < q.key end
    return p.sub < q.sub
  end
  table.sort(recs, bykey)
  check_sorted(recs, bykey)
  for i = 1, #recs, 3 do h = (h * 31 + recs[i].key * 1000 + recs[i].sub) % M end
  return h
end

-- n = number of elements per numeric array (10 rounds)
local function run(n)
  seed = 42
  local checksum = 0
  for _ = 1, 10 do
    checksum = (checksum * 17 + round(n)) % M
  end
  return checksum
end

-- Driver: arg[1] = size (default 220000), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 220000
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
  print(string.format("sort: %d", result))
end
return run
