-- tables: array append/remove and hash insert/delete churn, pairs
-- traversal (order-independent checksum), table.insert/table.remove,
-- nested tables and integer vs string keys.

local M = 1000003

local function round(r)
  local h = 0
  -- array churn: push, pop, occasionally insert/remove at the front
  local arr = {}
  for i = 1, 400 do arr[#arr + 1] = i * r % 1009 end
  for i = 1, 200 do
    local x = table.remove(arr)
    h = (h + x) % M
    table.insert(arr, x * 3 % 1009)
    if i % 20 == 0 then
      table.insert(arr, 1, i)
      h = (h + table.remove(arr, 1)) % M
    end
  end
  for i = #arr, 1, -2 do table.remove(arr) end
  h = (h + #arr) % M
  for i = 1, #arr do h = (h + arr[i] * i) % M end

  -- hash churn with string keys
  local hsh = {}
  for i = 1, 300 do hsh["k" .. (i * 7 % 500)] = i end
  for i = 1, 300, 3 do hsh["k" .. i] = nil end
  local cnt, sum = 0, 0
  for k, v in pairs(hsh) do
    cnt = cnt + 1
    sum = sum + v + #k
  end
  h = (h + cnt * 1000 + sum) % M

  -- sparse integer keys, removal during traversal (allowed: assigning nil)
  local sparse = {}
  for i = 1, 300 do sparse[i * 13 % 2003] = i end
  for k, v in pairs(sparse) do
    if v % 3 == 0 then sparse[k] = nil end
  end
  local s2 = 0
  for k, v in pairs(sparse) do s2 = s2 + k * 2 + v end
  h = (h + s2) % M

  -- records: small objects in an array, field updates
  local recs = {}
  for i = 1, 100 do recs[i] = { id = i, x = i * r % 97, y = i % 13, tag = "t" .. (i % 5) } end
  for j = 1, 5 do
    for i = 1, #recs do
      local o = recs[i]
      o.x = (o.x + o.y * j) % 1009
      o.y = (o.y * 3 + j) % 101
    end
  end
  for i = 1, #recs do h = (h + recs[i].x + recs[i].y + #recs[i].tag) % M end
  return h
end

-- n = number of rounds
local function run(n)
  local checksum = 0
  for r = 1, n do
    checksum = (checksum * 3 + round(r)) % M
  end
  return checksum
end

-- Driver: arg[1] = size (default 15000), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 15000
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
  print(string.format("tables: %d", result))
end
return run
