-- trie.lua: a character trie (nodes keyed by one-character strings, with pass and end counts)
-- and a radix (compressed) trie whose edges carry substrings, both fed the same generated words.
-- Operations: insertion, frequency lookup, prefix counting, top-k autocomplete (by frequency,
-- then alphabetically), deletion with pruning (and edge merging in the radix trie). The answers
-- of both tries are compared after every operation.
-- Exercises: string.sub/byte, small hash tables keyed by strings, recursion, table.sort with a
-- comparator, next() for single-child detection.

local seed = 42
local function rand() seed = (seed * 16807) % 2147483647; return seed end
local function randint(lo, hi) return lo + rand() % (hi - lo + 1) end

local SYL = { "an", "re", "to", "st", "in", "ca", "lo", "ma", "pe", "s", "er", "ti",
  "o", "ble", "ing", "con", "ver", "qu", "ist", "y" }

local function gen_word()
  local parts = {}
  for i = 1, randint(1, 4) do
    parts[i] = SYL[math.min(randint(1, #SYL), randint(1, #SYL))] -- skewed: early syllables common
  end
  return table.concat(parts)
end

---------------------------------------------------------------- plain trie
local function new_node() return { kids = {}, pass = 0, freq = 0 } end

local function trie_insert(root, w)
  local node = root
  node.pass = node.pass + 1
  for i = 1, #w do
    local c = w:sub(i, i)
    local kid = node.kids[c]
    if not kid then kid = new_node(); node.kids[c] = kid end
    kid.pass = kid.pass + 1
    node = kid
  end
  node.freq = node.freq + 1
end

local function trie_find(root, p)
  local node = root
  for i = 1, #p do
    node = node.kids[p:sub(i, i)]
    if not node then return nil end
  end
  return node
end

local function trie_lookup(root, w)
  local node = trie_find(root, w)
  return node and node.freq or 0
end

local function trie_prefix(root, p)
  local node = trie_find(root, p)
  return node and node.pass or 0
end

local function trie_collect(node, word, out)
  if node.freq > 0 then out[#out + 1] = { word = word, freq = node.freq } end
  local keys = {}
  for c in pairs(node.kids) do keys[#keys + 1] = c end
  table.sort(keys)
  for _, c in ipairs(keys) do trie_collect(node.kids[c], word .. c, out) end
end

local function trie_delete(root, w)
  local f = trie_lookup(root, w)
  if f == 0 then return 0 end
  local node = root
  node.pass = node.pass - f
  for i = 1, #w do
    local c = w:sub(i, i)
    local kid = node.kids[c]
    kid.pass = kid.pass - f
    if kid.pass == 0 then node.kids[c] = nil; return f end -- prune the whole empty branch
    node = kid
  end
  node.freq = 0
  return f
end

---------------------------------------------------------------- radix trie
local function new_rnode(label) return { label = label, edges = {}, pass = 0, freq = 0 } end

local function common_len(a, b, bstart)
  local n, la = 0, #a
  while n < la and a:byte(n + 1) == b:byte(bstart + n) do n = n + 1 end
  return n
end

local function radix_insert(root, w)
  local node, i = root, 1
  node.pass = node.pass + 1
  while i <= #w do
    local c = w:sub(i, i)
    local child = node.edges[c]
    if not child then
      child = new_rnode(w:sub(i))
      node.edges[c] = child
      i = #w + 1
    else
      local l = common_len(child.label, w, i)
      if l < #child.label then -- split the edge
        local mid = new_rnode(child.label:sub(1, l))
        mid.pass = child.pass
        child.label = child.label:sub(l + 1)
        mid.edges[child.label:sub(1, 1)] = child
        node.edges[c] = mid
        child = mid
      end
      i = i + l
    end
    child.pass = child.pass + 1
    node = child
  end
  node.freq = node.freq + 1
end

-- returns the node reached by p and the full word spelled at that node (p may end inside an edge)
local function radix_find(root, p)
  local node, i = root, 1
  while i <= #p do
    local child = node.edges[p:sub(i, i)]
    if not child then return nil end
    local l = common_len(child.label, p, i)
    if i + l <= #p and l < #child.label then return nil end
    if i + l > #p then return child, p:sub(1, i - 1) .. child.label end
    i = i + l
    node = child
  end
  return node, p
end

local function radix_lookup(root, w)
  local node, spelled = radix_find(root, w)
  if node and spelled == w then return node.freq end
  return 0
end

local function radix_prefix(root, p)
  local node = radix_find(root, p)
  return node and node.pass or 0
end

local function radix_collect(node, word, out)
  if node.freq > 0 then out[#out + 1] = { word = word, freq = node.freq } end
  for _, child in pairs(node.edges) do radix_collect(child, word .. child.label, out) end
end

local function radix_merge(node)
  if node.freq ~= 0 or node.label == "" then return end
  local _, only = next(node.edges)
  if only and next(node.edges, _) == nil then
    node.label = node.label .. only.label
    node.edges = only.edges
    node.freq = only.freq
  end
end

local function radix_delete(root, w)
  local f = radix_lookup(root, w)
  if f == 0 then return 0 end
  local node, i = root, 1
  node.pass = node.pass - f
  while i <= #w do
    local c = w:sub(i, i)
    local child = node.edges[c]
    child.pass = child.pass - f
    if child.pass == 0 then
      node.edges[c] = nil
      radix_merge(node)
      return f
    end
    i = i + #child.label
    node = child
  end
  node.freq = 0
  radix_merge(node)
  return f
end

---------------------------------------------------------------- shared
local function by_rank(a, b)
  if a.freq ~= b.freq then return a.freq > b.freq end
  return a.word < b.word
end

local function top_k(list, k)
  table.sort(list, by_rank)
  local words = {}
  for i = 1, math.min(k, #list) do words[i] = list[i].word .. ":" .. string.format("%d", list[i].freq) end
  return table.concat(words, ",")
end

local function complete_plain(root, p, k)
  local node = trie_find(root, p)
  local list = {}
  if node then trie_collect(node, p, list) end
  return top_k(list, k)
end

local function complete_radix(root, p, k)
  local node, spelled = radix_find(root, p)
  local list = {}
  if node then radix_collect(node, spelled, list) end
  return top_k(list, k)
end

local function hash_str(h, s)
  for i = 1, #s do h = (h * 31 + s:byte(i)) % 1000000007 end
  return h
end

local function run(n)
  seed = 42
  local plain, radix = new_node(), new_rnode("")
  for _ = 1, n do
    local w = gen_word()
    trie_insert(plain, w)
    radix_insert(radix, w)
  end
  local check = 0
  local function mix(v) check = (check * 31 + v) % 1000000007 end

  for round = 1, 2 do
    for _ = 1, n / 2 do
      local w = gen_word()
      local a, b = trie_lookup(plain, w), radix_lookup(radix, w)
      if a ~= b then error("lookup differs for " .. w) end
      mix(a)
    end
    for _ = 1, n / 4 do
      local w = gen_word()
      local p = w:sub(1, randint(1, #w))
      local a, b = trie_prefix(plain, p), radix_prefix(radix, p)
      if a ~= b then error("prefix count differs for " .. p) end
      mix(a)
    end
    for _ = 1, n / 50 do
      local w = gen_word()
      local p = w:sub(1, math.min(#w, randint(3, 5)))
      local a, b = complete_plain(plain, p, 5), complete_radix(radix, p, 5)
      if a ~= b then error("autocomplete differs for " .. p .. ": " .. a .. " / " .. b) end
      check = hash_str(check, a)
    end
    -- delete a batch of words (round 1) and check everything again (round 2)
    for _ = 1, n / 8 do
      local w = gen_word()
      local a, b = trie_delete(plain, w), radix_delete(radix, w)
      if a ~= b then error("delete differs for " .. w) end
      mix(a)
    end
    mix(plain.pass)
    mix(radix.pass)
  end
  return check
end

-- Driver: arg[1] = size (default 35000), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 35000
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
  print(string.format("trie: %d", result))
end
return run
