-- queens: count all solutions of the n-queens problem by backtracking
-- with boolean arrays for columns and diagonals. Repeats the board
-- sizes 4..n so the workload grows smoothly with n.

local function solve(n)
  local cols, d1, d2 = {}, {}, {}
  for i = 1, n do cols[i] = false end
  for i = 1, 2 * n do d1[i] = false; d2[i] = false end
  local count = 0
  local function place(row)
    if row > n then
      count = count + 1
      return
    end
    for c = 1, n do
      local a, b = row + c, row - c + n
      if not cols[c] and not d1[a] and not d2[b] then
        cols[c], d1[a], d2[b] = true, true, true
        place(row + 1)
        cols[c], d1[a], d2[b] = false, false, false
      end
    end
  end
  place(1)
  return count
end

local function run(n)
  local checksum = 0
  for size = 4, n do
    checksum = checksum * 3 + solve(size)
    checksum = checksum % 1000000007
  end
  return checksum
end

-- Driver: arg[1] = size (default 13), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 13
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
  print(string.format("queens: %d", result))
end
return run
