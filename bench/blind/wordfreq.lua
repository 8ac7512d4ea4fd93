-- wordfreq: word and bigram frequency counting over generated text.
-- A Park-Miller LCG picks words (skewed towards the front of a vocabulary,
-- plus rarer syllable-built words) into sentences with capitals, punctuation,
-- digits and contractions; the text is assembled with table.concat into one
-- large string, split with string.gmatch("%a+"), lower-cased and counted in
-- hash tables. The (word, count) pairs are sorted with table.sort by count
-- descending then word ascending, and the top entries are formatted with
-- string.format and folded into a checksum.

local MOD = 2147483647

local VOCABULARY = {
  "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was",
  "with", "be", "by", "on", "not", "he", "this", "are", "or", "his", "from",
  "at", "which", "but", "have", "an", "had", "they", "you", "were", "their",
  "one", "all", "we", "can", "her", "has", "there", "been", "if", "more",
  "when", "will", "would", "who", "so", "no", "river", "mountain", "engine",
  "table", "window", "garden", "letter", "number", "signal", "harbor", "lantern",
  "compiler", "thread", "market", "winter", "silver", "orchard", "captain",
  "machine", "library", "pattern", "kernel", "meadow", "voyage", "pepper",
  "quiet", "rapid", "golden", "hollow", "brittle", "eager", "distant", "humble",
  "vivid", "narrow", "ancient", "restless", "gentle", "bitter", "clever",
  "wander", "gather", "listen", "follow", "measure", "compile", "borrow",
  "whisper", "scatter", "balance", "kindle", "anchor", "fathom", "linger",
}

local SYLLABLES = { "ba", "ko", "ri", "sen", "ta", "mul", "vo", "zan", "pre", "ek", "lo", "thu" }

local PUNCTUATION = { ".", ".", ".", "!", "?" }

local function make_rng(seed)
  local state = seed
  return function(n)
    state = (state * 16807) % 2147483647
    return state % n + 1
  end
end

local function capitalize(w)
  return string.upper(string.sub(w, 1, 1)) .. string.sub(w, 2)
end

local function pick_word(rand)
  local r = rand(100)
  if r <= 92 then
    -- Minimum of three draws skews the choice towards common words.
    local i = math.min(rand(#VOCABULARY), rand(#VOCABULARY), rand(#VOCABULARY))
    return VOCABULARY[i]
  end
  local parts = {}
  for j = 1, rand(3) + 1 do parts[j] = SYLLABLES[rand(#SYLLABLES)] end
  return table.concat(parts)
end

local function generate_text(nwords, rand)
  local sentences = {}
  local produced = 0
  while produced < nwords do
    local len = rand(12) + 3
    local words = {}
    for i = 1, len do
      local w = pick_word(rand)
      local r = rand(60)
      if i == 1 then
        w = capitalize(w)
      elseif r == 1 then
        w = string.upper(w)
      elseif r == 2 then
        w = w .. "'s"
      elseif r == 3 then
        w = w .. ","
      elseif r == 4 then
        w = tostring(rand(2000)) .. "-" .. w
      elseif r == 5 then
        w = "(" .. w .. ")"
      end
      words[i] = w
    end
    produced = produced + len
    sentences[#sentences + 1] = table.concat(words, " ") .. PUNCTUATION[rand(#PUNCTUATION)]
  end
  -- Group sentences into paragraphs separated by blank lines.
  local paragraphs = {}
  for i = 1, #sentences, 8 do
    paragraphs[#paragraphs + 1] = table.concat(sentences, " ", i, math.min(i + 7, #sentences))
  end
  return table.concat(paragraphs, "\n\n")
end

local function sorted_entries(counts)
  local entries = {}
  for word, count in pairs(counts) do
    entries[#entries + 1] = { word = word, count = count }
  end
  table.sort(entries, function(a, b)
    if a.count ~= b.count then return a.count > b.count end
    return a.word < b.word
  end)
  return entries
end

local function string_hash(h, s)
  for i = 1, #s do h = (h * 31 + string.byte(s, i)) % MOD end
  return h
end

local function run(n)
  local rand = make_rng(271828)
  local text = generate_text(n, rand)

  local counts, bigrams = {}, {}
  local total, distinct = 0, 0
  local longest = ""
  local prev
  for raw in string.gmatch(text, "%a+") do
    local w = string.lower(raw)
    total = total + 1
    local c = counts[w]
    if c == nil then
      distinct = distinct + 1
      counts[w] = 1
    else
      counts[w] = c + 1
    end
    if #w > #longest or (#w == #longest and w < longest) then longest = w end
    if prev then
      local key = prev .. " " .. w
      bigrams[key] = (bigrams[key] or 0) + 1
    end
    prev = w
  end

  local checksum = 0
  checksum = (checksum * 31 + total) % MOD
  checksum = (checksum * 31 + distinct) % MOD
  checksum = string_hash(checksum, longest)

  local entries = sorted_entries(counts)
  for rank = 1, math.min(40, #entries) do
    local e = entries[rank]
    local line = string.format("%3d %-12s %8d %7.3f%%", rank, e.word, e.count,
                               100 * e.count / total)
    checksum = string_hash(checksum, line)
  end
  -- Fold in the tail too: every 50th entry and the rarest word.
  for rank = 41, #entries, 50 do
    checksum = string_hash(checksum, string.format("%d:%s=%d", rank, entries[rank].word, entries[rank].count))
  end
  checksum = string_hash(checksum, entries[#entries].word)

  local pairs_sorted = sorted_entries(bigrams)
  for rank = 1, math.min(20, #pairs_sorted) do
    local e = pairs_sorted[rank]
    checksum = string_hash(checksum, string.format("[%s] %d", e.word, e.count))
  end
  checksum = (checksum * 31 + #pairs_sorted) % MOD
  return checksum
end

-- Driver: arg[1] = size (default 500000), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 500000
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
  print(string.format("wordfreq: %d", result))
end
return run
