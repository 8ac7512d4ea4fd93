-- csv.lua: generate a CSV document and parse it back.
-- Builds a header plus n rows (quoted fields with embedded commas and doubled quotes, empty fields,
-- decimal numeric columns) into one string with table.concat, parses it with a string.find-driven
-- state machine (RFC 4180 style quoting), converts numeric columns with tonumber, groups by a key
-- column and aggregates count/sum/min/max, then produces a sorted report with string.format.
-- Exercises: string.find with patterns and init positions, string.sub, string.gsub, table.concat,
-- tonumber on decimal strings, tables as records, table.sort.

local CITIES = { "Amsterdam", "Berlin", "Chicago", "Denver", "Edinburgh", "Florence", "Geneva", "Houston",
                 "Istanbul", "Jakarta", "Kyoto", "Lisbon", "Madrid", "Nairobi", "Oslo", "Prague" }
local WORDS = { "red", "blue", "large", "small", "deluxe", "basic", "wooden", "steel", "organic", "vintage",
                "say \"hi\"", "a, b", "plain" }
local HEADER = { "id", "city", "product", "quantity", "price", "weight", "note" }
local NCOLS = #HEADER

local function quote(field)
  if string.find(field, '[,"\n]') then
    return '"' .. string.gsub(field, '"', '""') .. '"'
  end
  return field
end

-- Parse a whole CSV text; returns a list of records (lists of strings).
local function parse_csv(text)
  local rows, row = {}, {}
  local pos, len = 1, #text
  while pos <= len do
    local c = string.sub(text, pos, pos)
    local value
    if c == '"' then
      -- quoted field: scan for closing quote, treating "" as an escaped quote
      local parts, start = {}, pos + 1
      while true do
        local q = string.find(text, '"', start, true)
        if not q then error("unterminated quoted field at " .. pos) end
        parts[#parts + 1] = string.sub(text, start, q - 1)
        if string.sub(text, q + 1, q + 1) == '"' then
          parts[#parts + 1] = '"'
          start = q + 2
        else
          pos = q + 1
          break
        end
      end
      value = table.concat(parts)
    else
      local stop = string.find(text, "[,\n]", pos) or (len + 1)
      value = string.sub(text, pos, stop - 1)
      pos = stop
    end
    row[#row + 1] = value
    local sep = string.sub(text, pos, pos)
    if sep == "," then
      pos = pos + 1
      if pos > len then row[#row + 1] = "" end
    elseif sep == "\n" or sep == "" then
      rows[#rows + 1] = row
      row = {}
      pos = pos + 1
    else
      error("unexpected character after field: " .. sep)
    end
  end
  if #row > 0 then rows[#rows + 1] = row end
  return rows
end

local function run(n)
  local seed = 42
  local function rand() seed = (seed * 16807) % 2147483647; return seed end
  local function randint(lo, hi) return lo + rand() % (hi - lo + 1) end

  -- Generate ---------------------------------------------------------------
  local out = { table.concat(HEADER, ","), "\n" }
  for i = 1, n do
    local product = WORDS[randint(1, #WORDS)] .. " " .. WORDS[randint(1, #WORDS)]
    local note = ""
    local r = rand() % 5
    if r == 0 then note = 'customer said "ship fast", please'
    elseif r == 1 then note = "gift" end
    local fields = {
      string.format("%d", i),
      CITIES[randint(1, #CITIES)],
      product,
      string.format("%d", randint(1, 500)),
      string.format("%d.%02d", randint(0, 999), randint(0, 99)),
      string.format("%d.%03d", randint(0, 50), randint(0, 999)),
      note,
    }
    for k = 1, NCOLS do fields[k] = quote(fields[k]) end
    out[#out + 1] = table.concat(fields, ",")
    out[#out + 1] = "\n"
  end
  local text = table.concat(out)

  -- Parse ------------------------------------------------------------------
  local rows = parse_csv(text)
  assert(#rows == n + 1, "row count")
  local header = rows[1]
  local col = {}
  for i, name in ipairs(header) do col[name] = i end

  local groups = {}
  local bad, quoted_chars, notes = 0, 0, 0
  for r = 2, #rows do
    local rec = rows[r]
    if #rec ~= NCOLS then bad = bad + 1 end
    local city = rec[col.city]
    local qty = tonumber(rec[col.quantity])
    local price = math.floor(tonumber(rec[col.price]) * 100 + 0.5)     -- cents
    local weight = math.floor(tonumber(rec[col.weight]) * 1000 + 0.5)  -- grams
    local product = rec[col.product]
    if string.find(product, '"', 1, true) or string.find(product, ",", 1, true) then
      quoted_chars = quoted_chars + #product
    end
    if rec[col.note] ~= "" then notes = notes + 1 end
    local g = groups[city]
    if not g then
      g = { count = 0, qty = 0, revenue = 0, weight = 0, min = math.huge, max = -math.huge }
      groups[city] = g
    end
    local amount = qty * price
    g.count = g.count + 1
    g.qty = g.qty + qty
    g.revenue = g.revenue + amount
    g.weight = g.weight + weight
    if price < g.min then g.min = price end
    if price > g.max then g.max = price end
  end

  -- Report -----------------------------------------------------------------
  local cities = {}
  for city in pairs(groups) do cities[#cities + 1] = city end
  table.sort(cities)
  local h = (#text % 1000000007)
  h = (h * 31 + bad) % 1000000007
  h = (h * 31 + quoted_chars) % 1000000007
  h = (h * 31 + notes) % 1000000007
  for _, city in ipairs(cities) do
    local g = groups[city]
    local line = string.format("%-10s n=%d qty=%d rev=%d.%02d w=%dg min=%d max=%d",
      city, g.count, g.qty, math.floor(g.revenue / 100), g.revenue % 100, g.weight, g.min, g.max)
    for i = 1, #line do h = (h * 31 + string.byte(line, i)) % 1000000007 end
  end
  return h
end

-- Driver: arg[1] = size (default 170000), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 170000
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
  print(string.format("csv: %d", result))
end
return run
