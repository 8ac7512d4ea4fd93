-- lzw: LZW compression and decompression of generated text.
-- The text is made of words from a small vocabulary picked by an LCG and
-- joined with spaces and punctuation. The compressor grows a dictionary
-- keyed by strings (w .. c) and emits an array of integer codes; the
-- decompressor rebuilds the dictionary with string.sub and .. and must
-- reproduce the input exactly. Exercises string concatenation, string-keyed
-- table lookups/inserts, and array building.

local VOCAB = {
  "the", "of", "and", "a", "to", "in", "is", "you", "that", "it", "he",
  "was", "for", "on", "are", "as", "with", "his", "they", "at", "be",
  "this", "have", "from", "or", "one", "had", "by", "word", "but", "not",
  "what", "all", "were", "we", "when", "your", "can", "said", "there",
  "compression", "dictionary", "algorithm", "sequence", "symbol", "table",
}
local PUNCT = { " ", " ", " ", " ", " ", " ", ", ", ". ", "; ", "! ", "? ", "\n" }

local function make_text(nwords, seed)
  local parts = {}
  for i = 1, nwords do
    seed = (seed * 16807) % 2147483647
    local w = VOCAB[seed % #VOCAB + 1]
    seed = (seed * 16807) % 2147483647
    local p = PUNCT[seed % #PUNCT + 1]
    parts[#parts + 1] = w
    parts[#parts + 1] = p
  end
  return table.concat(parts)
end

local function compress(text)
  local dict, size = {}, 256
  for i = 0, 255 do dict[string.char(i)] = i end
  local codes = {}
  local w = ""
  for i = 1, #text do
    local c = string.sub(text, i, i)
    local wc = w .. c
    if dict[wc] then
      w = wc
    else
      codes[#codes + 1] = dict[w]
      dict[wc] = size
      size = size + 1
      w = c
    end
  end
  if w ~= "" then codes[#codes + 1] = dict[w] end
  return codes, size
end

local function decompress(codes)
  local dict, size = {}, 256
  for i = 0, 255 do dict[i] = string.char(i) end
  local w = dict[codes[1]]
  local out = { w }
  for i = 2, #codes do
    local k = codes[i]
    local entry = dict[k]
    if not entry then
      if k ~= size then error("bad code " .. k) end
      entry = w .. string.sub(w, 1, 1)
    end
    out[#out + 1] = entry
    dict[size] = w .. string.sub(entry, 1, 1)
    size = size + 1
    w = entry
  end
  return table.concat(out)
end

local function run(n)
  local checksum = 0
  local seed = 12345
  -- Several texts of growing length (up to 32000 words): each compresses with
  -- a fresh dictionary.
  local chunk = 1
  local remaining = n
  while remaining > 0 do
    local words = chunk * 500
    if words > remaining then words = remaining end
    remaining = remaining - words
    seed = (seed * 16807) % 2147483647
    local text = make_text(words, seed)
    local codes, dict_size = compress(text)
    local back = decompress(codes)
    if back ~= text then error("round trip failed") end
    local sum = 0
    for i = 1, #codes do
      sum = (sum * 17 + codes[i]) % 1000000007
    end
    checksum = (checksum * 31 + sum + #codes + dict_size) % 2147483647
    if chunk < 64 then chunk = chunk * 2 end
  end
  return checksum
end

-- Driver: arg[1] = size (default 2000000), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 2000000
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
  print(string.format("lzw: %d", result))
end
return run
