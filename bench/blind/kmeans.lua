-- kmeans: Lloyd's k-means clustering of generated 2-D points.
-- Points are records {x=..., y=...} (hash-part tables with string keys),
-- drawn around hidden centres with a Park-Miller LCG and summed-uniform noise.
-- Each pass assigns every point to its nearest centroid, accumulates per-cluster
-- sums in small {sx=, sy=, count=} tables and recomputes the centroids until no
-- assignment changes or an iteration cap is hit; several k values are tried.
-- Exercises ipairs, numeric for loops, field access on records, float math.

local MOD = 2147483647

local function make_rng(seed)
  local state = seed
  return function()
    state = (state * 16807) % 2147483647
    return state / 2147483647
  end
end

-- Approximately normal noise: sum of four uniforms, centred.
local function noise(rand, scale)
  return (rand() + rand() + rand() + rand() - 2.0) * scale
end

local function generate_points(count, ncentres, rand)
  local centres = {}
  for c = 1, ncentres do
    centres[c] = { x = rand() * 200.0 - 100.0, y = rand() * 200.0 - 100.0 }
  end
  local points = {}
  for i = 1, count do
    local c = centres[(i * 7) % ncentres + 1]
    points[i] = { x = c.x + noise(rand, 12.0), y = c.y + noise(rand, 12.0) }
  end
  return points
end

-- Deterministic initialisation: spread the first centroids over the input
-- by picking points at evenly spaced indices.
local function initial_centroids(points, k)
  local centroids = {}
  local step = math.floor(#points / k)
  for c = 1, k do
    local p = points[(c - 1) * step + 1]
    centroids[c] = { x = p.x, y = p.y }
  end
  return centroids
end

local function nearest(p, centroids)
  local best, best_d = 1, math.huge
  for c, q in ipairs(centroids) do
    local dx, dy = p.x - q.x, p.y - q.y
    local d = dx * dx + dy * dy
    if d < best_d then best, best_d = c, d end
  end
  return best, best_d
end

local function kmeans(points, k, max_iter)
  local centroids = initial_centroids(points, k)
  local assignment = {}
  for i = 1, #points do assignment[i] = 0 end
  local iterations = 0
  for iter = 1, max_iter do
    iterations = iter
    local changed = 0
    local acc = {}
    for c = 1, k do acc[c] = { sx = 0.0, sy = 0.0, count = 0 } end
    for i, p in ipairs(points) do
      local c = nearest(p, centroids)
      if assignment[i] ~= c then
        assignment[i] = c
        changed = changed + 1
      end
      local a = acc[c]
      a.sx = a.sx + p.x
      a.sy = a.sy + p.y
      a.count = a.count + 1
    end
    for c, a in ipairs(acc) do
      if a.count > 0 then
        centroids[c] = { x = a.sx / a.count, y = a.sy / a.count }
      end
      -- An empty cluster keeps its previous centroid.
    end
    if changed == 0 then break end
  end
  local inertia = 0.0
  for i, p in ipairs(points) do
    local q = centroids[assignment[i]]
    local dx, dy = p.x - q.x, p.y - q.y
    inertia = inertia + dx * dx + dy * dy
  end
  return assignment, centroids, iterations, inertia
end

local function mix(h, v)
  return (h * 31 + v) % MOD
end

local function run(n)
  local rand = make_rng(987654321)
  local points = generate_points(n, 6, rand)
  local checksum = 0
  for k = 2, 9 do
    local assignment, centroids, iterations, inertia = kmeans(points, k, 60)
    checksum = mix(checksum, k * 1000 + iterations)
    local sizes = {}
    for c = 1, k do sizes[c] = 0 end
    for i, c in ipairs(assignment) do
      sizes[c] = sizes[c] + 1
      checksum = mix(checksum, c + i % 13)
    end
    for c = 1, k do
      checksum = mix(checksum, sizes[c])
      checksum = mix(checksum, math.floor(centroids[c].x * 1000 + 0.5))
      checksum = mix(checksum, math.floor(centroids[c].y * 1000 + 0.5))
    end
    checksum = mix(checksum, math.floor(inertia / n * 1000 + 0.5))
  end
  return checksum
end

-- Driver: arg[1] = size (default 10000), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 10000
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
  print(string.format("kmeans: %d", result))
end
return run
