-- nbody: a small planetary system integrated with a symplectic Euler step.
-- Checksum is the total energy after n steps.

local PI = 3.141592653589793
local SOLAR_MASS = 4 * PI * PI
local DAYS_PER_YEAR = 365.24

local function make_system()
  local bodies = {
    -- sun
    { x = 0, y = 0, z = 0, vx = 0, vy = 0, vz = 0, mass = SOLAR_MASS },
    -- a Jupiter-like planet
    { x = 4.84, y = -1.16, z = -0.10,
      vx = 0.00166 * DAYS_PER_YEAR, vy = 0.00770 * DAYS_PER_YEAR, vz = -0.0000690 * DAYS_PER_YEAR,
      mass = 0.000954 * SOLAR_MASS },
    -- a Saturn-like planet
    { x = 8.34, y = 4.12, z = -0.40,
      vx = -0.00277 * DAYS_PER_YEAR, vy = 0.00500 * DAYS_PER_YEAR, vz = 0.0000230 * DAYS_PER_YEAR,
      mass = 0.000286 * SOLAR_MASS },
    -- an Uranus-like planet
    { x = 12.89, y = -15.11, z = -0.22,
      vx = 0.00296 * DAYS_PER_YEAR, vy = 0.00237 * DAYS_PER_YEAR, vz = -0.0000296 * DAYS_PER_YEAR,
      mass = 0.0000437 * SOLAR_MASS },
    -- a Neptune-like planet
    { x = 15.38, y = -25.92, z = 0.18,
      vx = 0.00268 * DAYS_PER_YEAR, vy = 0.00163 * DAYS_PER_YEAR, vz = -0.0000951 * DAYS_PER_YEAR,
      mass = 0.0000515 * SOLAR_MASS },
  }
  -- cancel the total momentum by adjusting the sun's velocity
  local px, py, pz = 0, 0, 0
  for i = 1, #bodies do
    local b = bodies[i]
    px = px + b.vx * b.mass
    py = py + b.vy * b.mass
    pz = pz + b.vz * b.mass
  end
  local sun = bodies[1]
  sun.vx = -px / SOLAR_MASS
  sun.vy = -py / SOLAR_MASS
  sun.vz = -pz / SOLAR_MASS
  return bodies
end

local function advance(bodies, nbody, dt)
  for i = 1, nbody do
    local bi = bodies[i]
    local bix, biy, biz, bimass = bi.x, bi.y, bi.z, bi.mass
    local bivx, bivy, bivz = bi.vx, bi.vy, bi.vz
    for j = i + 1, nbody do
      local bj = bodies[j]
      local dx, dy, dz = bix - bj.x, biy - bj.y, biz - bj.z
      local d2 = dx * dx + dy * dy + dz * dz
      local mag = dt / (d2 * math.sqrt(d2))
      local bm = bj.mass * mag
      bivx = bivx - dx * bm
      bivy = bivy - dy * bm
      bivz = bivz - dz * bm
      bm = bimass * mag
      bj.vx = bj.vx + dx * bm
      bj.vy = bj.vy + dy * bm
      bj.vz = bj.vz + dz * bm
    end
    bi.vx, bi.vy, bi.vz = bivx, bivy, bivz
    bi.x = bix + dt * bivx
    bi.y = biy + dt * bivy
    bi.z = biz + dt * bivz
  end
end

local function energy(bodies, nbody)
  local e = 0
  for i = 1, nbody do
    local bi = bodies[i]
    local vx, vy, vz, m = bi.vx, bi.vy, bi.vz, bi.mass
    e = e + 0.5 * m * (vx * vx + vy * vy + vz * vz)
    for j = i + 1, nbody do
      local bj = bodies[j]
      local dx, dy, dz = bi.x - bj.x, bi.y - bj.y, bi.z - bj.z
      e = e - m * bj.mass / math.sqrt(dx * dx + dy * dy + dz * dz)
    end
  end
  return e
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
  local bodies = make_system()
  local nb = #bodies
  for _ = 1, n do
    advance(bodies, nb, 0.01)
  end
  return energy(bodies, nb)
end

-- Driver: arg[1] = size (default 2500000), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 2500000
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
  print(string.format("nbody: %s", fixed(result, 9)))
end
return run
