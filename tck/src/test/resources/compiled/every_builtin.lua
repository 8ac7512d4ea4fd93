-- Calls every function of every library at least once, with the argument shapes that select their
-- different specialisations, so that each builtin (and the hidden ones: the gmatch iterator, the ipairs
-- and pairs steps, coroutine.wrap's function) is compiled. BuiltinCompilationTest runs it with
-- immediate, synchronous compilation and compilation failures thrown; it returns its checksum, a bar and
-- the names of library functions it never called (to be empty: a new builtin must be added here).

local called, wrapped = {}, {}
local function wrap(name, f)
  wrapped[#wrapped + 1] = name
  return function(...)
    called[name] = true
    return f(...)
  end
end
local libs = {}
for k, v in pairs(_G) do
  if type(v) == "table" and k ~= "_G" then libs[#libs + 1] = k end
end
for _, lib in ipairs(libs) do
  local t = _G[lib]
  local keys = {}
  for k, v in pairs(t) do if type(v) == "function" then keys[#keys + 1] = k end end
  for _, k in ipairs(keys) do t[k] = wrap(lib .. "." .. k, t[k]) end
end
local globals = {}
for k, v in pairs(_G) do if type(v) == "function" then globals[#globals + 1] = k end end
for _, k in ipairs(globals) do _G[k] = wrap(k, _G[k]) end

local out = {}
local function emit(...)
  local n = select("#", ...)
  for i = 1, n do out[#out + 1] = tostring((select(i, ...))) end
end

for round = 1, 3 do
  -- base
  emit(type(1), type("s"), type(nil), type({}), type(print))
  emit(tostring(12), tostring(1.5), tostring(nil), tostring(true), tonumber("0x1F"), tonumber("12", 8), tonumber("z", 36), tonumber("nope"))
  emit(select("#", 1, 2, 3), select(2, "a", "b", "c"), select(-1, "x", "y"))
  emit(rawequal("a", "a"), rawlen({1, 2, 3}), rawlen("abcd"), rawget({x = 5}, "x"))
  local rt = {}; rawset(rt, "k", 9); emit(rt.k)
  local mt = {__index = function(_, k) return k .. "!" end, __tostring = function() return "T" end}
  local obj = setmetatable({}, mt)
  emit(obj.hello, tostring(obj), getmetatable(obj) == mt, getmetatable("").__index == string)
  emit(pcall(error, "boom"), pcall(error, {code = 1}), pcall(function() return 1, 2 end))
  emit(xpcall(function() error("x", 0) end, function(m) return "handled " .. m end))
  emit(select(2, pcall(assert, false, "assert message")), assert(1, "unused"))
  local sum = 0
  for i, v in ipairs({10, 20, 30}) do sum = sum + i * v end
  for k, v in pairs({a = 1, b = 2, 3}) do sum = sum + v end
  local k, v = next({7}); sum = sum + k + v
  emit(sum, next({}))
  local chunk = load("local a, b = ... return a * b"); emit(chunk(6, 7))
  local parts, i = {"return ", "4", "2"}, 0
  emit(load(function() i = i + 1; return parts[i] end)())
  emit(load("syntax error here"))
  emit(collectgarbage("count") >= 0, collectgarbage("step"), collectgarbage())
  print("every_builtin round " .. round)
  io.write("io.write ", round, "\n")
  emit(pcall(require, "no.such.module"))
  warn("@off"); warn("warnings are off: ", "not shown ", round); emit(pcall(warn))

  -- string
  local s = "Hello, World " .. round
  emit(s:len(), s:upper(), s:lower(), s:rep(2, "|"), s:reverse(), s:sub(2, 5), s:sub(-3), s:byte(1, 3), string.char(72, 105))
  emit(s:find("World"), s:find("o", 6, true), s:find("(%a+), (%a+)"), s:match("(%a+)"), s:match("%d+$"))
  local words = {}
  for w in s:gmatch("%a+") do words[#words + 1] = w end
  for k2, v2 in ("a=1, b=2"):gmatch("(%w+)=(%w+)") do words[#words + 1] = k2 .. v2 end
  emit(table.concat(words, "+"))
  emit(s:gsub("o", "0"), s:gsub("(%a+)", "<%1>", 1), s:gsub("%a+", {Hello = "Bye"}), s:gsub("%a", function(c) return c:upper() end))
  emit(("x"):rep(3), string.format("%d %5.2f %s %q %x %X %o %c %e %g %a %i %u %%", 42, 3.14159, "str", "q\n", 255, 255, 8, 65, 12345.678, 0.0001, 1.0, -7, 7))
  emit(string.format("%-5s|%05d|%+.3f|%10.4s", "ab", 42, 2.5, "truncate"))
  local packed = string.pack("i4 d z s1", 7, 2.5, "zs", "s1"); emit(#packed, string.unpack("i4 d z s1", packed), string.packsize("i4 i8 d"))

  -- table
  local t = {5, 3, 8, 1}
  table.insert(t, 9); table.insert(t, 1, 0); emit(table.remove(t), table.remove(t, 1), table.concat(t, ","))
  table.sort(t); emit(table.concat(t, ","))
  table.sort(t, function(a, b) return a > b end); emit(table.concat(t, ","))
  local names = {"pear", "apple", "fig"}; table.sort(names); emit(table.concat(names, " "))
  local mixed = {3.5, 1, 2.25}; table.sort(mixed); emit(table.concat(mixed, " "))
  local p = table.pack(1, nil, 3); emit(p.n, table.unpack({1, 2, 3}), table.unpack({1, 2, 3}, 2, 3))
  emit(table.concat(table.move({1, 2, 3}, 1, 3, 2), ","), table.concat({}, ","))

  -- math
  emit(math.abs(-3), math.abs(-2.5), math.ceil(1.2), math.floor(-1.2), math.sqrt(16), math.max(1, 5, 3), math.min(2.5, 1))
  emit(math.fmod(7, 3), math.fmod(-7.5, 2), math.modf(3.75), math.tointeger(3.0), math.tointeger(3.5), math.type(1), math.type(1.0), math.type("1"))
  emit(math.ult(1, -1), math.exp(0), math.log(8, 2), math.log(1), math.log(100, 10))
  emit(math.sin(0), math.cos(0), math.tan(0), math.asin(0), math.acos(1), math.atan(0, 1), math.atan(1), math.deg(math.pi), math.rad(180))
  emit(math.pow(2, 10), math.atan2(1, 1), math.cosh(0), math.sinh(0), math.tanh(0), math.log10(1000), math.frexp(12), math.ldexp(0.75, 4))
  math.randomseed(42, 7); local r = math.random(1, 100); local r2 = math.random(); local r3 = math.random(10)
  emit(r >= 1 and r <= 100, r2 >= 0 and r2 < 1, r3 >= 1 and r3 <= 10, math.random(0) ~= nil)

  -- utf8
  local u = utf8.char(72, 228, 8364, 128512)
  emit(utf8.len(u), utf8.codepoint(u, 1, -1), utf8.offset(u, 3), utf8.len("\xff"))
  for pos, code in utf8.codes(u) do emit(pos, code) end

  -- coroutine
  local co = coroutine.create(function(a, b)
    emit(coroutine.isyieldable(), coroutine.status(coroutine.running()))
    local c = coroutine.yield(a + b)
    return c * 2
  end)
  emit(coroutine.resume(co, 1, 2)); emit(coroutine.status(co), coroutine.resume(co, 10), coroutine.status(co))
  local gen = coroutine.wrap(function() for i2 = 1, 3 do coroutine.yield(i2) end end)
  emit(gen(), gen(), gen())
  local suspended = coroutine.create(function() coroutine.yield() end); coroutine.resume(suspended)
  emit(coroutine.close(suspended), coroutine.status(suspended), coroutine.isyieldable(), select(2, coroutine.running()))

  -- os
  emit(type(os.time()), os.time({year = 2020, month = 1, day = 1, hour = 0}) ~= nil, os.clock() >= 0)
  emit(os.date("!%Y-%m-%d %H:%M:%S", 86400), os.date("!*t", 3600).hour, os.difftime(10, 4))

  -- json
  local doc = json.decode('{"a": [1, 2.5, "x", true, null], "b": {"c": "d"}}')
  emit(#doc.a, doc.b.c, json.encode({1, 2, {x = "y"}}), json.encode({k = {true, false}}, {indent = true}) ~= nil)
end

local missing = {}
for _, name in ipairs(wrapped) do
  if not called[name] then missing[#missing + 1] = name end
end
table.sort(missing)
local h = 0
local all = table.concat(out, "\t")
for i = 1, #all do h = (h * 31 + all:byte(i)) % 2147483647 end
return h .. " " .. #out .. "|" .. table.concat(missing, " ")
