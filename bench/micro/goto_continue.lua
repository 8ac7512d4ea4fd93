-- `goto continue` loops (runs on lua5.4, LuaJIT and bin/moat). Prints, per round, the seconds of one
-- round: a loop that builds a small table and skips every seventh iteration with a goto, and one that
-- skips by a string's length. Later rounds show the warm (compiled) cost.
-- arg[1] = iterations of the first loop (default 5000000), arg[2] = of the second (default 1000000),
-- arg[3] = rounds (default 10).
local N = tonumber(arg and arg[1]) or 5000000
local M = tonumber(arg and arg[2]) or 1000000
local ROUNDS = tonumber(arg and arg[3]) or 10

local function weighted(n)
  local s = 0.0
  for i = 1, n do
    local v = {x = i + 0.5, y = 2.5}
    if i % 7 == 0 then goto continue end
    s = s + v.x * v.y
    ::continue::
  end
  return s
end

local function odd_lengths(n)
  local count = 0
  for i = 1, n do
    local w = tostring(i)
    if #w % 2 == 0 then goto continue end
    count = count + #w
    ::continue::
  end
  return count
end

for _ = 1, ROUNDS do
  local t0 = os.clock()
  local s, c = weighted(N), odd_lengths(M)
  print(string.format("%.3f s  (%.1f, %d)", os.clock() - t0, s, c))
end
