-- varargs: code that leans on varargs and multiple returns.
-- select('#', ...) and select(i, ...), {...} packing with explicit counts
-- (nil holes), unpack, functions returning several values, truncation of
-- multiple results in the middle of expression lists, a small printf-like
-- formatter that walks ..., partial application and function composition
-- with vararg pass-through, and pcall/error returning several values.

local unpack = table.unpack or unpack
local select = select

local function pack(...)
  return { n = select("#", ...), ... }
end

local function sum(...)
  local s = 0
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    if v then s = s + v end
  end
  return s
end

local function minmax(...)
  local n = select("#", ...)
  local lo, hi = ..., ...
  for i = 2, n do
    local v = select(i, ...)
    if v < lo then lo = v end
    if v > hi then hi = v end
  end
  return lo, hi, n
end

local function divmod(a, b)
  return math.floor(a / b), a % b
end

-- Partial application: bind(f, a, b)(c, d) == f(a, b, c, d).
local function bind(f, ...)
  local bound = pack(...)
  return function(...)
    local args = pack(...)
    local all = {}
    for i = 1, bound.n do all[i] = bound[i] end
    for i = 1, args.n do all[bound.n + i] = args[i] end
    return f(unpack(all, 1, bound.n + args.n))
  end
end

local function compose(f, g)
  return function(...) return f(g(...)) end
end

-- Multi-value stages for compose.
local function swap(a, b, ...) return b, a, ... end
local function spread(a, ...) return a, a + 1, ... end
local function drop_first(_, ...) return ... end
local function count_args(...) return select("#", ...), ... end

-- printf-like: "{}" takes the next argument, "{#}" the argument count.
local function format(fmt, ...)
  local out, argi, pos = {}, 1, 1
  local nargs = select("#", ...)
  while true do
    local s, e = string.find(fmt, "{#?}", pos)
    if not s then break end
    out[#out + 1] = string.sub(fmt, pos, s - 1)
    if e - s == 2 then
      out[#out + 1] = tostring(nargs)
    else
      out[#out + 1] = tostring((select(argi, ...)))
      argi = argi + 1
    end
    pos = e + 1
  end
  out[#out + 1] = string.sub(fmt, pos)
  return table.concat(out)
end

local function checked_div(a, b, ...)
  if b == 0 then error({ code = a % 7, extra = select("#", ...) }, 0) end
  if a < 0 then error("negative", 0) end
  local q, r = divmod(a, b)
  return q, r, ...
end

local function hash_string(s, h)
  for i = 1, #s do h = (h * 31 + string.byte(s, i)) % 1000000007 end
  return h
end

local function run(n)
  local checksum = 0
  local seed = 777
  local add4 = bind(sum, 1, 2)
  local pipeline = compose(count_args, compose(swap, compose(spread, drop_first)))
  for round = 1, n do
    seed = (seed * 16807) % 2147483647
    local a, b, c = seed % 1000, seed % 37, seed % 11
    -- Packing, nil holes and unpack with an explicit count.
    local p = pack(a, nil, b, nil, c)
    local s = sum(unpack(p, 1, p.n)) + p.n
    -- Multiple returns, truncated in the middle of a list.
    local lo, hi, cnt = minmax(a, b, c, round % 50, (minmax(c, b)))
    local t = { minmax(a, b), minmax(c, a) } -- 1 + 3 values
    local q, r = divmod(a + round, b + 1)
    s = s + lo + hi + cnt + #t + q + r + add4(a, c)
    -- Composition with varargs pass-through.
    local k, x1, x2, x3 = pipeline(a, b, c, round)
    s = s + k * 1000 + x1 + x2 + (x3 or 0)
    -- pcall with several results and with error values.
    local ok, v1, v2, v3 = pcall(checked_div, a, c, "x", "y")
    if ok then s = s + v1 + v2 + #v3 else s = s + v1.code + v1.extra end
    local ok2, msg = pcall(checked_div, -a - 1, 3)
    if not ok2 and msg == "negative" then s = s + 1 end
    -- The formatter, checksummed by its output.
    local line = format("{} of {}: lo={} hi={} [{#}] {}", round, n, lo, hi, ok, select(2, 10, 20, 30))
    checksum = (hash_string(line, checksum) + s) % 2147483647
  end
  return checksum
end

-- Driver: arg[1] = size (default 250000), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 250000
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
  print(string.format("varargs: %d", result))
end
return run
