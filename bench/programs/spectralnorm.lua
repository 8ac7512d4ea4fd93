-- spectralnorm: power iteration for the largest singular value of the
-- infinite matrix A(i,j) = 1 / ((i+j)(i+j+1)/2 + i + 1), truncated to n x n.

local function A(i, j)
  local ij = i + j - 1
  return 1.0 / (ij * (ij - 1) * 0.5 + i)
end

local function Av(x, y, n)
  for i = 1, n do
    local s = 0.0
    for j = 1, n do s = s + A(i, j) * x[j] end
    y[i] = s
  end
end

local function Atv(x, y, n)
  for i = 1, n do
    local s = 0.0
    for j = 1, n do s = s + A(j, i) * x[j] end
    y[i] = s
  end
end

local function AtAv(x, y, t, n)
  Av(x, t, n)
  Atv(t, y, n)
end

-- Portable fixed-point formatting: LuaJ 3.0.1 ignores the precision of %f.
local function fixed(x, digits)
  local scale = 10 ^ digits
  local sign = ""
  if x < 0 then sign = "-"; x = -x end
  local v = math.floor(x * scale + 0.5)
  local ip = math.floor(v / scale)
  return sign .. string.format("%d.%0" .. digits .. "d", ip, v - ip * scale)
end

local function run(n)
  local u, v, t = {}, {}, {}
  for i = 1, n do u[i] = 1.0 end
  for _ = 1, 10 do
    AtAv(u, v, t, n)
    AtAv(v, u, t, n)
  end
  local vBv, vv = 0.0, 0.0
  for i = 1, n do
    local ui, vi = u[i], v[i]
    vBv = vBv + ui * vi
    vv = vv + vi * vi
  end
  return math.sqrt(vBv / vv)
end

-- Driver: arg[1] = size (default 1600), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 1600
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
  print(string.format("spectralnorm: %s", fixed(result, 9)))
end
return run
