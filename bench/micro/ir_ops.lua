-- Compiled size per operation: one small function per kind of operation, each called often enough
-- to be compiled, with the operand shapes a real program gives it. bench/compare/ir-sizes.sh runs
-- this file and reports, per function, how many Graal IR nodes partial evaluation produced (the
-- number Truffle's inliner charges against its budget) and how many remain after optimisation.
-- Large numbers for simple operations mean compile time, code size, and callees that no longer fit
-- the inlining budget; see bench/README.md ("Compiled size").
local t = {x = 1, y = 2}
local arr = {1, 2, 3}
local objs = {{}, {}, {}}
local d = {}
for i = 1, 100 do d["w" .. i] = i end
local s = "hello"
local Vec = {}
Vec.__index = Vec
function Vec.new(x, y) return setmetatable({x = x, y = y}, Vec) end
function Vec:len2() return self.x * self.x + self.y * self.y end
local v = Vec.new(1, 2)
local function empty(a, b) return a end
local function add(a, b) return a + a end
local function fadd(a, b) return a * 0.5 end
local function cmp(a, b) if a < 2 then return a end return 3 end
local function getf(a, b) return t.x end
local function setf(a, b) t.x = a end
local function geta(a, b) return arr[a] end
local function seta(a, b) arr[a] = a end
local function setao(a, b) objs[a] = b end
local function getd(a, b) return d[b] end
local function setd(a, b) d[b] = a end
local function incd(a, b) d[b] = (d[b] or 0) + 1 end
local function len(a, b) return #arr end
local function app(a, b) local q = {} q[#q + 1] = a; q[#q + 1] = b return q end
local function callf(a, b) return empty(a, b) end
local function method(a, b) return v:len2() end
local function newobj(a, b) return Vec.new(a, a) end
local function callb(a, b) return string.byte(s, a) end
local function callfmt(a, b) return string.format("%s:%d", b, a) end
local function concat2(a, b) return b .. s end
local function concatn(a, b) return b .. a end
local function tostr(a, b) return tostring(a) end
local function ins(a, b) local q = {} table.insert(q, a) return q end
local function ipl(a, b) local x = 0 for _, e in ipairs(arr) do x = x + e end return x end
local function pl(a, b) local x = 0 for k, e in pairs(t) do x = x + e end return x end
local scope = setmetatable({}, {__index = d})
local function setm(a, b) scope[b] = a end
local function getm(a, b) return scope[b .. "x"] end
local function ctor(a, b) return {x = a, y = b, z = a, w = b, name = "n"} end
local function ctor10(a, b) return {k1 = a, k2 = b, k3 = a, k4 = b, k5 = "n", k6 = a, k7 = b, k8 = a, k9 = b, k10 = tostring(a)} end
local sparse = {}
for i = 1, 50 do sparse[i * 1000] = i end
local function gets(a, b) return sparse[a * 1000] end
local function appmix(a, b) local q = {} for i = 1, 3 do q[i] = (a + i) % 2 == 0 and a or a * 0.5 end return q end
local fns = {empty=empty, add=add, fadd=fadd, cmp=cmp, getf=getf, setf=setf, geta=geta, seta=seta, setao=setao,
  getd=getd, setd=setd, incd=incd, len=len, app=app, callf=callf, method=method, newobj=newobj, callb=callb,
  callfmt=callfmt, concat2=concat2, concatn=concatn, tostr=tostr, ins=ins, ipl=ipl, pl=pl,
  setm=setm, appmix=appmix, getm=getm, gets=gets, ctor=ctor, ctor10=ctor10}
local names = {}
for k in pairs(fns) do names[#names+1] = k end
table.sort(names)
for _, n in ipairs(names) do
  local f = fns[n]
  for i = 1, 3000 do f(i % 3 + 1, "w" .. (i % 7 + 1)) end
end
