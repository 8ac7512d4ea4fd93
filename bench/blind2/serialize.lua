-- serialize.lua: builds nested data (records with string, integer, float and boolean fields,
-- arrays of records, strings with quotes, backslashes, control characters and high bytes),
-- serializes it to JSON with sorted keys and to Lua table-constructor text, reads the Lua text
-- back with load() and the JSON text with a recursive-descent decoder, and checks both round
-- trips with a deep-equality function.
-- Exercises: string building with table.concat, gsub with replacement tables and functions,
-- string.find/sub/byte scanning, recursion, table.sort of keys, load of text chunks.

local seed = 42
local function rand() seed = (seed * 16807) % 2147483647; return seed end
local function randint(lo, hi) return lo + rand() % (hi - lo + 1) end

local WORDS = { "alpha", "beta", "gamma", "delta", "quote\"d", "back\\slash", "tab\there",
  "line\nbreak", "caf\233", "na\239ve", "\226\130\172uro", "plain", "x", "end\r", "bell\7" }

local function make_string()
  local parts = {}
  for i = 1, randint(1, 4) do parts[i] = WORDS[randint(1, #WORDS)] end
  return table.concat(parts, " ")
end

local function make_record(depth)
  local r = {
    id = randint(1, 1000000),
    name = make_string(),
    active = rand() % 2 == 0,
    score = randint(-4000, 4000) / 8,
    tags = {},
  }
  for i = 1, randint(0, 3) do r.tags[i] = make_string() end
  if randint(1, 3) == 1 then r.note = make_string() end
  if depth > 0 and randint(1, 2) == 1 then
    local kids = {}
    for i = 1, randint(1, 3) do kids[i] = make_record(depth - 1) end
    r.children = kids
  end
  return r
end

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  return keys
end

local function is_array(t)
  return next(t) == nil or t[1] ~= nil
end

local function format_number(v)
  if v == math.floor(v) then return string.format("%d", v) end
  return string.format("%.17g", v)
end

---------------------------------------------------------------- JSON encoder
local JSON_ESC = { ['"'] = '\\"', ['\\'] = '\\\\', ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t' }
local function json_escape_char(c)
  return JSON_ESC[c] or string.format("\\u%04x", string.byte(c))
end

local function json_encode(v, out)
  local tv = type(v)
  if tv == "table" then
    if is_array(v) then
      out[#out + 1] = "["
      for i = 1, #v do
        if i > 1 then out[#out + 1] = "," end
        json_encode(v[i], out)
      end
      out[#out + 1] = "]"
    else
      out[#out + 1] = "{"
      for i, k in ipairs(sorted_keys(v)) do
        if i > 1 then out[#out + 1] = "," end
        out[#out + 1] = '"' .. k .. '":'
        json_encode(v[k], out)
      end
      out[#out + 1] = "}"
    end
  elseif tv == "string" then
    out[#out + 1] = '"' .. v:gsub('[%c"\\]', json_escape_char) .. '"'
  elseif tv == "number" then
    out[#out + 1] = format_number(v)
  else
    out[#out + 1] = v and "true" or "false"
  end
end

---------------------------------------------------------------- Lua encoder
local LUA_ESC = { ['"'] = '\\"', ['\\'] = '\\\\', ['\n'] = '\\n' }
local function lua_escape_char(c)
  return LUA_ESC[c] or string.format("\\%03d", string.byte(c))
end

local function lua_encode(v, out, indent)
  local tv = type(v)
  if tv == "table" then
    local inner = indent .. "  "
    out[#out + 1] = "{\n"
    if is_array(v) then
      for i = 1, #v do
        out[#out + 1] = inner
        lua_encode(v[i], out, inner)
        out[#out + 1] = ",\n"
      end
    else
      for _, k in ipairs(sorted_keys(v)) do
        out[#out + 1] = inner .. k .. " = "
        lua_encode(v[k], out, inner)
        out[#out + 1] = ",\n"
      end
    end
    out[#out + 1] = indent .. "}"
  elseif tv == "string" then
    out[#out + 1] = '"' .. v:gsub('[%c"\\\128-\255]', lua_escape_char) .. '"'
  elseif tv == "number" then
    out[#out + 1] = format_number(v)
  else
    out[#out + 1] = tostring(v)
  end
end

---------------------------------------------------------------- JSON decoder
local JSON_UNESC = { ['"'] = '"', ['\\'] = '\\', ['/'] = '/', n = '\n', r = '\r', t = '\t', b = '\b', f = '\f' }

local decode_value

local function skip_ws(s, pos)
  return (s:find("[^ \t\r\n]", pos)) or #s + 1
end

local function decode_string(s, pos)
  -- s:sub(pos, pos) == '"'
  local buf, i = {}, pos + 1
  while true do
    local j = s:find('["\\]', i)
    if not j then error("unterminated string at " .. pos) end
    if j > i then buf[#buf + 1] = s:sub(i, j - 1) end
    if s:sub(j, j) == '"' then return table.concat(buf), j + 1 end
    local e = s:sub(j + 1, j + 1)
    if e == "u" then
      buf[#buf + 1] = string.char(tonumber(s:sub(j + 2, j + 5), 16))
      i = j + 6
    else
      buf[#buf + 1] = JSON_UNESC[e] or error("bad escape \\" .. e)
      i = j + 2
    end
  end
end

decode_value = function(s, pos)
  pos = skip_ws(s, pos)
  local c = s:sub(pos, pos)
  if c == "{" then
    local obj = {}
    pos = skip_ws(s, pos + 1)
    if s:sub(pos, pos) == "}" then return obj, pos + 1 end
    while true do
      local key
      key, pos = decode_string(s, skip_ws(s, pos))
      pos = skip_ws(s, pos)
      assert(s:sub(pos, pos) == ":", "colon expected")
      obj[key], pos = decode_value(s, pos + 1)
      pos = skip_ws(s, pos)
      c = s:sub(pos, pos)
      if c == "}" then return obj, pos + 1 end
      assert(c == ",", "comma expected in object")
      pos = pos + 1
    end
  elseif c == "[" then
    local arr = {}
    pos = skip_ws(s, pos + 1)
    if s:sub(pos, pos) == "]" then return arr, pos + 1 end
    while true do
      arr[#arr + 1], pos = decode_value(s, pos)
      pos = skip_ws(s, pos)
      c = s:sub(pos, pos)
      if c == "]" then return arr, pos + 1 end
      assert(c == ",", "comma expected in array")
      pos = pos + 1
    end
  elseif c == '"' then
    return decode_string(s, pos)
  elseif s:find("^true", pos) then
    return true, pos + 4
  elseif s:find("^false", pos) then
    return false, pos + 5
  else
    local num = s:match("^-?%d+%.?%d*[eE]?[-+]?%d*", pos)
    if not num then error("unexpected character at " .. pos) end
    return tonumber(num), pos + #num
  end
end

local function json_decode(s)
  local v, pos = decode_value(s, 1)
  assert(skip_ws(s, pos) == #s + 1, "trailing garbage")
  return v
end

---------------------------------------------------------------- helpers
local function deep_equal(a, b)
  if type(a) ~= type(b) then return false end
  if type(a) ~= "table" then return a == b end
  for k, v in pairs(a) do
    if not deep_equal(v, b[k]) then return false end
  end
  for k in pairs(b) do
    if a[k] == nil then return false end
  end
  return true
end

local function text_hash(s, h)
  local len = #s
  for i = 1, len, 16 do
    local a, b, c, d = s:byte(i, i + 3)
    h = (h * 31 + a + (b or 0) * 3 + (c or 0) * 5 + (d or 0) * 7) % 1000000007
  end
  return (h * 31 + len) % 1000000007
end

local function run(n)
  seed = 42
  local check = 0
  local batches = math.floor(n / 50) + 1
  for batch = 1, batches do
    local data = { version = batch, records = {} }
    for i = 1, 50 do data.records[i] = make_record(3) end

    local jparts = {}
    json_encode(data, jparts)
    local json = table.concat(jparts)
    local lparts = {}
    lua_encode(data, lparts, "")
    local luatext = table.concat(lparts)

    local from_lua = assert(load("return " .. luatext, "=data"))()
    local from_json = json_decode(json)
    if not deep_equal(data, from_lua) then error("Lua round trip differs in batch " .. batch) end
    if not deep_equal(data, from_json) then error("JSON round trip differs in batch " .. batch) end

    -- re-encoding the decoded data must give the same text
    local again = {}
    json_encode(from_json, again)
    if table.concat(again) ~= json then error("JSON re-encoding differs in batch " .. batch) end

    check = (check * 7 + #json + 3 * #luatext) % 1000000007
    check = text_hash(json, check)
    check = text_hash(luatext, check)
  end
  return check
end

-- Driver: arg[1] = size (default 12000), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 12000
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
  print(string.format("serialize: %d", result))
end
return run
