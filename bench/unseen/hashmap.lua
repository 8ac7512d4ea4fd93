-- hashmap: word frequencies and an inverted index over generated documents.
-- Documents are made of pseudo-random words built from syllables (some
-- capitalised, separated by spaces, punctuation and numbers). Each document is
-- tokenised with string.gmatch("%a+") and string.lower, word frequencies are
-- counted in a table, an index maps word -> list of doc ids, per-document
-- term counts live under string.format("%s:%d") keys that are parsed back
-- with match/tonumber, and rare words are deleted during a pairs traversal.
-- Results that depend on traversal order are taken over sorted keys.

local SYLLABLES = {
  "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "zen", "bar", "qui",
  "dor", "fel", "gra", "hum", "jex", "pla", "tor", "ux", "wy",
}
local SEPARATORS = { " ", " ", " ", ", ", ". ", " - ", " (", ") ", "; ", " 42 ", "\n" }

local function make_docs(ndocs, seed)
  local docs = {}
  for d = 1, ndocs do
    local parts = {}
    seed = (seed * 16807) % 2147483647
    local nwords = 30 + seed % 40
    for _ = 1, nwords do
      seed = (seed * 16807) % 2147483647
      -- Zipf-like: short words are much more common than long ones.
      local nsyl = 1 + (seed % 7 == 0 and 2 or (seed % 3 == 0 and 1 or 0))
      local w = ""
      for _ = 1, nsyl do
        seed = (seed * 16807) % 2147483647
        -- The smaller of two draws: early syllables are more frequent.
        local a, b = seed % 20, math.floor(seed / 20) % 20
        if b < a then a = b end
        w = w .. SYLLABLES[a + 1]
      end
      seed = (seed * 16807) % 2147483647
      if seed % 5 == 0 then w = string.upper(string.sub(w, 1, 1)) .. string.sub(w, 2) end
      parts[#parts + 1] = w
      parts[#parts + 1] = SEPARATORS[seed % #SEPARATORS + 1]
    end
    docs[d] = table.concat(parts)
  end
  return docs
end

local function str_hash(s)
  local h = 7
  for i = 1, #s do h = (h * 31 + string.byte(s, i)) % 16777213 end
  return h
end

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  return keys
end

local function run(n)
  local docs = make_docs(n, 31337)
  local freq, index, term = {}, {}, {}
  local ntokens = 0
  for id = 1, #docs do
    for word in string.gmatch(docs[id], "%a+") do
      local w = string.lower(word)
      ntokens = ntokens + 1
      freq[w] = (freq[w] or 0) + 1
      local postings = index[w]
      if not postings then
        postings = {}
        index[w] = postings
      end
      if postings[#postings] ~= id then postings[#postings + 1] = id end
      local key = string.format("%s:%d", w, id)
      term[key] = (term[key] or 0) + 1
    end
  end

  -- Parse the composite keys back and re-aggregate per word: must agree with freq.
  local again, nterms, weighted = {}, 0, 0
  for key, c in pairs(term) do
    local w, id = string.match(key, "^(%a+):(%d+)$")
    id = tonumber(id)
    again[w] = (again[w] or 0) + tonumber(tostring(c))
    nterms = nterms + 1
    weighted = (weighted + id * c + str_hash(w)) % 1000000007 -- order-independent
  end
  for w, c in pairs(freq) do
    if again[w] ~= c then error("mismatch for " .. w) end
  end

  -- Drop rare words (assigning nil to existing fields during pairs is allowed).
  local dropped = 0
  for w, c in pairs(freq) do
    if c < 3 then
      freq[w] = nil
      index[w] = nil
      dropped = dropped + 1
    end
  end

  local checksum = (ntokens + nterms * 3 + dropped * 7 + weighted) % 2147483647
  local words = sorted_keys(freq)
  for i = 1, #words do
    local w = words[i]
    local postings = index[w]
    checksum = (checksum * 31 + freq[w] * 17 + #postings + str_hash(w)) % 2147483647
  end

  -- Conjunctive queries: intersect the sorted posting lists of word pairs.
  local top = {}
  for i = 1, #words do top[i] = words[i] end
  table.sort(top, function(a, b)
    if freq[a] ~= freq[b] then return freq[a] > freq[b] end
    return a < b
  end)
  local q = #top
  if q > 40 then q = 40 end
  for i = 1, q do
    for j = i + 1, q do
      local a, b = index[top[i]], index[top[j]]
      local x, y, hits, last = 1, 1, 0, 0
      while x <= #a and y <= #b do
        if a[x] == b[y] then
          hits = hits + 1; last = a[x]; x = x + 1; y = y + 1
        elseif a[x] < b[y] then
          x = x + 1
        else
          y = y + 1
        end
      end
      checksum = (checksum + hits * i + last * j) % 2147483647
    end
  end
  return checksum
end

-- Driver: arg[1] = size (default 16000), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 16000
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
  print(string.format("hashmap: %d", result))
end
return run
