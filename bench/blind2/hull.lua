-- hull.lua: computational geometry on generated point sets whose coordinates mix integers
-- (grid points) and decimals (values scaled by 1/1000), as measured data would.
-- Convex hull by Andrew's monotone chain, hull area by the shoelace formula, a star-shaped
-- simple polygon built by sorting points by angle (cross products, no trigonometry),
-- point-in-polygon tests by ray casting, and the closest pair by sort-and-sweep (checked
-- against brute force on a subset).
-- Exercises: table.sort with comparators on point tables, float and integer arithmetic,
-- tight numeric loops over arrays of small tables.

local seed = 42
local function rand() seed = (seed * 16807) % 2147483647; return seed end
local function randint(lo, hi) return lo + rand() % (hi - lo + 1) end

local function make_point()
  if rand() % 3 == 0 then
    return { x = randint(-1000, 1000), y = randint(-1000, 1000) }
  end
  return { x = randint(-1000000, 1000000) / 1000, y = randint(-1000000, 1000000) / 1000 }
end

local function cross(o, a, b)
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
end

local function by_xy(a, b)
  if a.x ~= b.x then return a.x < b.x end
  return a.y < b.y
end

local function convex_hull(points)
  local pts = {}
  for i = 1, #points do pts[i] = points[i] end
  table.sort(pts, by_xy)
  local n = #pts
  if n < 3 then return pts end
  local hull, k = {}, 0
  for i = 1, n do -- lower hull
    while k >= 2 and cross(hull[k - 1], hull[k], pts[i]) <= 0 do hull[k] = nil; k = k - 1 end
    k = k + 1; hull[k] = pts[i]
  end
  local lower = k + 1
  for i = n - 1, 1, -1 do -- upper hull
    while k >= lower and cross(hull[k - 1], hull[k], pts[i]) <= 0 do hull[k] = nil; k = k - 1 end
    k = k + 1; hull[k] = pts[i]
  end
  hull[k] = nil -- last point repeats the first
  return hull
end

local function polygon_area(poly)
  local sum, n = 0, #poly
  for i = 1, n do
    local a, b = poly[i], poly[i % n + 1]
    sum = sum + (a.x * b.y - b.x * a.y)
  end
  return math.abs(sum) / 2
end

-- simple (non-convex) polygon: vertices sorted by angle around a center point
local function star_polygon(points, cx, cy)
  local c = { x = cx, y = cy }
  local function half(p) -- 0 for angles in [0, pi), 1 for [pi, 2pi)
    if p.y > cy or (p.y == cy and p.x > cx) then return 0 end
    return 1
  end
  local poly = {}
  for i = 1, #points do
    local p = points[i]
    if p.x ~= cx or p.y ~= cy then poly[#poly + 1] = p end
  end
  table.sort(poly, function(a, b)
    local ha, hb = half(a), half(b)
    if ha ~= hb then return ha < hb end
    local cr = cross(c, a, b)
    if cr ~= 0 then return cr > 0 end
    local da = (a.x - cx) * (a.x - cx) + (a.y - cy) * (a.y - cy)
    local db = (b.x - cx) * (b.x - cx) + (b.y - cy) * (b.y - cy)
    if da ~= db then return da < db end
    return by_xy(a, b)
  end)
  return poly
end

local function inside(poly, px, py)
  local result, n = false, #poly
  local j = n
  for i = 1, n do
    local a, b = poly[i], poly[j]
    if (a.y > py) ~= (b.y > py) and px < (b.x - a.x) * (py - a.y) / (b.y - a.y) + a.x then
      result = not result
    end
    j = i
  end
  return result
end

local function closest_pair(points)
  local pts = {}
  for i = 1, #points do pts[i] = points[i] end
  table.sort(pts, by_xy)
  local best = math.huge
  for i = 2, #pts do
    local p = pts[i]
    local j = i - 1
    while j >= 1 do
      local q = pts[j]
      local dx = p.x - q.x
      if dx * dx >= best then break end
      local dy = p.y - q.y
      local d = dx * dx + dy * dy
      if d < best then best = d end
      j = j - 1
    end
  end
  return best
end

local function closest_brute(points, m)
  local best = math.huge
  for i = 1, m do
    for j = i + 1, m do
      local dx, dy = points[i].x - points[j].x, points[i].y - points[j].y
      local d = dx * dx + dy * dy
      if d < best then best = d end
    end
  end
  return best
end

local function run(n)
  seed = 42
  local check = 0
  local function mix(v) check = (check * 31 + v) % 1000000007 end
  for set = 1, 8 do
    local m = math.floor(n * set / 4)
    local points = {}
    for i = 1, m do points[i] = make_point() end

    local hull = convex_hull(points)
    local area = polygon_area(hull)
    for i = 1, #hull do -- every point must be on or left of each hull edge
      local a, b = hull[i], hull[i % #hull + 1]
      for t = 1, 50 do
        local p = points[randint(1, m)]
        if cross(a, b, p) < 0 then error("point outside hull in set " .. set) end
      end
    end
    mix(#hull)
    mix(math.floor(area * 100))

    local sample = {}
    for i = 1, math.min(m, 300) do sample[i] = points[i] end
    local star = star_polygon(sample, 0.5, -0.25)
    mix(math.floor(polygon_area(star) * 100))

    local in_hull, in_star = 0, 0
    for q = 1, m do
      local px, py = randint(-1200000, 1200000) / 1000, randint(-1200, 1200)
      if inside(hull, px, py) then in_hull = in_hull + 1 end
      if q % 4 == 0 and inside(star, px, py) then in_star = in_star + 1 end
    end
    mix(in_hull)
    mix(in_star)

    local best = closest_pair(points)
    local brute = closest_brute(points, math.min(m, 400))
    if brute < best then error("sweep missed a closer pair in set " .. set) end
    mix(math.floor(best * 1000000))
  end
  return check
end

-- Driver: arg[1] = size (default 30000), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 30000
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
  print(string.format("hull: %d", result))
end
return run
