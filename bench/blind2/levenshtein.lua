-- levenshtein.lua: string similarity algorithms over generated words.
--  * Levenshtein edit distance with the classic two-row dynamic programme over string.byte,
--    optionally with an early-exit bound (stop once every cell of a row exceeds the bound);
--  * longest common subsequence with a full (m+1)x(n+1) table and reconstruction of the LCS string;
--  * a spell-suggest step: for each query word find the closest dictionary words (bounded distance,
--    length filter) and sort the suggestions by (distance, word).
-- Exercises: string.byte/string.sub/string.char, nested numeric loops, 2-D tables, table.sort with a
-- comparator, table.concat.

local seed = 42
local function rand() seed = (seed * 16807) % 2147483647; return seed end   -- 1 .. 2^31-2
local function randint(lo, hi) return lo + rand() % (hi - lo + 1) end

local SYLLABLES = { "ka", "ro", "mi", "ten", "sal", "u", "be", "dor", "qui", "ne", "la", "st",
                    "an", "gre", "po", "li", "ve", "ch", "o", "ist" }

local function make_word()
  local parts = {}
  for i = 1, randint(2, 4) do parts[i] = SYLLABLES[randint(1, #SYLLABLES)] end
  return table.concat(parts)
end

-- a random small edit of a word: substitute, insert, delete or transpose
local function mutate(w)
  local len = #w
  local k = randint(1, 4)
  local p = randint(1, len)
  local c = string.char(randint(97, 122))
  if k == 1 then
    return string.sub(w, 1, p - 1) .. c .. string.sub(w, p + 1)
  elseif k == 2 then
    return string.sub(w, 1, p) .. c .. string.sub(w, p + 1)
  elseif k == 3 and len > 2 then
    return string.sub(w, 1, p - 1) .. string.sub(w, p + 1)
  elseif p < len then
    return string.sub(w, 1, p - 1) .. string.sub(w, p + 1, p + 1) .. string.sub(w, p, p) .. string.sub(w, p + 2)
  end
  return w .. c
end

-- edit distance; if bound is given, returns bound + 1 as soon as the distance must exceed it
local function levenshtein(a, b, bound)
  local la, lb = #a, #b
  if la == 0 then return lb end
  if lb == 0 then return la end
  if bound and math.abs(la - lb) > bound then return bound + 1 end
  local prev, cur = {}, {}
  for j = 0, lb do prev[j] = j end
  for i = 1, la do
    local ca = string.byte(a, i)
    cur[0] = i
    local rowmin = i
    for j = 1, lb do
      local cost = (ca == string.byte(b, j)) and 0 or 1
      local v = prev[j - 1] + cost
      local del = prev[j] + 1
      if del < v then v = del end
      local ins = cur[j - 1] + 1
      if ins < v then v = ins end
      cur[j] = v
      if v < rowmin then rowmin = v end
    end
    if bound and rowmin > bound then return bound + 1 end
    prev, cur = cur, prev
  end
  return prev[lb]
end

local function lcs(a, b)
  local la, lb = #a, #b
  local t = {}
  for i = 0, la do
    local row = {}
    for j = 0, lb do row[j] = 0 end
    t[i] = row
  end
  for i = 1, la do
    local ca, row, up = string.byte(a, i), t[i], t[i - 1]
    for j = 1, lb do
      if ca == string.byte(b, j) then
        row[j] = up[j - 1] + 1
      else
        local x, y = up[j], row[j - 1]
        row[j] = (x >= y) and x or y
      end
    end
  end
  -- walk back from the corner to rebuild one LCS
  local out, n = {}, t[la][lb]
  local i, j, k = la, lb, n
  while i > 0 and j > 0 do
    if string.byte(a, i) == string.byte(b, j) then
      out[k] = string.sub(a, i, i); k = k - 1; i = i - 1; j = j - 1
    elseif t[i - 1][j] >= t[i][j - 1] then
      i = i - 1
    else
      j = j - 1
    end
  end
  return table.concat(out), n
end

local function suggest(query, dict, maxdist, limit)
  local found = {}
  for _, w in ipairs(dict) do
    local d = levenshtein(query, w, maxdist)
    if d <= maxdist then found[#found + 1] = { dist = d, word = w } end
  end
  table.sort(found, function(x, y)
    if x.dist ~= y.dist then return x.dist < y.dist end
    return x.word < y.word
  end)
  local best = {}
  for i = 1, math.min(limit, #found) do best[i] = found[i] end
  return best, #found
end

local function run(n)
  seed = 42
  local h = 0
  local function mix(v) h = (h * 31 + v) % 1000000007 end

  -- 1. edit distances between many word pairs (long phrases built from words)
  local total = 0
  for p = 1, 20 * n do
    local a = make_word() .. make_word() .. make_word()
    local b = (p % 3 == 0) and mutate(mutate(a)) or (make_word() .. make_word())
    local d = levenshtein(a, b)
    total = total + d
    mix(d)
  end
  mix(total)

  -- 2. longest common subsequences, with the reconstructed strings folded in
  for p = 1, 4 * n do
    local a = make_word() .. make_word() .. make_word() .. make_word()
    local b = make_word() .. make_word() .. make_word() .. make_word()
    local s, len = lcs(a, b)
    assert(#s == len)
    mix(len)
    if len > 0 then mix(string.byte(s, 1) + string.byte(s, len) * 3) end
  end

  -- 3. spell suggestions against a dictionary of distinct words
  local dict, seen = {}, {}
  while #dict < 600 do
    local w = make_word()
    if not seen[w] then seen[w] = true; dict[#dict + 1] = w end
  end
  table.sort(dict)
  local hits = 0
  for q = 1, 2 * n do
    local query = mutate(dict[randint(1, #dict)])
    if q % 4 == 0 then query = mutate(query) end
    local best, count = suggest(query, dict, 2, 3)
    hits = hits + count
    for i, s in ipairs(best) do
      mix(s.dist * 100 + i)
      mix(#s.word + string.byte(s.word, 1) + string.byte(s.word, #s.word))
    end
  end
  mix(hits)
  return h
end

-- Driver: arg[1] = size (default 600), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 600
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
  print(string.format("levenshtein: %d", result))
end
return run
