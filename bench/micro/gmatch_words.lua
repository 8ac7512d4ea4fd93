-- string.gmatch loops over one generated text (runs on lua5.4, luajit and bin/moat).
-- Prints, per round, the seconds of four loops:
--   words   for w in s:gmatch("%a+") do counts[w] = (counts[w] or 0) + 1 end   (200,000 words)
--   fields  for f in line:gmatch("[^,]+") do n = n + #f end                     (the text as CSV)
--   pairs   for k, v in s:gmatch("(%w+)=(%w+)") do ... end                     (50,000 pairs)
--   numbers for d in s:gmatch("%d+") do sum = sum + tonumber(d) end            (digits among words)
-- arg[1] = rounds (default 10). Later rounds show the warm (compiled) cost.
local ROUNDS = tonumber(arg and arg[1]) or 10
local clock = os.clock

local VOCAB = {"alpha", "beta", "gamma", "delta", "river", "stone", "a", "of", "the", "compiler",
               "lantern", "x", "meadow", "quiet", "signal", "to", "in", "harbor", "engine", "golden"}

local function text(n, sep)
  local parts, state = {}, 12345
  for i = 1, n do
    state = (state * 16807) % 2147483647
    parts[i] = VOCAB[state % #VOCAB + 1]
    if state % 7 == 0 then parts[i] = parts[i] .. (state % 1000) end
  end
  return table.concat(parts, sep)
end

local WORDS = text(200000, " ")
local CSV = text(200000, ",")
local PAIRS = {}
for i = 1, 50000 do PAIRS[i] = "k" .. (i % 300) .. "=v" .. i end
PAIRS = table.concat(PAIRS, "&")

local function words(s)
  local counts, distinct = {}, 0
  for w in s:gmatch("%a+") do
    local c = counts[w]
    if c == nil then distinct = distinct + 1 end
    counts[w] = (c or 0) + 1
  end
  return distinct
end

local function fields(s)
  local n = 0
  for f in s:gmatch("[^,]+") do n = n + #f end
  return n
end

local function keyvalues(s)
  local seen, n = {}, 0
  for k, v in s:gmatch("(%w+)=(%w+)") do
    seen[k] = v
    n = n + #v
  end
  return n
end

local function numbers(s)
  local sum = 0
  for d in s:gmatch("%d+") do sum = sum + tonumber(d) end
  return sum
end

for round = 1, ROUNDS do
  local t0 = clock()
  local a = words(WORDS)
  local t1 = clock()
  local b = fields(CSV)
  local t2 = clock()
  local c = keyvalues(PAIRS)
  local t3 = clock()
  local d = numbers(WORDS)
  local t4 = clock()
  print(string.format("round %2d  words %.4f  fields %.4f  pairs %.4f  numbers %.4f   (%d %d %d %d)",
    round, t1 - t0, t2 - t1, t3 - t2, t4 - t3, a, b, c, d))
end
