-- rules.lua: a small pricing rules engine, the kind of customer logic a product embeds.
-- Generates orders (tier, region, items, optional coupon), compiles ~30 declarative rules
-- ({field, op, value} conditions combined with all/any) into closures, sorts them by priority,
-- applies them to every order with integer-cent arithmetic, and aggregates a sorted report.
-- Exercises: closures, table construction, string keys, table.sort with comparator,
-- string.format, integer arithmetic with math.floor.

local unpack = table.unpack or unpack

local TIERS = { "bronze", "silver", "gold", "platinum" }
local REGIONS = { "north", "south", "east", "west", "central" }
local COUPONS = { "SAVE10", "WELCOME", "FREESHIP", "BULK5", "VIP20" }
local TAX_BPS = { north = 725, south = 600, east = 880, west = 950, central = 500 } -- basis points

local function run(n)
  local seed = 42
  local function rand() seed = (seed * 16807) % 2147483647; return seed end
  local function randint(lo, hi) return lo + rand() % (hi - lo + 1) end

  -- Order generation ------------------------------------------------------
  local orders = {}
  for i = 1, n do
    local items = {}
    for k = 1, randint(1, 6) do
      items[k] = {
        sku = string.format("SKU-%03d", randint(1, 120)),
        qty = randint(1, 5),
        price = randint(199, 25000),
      }
    end
    local coupon = nil
    if rand() % 4 == 0 then coupon = COUPONS[randint(1, #COUPONS)] end
    orders[i] = {
      id = i,
      tier = TIERS[randint(1, #TIERS)],
      region = REGIONS[randint(1, #REGIONS)],
      items = items,
      coupon = coupon,
    }
  end

  -- Rule compilation ------------------------------------------------------
  local ops = {
    eq = function(a, b) return a == b end,
    ne = function(a, b) return a ~= b end,
    gt = function(a, b) return a ~= nil and a > b end,
    ge = function(a, b) return a ~= nil and a >= b end,
    lt = function(a, b) return a ~= nil and a < b end,
    ["in"] = function(a, b) for _, v in ipairs(b) do if v == a then return true end end return false end,
    prefix = function(a, b) return a ~= nil and string.sub(a, 1, #b) == b end,
  }

  local function compile_cond(desc)
    if desc.all or desc.any then
      local subs = {}
      for i, d in ipairs(desc.all or desc.any) do subs[i] = compile_cond(d) end
      if desc.all then
        return function(ctx)
          for i = 1, #subs do if not subs[i](ctx) then return false end end
          return true
        end
      end
      return function(ctx)
        for i = 1, #subs do if subs[i](ctx) then return true end end
        return false
      end
    end
    local op, field, value = assert(ops[desc.op], desc.op), desc.field, desc.value
    return function(ctx) return op(ctx[field], value) end
  end

  local actions = {
    percent = function(ctx, pct) ctx.discount = ctx.discount + math.floor(ctx.subtotal * pct / 100 + 0.5) end,
    amount = function(ctx, cents) ctx.discount = ctx.discount + math.min(cents, ctx.subtotal - ctx.discount) end,
    freeship = function(ctx) ctx.shipping = 0 end,
    tax = function(ctx)
      local base = ctx.subtotal - ctx.discount
      ctx.tax = math.floor(base * TAX_BPS[ctx.region] / 10000 + 0.5)
    end,
    buy3pay2 = function(ctx, prefix)
      for _, it in ipairs(ctx.order.items) do
        if string.sub(it.sku, 1, #prefix) == prefix and it.qty >= 3 then
          ctx.discount = ctx.discount + math.floor(it.qty / 3) * it.price
        end
      end
    end,
  }

  local specs = {
    { name = "tax", prio = 1, when = { op = "ne", field = "region", value = "" }, act = { "tax" } },
    { name = "vip-coupon", prio = 90, stop = true,
      when = { all = { { field = "coupon", op = "eq", value = "VIP20" }, { field = "tier", op = "in", value = { "gold", "platinum" } } } },
      act = { "percent", 20 } },
    { name = "save10", prio = 80, when = { field = "coupon", op = "eq", value = "SAVE10" }, act = { "percent", 10 } },
    { name = "welcome", prio = 80, when = { all = { { field = "coupon", op = "eq", value = "WELCOME" }, { field = "tier", op = "eq", value = "bronze" } } }, act = { "amount", 1500 } },
    { name = "freeship-coupon", prio = 70, when = { field = "coupon", op = "eq", value = "FREESHIP" }, act = { "freeship" } },
    { name = "freeship-big", prio = 60, when = { field = "subtotal", op = "ge", value = 20000 }, act = { "freeship" } },
    { name = "freeship-plat", prio = 60, when = { field = "tier", op = "eq", value = "platinum" }, act = { "freeship" } },
    { name = "bulk5", prio = 75, when = { all = { { field = "coupon", op = "eq", value = "BULK5" }, { field = "units", op = "ge", value = 10 } } }, act = { "percent", 5 } },
    { name = "huge-order", prio = 50, when = { field = "subtotal", op = "gt", value = 150000 }, act = { "amount", 5000 } },
  }
  -- Tier and region promotions, generated like a product catalogue would be.
  for i, tier in ipairs(TIERS) do
    specs[#specs + 1] = { name = "tier-" .. tier, prio = 40 + i, act = { "percent", i * 2 },
      when = { all = { { field = "tier", op = "eq", value = tier }, { field = "subtotal", op = "ge", value = 5000 * i } } } }
  end
  for i, region in ipairs(REGIONS) do
    specs[#specs + 1] = { name = "region-" .. region, prio = 30 + i, act = { "amount", 250 * i },
      when = { any = { { field = "region", op = "eq", value = region }, { field = "lines", op = "gt", value = 5 } } } }
  end
  for d = 0, 9 do
    specs[#specs + 1] = { name = "b3p2-" .. d, prio = 20 + d, act = { "buy3pay2", string.format("SKU-%02d", d) },
      when = { all = { { field = "lines", op = "ge", value = 2 }, { field = "tier", op = "ne", value = "bronze" } } } }
  end
  specs[#specs + 1] = { name = "late-stop", prio = 10, stop = true, when = { field = "units", op = "lt", value = 3 }, act = { "amount", 100 } }
  specs[#specs + 1] = { name = "never", prio = 5, when = { field = "coupon", op = "prefix", value = "ZZ" }, act = { "percent", 50 } }

  local rules = {}
  for i, s in ipairs(specs) do
    rules[i] = { name = s.name, prio = s.prio, order = i, stop = s.stop,
                 cond = compile_cond(s.when), action = actions[s.act[1]], args = { unpack(s.act, 2) } }
  end
  table.sort(rules, function(a, b)
    if a.prio ~= b.prio then return a.prio > b.prio end
    return a.order < b.order
  end)

  -- Evaluation ------------------------------------------------------------
  local fired, agg = {}, {}
  local h = 0
  for _, o in ipairs(orders) do
    local subtotal, units = 0, 0
    for _, it in ipairs(o.items) do
      subtotal = subtotal + it.qty * it.price
      units = units + it.qty
    end
    local ctx = { order = o, tier = o.tier, region = o.region, coupon = o.coupon, subtotal = subtotal,
                  units = units, lines = #o.items, discount = 0, shipping = 995, tax = 0 }
    for _, r in ipairs(rules) do
      if r.cond(ctx) then
        r.action(ctx, unpack(r.args))
        fired[r.name] = (fired[r.name] or 0) + 1
        if r.stop then break end
      end
    end
    if ctx.discount > subtotal then ctx.discount = subtotal end
    local total = subtotal - ctx.discount + ctx.shipping + ctx.tax
    local key = o.region .. "/" .. o.tier
    local a = agg[key]
    if not a then a = { count = 0, total = 0, discount = 0 }; agg[key] = a end
    a.count = a.count + 1
    a.total = a.total + total
    a.discount = a.discount + ctx.discount
    h = (h * 31 + total) % 1000000007
  end

  -- Report ----------------------------------------------------------------
  local keys = {}
  for k in pairs(agg) do keys[#keys + 1] = k end
  table.sort(keys)
  for _, k in ipairs(keys) do
    local a = agg[k]
    local line = string.format("%-16s %6d %12d.%02d %10d.%02d", k, a.count,
      math.floor(a.total / 100), a.total % 100, math.floor(a.discount / 100), a.discount % 100)
    for i = 1, #line do h = (h * 31 + string.byte(line, i)) % 1000000007 end
  end
  local names = {}
  for name in pairs(fired) do names[#names + 1] = name end
  table.sort(names)
  for _, name in ipairs(names) do
    local line = string.format("%s=%d", name, fired[name])
    for i = 1, #line do h = (h * 31 + string.byte(line, i)) % 1000000007 end
  end
  return h
end

-- Driver: arg[1] = size (default 150000), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 150000
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
  print(string.format("rules: %d", result))
end
return run
