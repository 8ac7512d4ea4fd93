-- binarytrees: the classic binary-trees benchmark (allocation-heavy).
-- Builds many short-lived perfect binary trees as tables {left, right},
-- walks them recursively to count nodes, and keeps one long-lived tree
-- alive across the whole run. Exercises table allocation, GC pressure and
-- recursive calls.

local function bottom_up_tree(depth)
  if depth > 0 then
    depth = depth - 1
    local left = bottom_up_tree(depth)
    local right = bottom_up_tree(depth)
    return { left, right }
  else
    return {}
  end
end

local function item_check(tree)
  local left = tree[1]
  if left then
    return 1 + item_check(left) + item_check(tree[2])
  else
    return 1
  end
end

local function run(n)
  local min_depth = 4
  local max_depth = n
  if min_depth + 2 > max_depth then max_depth = min_depth + 2 end
  local checksum = 0

  -- One big tree that is built, checked and thrown away.
  local stretch_depth = max_depth + 1
  local stretch = item_check(bottom_up_tree(stretch_depth))
  checksum = checksum + stretch

  -- A long-lived tree that survives all the short-lived ones.
  local long_lived = bottom_up_tree(max_depth)

  for depth = min_depth, max_depth, 2 do
    local iterations = 1
    for _ = 1, max_depth - depth + min_depth do iterations = iterations * 2 end
    local check = 0
    for _ = 1, iterations do
      check = check + item_check(bottom_up_tree(depth))
    end
    -- Mix the per-depth results so that a wrong count at any depth shows.
    checksum = (checksum * 31 + check + depth * iterations) % 2147483647
  end

  checksum = (checksum * 31 + item_check(long_lived)) % 2147483647
  return checksum
end

-- Driver: arg[1] = size (default 16), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 16
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
  print(string.format("binarytrees: %d", result))
end
return run
