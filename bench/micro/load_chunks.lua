-- load() of one 41-line chunk, 300 times a round, and a call of what it returns (runs on lua5.4, luajit and
-- bin/moat). What a host pays to compile a script, and what `load` costs a script: lexing, parsing, translation,
-- the function objects. Prints "iteration N seconds" per round (arg[2] rounds, default 10).
local parts = {}
for i = 1, 40 do
  parts[#parts + 1] = ("local v%d = {a = %d, b = 'x%d'} if v%d.a > 3 then v%d.c = v%d.a * 2 elseif v%d.b == 'y' then v%d = nil end"):format(i, i, i, i, i, i, i, i)
end
parts[#parts + 1] = "return v1.a + v40.a"
local src = table.concat(parts, "\n")
local iters = tonumber(arg[2]) or 10
for it = 1, iters do
  local t0 = os.clock()
  local s = 0
  for i = 1, 300 do s = s + load(src)() end
  io.write(string.format("iteration %d %.6f\n", it, os.clock() - t0))
end
print("done")
