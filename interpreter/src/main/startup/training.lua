-- The training run of Moat's start-up cache (build-startup-image.sh): the JDK records which classes
-- this run loads and links, and their method profiles, so every later `bin/moat` starts with them
-- ready. It touches the parser, the core builtins and each library, and runs a few loops long
-- enough for Truffle to compile them, so that the Graal compiler's own classes are cached too.
-- It prints one line; the build checks that line.

local checks = 0
local function check(ok, what)
  if not ok then error("start-up training: " .. what .. " failed", 2) end
  checks = checks + 1
end

-- Numbers, integer/float subtypes, arithmetic and comparison.
local acc, facc = 0, 0.0
for i = 1, 20000 do
  acc = (acc + i * 7) % 1000003
  facc = facc + i / 3
end
check(acc == 65800 and facc > 0 and math.type(acc) == "integer", "arithmetic")
check(7 // 2 == 3 and 7 % -3 == -2 and 2^10 == 1024.0 and 1 << 10 == 1024, "operators")

-- Recursion and closures.
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
check(fib(22) == 17711, "recursion")
local function counter()
  local n = 0
  return function(step) n = n + (step or 1) return n end
end
local c = counter()
for _ = 1, 5000 do c() end
check(c(0) == 5000, "closures")

-- Tables: arrays, hashes, metatables and method calls.
local Point = {}
Point.__index = Point
function Point.new(x, y) return setmetatable({x = x, y = y}, Point) end
function Point:add(o) return Point.new(self.x + o.x, self.y + o.y) end
Point.__add = Point.add
Point.__tostring = function(p) return "(" .. p.x .. "," .. p.y .. ")" end
local p = Point.new(0, 0)
for i = 1, 5000 do p = p + Point.new(i, -i) end
check(tostring(p) == "(12502500,-12502500)", "metatables")
local list, set = {}, {}
for i = 1, 3000 do list[#list + 1] = (i * 7919) % 3001; set["k" .. i] = i end
table.sort(list)
check(list[1] <= list[2] and #list == 3000, "table.sort")
table.insert(list, 1, -1); table.remove(list)
check(table.concat({1, 2, 3}, ",") == "1,2,3" and select("#", table.unpack({1, 2, 3})) == 3, "table library")
local n = 0
for k, v in pairs(set) do n = n + v end
for i, v in ipairs(list) do n = n + 0 * v end
check(n == 4501500, "pairs")
check(rawequal(rawget(set, "k1"), 1) and rawlen(list) == 3000 and next({}) == nil, "raw access")

-- Strings: building, format, patterns, utf8.
local parts = {}
for i = 1, 2000 do parts[#parts + 1] = string.format("%d:%5.2f:%s", i, i / 7, ("x"):rep(i % 5)) end
local s = table.concat(parts, ";")
local words = 0
for w in s:gmatch("[^;]+") do words = words + 1 end
check(words == 2000, "gmatch")
-- A pattern that passes over most of its subject (numbers among words) and words counted by key: the
-- cache keeps the method profiles of this run, and a matcher profiled only on matches that start at once
-- compiled its scan for a candidate as a cold loop (word counting and number finding 1.5-2x slower).
local text = ("The quick brown fox jumps over 13 lazy dogs; "):rep(300)
local counts, numbers = {}, 0
for w in text:gmatch("%a+") do counts[w] = (counts[w] or 0) + 1 end
for d in text:gmatch("%d+") do numbers = numbers + tonumber(d) end
check(counts.lazy == 300 and counts.The == 300 and numbers == 3900 and text:find("%d", 50) == 77, "gmatch scans")
check(("hello world"):gsub("o", "0") == "hell0 w0rld" and s:find("1000:", 1, true) ~= nil, "gsub/find")
check(("%q"):format("a\n") == '"a\\\n"' and ("abc"):upper() == "ABC" and ("  x "):match("^%s*(.-)%s*$") == "x", "string library")
check(utf8.len("héllo") == 5 and utf8.char(72, 233) == "Hé" and #string.pack("i4", 7) == 4, "utf8/pack")
check(tostring(1e100) == "1e+100" and tonumber("0x10") == 16 and math.tointeger(3.0) == 3, "conversions")

-- Errors, pcall, goto, <close>, varargs, load.
local ok, err = pcall(function() local t = nil; return t.x end)
check(not ok and err:find("attempt to index a nil value") ~= nil, "error messages")
check(select(2, xpcall(error, function(m) return "handled " .. m end, "e")) == "handled e", "xpcall")
local i = 0
::again::
i = i + 1
if i < 10 then goto again end
check(i == 10, "goto")
local closed = false
do
  local _ <close> = setmetatable({}, {__close = function() closed = true end})
end
check(closed, "<close>")
local function va(...) return select("#", ...), ... end
check(va(1, nil, 3) == 3, "varargs")
check(load("return 6 * 7")() == 42, "load")

-- Coroutines.
local gen = coroutine.wrap(function() for k = 1, 2000 do coroutine.yield(k) end end)
local sum = 0
for _ = 1, 2000 do sum = sum + gen() end
check(sum == 2001000, "coroutines")

-- Math, os subset, JSON when the host gave it.
math.randomseed(42)
check(math.random(1, 6) >= 1 and math.floor(2.5) == 2 and math.max(1, 3, 2) == 3 and math.huge > 0, "math")
check(type(os.time()) == "number" and type(os.clock()) == "number" and type(os.date("%Y")) == "string", "os")
if json then
  local decoded = json.decode(json.encode({a = {1, 2, 3}, b = "x"}))
  check(decoded.a[3] == 3 and decoded.b == "x", "json")
end

io.write("start-up training: ", checks, " checks passed\n")
