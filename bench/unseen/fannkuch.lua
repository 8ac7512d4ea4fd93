-- fannkuch: fannkuch-redux (pancake flipping over all permutations).
-- Generates every permutation of 1..n with the counting-based scheme,
-- copies it, and repeatedly reverses the prefix given by the first element
-- until a 1 comes to the front. Exercises small integer arrays, in-place
-- swaps and nested while loops.

local function fannkuch(n)
  local perm, perm1, count = {}, {}, {}
  for i = 1, n do perm1[i] = i end
  local max_flips, checksum = 0, 0
  local perm_count = 0
  local r = n
  while true do
    while r ~= 1 do
      count[r] = r
      r = r - 1
    end

    -- Count flips of the current permutation.
    local first = perm1[1]
    if first ~= 1 then
      for i = 1, n do perm[i] = perm1[i] end
      local flips = 0
      local k = first
      repeat
        local i, j = 1, k
        while i < j do
          perm[i], perm[j] = perm[j], perm[i]
          i = i + 1
          j = j - 1
        end
        flips = flips + 1
        k = perm[1]
      until k == 1
      if flips > max_flips then max_flips = flips end
      if perm_count % 2 == 0 then
        checksum = checksum + flips
      else
        checksum = checksum - flips
      end
    end

    -- Next permutation: rotate the first r+1 elements, advance the counters.
    while true do
      if r == n then return checksum, max_flips, perm_count + 1 end
      local perm0 = perm1[1]
      for i = 1, r do perm1[i] = perm1[i + 1] end
      perm1[r + 1] = perm0
      count[r + 1] = count[r + 1] - 1
      if count[r + 1] > 0 then break end
      r = r + 1
    end
    perm_count = perm_count + 1
  end
end

local function run(n)
  local total = 0
  local checksum, max_flips, perms = 0, 0, 0
  -- Smaller sizes too, so the result depends on more than one call.
  for size = 3, n do
    checksum, max_flips, perms = fannkuch(size)
    total = (total * 1000 + checksum * 100 + max_flips + perms) % 2147483647
  end
  return total
end

-- Driver: arg[1] = size (default 10), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 10
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
  print(string.format("fannkuch: %d", result))
end
return run
