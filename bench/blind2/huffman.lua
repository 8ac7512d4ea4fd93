-- huffman.lua: Huffman coding round trip.
-- Generates a text of words built from a syllable table, counts byte frequencies, builds a Huffman
-- tree with a binary min-heap of node tables (ties broken by a creation sequence number), derives
-- the code table as "0"/"1" strings, encodes the text into a bit string with table.concat, packs the
-- bits into bytes with arithmetic only, unpacks them again, decodes by walking the tree, and
-- verifies the round trip.
-- Exercises: array-based heap with table nodes, recursion, string.byte/char/sub, table.concat of
-- many small strings, integer arithmetic in tight loops.

local SYLLABLES = { "ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "an", "el", "or", "ist", "qu",
                    "th", "ing", "ex", "zo", "pla", "ch", "y", "de", "um", "wa", "fi", "go" }

-- Binary min-heap ordered by (weight, seq).
local function less(a, b)
  if a.weight ~= b.weight then return a.weight < b.weight end
  return a.seq < b.seq
end

local function heap_push(heap, node)
  local i = #heap + 1
  heap[i] = node
  while i > 1 do
    local parent = math.floor(i / 2)
    if less(heap[i], heap[parent]) then
      heap[i], heap[parent] = heap[parent], heap[i]
      i = parent
    else
      break
    end
  end
end

local function heap_pop(heap)
  local top, n = heap[1], #heap
  heap[1] = heap[n]
  heap[n] = nil
  n = n - 1
  local i = 1
  while true do
    local l, r, smallest = 2 * i, 2 * i + 1, i
    if l <= n and less(heap[l], heap[smallest]) then smallest = l end
    if r <= n and less(heap[r], heap[smallest]) then smallest = r end
    if smallest == i then break end
    heap[i], heap[smallest] = heap[smallest], heap[i]
    i = smallest
  end
  return top
end

local function build_codes(node, prefix, codes)
  if node.symbol then
    codes[node.symbol] = (prefix == "") and "0" or prefix
  else
    build_codes(node.left, prefix .. "0", codes)
    build_codes(node.right, prefix .. "1", codes)
  end
  return codes
end

local function run(n)
  local seed = 42
  local function rand() seed = (seed * 16807) % 2147483647; return seed end
  local function randint(lo, hi) return lo + rand() % (hi - lo + 1) end

  -- Text generation: words of 1-4 syllables, occasional capital and punctuation.
  local words = {}
  for i = 1, n do
    local parts = {}
    for k = 1, randint(1, 4) do parts[k] = SYLLABLES[randint(1, #SYLLABLES)] end
    local w = table.concat(parts)
    if rand() % 9 == 0 then w = string.upper(string.sub(w, 1, 1)) .. string.sub(w, 2) end
    local p = rand() % 20
    if p == 0 then w = w .. "." elseif p == 1 then w = w .. "," end
    words[i] = w
  end
  local text = table.concat(words, " ")

  -- Frequencies.
  local freq = {}
  for i = 1, #text do
    local b = string.byte(text, i)
    freq[b] = (freq[b] or 0) + 1
  end

  -- Tree construction.
  local heap, seq = {}, 0
  for b = 0, 255 do
    if freq[b] then
      seq = seq + 1
      heap_push(heap, { weight = freq[b], seq = seq, symbol = b })
    end
  end
  local distinct = #heap
  while #heap > 1 do
    local a = heap_pop(heap)
    local b = heap_pop(heap)
    seq = seq + 1
    heap_push(heap, { weight = a.weight + b.weight, seq = seq, left = a, right = b })
  end
  local root = heap[1]
  local codes = build_codes(root, "", {})

  -- Encode into a bit string.
  local bits = {}
  for i = 1, #text do bits[i] = codes[string.byte(text, i)] end
  local bitstr = table.concat(bits)
  local nbits = #bitstr

  -- Pack 8 bits per byte (MSB first), arithmetic only.
  local bytes, nbytes = {}, 0
  for i = 1, nbits, 8 do
    local v = 0
    for j = i, i + 7 do
      v = v * 2
      if j <= nbits and string.byte(bitstr, j) == 49 then v = v + 1 end
    end
    nbytes = nbytes + 1
    bytes[nbytes] = v
  end

  -- Unpack back into a list of 0/1 digits.
  local unpacked, k = {}, 0
  for i = 1, nbytes do
    local v = bytes[i]
    for p = 7, 0, -1 do
      k = k + 1
      local d = 2 ^ p
      if v >= d then unpacked[k] = 1; v = v - d else unpacked[k] = 0 end
    end
  end

  -- Decode by walking the tree.
  local out, count, node = {}, 0, root
  for i = 1, nbits do
    if unpacked[i] == 0 then node = node.left else node = node.right end
    if node.symbol then
      count = count + 1
      out[count] = string.char(node.symbol)
      node = root
    end
  end
  local decoded = table.concat(out)
  assert(decoded == text, "round trip failed")

  -- Checksum.
  local h = distinct
  for b = 0, 255 do
    if codes[b] then h = (h * 31 + b * 64 + #codes[b]) % 1000000007 end
  end
  h = (h * 31 + nbits) % 1000000007
  h = (h * 31 + nbytes) % 1000000007
  for i = 1, #decoded, 97 do h = (h * 31 + string.byte(decoded, i)) % 1000000007 end
  for i = 1, nbytes, 101 do h = (h * 31 + bytes[i]) % 1000000007 end
  return h
end

-- Driver: arg[1] = size (default 260000), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 260000
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
  print(string.format("huffman: %d", result))
end
return run
