-- mandelbrot: escape-time iteration over an n x n grid of the complex plane.
-- Checksum combines the number of points inside the set with the total
-- iteration count, reduced below 2^31 (LuaJ's %d truncates to 32 bits).

local function run(n)
  local maxiter = 50
  local inside, total = 0, 0
  for y = 0, n - 1 do
    local ci = 2.0 * y / n - 1.0
    for x = 0, n - 1 do
      local cr = 2.0 * x / n - 1.5
      local zr, zi, zr2, zi2 = 0.0, 0.0, 0.0, 0.0
      local i = 0
      while i < maxiter and zr2 + zi2 <= 4.0 do
        zi = 2.0 * zr * zi + ci
        zr = zr2 - zi2 + cr
        zr2 = zr * zr
        zi2 = zi * zi
        i = i + 1
      end
      if i == maxiter then inside = inside + 1 end
      total = total + i
    end
  end
  return (inside * 1000003 + total) % 1000000007
end

-- Driver: arg[1] = size (default 2700), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 2700
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
  print(string.format("mandelbrot: %d", result))
end
return run
