-- bignum: arbitrary-precision natural numbers as little-endian arrays of base-10^7 limbs.
-- Computes n! by repeated small multiplication and checks it by dividing it back down,
-- computes Fibonacci numbers both by repeated addition and by fast doubling (full
-- multiplication and subtraction), and multiplies the results; digit sums and lengths of the
-- decimal strings form the checksum.  Carries use math.floor and %; every intermediate stays
-- below 2^53, so plain double arithmetic is exact.
-- Exercises: numeric for loops over arrays, table creation and growth, multiple returns,
-- string.format("%07d"), table.concat, string.byte, tight arithmetic inner loops.

local floor = math.floor
local BASE = 10000000
local BASE_DIGITS = 7

local function from_int(k)
  local r = {}
  repeat
    r[#r + 1] = k % BASE
    k = floor(k / BASE)
  until k == 0
  return r
end

local function trim(a)
  local n = #a
  while n > 1 and a[n] == 0 do
    a[n] = nil
    n = n - 1
  end
  return a
end

local function compare(a, b)
  if #a ~= #b then return #a < #b and -1 or 1 end
  for i = #a, 1, -1 do
    if a[i] ~= b[i] then return a[i] < b[i] and -1 or 1 end
  end
  return 0
end

local function add(a, b)
  local r = {}
  local carry = 0
  local n = #a > #b and #a or #b
  for i = 1, n do
    local t = (a[i] or 0) + (b[i] or 0) + carry
    if t >= BASE then
      r[i] = t - BASE
      carry = 1
    else
      r[i] = t
      carry = 0
    end
  end
  if carry > 0 then r[n + 1] = carry end
  return r
end

-- a - b, requires a >= b.
local function sub(a, b)
  local r = {}
  local borrow = 0
  for i = 1, #a do
    local t = a[i] - (b[i] or 0) - borrow
    if t < 0 then
      r[i] = t + BASE
      borrow = 1
    else
      r[i] = t
      borrow = 0
    end
  end
  assert(borrow == 0, "negative result in sub")
  return trim(r)
end

-- a * k for a small non-negative integer k (k < 2^26 keeps limb * k + carry below 2^53).
local function mul_small(a, k)
  if k == 0 then return { 0 } end
  local r = {}
  local carry = 0
  for i = 1, #a do
    local t = a[i] * k + carry
    local limb = t % BASE
    r[i] = limb
    carry = floor(t / BASE)
  end
  local n = #a
  while carry > 0 do
    n = n + 1
    r[n] = carry % BASE
    carry = floor(carry / BASE)
  end
  return r
end

-- Schoolbook multiplication; each step's t < BASE + BASE^2 + BASE, far below 2^53.
local function mul(a, b)
  local na, nb = #a, #b
  local r = {}
  for i = 1, na + nb do r[i] = 0 end
  for i = 1, na do
    local ai = a[i]
    if ai ~= 0 then
      local carry = 0
      local k = i
      for j = 1, nb do
        local t = r[k] + ai * b[j] + carry
        local limb = t % BASE
        r[k] = limb
        carry = floor(t / BASE)
        k = k + 1
      end
      while carry > 0 do
        local t = r[k] + carry
        r[k] = t % BASE
        carry = floor(t / BASE)
        k = k + 1
      end
    end
  end
  return trim(r)
end

-- Returns quotient and remainder of a divided by a small positive integer k.
local function divmod_small(a, k)
  local q = {}
  local rem = 0
  for i = #a, 1, -1 do
    local t = rem * BASE + a[i]
    local d = floor(t / k)
    q[i] = d
    rem = t - d * k
  end
  return trim(q), rem
end

local function to_string(a)
  local parts = { string.format("%d", a[#a]) }
  for i = #a - 1, 1, -1 do
    parts[#parts + 1] = string.format("%07d", a[i])
  end
  return table.concat(parts)
end

local function digit_sum(s)
  local sum = 0
  for i = 1, #s do
    sum = sum + string.byte(s, i) - 48
  end
  return sum
end

local function factorial(n)
  local r = from_int(1)
  for k = 2, n do
    r = mul_small(r, k)
  end
  return r
end

local function fib_iter(n)
  local a, b = from_int(0), from_int(1)
  for _ = 1, n do
    a, b = b, add(a, b)
  end
  return a
end

-- Fast doubling: F(2k) = F(k) * (2F(k+1) - F(k)), F(2k+1) = F(k)^2 + F(k+1)^2.
local function fib_pair(n)
  if n == 0 then return from_int(0), from_int(1) end
  local a, b = fib_pair(floor(n / 2))
  local c = mul(a, sub(mul_small(b, 2), a))
  local d = add(mul(a, a), mul(b, b))
  if n % 2 == 0 then
    return c, d
  end
  return d, add(c, d)
end

local function power(base, e)
  local result = from_int(1)
  local b = from_int(base)
  while e > 0 do
    if e % 2 == 1 then result = mul(result, b) end
    e = floor(e / 2)
    if e > 0 then b = mul(b, b) end
  end
  return result
end

local function run(n)
  -- Small known values.
  assert(to_string(factorial(25)) == "15511210043330985984000000")
  assert(to_string(fib_iter(100)) == "354224848179261915075")
  assert(to_string(power(2, 100)) == "1267650600228229401496703205376")
  assert(to_string(sub(from_int(10000000), from_int(1))) == "9999999")

  local checksum = 0
  local function mix(v)
    checksum = (checksum * 131 + v) % 2147483647
  end

  -- n! and its digit sum, then divide it back down to 1.
  local f = factorial(n)
  local fs = to_string(f)
  mix(#fs)
  mix(digit_sum(fs))
  local q = f
  for k = n, 2, -1 do
    local r
    q, r = divmod_small(q, k)
    assert(r == 0, "factorial not divisible")
  end
  assert(compare(q, from_int(1)) == 0, "factorial did not divide back to 1")

  -- Fibonacci two ways.
  local m = n * 6
  local fa = fib_iter(m)
  local fb = fib_pair(m)
  assert(compare(fa, fb) == 0, "fibonacci mismatch")
  local fibs = to_string(fa)
  mix(#fibs)
  mix(digit_sum(fibs))

  -- A big product and a power.
  local prod = mul(f, fa)
  local ps = to_string(prod)
  mix(#ps)
  mix(digit_sum(ps))
  local p3 = power(3, n * 5)
  local p3s = to_string(p3)
  mix(#p3s)
  mix(digit_sum(p3s))
  local _, rem = divmod_small(p3, 1000003)
  mix(rem)
  return checksum
end

-- Driver: arg[1] = size (default 4000), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 4000
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
  print(string.format("bignum: %d", result))
end
return run
