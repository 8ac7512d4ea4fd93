-- Plain string.find (runs on lua5.4 and bin/moat): the least time per find of a 6-byte needle at the end
-- of a 306-byte string, over rounds 1001-1500 (the loop's caller must reach Graal's last tier, which
-- takes several seconds here: shorter runs measure first-tier code calling find out of line).
local s = string.rep("abcdef", 50) .. "needle"
local find = string.find
local function f(n) local c = 0 for i = 1, n do c = c + find(s, "needle", 1, true) end return c end
local function g(n) local c = 0 for i = 1, n do c = c + #(string.rep("abcdef", 50) .. "needle") end return c end
local best, bestg = 1e9, 1e9
for r = 1, 1500 do
  local t0 = os.clock(); f(20000); local t1 = os.clock(); g(2000); local t2 = os.clock()
  if r > 1000 then best = math.min(best, t1 - t0); bestg = math.min(bestg, t2 - t1) end
end
print(string.format("find %.0f ns   rep+concat %.0f ns", best / 20000 * 1e9, bestg / 2000 * 1e9))
