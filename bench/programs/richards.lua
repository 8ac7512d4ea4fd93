-- richards: an operating-system task scheduler simulation in OO style.
-- Tasks (idle, worker, two handlers, two devices) exchange packets through
-- a priority scheduler. Classes are metatables; all work is method calls.
-- Checksum combines the number of packet queueings and task holds.

local ID_IDLE, ID_WORKER, ID_HANDLER_A, ID_HANDLER_B, ID_DEVICE_A, ID_DEVICE_B =
  1, 2, 3, 4, 5, 6
local KIND_DEVICE, KIND_WORK = 0, 1
local DATA_SIZE = 4

local function class(parent)
  local c = {}
  c.__index = c
  if parent then setmetatable(c, { __index = parent }) end
  return c
end

---------------------------------------------------------------- Packet
local Packet = class()

function Packet.new(link, id, kind)
  local p = setmetatable({}, Packet)
  p.link = link
  p.id = id
  p.kind = kind
  p.a1 = 0
  p.a2 = {}
  for i = 1, DATA_SIZE do p.a2[i] = 0 end
  return p
end

-- append self to the end of queue, returning the new queue head
function Packet:addTo(queue)
  self.link = nil
  if queue == nil then return self end
  local last = queue
  local nxt = last.link
  while nxt ~= nil do
    last = nxt
    nxt = last.link
  end
  last.link = self
  return queue
end

---------------------------------------------------------------- TaskControlBlock
local TCB = class()

function TCB.new(link, id, priority, queue, task)
  local t = setmetatable({}, TCB)
  t.link = link
  t.id = id
  t.priority = priority
  t.queue = queue
  t.task = task
  t.packetPending = queue ~= nil
  t.taskWaiting = true
  t.taskHolding = false
  return t
end

function TCB:setRunning()
  self.packetPending, self.taskWaiting, self.taskHolding = false, false, false
end

function TCB:markAsNotHeld() self.taskHolding = false end
function TCB:markAsHeld() self.taskHolding = true end
function TCB:markAsSuspended() self.taskWaiting = true end
function TCB:markAsRunnable() self.packetPending = true end

function TCB:isHeldOrSuspended()
  return self.taskHolding or (not self.packetPending and self.taskWaiting)
end

function TCB:isSuspendedRunnable()
  return self.packetPending and self.taskWaiting and not self.taskHolding
end

function TCB:run()
  local packet
  if self:isSuspendedRunnable() then
    packet = self.queue
    self.queue = packet.link
    self.taskWaiting = false
    self.packetPending = self.queue ~= nil
  end
  return self.task:run(packet)
end

-- a packet arrives for this task from `sender`; returns the tcb to run next
function TCB:checkPriorityAdd(sender, packet)
  if self.queue == nil then
    self.queue = packet
    self:markAsRunnable()
    if self.priority > sender.priority then return self end
  else
    self.queue = packet:addTo(self.queue)
  end
  return sender
end

---------------------------------------------------------------- Scheduler
local Scheduler = class()

function Scheduler.new()
  local s = setmetatable({}, Scheduler)
  s.queueCount = 0
  s.holdCount = 0
  s.blocks = {}
  s.list = nil
  s.currentTcb = nil
  s.currentId = nil
  return s
end

function Scheduler:addTask(id, priority, queue, task)
  self.currentTcb = TCB.new(self.list, id, priority, queue, task)
  self.list = self.currentTcb
  self.blocks[id] = self.currentTcb
end

function Scheduler:addRunningTask(id, priority, queue, task)
  self:addTask(id, priority, queue, task)
  self.currentTcb:setRunning()
end

function Scheduler:schedule()
  self.currentTcb = self.list
  while self.currentTcb ~= nil do
    local tcb = self.currentTcb
    if tcb:isHeldOrSuspended() then
      self.currentTcb = tcb.link
    else
      self.currentId = tcb.id
      self.currentTcb = tcb:run()
    end
  end
end

function Scheduler:release(id)
  local tcb = self.blocks[id]
  if tcb == nil then return tcb end
  tcb:markAsNotHeld()
  if tcb.priority > self.currentTcb.priority then return tcb end
  return self.currentTcb
end

function Scheduler:holdCurrent()
  self.holdCount = self.holdCount + 1
  self.currentTcb:markAsHeld()
  return self.currentTcb.link
end

function Scheduler:suspendCurrent()
  self.currentTcb:markAsSuspended()
  return self.currentTcb
end

function Scheduler:queue(packet)
  local t = self.blocks[packet.id]
  if t == nil then return t end
  self.queueCount = self.queueCount + 1
  packet.link = nil
  packet.id = self.currentId
  return t:checkPriorityAdd(self.currentTcb, packet)
end

---------------------------------------------------------------- Tasks
local Task = class()

function Task.init(t, scheduler)
  t.scheduler = scheduler
  return t
end

local IdleTask = class(Task)

function IdleTask.new(scheduler, seed, count)
  local t = Task.init(setmetatable({}, IdleTask), scheduler)
  t.seed = seed
  t.count = count
  return t
end

function IdleTask:run(packet)
  self.count = self.count - 1
  if self.count == 0 then return self.scheduler:holdCurrent() end
  -- pseudo-random choice of which device to wake up
  self.seed = (self.seed * 75 + 74) % 65537
  if self.seed % 2 == 0 then
    return self.scheduler:release(ID_DEVICE_A)
  else
    return self.scheduler:release(ID_DEVICE_B)
  end
end

local DeviceTask = class(Task)

function DeviceTask.new(scheduler)
  local t = Task.init(setmetatable({}, DeviceTask), scheduler)
  t.pending = nil
  return t
end

function DeviceTask:run(packet)
  if packet == nil then
    local p = self.pending
    if p == nil then return self.scheduler:suspendCurrent() end
    self.pending = nil
    return self.scheduler:queue(p)
  end
  self.pending = packet
  return self.scheduler:holdCurrent()
end

local WorkerTask = class(Task)

function WorkerTask.new(scheduler, dest, count)
  local t = Task.init(setmetatable({}, WorkerTask), scheduler)
  t.dest = dest
  t.count = count
  return t
end

function WorkerTask:run(packet)
  if packet == nil then return self.scheduler:suspendCurrent() end
  if self.dest == ID_HANDLER_A then self.dest = ID_HANDLER_B else self.dest = ID_HANDLER_A end
  packet.id = self.dest
  packet.a1 = 0
  local a2 = packet.a2
  for i = 1, DATA_SIZE do
    local c = self.count + 1
    if c > 26 then c = 1 end
    self.count = c
    a2[i] = c
  end
  return self.scheduler:queue(packet)
end

local HandlerTask = class(Task)

function HandlerTask.new(scheduler)
  local t = Task.init(setmetatable({}, HandlerTask), scheduler)
  t.work = nil
  t.devices = nil
  return t
end

function HandlerTask:run(packet)
  if packet ~= nil then
    if packet.kind == KIND_WORK then
      self.work = packet:addTo(self.work)
    else
      self.devices = packet:addTo(self.devices)
    end
  end
  local work = self.work
  if work ~= nil then
    local count = work.a1
    if count < DATA_SIZE then
      local dev = self.devices
      if dev ~= nil then
        self.devices = dev.link
        dev.a1 = work.a2[count + 1]
        work.a1 = count + 1
        return self.scheduler:queue(dev)
      end
    else
      self.work = work.link
      return self.scheduler:queue(work)
    end
  end
  return self.scheduler:suspendCurrent()
end

---------------------------------------------------------------- main
local function schedule_once(count)
  local s = Scheduler.new()
  s:addRunningTask(ID_IDLE, 0, nil, IdleTask.new(s, 1, count))

  local q = Packet.new(nil, ID_WORKER, KIND_WORK)
  q = Packet.new(q, ID_WORKER, KIND_WORK)
  s:addTask(ID_WORKER, 1000, q, WorkerTask.new(s, ID_HANDLER_A, 0))

  q = Packet.new(nil, ID_DEVICE_A, KIND_DEVICE)
  q = Packet.new(q, ID_DEVICE_A, KIND_DEVICE)
  q = Packet.new(q, ID_DEVICE_A, KIND_DEVICE)
  s:addTask(ID_HANDLER_A, 2000, q, HandlerTask.new(s))

  q = Packet.new(nil, ID_DEVICE_B, KIND_DEVICE)
  q = Packet.new(q, ID_DEVICE_B, KIND_DEVICE)
  q = Packet.new(q, ID_DEVICE_B, KIND_DEVICE)
  s:addTask(ID_HANDLER_B, 3000, q, HandlerTask.new(s))

  s:addTask(ID_DEVICE_A, 4000, nil, DeviceTask.new(s))
  s:addTask(ID_DEVICE_B, 5000, nil, DeviceTask.new(s))

  s:schedule()
  return s.queueCount, s.holdCount
end

-- n = number of scheduler runs of 1000 idle-task steps each
local function run(n)
  local checksum = 0
  for i = 1, n do
    local qc, hc = schedule_once(1000 + i % 10)
    checksum = (checksum + qc * 3 + hc) % 1000000007
  end
  return checksum
end

-- Driver: arg[1] = size (default 1600), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 1600
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
  print(string.format("richards: %d", result))
end
return run
