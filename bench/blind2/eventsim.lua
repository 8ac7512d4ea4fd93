-- eventsim.lua: discrete-event simulation of a call centre.
-- Customers of three classes (with priorities) arrive with exponential inter-arrival times, are
-- served by agent objects of different speeds, or wait in a FIFO queue per class and abandon after
-- an exponential patience time. The event list is a binary heap of event records ordered by
-- (time, sequence number). Reports served/abandoned counts, mean and max wait, max queue length.
-- Exercises: metatable-based objects and methods, a binary heap of small tables, floating point
-- (math.log), many short-lived records.

local seed = 42
local function rand() seed = (seed * 16807) % 2147483647; return seed end   -- 1 .. 2^31-2
local function randint(lo, hi) return lo + rand() % (hi - lo + 1) end
local function exponential(mean) return -mean * math.log(rand() / 2147483647) end

---------------------------------------------------------------- event heap
local Heap = {}
Heap.__index = Heap
function Heap.new() return setmetatable({ n = 0, seq = 0 }, Heap) end
local function before(a, b)
  if a.time ~= b.time then return a.time < b.time end
  return a.seq < b.seq
end
function Heap:push(time, kind, data)
  self.seq = self.seq + 1
  local ev = { time = time, seq = self.seq, kind = kind, data = data }
  local n = self.n + 1
  self.n = n
  while n > 1 do
    local parent = math.floor(n / 2)
    if not before(ev, self[parent]) then break end
    self[n] = self[parent]
    n = parent
  end
  self[n] = ev
end
function Heap:pop()
  local n = self.n
  if n == 0 then return nil end
  local top, last = self[1], self[n]
  self[n] = nil
  n = n - 1
  self.n = n
  if n > 0 then
    local i = 1
    while true do
      local c = 2 * i
      if c > n then break end
      if c < n and before(self[c + 1], self[c]) then c = c + 1 end
      if not before(self[c], last) then break end
      self[i] = self[c]
      i = c
    end
    self[i] = last
  end
  return top
end

---------------------------------------------------------------- FIFO queue
local Queue = {}
Queue.__index = Queue
function Queue.new() return setmetatable({ head = 1, tail = 0, live = 0 }, Queue) end
function Queue:push(x) self.tail = self.tail + 1; self[self.tail] = x; self.live = self.live + 1 end
function Queue:pop()   -- skips customers that already abandoned
  while self.head <= self.tail do
    local x = self[self.head]
    self[self.head] = nil
    self.head = self.head + 1
    if x.state == "waiting" then self.live = self.live - 1; return x end
  end
  return nil
end

---------------------------------------------------------------- agents
local Agent = {}
Agent.__index = Agent
function Agent.new(id, speed)
  return setmetatable({ id = id, speed = speed, busy = false, served = 0, busy_time = 0 }, Agent)
end
function Agent:start(customer, now, class)
  self.busy = true
  self.customer = customer
  customer.state = "served"
  local duration = exponential(class.service) / self.speed
  self.busy_time = self.busy_time + duration
  return now + duration
end
function Agent:finish()
  self.busy = false
  self.served = self.served + 1
  self.customer = nil
end

local CLASSES = {
  { name = "gold",   priority = 1, arrival = 4.0, service = 6.0, patience = 9.0 },
  { name = "silver", priority = 2, arrival = 2.5, service = 5.0, patience = 6.0 },
  { name = "bronze", priority = 3, arrival = 1.6, service = 4.0, patience = 4.0 },
}

local function run(n)
  seed = 42
  local events = Heap.new()
  local agents = {}
  for i = 1, 7 do agents[i] = Agent.new(i, 0.8 + (i % 3) * 0.2) end
  local queues, stats = {}, {}
  for c = 1, #CLASSES do
    queues[c] = Queue.new()
    stats[c] = { arrived = 0, served = 0, abandoned = 0, wait = 0, maxwait = 0 }
    events:push(exponential(CLASSES[c].arrival), "arrive", c)
  end
  local arrivals, maxqueue, waiting, now, processed = 0, 0, 0, 0, 0

  local function begin(agent, customer, t)
    local c = customer.class
    local w = t - customer.arrived
    local st = stats[c]
    st.served = st.served + 1
    st.wait = st.wait + w
    if w > st.maxwait then st.maxwait = w end
    events:push(agent:start(customer, t, CLASSES[c]), "depart", agent)
  end

  while true do
    local ev = events:pop()
    if not ev then break end
    now = ev.time
    processed = processed + 1
    if ev.kind == "arrive" then
      local c = ev.data
      arrivals = arrivals + 1
      stats[c].arrived = stats[c].arrived + 1
      local customer = { class = c, arrived = now, state = "waiting", id = arrivals }
      local free
      for _, a in ipairs(agents) do
        if not a.busy then free = a; break end
      end
      if free then
        begin(free, customer, now)
      else
        queues[c]:push(customer)
        waiting = waiting + 1
        if waiting > maxqueue then maxqueue = waiting end
        events:push(now + exponential(CLASSES[c].patience), "abandon", customer)
      end
      if arrivals < n then events:push(now + exponential(CLASSES[c].arrival), "arrive", c) end
    elseif ev.kind == "depart" then
      local agent = ev.data
      agent:finish()
      for c = 1, #CLASSES do          -- classes are listed in priority order
        local customer = queues[c]:pop()
        if customer then
          waiting = waiting - 1
          begin(agent, customer, now)
          break
        end
      end
    else -- abandon
      local customer = ev.data
      if customer.state == "waiting" then
        customer.state = "abandoned"
        queues[customer.class].live = queues[customer.class].live - 1
        waiting = waiting - 1
        local st = stats[customer.class]
        st.abandoned = st.abandoned + 1
      end
    end
  end

  local h = 0
  local function mix(v) h = (h * 31 + v) % 1000000007 end
  local served, abandoned, totalwait, maxwait = 0, 0, 0, 0
  for c = 1, #CLASSES do
    local st = stats[c]
    served = served + st.served
    abandoned = abandoned + st.abandoned
    totalwait = totalwait + st.wait
    if st.maxwait > maxwait then maxwait = st.maxwait end
    mix(st.arrived); mix(st.served); mix(st.abandoned)
    mix(math.floor(st.maxwait * 1000))
    assert(queues[c].live == 0)
  end
  for _, a in ipairs(agents) do mix(a.served); mix(math.floor(a.busy_time * 1000) % 1000000007) end
  mix(served); mix(abandoned); mix(maxqueue); mix(processed)
  mix(math.floor(totalwait / served * 1000))
  mix(math.floor(maxwait * 1000))
  mix(math.floor(now * 1000) % 1000000007)
  return h
end

-- Driver: arg[1] = size (default 700000), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 700000
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
  print(string.format("eventsim: %d", result))
end
return run
