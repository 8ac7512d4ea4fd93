-- template: a text-templating workload that renders generated invoices and reports.
-- Templates have ${var} placeholders (filled by string.gsub with a table), {{filter var}}
-- calls and {{#list}}...{{/list}} sections (both expanded by string.gsub with a function);
-- the rendered text is then HTML-escaped, word-wrapped, split into lines and words with
-- string.gmatch, and summarised in a word-frequency table.
-- Exercises: string.gsub (function, table and string replacements, %1 back-references),
-- string.format (%s %d %5.2f %-12s), string.rep, string.upper/lower, string.sub, string.byte,
-- string.gmatch, table.concat, table.sort with a comparator, closures.

local floor = math.floor

local function make_rng(seed)
  local state = seed
  return function(n)
    state = (state * 69069 + 1) % 4294967296
    return floor(state / 65536) % n
  end
end

local SYLLABLES = { "ka", "lo", "mi", "ra", "ten", "su", "vo", "ne", "dar", "el", "qui", "bo", "zan", "pi" }
local PRODUCTS = {
  "widget", "gadget", "sprocket", "flange", "gasket", "bracket", "spindle", "washer",
  "bearing", "coupling", "valve", "nozzle", "hinge", "latch", "pulley", "lever",
}
local WORDS = {
  "the", "order", "was", "shipped", "promptly", "and", "arrived", "in", "good", "condition",
  "please", "contact", "support", "if", "any", "item", "is", "missing", "or", "damaged",
  "thank", "you", "for", "your", "business", "we", "value", "every", "customer",
}

local function make_name(rand, parts)
  local t = {}
  for i = 1, parts do t[i] = SYLLABLES[rand(#SYLLABLES) + 1] end
  local s = table.concat(t)
  return (string.gsub(s, "^%l", string.upper))
end

local function money(cents)
  return string.format("%5.2f", cents / 100)
end

---------------------------------------------------------------------------------------------
-- Template engine

local FILTERS = {
  upper = string.upper,
  lower = string.lower,
  title = function(s)
    return (string.gsub(s, "(%a)(%a*)", function(first, rest)
      return string.upper(first) .. string.lower(rest)
    end))
  end,
  length = function(s) return string.format("%d", #s) end,
  reverse = string.reverse,
}

local function render(tpl, ctx)
  -- Sections first: the body is rendered once per element of the list.
  local out = string.gsub(tpl, "{{#([%w_]+)}}(.-){{/%1}}", function(name, body)
    local list = ctx[name]
    local parts = {}
    for i = 1, #list do
      parts[i] = render(body, list[i])
    end
    return table.concat(parts)
  end)
  out = string.gsub(out, "{{(%a+) ([%w_]+)}}", function(filter, key)
    return FILTERS[filter](ctx[key])
  end)
  -- Table replacement: unknown names stay as they are.
  out = string.gsub(out, "%${([%w_]+)}", ctx)
  return out
end

local INVOICE = [[
{{upper title}}
Invoice no. ${number} for ${customer} <${email}>
{{#items}}  ${qty} x ${item}  @ ${price}  = ${amount}
{{/items}}  Subtotal: ${subtotal}
  Tax:      ${tax}
  Total:    ${total}
Note for {{title customer}} ({{length customer}} letters, {{reverse code}}): ${note}
]]

local ESCAPES = { ["<"] = "&lt;", [">"] = "&gt;", ["&"] = "&amp;", ['"'] = "&quot;" }

local function escape_html(s)
  return (string.gsub(s, '[<>&"]', ESCAPES))
end

local function wrap(text, width, indent)
  local lines = {}
  local line = {}
  local len = 0
  for word in string.gmatch(text, "%S+") do
    if len > 0 and len + 1 + #word > width then
      lines[#lines + 1] = indent .. table.concat(line, " ")
      line = {}
      len = 0
    end
    line[#line + 1] = word
    len = len + (len > 0 and 1 or 0) + #word
  end
  if len > 0 then lines[#lines + 1] = indent .. table.concat(line, " ") end
  return table.concat(lines, "\n")
end

local function center(s, width)
  local pad = width - #s
  if pad <= 0 then return s end
  local left = floor(pad / 2)
  return string.rep(" ", left) .. s .. string.rep(" ", pad - left)
end

local function make_invoice(rand, number)
  local customer = make_name(rand, 2 + rand(2)) .. " " .. make_name(rand, 2 + rand(3))
  local items = {}
  local subtotal = 0
  for i = 1, 2 + rand(6) do
    local qty = 1 + rand(12)
    local price = 99 + rand(49900)
    local amount = qty * price
    subtotal = subtotal + amount
    items[i] = {
      qty = string.format("%3d", qty),
      item = string.format("%-10s", PRODUCTS[rand(#PRODUCTS) + 1]),
      price = money(price),
      amount = money(amount),
    }
  end
  local tax = floor(subtotal * 825 / 10000 + 0.5)
  local words = {}
  for i = 1, 8 + rand(20) do words[i] = WORDS[rand(#WORDS) + 1] end
  return {
    title = "invoice & receipt",
    number = string.format("%06d", number),
    customer = customer,
    email = string.lower((string.gsub(customer, " ", "."))) .. "@example.com",
    code = string.format("%s-%04d", string.upper(string.sub(customer, 1, 3)), rand(10000)),
    items = items,
    subtotal = money(subtotal),
    tax = money(tax),
    total = money(subtotal + tax),
    note = table.concat(words, " "),
  }, subtotal + tax
end

local function hash_text(s, h)
  for i = 1, #s do
    h = (h * 31 + string.byte(s, i)) % 2147483647
  end
  return h
end

local function run(n)
  assert(render("a ${x} {{upper y}} {{#l}}[${v}]{{/l}} ${missing}", { x = "1", y = "bc", l = { { v = "p" }, { v = "q" } } })
    == "a 1 BC [p][q] ${missing}")
  assert(FILTERS.title("hello WORLD") == "Hello World")
  assert(money(123456) == "1234.56" and money(5) == " 0.05")

  local rand = make_rng(42)
  local docs = {}
  local grand = 0
  for i = 1, n do
    local ctx, total = make_invoice(rand, i)
    grand = grand + total
    local text = escape_html(render(INVOICE, ctx))
    -- Reflow the note line, keep the rest as it is.
    local lines = {}
    for line in string.gmatch(text, "[^\n]+") do
      if string.find(line, "^Note for") then
        lines[#lines + 1] = wrap(line, 48, "    ")
      else
        lines[#lines + 1] = line
      end
    end
    docs[#docs + 1] = center(string.format("- page %d -", i), 60)
    docs[#docs + 1] = table.concat(lines, "\n")
    docs[#docs + 1] = string.rep("=", 60)
  end
  local document = table.concat(docs, "\n")

  -- Word frequencies over the whole document, reported in a deterministic order.
  local counts = {}
  local distinct = {}
  for word in string.gmatch(document, "%a+") do
    local w = string.lower(word)
    local c = counts[w]
    if c then
      counts[w] = c + 1
    else
      counts[w] = 1
      distinct[#distinct + 1] = w
    end
  end
  table.sort(distinct, function(a, b)
    if counts[a] ~= counts[b] then return counts[a] > counts[b] end
    return a < b
  end)
  local report = { string.format("%-12s %5s", "word", "count") }
  for i = 1, #distinct > 25 and 25 or #distinct do
    report[#report + 1] = string.format("%-12s %5d", distinct[i], counts[distinct[i]])
  end
  report[#report + 1] = string.format("%d distinct words, grand total %s", #distinct, money(grand))
  local summary = table.concat(report, "\n")

  local linecount = 0
  local longest = 0
  for line in string.gmatch(document .. "\n", "([^\n]*)\n") do
    linecount = linecount + 1
    if #line > longest then longest = #line end
  end

  local h = hash_text(document, 7)
  h = hash_text(summary, h)
  return (h + #document + linecount * 3 + longest) % 2147483647
end

-- Driver: arg[1] = size (default 8000), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 8000
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
  print(string.format("template: %d", result))
end
return run
