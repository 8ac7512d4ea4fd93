-- life: Conway's game of life on a torus.
-- The grid is an array of rows, each row an array of 0/1 cells, seeded by an
-- LCG plus a few gliders. Each generation counts the eight neighbours with
-- modular wrap-around into a fresh grid (double buffering). Exercises nested
-- array indexing, integer modulo and short branchy loops.

local function new_grid(h, w)
  local g = {}
  for y = 1, h do
    local row = {}
    for x = 1, w do row[x] = 0 end
    g[y] = row
  end
  return g
end

local function seed_grid(g, h, w, seed)
  for y = 1, h do
    local row = g[y]
    for x = 1, w do
      seed = (seed * 16807) % 2147483647
      if seed % 100 < 30 then row[x] = 1 end
    end
  end
  -- A few gliders in otherwise random soup.
  local glider = { { 0, 1, 0 }, { 0, 0, 1 }, { 1, 1, 1 } }
  for k = 0, 3 do
    local oy, ox = 2 + k * 7, 3 + k * 11
    for dy = 1, 3 do
      for dx = 1, 3 do
        g[(oy + dy - 1) % h + 1][(ox + dx - 1) % w + 1] = glider[dy][dx]
      end
    end
  end
  return seed
end

local function step(src, dst, h, w)
  local live = 0
  for y = 1, h do
    local up = src[(y - 2) % h + 1]
    local row = src[y]
    local down = src[y % h + 1]
    local out = dst[y]
    for x = 1, w do
      local l = (x - 2) % w + 1
      local r = x % w + 1
      local n = up[l] + up[x] + up[r] + row[l] + row[r] + down[l] + down[x] + down[r]
      local cell = 0
      if n == 3 or (n == 2 and row[x] == 1) then
        cell = 1
        live = live + 1
      end
      out[x] = cell
    end
  end
  return live
end

-- A position-weighted sum of the bit patterns of the 8x8 blocks, so
-- the checksum also depends on where the cells are, not just how many.
local function block_signature(g, h, w)
  local sig = 0
  for by = 1, h - 7, 8 do
    for bx = 1, w - 7, 8 do
      local v = 0
      for y = by, by + 7 do
        local row = g[y]
        for x = bx, bx + 7 do
          v = (v * 2 + row[x]) % 1000003
        end
      end
      sig = (sig + v * (by + bx)) % 1000000007
    end
  end
  return sig
end

local function run(n)
  local h, w = 96, 128
  local a, b = new_grid(h, w), new_grid(h, w)
  seed_grid(a, h, w, 2024)
  local checksum = 0
  for gen = 1, n do
    local live = step(a, b, h, w)
    a, b = b, a
    checksum = (checksum * 31 + live * gen) % 2147483647
    if gen % 50 == 0 then
      checksum = (checksum + block_signature(a, h, w)) % 2147483647
    end
  end
  return checksum
end

-- Driver: arg[1] = size (default 3500), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 3500
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
  print(string.format("life: %d", result))
end
return run
