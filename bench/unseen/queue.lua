-- queue: Dijkstra shortest paths with a binary-heap priority queue.
-- The graph is a grid with LCG-weighted edges to the four neighbours plus a
-- few random long "express" edges; adjacency lists are arrays of {to, w}
-- records. The priority queue is a class (PQ.new(), pq:push(node, dist),
-- pq:pop()) over parallel arrays with sift-up/sift-down and lazy deletion of
-- stale entries. Exercises method calls, array-heavy integer code and
-- small-record access.

local PQ = {}
PQ.__index = PQ

function PQ.new()
  return setmetatable({ nodes = {}, prios = {}, size = 0 }, PQ)
end

function PQ:push(node, prio)
  local nodes, prios = self.nodes, self.prios
  local i = self.size + 1
  self.size = i
  -- Sift up.
  while i > 1 do
    local parent = math.floor(i / 2)
    local pp = prios[parent]
    if pp <= prio then break end
    nodes[i], prios[i] = nodes[parent], pp
    i = parent
  end
  nodes[i], prios[i] = node, prio
end

function PQ:pop()
  local size = self.size
  if size == 0 then return nil end
  local nodes, prios = self.nodes, self.prios
  local top_node, top_prio = nodes[1], prios[1]
  local last_node, last_prio = nodes[size], prios[size]
  nodes[size], prios[size] = nil, nil
  size = size - 1
  self.size = size
  if size > 0 then
    -- Sift the former last element down from the root.
    local i = 1
    while true do
      local child = i * 2
      if child > size then break end
      if child < size and prios[child + 1] < prios[child] then child = child + 1 end
      if prios[child] >= last_prio then break end
      nodes[i], prios[i] = nodes[child], prios[child]
      i = child
    end
    nodes[i], prios[i] = last_node, last_prio
  end
  return top_node, top_prio
end

function PQ:is_empty() return self.size == 0 end

local function make_graph(side, seed)
  local adj = {}
  local count = side * side
  for v = 1, count do adj[v] = {} end
  local function add(a, b, w)
    local list = adj[a]
    list[#list + 1] = { to = b, w = w }
  end
  for y = 0, side - 1 do
    for x = 0, side - 1 do
      local v = y * side + x + 1
      if x + 1 < side then
        seed = (seed * 16807) % 2147483647
        add(v, v + 1, 1 + seed % 100)
        seed = (seed * 16807) % 2147483647
        add(v + 1, v, 1 + seed % 100)
      end
      if y + 1 < side then
        seed = (seed * 16807) % 2147483647
        add(v, v + side, 1 + seed % 100)
        seed = (seed * 16807) % 2147483647
        add(v + side, v, 1 + seed % 100)
      end
    end
  end
  -- Express edges: expensive, but they skip across the grid.
  for _ = 1, side * 2 do
    seed = (seed * 16807) % 2147483647
    local a = seed % count + 1
    seed = (seed * 16807) % 2147483647
    local b = seed % count + 1
    add(a, b, 500 + seed % 1000)
  end
  return adj, count
end

local function dijkstra(adj, count, source)
  local dist = {}
  for v = 1, count do dist[v] = math.huge end
  dist[source] = 0
  local pq = PQ.new()
  pq:push(source, 0)
  local settled = 0
  while not pq:is_empty() do
    local u, d = pq:pop()
    if d == dist[u] then -- skip stale entries
      settled = settled + 1
      local edges = adj[u]
      for i = 1, #edges do
        local e = edges[i]
        local nd = d + e.w
        local to = e.to
        if nd < dist[to] then
          dist[to] = nd
          pq:push(to, nd)
        end
      end
    end
  end
  return dist, settled
end

local function run(n)
  local side = 100
  local adj, count = make_graph(side, 4242)
  local checksum = 0
  local seed = 99
  for _ = 1, n do
    seed = (seed * 16807) % 2147483647
    local source = seed % count + 1
    local dist, settled = dijkstra(adj, count, source)
    local sum, far = 0, 0
    for v = 1, count do
      local d = dist[v]
      sum = sum + d
      if d > far then far = d end
    end
    checksum = (checksum * 31 + sum % 1000003 + far + settled) % 2147483647
  end
  return checksum
end

-- Driver: arg[1] = size (default 120), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 120
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
  print(string.format("queue: %d", result))
end
return run
