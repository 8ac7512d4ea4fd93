-- json: a small JSON serializer and recursive-descent parser written in
-- Lua, run over a generated document: encode -> decode -> encode, check
-- that the round trip is exact, and hash the text.
-- Numbers are restricted to integers and values with few decimals so the
-- text is identical on every implementation.

local M = 1000003

---------------------------------------------------------------- encoder
-- Portable fixed-point formatting: LuaJ 3.0.1 ignores the precision of %f.
local function fixed(x, digits)
  local scale = 10 ^ digits
  local sign = ""
  if x < 0 then sign = "-"; x = -x end
  local v = math.floor(x * scale + 0.5)
  local ip = math.floor(v / scale)
  return sign .. string.format("%d.%0" .. digits .. "d", ip, v - ip * scale)
end

local escapes = {
  ['"'] = '\\"', ['\\'] = '\\\\', ['\b'] = '\\b', ['\f'] = '\\f',
  ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t',
}

local function escape_char(c)
  return escapes[c] or string.format("\\u%04x", c:byte())
end

local encode_value

local function encode_string(s, out)
  out[#out + 1] = '"'
  out[#out + 1] = (s:gsub('[%c"\\]', escape_char))
  out[#out + 1] = '"'
end

function encode_value(v, out)
  local tv = type(v)
  if tv == "string" then
    encode_string(v, out)
  elseif tv == "number" then
    if v == math.floor(v) then
      out[#out + 1] = string.format("%d", v)
    else
      out[#out + 1] = fixed(v, 2)
    end
  elseif tv == "boolean" then
    out[#out + 1] = v and "true" or "false"
  elseif v == nil then
    out[#out + 1] = "null"
  elseif tv == "table" then
    if #v > 0 then
      out[#out + 1] = "["
      for i = 1, #v do
        if i > 1 then out[#out + 1] = "," end
        encode_value(v[i], out)
      end
      out[#out + 1] = "]"
    else
      -- object: keys sorted so the output is deterministic
      local keys = {}
      for k in pairs(v) do keys[#keys + 1] = k end
      table.sort(keys)
      out[#out + 1] = "{"
      for i = 1, #keys do
        if i > 1 then out[#out + 1] = "," end
        encode_string(keys[i], out)
        out[#out + 1] = ":"
        encode_value(v[keys[i]], out)
      end
      out[#out + 1] = "}"
    end
  else
    error("cannot encode " .. tv)
  end
end

local function encode(v)
  local out = {}
  encode_value(v, out)
  return table.concat(out)
end

---------------------------------------------------------------- decoder
local decode_value

local function skip_ws(s, i)
  return (s:find("[^ \t\r\n]", i)) or (#s + 1)
end

local unescapes = { b = "\b", f = "\f", n = "\n", r = "\r", t = "\t",
                    ['"'] = '"', ['\\'] = '\\', ['/'] = '/' }

local function decode_string(s, i)
  -- s:sub(i, i) == '"'
  local parts = {}
  local j = i + 1
  while true do
    local a, b = s:find('["\\]', j)
    if not a then error("unterminated string at " .. i) end
    if a > j then parts[#parts + 1] = s:sub(j, a - 1) end
    if s:sub(a, a) == '"' then
      return table.concat(parts), a + 1
    end
    local c = s:sub(a + 1, a + 1)
    if c == "u" then
      local hex = s:sub(a + 2, a + 5)
      parts[#parts + 1] = string.char(tonumber(hex, 16))
      j = a + 6
    else
      parts[#parts + 1] = unescapes[c] or error("bad escape \\" .. c)
      j = a + 2
    end
  end
end

local function decode_number(s, i)
  local a, b = s:find("^-?%d+%.?%d*[eE]?[-+]?%d*", i)
  if not a then error("bad number at " .. i) end
  return tonumber(s:sub(a, b)), b + 1
end

local function decode_array(s, i)
  local arr = {}
  local n = 0
  i = skip_ws(s, i + 1)
  if s:sub(i, i) == "]" then return arr, i + 1 end
  while true do
    local v
    v, i = decode_value(s, i)
    n = n + 1
    arr[n] = v
    i = skip_ws(s, i)
    local c = s:sub(i, i)
    if c == "]" then return arr, i + 1 end
    if c ~= "," then error("expected , or ] at " .. i) end
    i = skip_ws(s, i + 1)
  end
end

local function decode_object(s, i)
  local obj = {}
  i = skip_ws(s, i + 1)
  if s:sub(i, i) == "}" then return obj, i + 1 end
  while true do
    if s:sub(i, i) ~= '"' then error("expected key at " .. i) end
    local k, v
    k, i = decode_string(s, i)
    i = skip_ws(s, i)
    if s:sub(i, i) ~= ":" then error("expected : at " .. i) end
    i = skip_ws(s, i + 1)
    v, i = decode_value(s, i)
    obj[k] = v
    i = skip_ws(s, i)
    local c = s:sub(i, i)
    if c == "}" then return obj, i + 1 end
    if c ~= "," then error("expected , or } at " .. i) end
    i = skip_ws(s, i + 1)
  end
end

function decode_value(s, i)
  i = skip_ws(s, i)
  local c = s:sub(i, i)
  if c == "{" then return decode_object(s, i)
  elseif c == "[" then return decode_array(s, i)
  elseif c == '"' then return decode_string(s, i)
  elseif c == "t" and s:sub(i, i + 3) == "true" then return true, i + 4
  elseif c == "f" and s:sub(i, i + 4) == "false" then return false, i + 5
  elseif c == "n" and s:sub(i, i + 3) == "null" then return nil, i + 4
  else return decode_number(s, i) end
end

local function decode(s)
  local v, i = decode_value(s, 1)
  i = skip_ws(s, i)
  if i <= #s then error("trailing garbage at " .. i) end
  return v
end

---------------------------------------------------------------- document
local seed = 7
local function rand(k)
  seed = (seed * 16807) % 2147483647
  return seed % k
end

local names = { "id", "name", "email", "tags", "active", "score", "address", "friends",
                "balance", "note" }

local function gen_string()
  local len = 3 + rand(12)
  local chars = {}
  for i = 1, len do
    local r = rand(40)
    if r == 0 then chars[i] = '"'
    elseif r == 1 then chars[i] = "\\"
    elseif r == 2 then chars[i] = "\n"
    elseif r == 3 then chars[i] = "\1"
    else chars[i] = string.char(97 + r % 26) end
  end
  return table.concat(chars)
end

local function gen_value(depth)
  local r = rand(depth > 3 and 5 or 7)
  if r == 0 then return rand(100000) - 50000
  elseif r == 1 then return (rand(20000) - 10000) / 4
  elseif r == 2 then return gen_string()
  elseif r == 3 then return rand(2) == 0
  elseif r == 4 then return gen_string() .. rand(100)
  elseif r == 5 then
    local arr = {}
    for i = 1, 1 + rand(6) do arr[i] = gen_value(depth + 1) end
    return arr
  else
    local obj = {}
    for i = 1, 1 + rand(6) do obj[names[rand(#names) + 1]] = gen_value(depth + 1) end
    return obj
  end
end

local function gen_document(records)
  local doc = {}
  for i = 1, records do
    local rec = {}
    for j = 1, #names do
      if rand(3) ~= 0 then rec[names[j]] = gen_value(1) end
    end
    rec.id = i
    doc[i] = rec
  end
  return doc
end

local function hash(s)
  local h = 0
  for i = 1, #s, 3 do h = (h * 31 + s:byte(i)) % M end
  return (h + #s) % M
end

-- n = number of records in the document; 5 encode/decode rounds
local function run(n)
  seed = 7
  local doc = gen_document(n)
  local text = encode(doc)
  local checksum = hash(text)
  for _ = 1, 5 do
    local back = decode(text)
    local text2 = encode(back)
    if text2 ~= text then error("json round trip mismatch") end
    checksum = (checksum * 3 + #back) % M
  end
  return checksum
end

-- Driver: arg[1] = size (default 7000), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 7000
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
  print(string.format("json: %d", result))
end
return run
