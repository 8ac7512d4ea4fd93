-- strings: string building with table.concat and .., pattern matching
-- (gsub/find/match/gmatch), string.format, sub/byte/rep/upper/lower.
-- Checksum is an exact integer hash over the produced strings.

local M = 1000003

local function hash(s, h)
  for i = 1, #s, 7 do
    h = (h * 31 + s:byte(i)) % M
  end
  return (h + #s) % M
end

local words = { "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
                "iota", "kappa", "lambda", "mu" }

local function round(r)
  local h = r % M
  -- build a record list "key=value;" with table.concat
  local parts = {}
  for i = 1, 60 do
    local w = words[(i + r) % #words + 1]
    parts[#parts + 1] = string.format("%s%d=%d", w, i, (i * r) % 997)
  end
  local line = table.concat(parts, ";")
  h = hash(line, h)

  -- parse it back with gmatch, sum the values
  local total = 0
  for key, value in line:gmatch("(%a+%d+)=(%d+)") do
    total = total + tonumber(value) + #key
  end
  h = (h + total) % M

  -- gsub with a function and with a pattern replacement
  local upper, n1 = line:gsub("%a+", function(w) return w:upper() end)
  local swapped, n2 = line:gsub("(%a+)(%d+)=(%d+)", "%3:%1/%2")
  h = hash(upper, h)
  h = hash(swapped, h)
  h = (h + n1 + n2) % M

  -- find / match
  local pos = 1
  local count = 0
  while true do
    local s, e = line:find("a%d", pos)
    if not s then break end
    count = count + 1
    pos = e + 1
  end
  local first = line:match("^(%a+)")
  local lastnum = line:match("(%d+)$")
  local plain = line:find("kappa", 1, true) or 0
  h = (h + count + #first + tonumber(lastnum) + plain) % M

  -- incremental concatenation and formatting
  local s = ""
  for i = 1, 40 do
    local w = words[i % #words + 1]
    -- (no width on %s: LuaJ 3.0.1 ignores it)
    s = s .. string.format("[%3d|%-5d|%s|%x]", i, i * 7, w .. string.rep(" ", 8 - #w), i * r % 4096)
  end
  h = hash(s, h)
  h = hash(s:sub(10, 200):lower():rep(2), h)
  h = hash(string.reverse(s:sub(1, 50)), h)
  return h
end

-- n = number of rounds
local function run(n)
  local checksum = 0
  for r = 1, n do
    checksum = (checksum * 7 + round(r)) % M
  end
  return checksum
end

-- Driver: arg[1] = size (default 28000), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 28000
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
  print(string.format("strings: %d", result))
end
return run
