-- pairs loops (runs on lua5.4, LuaJIT and bin/moat): the least time per element, over rounds 31-100, of
-- a pairs loop over a table of 100 string fields and over an array of 100 integers.
local t = {}
for i = 1, 100 do t["k" .. i] = i end
local a = {}
for i = 1, 100 do a[i] = i end
local function sum(tab, n)
  local s = 0
  for _ = 1, n do
    for k, v in pairs(tab) do s = s + v end
  end
  return s
end
local best, besta = 1e9, 1e9
for r = 1, 100 do
  local t0 = os.clock()
  sum(t, 10000)
  local t1 = os.clock()
  sum(a, 10000)
  local t2 = os.clock()
  if r > 30 then best = math.min(best, t1 - t0); besta = math.min(besta, t2 - t1) end
end
print(string.format("fields %.1f ns  array %.1f ns per element (min)", best / 1e6 * 1e9, besta / 1e6 * 1e9))
