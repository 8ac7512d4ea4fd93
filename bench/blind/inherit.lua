-- inherit: object-oriented accounting ledger simulation.
-- A class(parent) helper builds classes with setmetatable and __index chains;
-- Account -> SavingsAccount -> BonusSaver and Account -> CheckingAccount ->
-- BusinessChecking override methods and call up the chain with
-- Parent.method(self, ...). Instances use __tostring, __eq, __lt and __len
-- (the transaction count; entries live in the array part of the object).
-- A year of generated transactions is dispatched virtually over a mixed list of
-- accounts; statements sorted by __lt and by a method-calling comparator are hashed.

local MOD = 2147483647

local METAMETHODS = { "__tostring", "__eq", "__lt", "__le", "__len" }

local function class(parent)
  local c = {}
  c.__index = c
  if parent then
    setmetatable(c, { __index = parent })
    -- Metamethods are looked up with rawget, so copy them down explicitly.
    for _, name in ipairs(METAMETHODS) do
      c[name] = parent[name]
    end
  end
  c.super = parent
  c.new = function(...)
    local obj = setmetatable({}, c)
    obj:init(...)
    return obj
  end
  return c
end

---------------------------------------------------------------- Account

local Account = class()

function Account:init(id, owner, opening)
  self.id = id
  self.owner = owner
  self.balance = 0
  self.n = 0
  self.fees = 0
  self.month_withdrawals = 0
  self:record(0, "open", 0)
  self:deposit(0, opening)
end

function Account:kind() return "Account" end

function Account:record(day, what, amount)
  local n = self.n + 1
  self.n = n
  self[n] = { day = day, what = what, amount = amount, balance = self.balance }
end

function Account:can_withdraw(amount)
  return amount <= self.balance
end

function Account:deposit(day, amount)
  self.balance = self.balance + amount
  self:record(day, "deposit", amount)
  return true
end

function Account:withdraw(day, amount)
  if not self:can_withdraw(amount) then
    self:record(day, "declined", amount)
    return false
  end
  self.balance = self.balance - amount
  self.month_withdrawals = self.month_withdrawals + 1
  self:record(day, "withdraw", amount)
  return true
end

function Account:charge(day, fee, what)
  if fee > 0 then
    self.balance = self.balance - fee
    self.fees = self.fees + fee
    self:record(day, what or "fee", -fee)
  end
end

function Account:monthly_fee() return 100 end

function Account:end_of_month(day)
  self:charge(day, self:monthly_fee(), "monthly")
  self.month_withdrawals = 0
end

function Account:score()
  return self.balance - 2 * self.fees
end

Account.__tostring = function(self)
  return string.format("%s#%d(%s) bal=%d txns=%d", self:kind(), self.id, self.owner,
                       self.balance, self.n)
end

Account.__eq = function(a, b)
  return a.id == b.id
end

Account.__lt = function(a, b)
  if a.balance ~= b.balance then return a.balance < b.balance end
  return a.id < b.id
end

Account.__le = function(a, b)
  return not (b < a)
end

Account.__len = function(self)
  return self.n
end

---------------------------------------------------------------- Savings

local SavingsAccount = class(Account)

function SavingsAccount:init(id, owner, opening, rate_bp)
  self.rate_bp = rate_bp
  self.interest = 0
  Account.init(self, id, owner, opening)
end

function SavingsAccount:kind() return "Savings" end

function SavingsAccount:can_withdraw(amount)
  return self.month_withdrawals < 3 and Account.can_withdraw(self, amount)
end

function SavingsAccount:monthly_fee()
  if self.balance >= 50000 then return 0 end
  return math.floor(Account.monthly_fee(self) / 2)
end

function SavingsAccount:monthly_interest()
  if self.balance <= 0 then return 0 end
  return math.floor(self.balance * self.rate_bp / 120000)
end

function SavingsAccount:end_of_month(day)
  local interest = self:monthly_interest()
  if interest > 0 then
    self.balance = self.balance + interest
    self.interest = self.interest + interest
    self:record(day, "interest", interest)
  end
  Account.end_of_month(self, day)
end

function SavingsAccount:score()
  return Account.score(self) + self.interest
end

local BonusSaver = class(SavingsAccount)

function BonusSaver:init(id, owner, opening, rate_bp, bonus_bp)
  self.bonus_bp = bonus_bp
  self.bonuses = 0
  SavingsAccount.init(self, id, owner, opening, rate_bp)
end

function BonusSaver:kind() return "BonusSaver" end

function BonusSaver:monthly_interest()
  local base = SavingsAccount.monthly_interest(self)
  if self.month_withdrawals == 0 and self.balance > 0 then
    local bonus = math.floor(self.balance * self.bonus_bp / 120000)
    self.bonuses = self.bonuses + 1
    return base + bonus
  end
  return base
end

function BonusSaver:can_withdraw(amount)
  -- Only one withdrawal a month, and never below a 100.00 floor.
  return self.month_withdrawals < 1
     and SavingsAccount.can_withdraw(self, amount + 10000)
end

---------------------------------------------------------------- Checking

local CheckingAccount = class(Account)

function CheckingAccount:init(id, owner, opening, overdraft)
  self.overdraft = overdraft
  self.overdrawn_days = 0
  Account.init(self, id, owner, opening)
end

function CheckingAccount:kind() return "Checking" end

function CheckingAccount:can_withdraw(amount)
  return amount <= self.balance + self.overdraft
end

function CheckingAccount:withdraw(day, amount)
  local ok = Account.withdraw(self, day, amount)
  if ok and self.balance < 0 then
    self:charge(day, 2500, "overdraft")
  end
  return ok
end

function CheckingAccount:end_of_day(day)
  if self.balance < 0 then self.overdrawn_days = self.overdrawn_days + 1 end
end

function CheckingAccount:monthly_fee()
  if self.balance >= 150000 then return 0 end
  return Account.monthly_fee(self) + 5 * self.month_withdrawals
end

function CheckingAccount:score()
  return Account.score(self) - 10 * self.overdrawn_days
end

local BusinessChecking = class(CheckingAccount)

function BusinessChecking:init(id, owner, opening, overdraft, per_txn)
  self.per_txn = per_txn
  CheckingAccount.init(self, id, owner, opening, overdraft)
end

function BusinessChecking:kind() return "Business" end

function BusinessChecking:deposit(day, amount)
  local ok = CheckingAccount.deposit(self, day, amount)
  if day > 0 then self:charge(day, self.per_txn, "txnfee") end
  return ok
end

function BusinessChecking:withdraw(day, amount)
  local ok = CheckingAccount.withdraw(self, day, amount)
  if ok then self:charge(day, self.per_txn, "txnfee") end
  return ok
end

function BusinessChecking:monthly_fee()
  return CheckingAccount.monthly_fee(self) * 3
end

---------------------------------------------------------------- simulation

local function make_rng(seed)
  local state = seed
  return function(n)
    state = (state * 16807) % 2147483647
    return state % n + 1
  end
end

local OWNERS = { "ada", "bo", "cy", "dee", "eli", "fay", "gus", "hal", "ivy", "jo",
                 "kai", "lu", "max", "ned", "oz", "pia" }

local function string_hash(h, s)
  for i = 1, #s do h = (h * 31 + string.byte(s, i)) % MOD end
  return h
end

local function mix(h, v)
  return (h * 31 + v) % MOD
end

local function open_account(id, rand)
  local owner = OWNERS[rand(#OWNERS)] .. "-" .. id
  local opening = rand(500) * 100
  local k = id % 5
  if k == 0 then
    return Account.new(id, owner, opening)
  elseif k == 1 then
    return SavingsAccount.new(id, owner, opening, 150 + rand(300))
  elseif k == 2 then
    return BonusSaver.new(id, owner, opening, 100 + rand(200), 50 + rand(100))
  elseif k == 3 then
    return CheckingAccount.new(id, owner, opening, rand(20) * 1000)
  else
    return BusinessChecking.new(id, owner, opening, rand(50) * 1000, 10 + rand(40))
  end
end

local KIND_ORDER = { Account = 1, Savings = 2, BonusSaver = 3, Checking = 4, Business = 5 }

local function by_kind_then_score(a, b)
  local ka, kb = KIND_ORDER[a:kind()], KIND_ORDER[b:kind()]
  if ka ~= kb then return ka < kb end
  local sa, sb = a:score(), b:score()
  if sa ~= sb then return sa > sb end
  return a.id < b.id
end

local function run(n)
  local rand = make_rng(4242)
  local accounts = {}
  for id = 1, n do accounts[id] = open_account(id, rand) end

  local checksum = 0
  local day = 0
  for month = 1, 12 do
    for _ = 1, 30 do
      day = day + 1
      for _, acct in ipairs(accounts) do
        local r = rand(10)
        if r <= 3 then
          acct:deposit(day, rand(300) * 50)
        elseif r <= 6 then
          acct:withdraw(day, rand(400) * 50)
        elseif r == 7 then
          -- transfer to another account: virtual withdraw, then deposit
          local other = accounts[rand(n)]
          local amount = rand(100) * 100
          if other ~= acct and acct:withdraw(day, amount) then
            other:deposit(day, amount)
          end
        end
        if acct.end_of_day then acct:end_of_day(day) end
      end
    end
    for _, acct in ipairs(accounts) do acct:end_of_month(day) end

    -- Statement 1: natural order through __lt.
    local ranked = {}
    for i, acct in ipairs(accounts) do ranked[i] = acct end
    table.sort(ranked)
    for i = 1, #ranked, 17 do
      checksum = string_hash(checksum, tostring(ranked[i]))
    end
    checksum = mix(checksum, ranked[1].id)
    checksum = mix(checksum, ranked[#ranked].id)
    if ranked[1] <= ranked[#ranked] then checksum = mix(checksum, 1) end

    -- Statement 2: comparator calling virtual methods.
    table.sort(ranked, by_kind_then_score)
    for i = 1, #ranked do
      checksum = mix(checksum, ranked[i].id)
    end
    checksum = mix(checksum, month)
  end

  -- Equality by id (a fresh object with the same id compares equal), and lengths via __len.
  local probe = Account.new(accounts[1].id, "probe", 0)
  local equal, txns, last_amounts = 0, 0, 0
  for _, acct in ipairs(accounts) do
    if acct == probe then equal = equal + 1 end
    txns = txns + #acct
    local last = acct[#acct]
    last_amounts = (last_amounts + last.amount + last.day) % MOD
  end
  checksum = mix(checksum, equal)
  checksum = mix(checksum, txns % MOD)
  checksum = mix(checksum, last_amounts)

  local totals = {}
  for _, acct in ipairs(accounts) do
    local k = acct:kind()
    totals[k] = (totals[k] or 0) + acct.balance
  end
  for _, k in ipairs({ "Account", "Savings", "BonusSaver", "Checking", "Business" }) do
    checksum = mix(checksum, (totals[k] or 0) % MOD)
  end
  return checksum
end

-- Driver: arg[1] = size (default 2000), arg[2] = iterations (default 1).
-- With iterations > 1 each run's os.clock() time goes to stderr (stdout where there is no io.stderr, as in Moat).
-- With iterations = 0 nothing runs and the chunk just returns run (module use).
local N = tonumber(arg and arg[1]) or 2000
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
  print(string.format("inherit: %d", result))
end
return run
