-- String-keyed tables read and written with computed keys (runs on lua5.4, luajit and bin/moat).
-- Prints, per round, the seconds of three loops of 2,000,000 iterations each:
--   small  a 40-key dictionary filled by d[k] = v: s = s + d[k]; d[k] = d[k] + 1
--   large  the same over 5,000 keys
--   record 1,000 twelve-column records built by row[col] = v, read by name (row.price, ..., row.stock)
-- arg[1] = rounds (default 10). Later rounds show the warm (compiled) cost.
local ROUNDS = tonumber(arg and arg[1]) or 10
local clock = os.clock

local function keys(n)
  local ks = {}
  for i = 1, n do ks[i] = "key" .. i end
  return ks
end

local function dictionary_loop(ks, total)
  local d = {}
  for i = 1, #ks do d[ks[i]] = i end
  local s = 0
  for _ = 1, math.floor(total / #ks) do
    for i = 1, #ks do
      local k = ks[i]
      s = s + d[k]
      d[k] = d[k] + 1
    end
  end
  return s
end

local COLS = {"id", "name", "price", "qty", "tax", "discount", "region", "sku", "weight", "color", "size", "stock"}
local function records(n)
  local rows = {}
  for i = 1, n do
    local row = {}
    for c = 1, #COLS do row[COLS[c]] = i + c end
    rows[i] = row
  end
  return rows
end

local function record_loop(rows, total)
  local s = 0
  for _ = 1, math.floor(total / #rows) do
    for i = 1, #rows do
      local row = rows[i]
      s = s + row.price * row.qty - row.discount + row.stock
    end
  end
  return s
end

local small, large, rows = keys(40), keys(5000), records(1000)
local check = 0
for round = 1, ROUNDS do
  local t0 = clock()
  check = check + dictionary_loop(small, 2000000)
  local t1 = clock()
  check = check + dictionary_loop(large, 2000000)
  local t2 = clock()
  check = check + record_loop(rows, 2000000)
  local t3 = clock()
  print(string.format("round %d small %.3f large %.3f record %.3f", round, t1 - t0, t2 - t1, t3 - t2))
end
print("check " .. check % 1000000007)
