-- lru.lua: least-recently-used caches.
-- An LRU cache class (metatable-based) keeps a doubly linked list of node tables with sentinel
-- head/tail plus a key->node map; get/put move nodes to the front and evict from the back.
-- Driven by a skewed stream of string keys ("user:123", a few hot, many cold), a second instance
-- keyed by integers with a different capacity, and a time-to-live subclass (setmetatable/__index
-- inheritance) that overrides get and put.
-- Exercises: method calls via metatables, inheritance chains, table field writes, string keys,
-- hash-table insert/delete churn.

local LRU = {}
LRU.__index = LRU

function LRU.new(capacity)
  local self = setmetatable({}, LRU)
  self.capacity = capacity
  self.size = 0
  self.map = {}
  self.head = { key = nil }  -- sentinel: head.next is most recent
  self.tail = { key = nil }  -- sentinel: tail.prev is least recent
  self.head.next, self.tail.prev = self.tail, self.head
  self.hits, self.misses, self.evictions = 0, 0, 0
  return self
end

function LRU:_unlink(node)
  node.prev.next = node.next
  node.next.prev = node.prev
end

function LRU:_push_front(node)
  local first = self.head.next
  node.prev, node.next = self.head, first
  first.prev = node
  self.head.next = node
end

function LRU:get(key)
  local node = self.map[key]
  if node == nil then
    self.misses = self.misses + 1
    return nil
  end
  self.hits = self.hits + 1
  self:_unlink(node)
  self:_push_front(node)
  return node.value
end

function LRU:evict()
  local victim = self.tail.prev
  if victim == self.head then return nil end
  self:_unlink(victim)
  self.map[victim.key] = nil
  self.size = self.size - 1
  self.evictions = self.evictions + 1
  return victim
end

function LRU:put(key, value)
  local node = self.map[key]
  if node then
    node.value = value
    self:_unlink(node)
    self:_push_front(node)
    return node
  end
  if self.size >= self.capacity then self:evict() end
  node = { key = key, value = value }
  self.map[key] = node
  self:_push_front(node)
  self.size = self.size + 1
  return node
end

-- Walk from most to least recent, folding keys into a hash (verifies list integrity).
function LRU:fold(h, keyfn)
  local count, node = 0, self.head.next
  while node ~= self.tail do
    assert(node.next.prev == node, "broken links")
    h = (h * 31 + keyfn(node.key)) % 1000000007
    count = count + 1
    node = node.next
  end
  assert(count == self.size, "size mismatch")
  return h
end

-- TTL cache: entries expire `ttl` ticks after being written.
local TTLCache = setmetatable({}, { __index = LRU })
TTLCache.__index = TTLCache

function TTLCache.new(capacity, ttl)
  local self = LRU.new(capacity)
  self.ttl = ttl
  self.now = 0
  self.expired = 0
  return setmetatable(self, TTLCache)
end

function TTLCache:tick(dt) self.now = self.now + dt end

function TTLCache:put(key, value)
  local node = LRU.put(self, key, value)
  node.expires = self.now + self.ttl
  return node
end

function TTLCache:get(key)
  local node = self.map[key]
  if node and node.expires <= self.now then
    self:_unlink(node)
    self.map[key] = nil
    self.size = self.size - 1
    self.expired = self.expired + 1
  end
  return LRU.get(self, key)
end

local function run(n)
  local seed = 42
  local function rand() seed = (seed * 16807) % 2147483647; return seed end
  local function randint(lo, hi) return lo + rand() % (hi - lo + 1) end

  local function strkey(k) local s = 0; for i = 1, #k do s = (s * 7 + string.byte(k, i)) % 1000003 end; return s end
  local function intkey(k) return k end

  -- 1. String keys, skewed: 70% of requests hit 200 hot users, the rest spread over 200000.
  local users = LRU.new(1000)
  local loaded = 0
  for i = 1, n do
    local id
    if rand() % 10 < 7 then id = randint(1, 200) else id = randint(1, 200000) end
    local key = "user:" .. id
    local v = users:get(key)
    if v == nil then
      loaded = loaded + 1
      users:put(key, { id = id, name = "name" .. id, visits = 1 })
    else
      v.visits = v.visits + 1
    end
  end

  -- 2. Integer keys with a smaller capacity; a sliding working set plus noise.
  local blocks = LRU.new(256)
  local sum = 0
  for i = 1, n do
    local k
    if rand() % 4 == 0 then k = randint(1, 100000) else k = math.floor(i / 8) + randint(0, 300) end
    local v = blocks:get(k)
    if v == nil then
      v = (k * 2654435761) % 65536
      blocks:put(k, v)
    end
    sum = (sum + v) % 1000000007
  end

  -- 3. TTL sessions: time advances; stale entries miss even when present.
  local sessions = TTLCache.new(500, 300)
  for i = 1, math.floor(n / 2) do
    sessions:tick(randint(0, 1))
    local key = "session:" .. randint(1, 800)
    if sessions:get(key) == nil then
      sessions:put(key, i)
    end
  end

  local h = 0
  for _, c in ipairs({ users, blocks, sessions }) do
    h = (h * 31 + c.hits) % 1000000007
    h = (h * 31 + c.misses) % 1000000007
    h = (h * 31 + c.evictions) % 1000000007
    h = (h * 31 + c.size) % 1000000007
  end
  h = (h * 31 + sessions.expired) % 1000000007
  h = (h * 31 + loaded) % 1000000007
  h = (h * 31 + sum) % 1000000007
  h = users:fold(h, strkey)
  h = blocks:fold(h, intkey)
  h = sessions:fold(h, strkey)
  return h
end

-- Driver: arg[1] = size (default 300000), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 300000
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
  print(string.format("lru: %d", result))
end
return run
