-- textwrap.lua: text layout of generated prose.
-- Generates paragraphs of pseudo-words, wraps them at several widths with greedy wrapping and with
-- full justification (extra spaces distributed left to right), centres section headings with
-- string.rep, and appends aligned tables of word statistics made with string.format("%-12s|%5d|%5d").
-- Every document is assembled with table.concat; the checksum mixes line counts, total length and a
-- rolling hash over the bytes of the produced text.
-- Exercises: string building (concat, rep, format, upper, sub), table.concat, table.sort with a
-- comparator, string.byte scanning, gmatch word splitting.

local seed = 42
local function rand() seed = (seed * 16807) % 2147483647; return seed end   -- 1 .. 2^31-2
local function randint(lo, hi) return lo + rand() % (hi - lo + 1) end

local SYLLABLES = { "al", "ber", "co", "dra", "e", "fin", "gu", "ho", "is", "ja", "ke", "lum",
                    "mo", "nar", "o", "pre", "qua", "ri", "sen", "tu", "ul", "ve", "wy", "xen" }

local function make_word()
  local parts = {}
  local k = randint(1, 6)
  if k > 3 then k = k - 3 end            -- mostly short words
  for i = 1, k do parts[i] = SYLLABLES[randint(1, #SYLLABLES)] end
  return table.concat(parts)
end

local function make_paragraph()
  local words = {}
  for s = 1, randint(3, 7) do
    local len = randint(5, 16)
    for i = 1, len do
      local w = make_word()
      if i == 1 then w = string.upper(string.sub(w, 1, 1)) .. string.sub(w, 2) end
      if i == len then w = w .. "."
      elseif randint(1, 9) == 1 then w = w .. "," end
      words[#words + 1] = w
    end
  end
  return table.concat(words, " ")
end

local function split_words(text)
  local words = {}
  for w in string.gmatch(text, "%S+") do words[#words + 1] = w end
  return words
end

-- greedy wrap: returns a list of lines, each a list of words
local function wrap(words, width)
  local lines, cur, curlen = {}, {}, 0
  for _, w in ipairs(words) do
    if #cur > 0 and curlen + 1 + #w > width then
      lines[#lines + 1] = cur
      cur, curlen = {}, 0
    end
    if #cur == 0 then curlen = #w else curlen = curlen + 1 + #w end
    cur[#cur + 1] = w
  end
  if #cur > 0 then lines[#lines + 1] = cur end
  return lines
end

local function justify(line, width)
  local gaps = #line - 1
  if gaps == 0 then return line[1] end
  local letters = 0
  for _, w in ipairs(line) do letters = letters + #w end
  local spaces = width - letters
  local base = math.floor(spaces / gaps)
  local extra = spaces - base * gaps
  local parts = {}
  for i = 1, gaps do
    parts[#parts + 1] = line[i]
    parts[#parts + 1] = string.rep(" ", base + (i <= extra and 1 or 0))
  end
  parts[#parts + 1] = line[#line]
  return table.concat(parts)
end

local function center(text, width)
  local left = math.floor((width - #text) / 2)
  if left < 0 then left = 0 end
  local right = width - #text - left
  if right < 0 then right = 0 end
  return string.rep(" ", left) .. text .. string.rep(" ", right)
end

local function stats_table(words)
  local count = {}
  for _, w in ipairs(words) do
    local key = string.lower(string.gsub(w, "[%.,]", ""))
    count[key] = (count[key] or 0) + 1
  end
  local keys = {}
  for k in pairs(count) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    if count[a] ~= count[b] then return count[a] > count[b] end
    return a < b
  end)
  local rows = { string.format("%-12s|%5s|%5s", "word", "count", "len"), string.rep("-", 24) }
  for i = 1, math.min(12, #keys) do
    local k = keys[i]
    rows[#rows + 1] = string.format("%-12s|%5d|%5d", k, count[k], #k)
  end
  return rows, #keys
end

local function run(n)
  seed = 42
  local paragraphs = {}
  for p = 1, n do paragraphs[p] = make_paragraph() end
  local h, totallen, totallines = 0, 0, 0
  local widths = { 32, 50, 72, 100 }
  for _, width in ipairs(widths) do
    for mode = 1, 2 do
      local out = {}
      out[#out + 1] = center(string.format("== Width %d, %s ==", width, mode == 1 and "ragged" or "justified"), width)
      out[#out + 1] = ""
      local allwords = {}
      for p, text in ipairs(paragraphs) do
        if p % 10 == 1 then
          out[#out + 1] = center(string.format("Section %d", math.floor(p / 10) + 1), width)
        end
        local words = split_words(text)
        for _, w in ipairs(words) do allwords[#allwords + 1] = w end
        local lines = wrap(words, width)
        for i, line in ipairs(lines) do
          if mode == 2 and i < #lines then
            out[#out + 1] = justify(line, width)
          else
            out[#out + 1] = table.concat(line, " ")
          end
        end
        out[#out + 1] = ""
      end
      local rows, distinct = stats_table(allwords)
      for _, r in ipairs(rows) do out[#out + 1] = r end
      out[#out + 1] = string.format("%d distinct words", distinct)
      local doc = table.concat(out, "\n")
      totallines = totallines + #out
      totallen = totallen + #doc
      for i = 1, #doc do
        h = (h * 31 + string.byte(doc, i)) % 1000000007
      end
    end
  end
  return (h + totallines * 1000 + totallen) % 1000000007
end

-- Driver: arg[1] = size (default 3000), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 3000
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
  print(string.format("textwrap: %d", result))
end
return run
