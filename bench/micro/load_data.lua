-- load() of data chunks, as a program that reads back what it serialised does (blind2/serialize): 40 texts of
-- about 23 KB, each `return {...}` of 60 nested records with integer, float, boolean and string fields
-- (strings mostly distinct, keys the same few), loaded and called 5 times a round (runs on lua5.4, luajit and
-- bin/moat). What lexing, parsing, translating and interning cost per byte of data. Prints "iteration N
-- seconds" per round (arg[2] rounds, default 10).
local seed = 7
local function rand() seed = (seed * 16807) % 2147483647; return seed end
local WORDS = { "alpha", "beta", "gamma", "delta", "quote\\\"d", "back\\\\slash", "tab\\there", "plain", "x", "end" }
local function str()
  local parts = {}
  for i = 1, 1 + rand() % 4 do parts[i] = WORDS[1 + rand() % #WORDS] end
  return '"' .. table.concat(parts, " ") .. '"'
end
local function record(out, depth)
  out[#out + 1] = ("{id = %d, name = %s, active = %s, score = %s, tags = {%s, %s}"):format(
    rand() % 1000000, str(), tostring(rand() % 2 == 0), tostring((rand() % 8000 - 4000) / 8), str(), str())
  if depth > 0 then
    out[#out + 1] = ", children = {"
    for _ = 1, 2 do record(out, depth - 1); out[#out + 1] = ", " end
    out[#out + 1] = "}"
  end
  out[#out + 1] = "}"
end
local texts = {}
for t = 1, 40 do
  local out = { "return {" }
  for _ = 1, 60 do record(out, 1); out[#out + 1] = ",\n" end
  out[#out + 1] = "}"
  texts[t] = table.concat(out)
end
local iters = tonumber(arg[2]) or 10
for it = 1, iters do
  local t0 = os.clock()
  local n = 0
  for _ = 1, 5 do
    for t = 1, #texts do n = n + #assert(load(texts[t]))() end
  end
  io.write(string.format("iteration %d %.6f\n", it, os.clock() - t0))
end
print("done", #texts[1])
