-- Forty library operations, each timed alone (runs on lua5.4, luajit and bin/moat).
-- Prints, per operation, the fastest of the later half of its rounds: "name seconds".
-- arg[1] = one operation's name, or "" for all; arg[2] = rounds (default 6).
-- Moat needs hundreds of rounds before an operation's loops are compiled (each round is milliseconds):
-- with few rounds this measures the interpreter and the compiler's warm-up, with 400 the compiled code.
--   bin/moat bench/micro/library_ops.lua "" 10      (start-up behaviour)
--   bin/moat bench/micro/library_ops.lua pairs_hash 400   (one operation, compiled)
table.unpack = table.unpack or unpack -- LuaJIT
local clock = os.clock
local tests = {}
local function T(name, f) tests[#tests + 1] = { name, f } end
local N = 200000
T("format_d", function() local s = 0 for i = 1, N do s = s + #string.format("%d", i) end return s end)
T("format_f", function() local s = 0 for i = 1, N do s = s + #string.format("%.3f", i / 7) end return s end)
T("format_s", function() local s = 0 for i = 1, N do s = s + #string.format("%s=%s", "k", i) end return s end)
T("tostring_int", function() local s = 0 for i = 1, N do s = s + #tostring(i) end return s end)
T("tostring_float", function() local s = 0 for i = 1, N do s = s + #tostring(i / 3) end return s end)
T("tonumber", function() local s = 0 for i = 1, N do s = s + tonumber("12" .. (i % 10)) end return s end)
T("concat_op", function() local s = 0 for i = 1, N do local x = "a" .. i .. "b" s = s + #x end return s end)
T("table_concat", function() local t = {} for i = 1, 100 do t[i] = "ab" end local s = 0 for i = 1, N / 50 do s = s + #table.concat(t, ",") end return s end)
T("sort_cmp", function() local s = 0 for r = 1, 20 do local t = {} for i = 1, 1000 do t[i] = (i * 7919) % 1000 end table.sort(t, function(a, b) return a > b end) s = s + t[1] end return s end)
T("sort_plain", function() local s = 0 for r = 1, 20 do local t = {} for i = 1, 1000 do t[i] = (i * 7919) % 1000 end table.sort(t) s = s + t[1] end return s end)
T("sort_strings", function() local s = 0 for r = 1, 10 do local t = {} for i = 1, 1000 do t[i] = tostring((i * 7919) % 1000) end table.sort(t) s = s + #t[1] end return s end)
T("insert_front", function() local t = {} for i = 1, 2000 do table.insert(t, 1, i) end for i = 1, 2000 do table.remove(t, 1) end return #t end)
T("insert_back", function() local s = 0 for r = 1, 20 do local t = {} for i = 1, 10000 do table.insert(t, i) end s = s + #t end return s end)
T("select_n", function() local function f(...) return select("#", ...) end local s = 0 for i = 1, N do s = s + f(i, i, i) end return s end)
T("select_i", function() local function f(...) return (select(2, ...)) end local s = 0 for i = 1, N do s = s + f(i, i, i) end return s end)
T("table_unpack", function() local t = { 1, 2, 3, 4 } local s = 0 for i = 1, N do local a, b, c, d = table.unpack(t) s = s + d end return s end)
T("pcall", function() local function f(x) return x + 1 end local s = 0 for i = 1, N do local ok, v = pcall(f, i) s = s + v end return s end)
T("error_pcall", function() local s = 0 for i = 1, N / 20 do local ok, e = pcall(error, "x") if not ok then s = s + 1 end end return s end)
T("closure_new", function() local s = 0 for i = 1, N do local f = function() return i end s = s + f() end return s end)
T("setmetatable", function() local mt = { __index = function(t, k) return k end } local s = 0 for i = 1, N do local o = setmetatable({}, mt) s = s + o[1] end return s end)
T("gsub_fn", function() local str = string.rep("hello world ", 20) local s = 0 for i = 1, 500 do s = s + #(str:gsub("%w+", function(w) return w:upper() end)) end return s end)
T("gsub_tbl", function() local str = string.rep("a b c ", 40) local m = { a = "1", b = "22" } local s = 0 for i = 1, 500 do s = s + #(str:gsub("%a", m)) end return s end)
T("find_capt", function() local str = "key=value; other=thing" local s = 0 for i = 1, N / 4 do local a, b, k, v = str:find("(%w+)=(%w+)", 1) s = s + #k end return s end)
T("match_num", function() local s = 0 for i = 1, N / 4 do local n = ("abc 12345 def"):match("%d+") s = s + #n end return s end)
T("str_rep", function() local s = 0 for i = 1, N / 10 do s = s + #string.rep("ab", 50) end return s end)
T("str_cmp", function() local a, b = "hello world", "hello worle" local s = 0 for i = 1, N do if a < b then s = s + 1 end end return s end)
T("upper", function() local s = 0 for i = 1, N / 4 do s = s + #string.upper("hello world") end return s end)
T("char", function() local s = 0 for i = 1, N do s = s + #string.char(65 + i % 26, 66) end return s end)
T("ipairs", function() local t = {} for i = 1, 1000 do t[i] = i end local s = 0 for r = 1, 200 do for _, v in ipairs(t) do s = s + v end end return s end)
T("pairs_hash", function() local t = {} for i = 1, 1000 do t["k" .. i] = i end local s = 0 for r = 1, 100 do for _, v in pairs(t) do s = s + v end end return s end)
T("coro_wrap", function() local s = 0 for r = 1, 20 do local g = coroutine.wrap(function() for i = 1, 1000 do coroutine.yield(i) end end) for i = 1, 1000 do s = s + g() end end return s end)
T("random", function() local s = 0 for i = 1, N do s = s + math.random(100) end return s > 0 and 1 or 0 end)
T("math_fns", function() local s = 0 for i = 1, N do s = s + math.sin(i) + math.abs(-i) + math.max(i, 5) end return s > 0 and 1 or 0 end)
T("int_div_mod", function() local s = 0 for i = 1, N * 5 do s = s + math.floor(i / 7) + i % 7 end return s end)
if utf8 then T("utf8", function() local s = 0 for i = 1, N / 10 do s = s + utf8.len("héllo wörld") + #utf8.char(233, 246) end return s end) end
T("varargs_pass", function() local function g(a, b, c) return a + b + c end local function f(...) return g(...) end local s = 0 for i = 1, N do s = s + f(i, 1, 2) end return s end)
T("string_methods", function() local str = "abc" local s = 0 for i = 1, N do s = s + str:len() + #str:sub(2) end return s end)
T("len_tbl", function() local t = {} for i = 1, 100 do t[i] = i end local s = 0 for i = 1, N do s = s + #t end return s end)
T("next_loop", function() local t = { a = 1, b = 2, c = 3 } local s = 0 for i = 1, N / 10 do local k, v = next(t) while k do s = s + v k, v = next(t, k) end end return s end)
local rounds = tonumber(arg and arg[2]) or 6
local only = arg and arg[1] ~= "" and arg[1] or nil
for _, t in ipairs(tests) do
  if not only or t[1] == only then
    local best = math.huge
    for r = 1, rounds do
      local t0 = clock() t[2]() local dt = clock() - t0
      if r > rounds / 2 and dt < best then best = dt end
    end
    print(string.format("%-16s %.4f", t[1], best))
  end
end
