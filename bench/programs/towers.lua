-- towers: Towers of Hanoi with real pegs (arrays used as stacks).
-- Every move pops from one peg, checks the disc ordering rule and pushes.
-- Checksum mixes the number of moves with a position-weighted disc sum.

local function make_peg()
  return { n = 0 }
end

local function push(peg, disc)
  local top = peg.n
  if top > 0 and peg[top] <= disc then
    error("illegal move: disc " .. disc .. " onto " .. peg[top])
  end
  top = top + 1
  peg[top] = disc
  peg.n = top
end

local function pop(peg)
  local top = peg.n
  if top == 0 then error("pop from empty peg") end
  local disc = peg[top]
  peg[top] = nil
  peg.n = top - 1
  return disc
end

local state

local function move(from, to)
  local disc = pop(from)
  push(to, disc)
  state.moves = state.moves + 1
  state.sum = (state.sum + disc * (state.moves % 7 + 1)) % 1000000007
end

local function hanoi(n, from, to, via)
  if n == 1 then
    move(from, to)
  else
    hanoi(n - 1, from, via, to)
    move(from, to)
    hanoi(n - 1, via, to, from)
  end
end

local function run(n)
  state = { moves = 0, sum = 0 }
  local a, b, c = make_peg(), make_peg(), make_peg()
  for d = n, 1, -1 do push(a, d) end
  hanoi(n, a, c, b)
  if c.n ~= n or a.n ~= 0 or b.n ~= 0 then error("towers: wrong final state") end
  -- kept below 2^31: LuaJ's %d truncates to 32 bits
  return (state.moves % 1000000) * 1000 + state.sum % 1000
end

-- Driver: arg[1] = size (default 24), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 24
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
  print(string.format("towers: %d", result))
end
return run
