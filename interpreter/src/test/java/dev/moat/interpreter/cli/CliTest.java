package dev.moat.interpreter.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI's limit flags, exit codes and deterministic-run flags, run in-process with captured streams. */
class CliTest {
    record Outcome(int status, String out, String err) {
    }

    static synchronized Outcome cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = MoatMain.run(args);
            System.out.flush();
            return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** lua.c's message handler: a string from the error object's __tostring, alone; other values named by type. */
    @Test
    void uncaughtErrorObjectsAreReportedAsLuaReportsThem() {
        Outcome shown = cli("-e", "local function f() error(setmetatable({}, {__tostring = function() return 'custom' end})) end f()");
        assertEquals(1, shown.status());
        assertEquals("moat: custom\n", shown.err());
        Outcome notString = cli("-e", "error(setmetatable({}, {__tostring = function() return 5 end}))");
        assertTrue(notString.err().startsWith("moat: (error object is a table value)\nstack traceback:\n"), notString.err());
        Outcome failing = cli("-e", "error(setmetatable({}, {__tostring = function() error('inner') end}))");
        assertTrue(failing.err().startsWith("moat: (error object is a table value)\nstack traceback:\n"), failing.err());
        Outcome nil = cli("-e", "error(nil)");
        assertEquals("moat: (error object is a nil value)\nstack traceback:\n\t[C]: in function 'error'\n"
                + "\t(command line):1: in main chunk\n\t[C]: in ?\n", nil.err());
        Outcome caught = cli("-e", "print(pcall(error, setmetatable({}, {__tostring = function() return 'x' end})))");
        assertTrue(caught.out().startsWith("false\tx\n"), caught.out()); // pcall gets the object itself
    }

    /**
     * lua.c's traceback names each level as Lua 5.4 does: by a global name, else by how the calling code reached
     * it (upvalue, field, method, metamethod, local), a proper tail call without its replaced caller, and
     * the middle of a deep stack skipped. The expected texts are lua5.4's own output for the same scripts.
     */
    @Test
    void uncaughtErrorsCarryLuasTraceback(@TempDir Path dir) throws IOException {
        Path names = dir.resolve("names.lua");
        Files.writeString(names, String.join("\n",
                "local function lf() error('boom') end",
                "function gf() lf() end",
                "local t = {}",
                "function t.field() gf() end",
                "function t:meth() t.field() end",
                "local up = function() t:meth() end",
                "local function outer() up() end",
                "local anon = setmetatable({}, {__index = function(s, k) outer() end})",
                "local co = function() return anon.x end",
                "co()", ""));
        String file = names.toString();
        Outcome named = cli(file);
        assertEquals(1, named.status());
        assertEquals("moat: " + file + ":1: boom\nstack traceback:\n\t[C]: in function 'error'\n"
                + "\t" + file + ":1: in upvalue 'lf'\n\t" + file + ":2: in function 'gf'\n"
                + "\t" + file + ":4: in field 'field'\n\t" + file + ":5: in method 'meth'\n"
                + "\t" + file + ":6: in upvalue 'up'\n\t" + file + ":7: in upvalue 'outer'\n"
                + "\t" + file + ":8: in metamethod 'index'\n\t" + file + ":9: in local 'co'\n"
                + "\t" + file + ":10: in main chunk\n\t[C]: in ?\n", named.err());

        Outcome tail = cli("-e", "local function g() error('in g') end local function f() return g() end f()");
        assertEquals("moat: (command line):1: in g\nstack traceback:\n\t[C]: in function 'error'\n"
                + "\t(command line):1: in function <(command line):1>\n\t(...tail calls...)\n"
                + "\t(command line):1: in main chunk\n\t[C]: in ?\n", tail.err());

        Outcome deep = cli("-e", "local function r(n) if n == 0 then error('deep') end return 1 + r(n - 1) end r(40)");
        String recursion = "\t(command line):1: in upvalue 'r'\n";
        assertEquals("moat: (command line):1: deep\nstack traceback:\n\t[C]: in function 'error'\n"
                + recursion.repeat(9) + "\t...\t(skipping 22 levels)\n" + recursion.repeat(8)
                + "\t(command line):1: in local 'r'\n\t(command line):1: in main chunk\n\t[C]: in ?\n", deep.err());

        Outcome library = cli("-e", "string.rep()");
        assertEquals("moat: (command line):1: bad argument #1 to 'rep' (string expected, got no value)\nstack traceback:\n"
                + "\t[C]: in function 'string.rep'\n\t(command line):1: in main chunk\n\t[C]: in ?\n", library.err());
    }

    @Test
    void timeoutStopsAnEndlessLoopWithExitThree() {
        Outcome o = cli("--timeout=200ms", "-e", "while true do end");
        assertEquals(3, o.status(), o.err());
        assertEquals("moat: timeout: the run exceeded its time limit (200 ms)\n", o.err());
    }

    @Test
    void timeoutCannotBeCaughtByPcall() {
        Outcome o = cli("--timeout=200ms", "-e", "while true do pcall(function() while true do end end) end print('escaped')");
        assertEquals(3, o.status(), o.err());
        assertEquals("", o.out());
    }

    @Test
    void aQuickScriptFinishesUnderItsTimeout() {
        Outcome o = cli("--timeout=60s", "-e", "print(6 * 7)");
        assertEquals(0, o.status(), o.err());
        assertEquals("42\n", o.out());
    }

    @Test
    void fixedTimeAndSeedMakeRunsReproducible() {
        String code = "print(os.time(), os.date('!%Y-%m-%d %H:%M:%S'), math.random(1, 10^9), math.random())"
                + " local c = os.clock() for i = 1, 1000 do end print(os.clock() > c, os.clock() < 1e-3)";
        Outcome a = cli("--fixed-time=1700000000", "--random-seed=7", "-e", code);
        Outcome b = cli("--fixed-time=1700000000", "--random-seed=7", "-e", code);
        assertEquals(0, a.status(), a.err());
        assertEquals(a.out(), b.out());
        assertTrue(a.out().startsWith("1700000000\t2023-11-14 22:13:20\t"), a.out());
        assertTrue(a.out().endsWith("true\ttrue\n"), a.out());
        Outcome other = cli("--fixed-time=1700000000", "--random-seed=8", "-e", code);
        assertTrue(!other.out().equals(a.out()), "a different seed gives a different sequence");
    }

    @Test
    void budgetFlagsExitWithThreeAndNameTheLimit() {
        Outcome o = cli("--max-instructions=10000", "-e", "while true do end");
        assertEquals(3, o.status());
        assertTrue(o.err().startsWith("moat: instruction budget exhausted"), o.err());
        Outcome m = cli("--max-memory=1m", "-e", "local t = {} for i = 1, 1e7 do t[i] = i end");
        assertEquals(3, m.status());
        assertTrue(m.err().startsWith("moat: memory budget exhausted"), m.err());
        Outcome fake = cli("-e", "error('instruction budget exhausted (limit 5)', 0)"); // a script's own error: exit 1
        assertEquals(1, fake.status(), fake.err());
        assertTrue(fake.err().startsWith("moat: instruction budget exhausted (limit 5)\nstack traceback:\n"), fake.err());
    }

    @Test
    void aScriptGetsItsArgumentsAsArgAndVarargsAsInLua(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("args.lua");
        Files.writeString(script, "print(arg[-1], arg[0] == ..., #arg, ...) return {}, 'ignored'");
        String name = script.toString();
        Outcome o = cli(name, "x", "y z");
        assertEquals(0, o.status(), o.err());
        assertEquals("moat\tfalse\t2\tx\ty z\n", o.out());
        // -e code runs first and, as in lua5.4, sees the script's arg table but gets no varargs itself
        Outcome e = cli("-e", "print(arg[0] == " + luaString(name) + ", arg[1], select('#', ...))", name, "x");
        assertEquals(0, e.status(), e.err());
        assertEquals("true\tx\t0\nmoat\tfalse\t1\tx\n", e.out());
        Outcome alone = cli("-e", "print(arg[0], arg[-1], #arg, select('#', ...))");
        assertEquals("(command line)\tmoat\t0\t0\n", alone.out());
    }

    @Test
    void requireReadsModulesNextToTheScript(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/shapes.lua"), "local M = {} function M.area(w, h) return w * h end return M");
        Files.writeString(dir.resolve("util.moat"), "return {twice = function(x) return 2 * x end}");
        Files.writeString(dir.resolve("main.lua"), """
                local shapes = require("lib.shapes")
                print(shapes.area(6, 7), require("util").twice(21), require("lib.shapes") == shapes)
                print(pcall(require, "missing"))
                print(pcall(require, "../main"))
                """);
        Outcome o = cli(dir.resolve("main.lua").toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().startsWith("42\t42\ttrue\nfalse\tmodule 'missing' not found:\n"), o.out());
        assertTrue(o.out().contains("\nfalse\tmodule '../main' not found:\n"), o.out()); // names only, no paths
    }

    /**
     * A module file is named as Lua's file searcher names it: its path as typed ("./m.lua" for -e code, the
     * script's directory as given followed by the module's path), in error positions and tracebacks, as the chunk's second argument and
     * require's second result; a syntax error and a missing module say which files.
     */
    @Test
    void modulesAreNamedByTheirPaths(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("app/lib"));
        Files.writeString(dir.resolve("app/lib/m.lua"), "print('loading', ...)\nlocal M = {}\nfunction M.f(x) return x.y end\nreturn M");
        Files.writeString(dir.resolve("app/bad.lua"), "x = = 1");
        Files.writeString(dir.resolve("app/main.lua"), """
                local m, where = require("lib.m")
                print(where, select('#', require("lib.m")))
                print(pcall(m.f))
                print(pcall(require, "bad"))
                print(pcall(require, "no.such"))
                m.f()
                """);
        String app = dir.resolve("app") + "/";
        Outcome o = cli(app + "main.lua");
        assertEquals("""
                loading\tlib.m\tAPP/lib/m.lua
                APP/lib/m.lua\t1
                false\tAPP/lib/m.lua:3: attempt to index a nil value (local 'x')
                false\terror loading module 'bad' from file 'APP/bad.lua':
                \tAPP/bad.lua:1: unexpected symbol near '='
                false\tmodule 'no.such' not found:
                \tno field package.preload['no.such']
                \tno file 'APP/no/such.moat'
                \tno file 'APP/no/such.lua'
                """.replace("APP/", app), o.out());
        assertTrue(o.err().startsWith("moat: " + app + "lib/m.lua:3: attempt to index a nil value (local 'x')\n"
                + "stack traceback:\n\t" + app + "lib/m.lua:3: in function 'lib.m.f'\n"), o.err());
        // code given with -e reads modules from the working directory, shown as "./" like Lua's package.path
        assertTrue(cli("-e", "require 'no.such'").err().contains("\n\tno file './no/such.lua'\n"));
    }

    /** Lua sources are bytes: a Latin-1 literal or comment is read as it is, as lua5.4 reads it, in scripts and modules. */
    @Test
    void scriptsAndModulesThatAreNotUtf8RunWithTheirBytes(@TempDir Path dir) throws IOException {
        byte[] latin1 = {(byte) 0xE9, (byte) 0xFF};
        Files.write(dir.resolve("latin.lua"), concat("-- caf".getBytes(StandardCharsets.US_ASCII), latin1,
                "\nreturn { s = '".getBytes(StandardCharsets.US_ASCII), latin1, "' }".getBytes(StandardCharsets.US_ASCII)));
        Files.write(dir.resolve("main.lua"), concat("local s = \"a".getBytes(StandardCharsets.US_ASCII), latin1,
                "\" print(#s, s:byte(1, -1)) print(require('latin').s == s:sub(2))\n".getBytes(StandardCharsets.US_ASCII)));
        Outcome o = cli(dir.resolve("main.lua").toString());
        assertEquals(0, o.status(), o.err());
        assertEquals("3\t97\t233\t255\ntrue\n", o.out());
    }

    /** A "#!" first line is skipped in script files and modules, as Lua's file loader does, but not by load(). */
    @Test
    void aFirstLineStartingWithHashIsSkippedInFilesOnly(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("m.lua"), "#!/usr/bin/env moat\nreturn {x = 1, line = select(2, pcall(error, 'at', 1))}");
        Files.writeString(dir.resolve("main.lua"), "#!/usr/bin/env moat\nprint(require('m').x, select(2, load('#!x')))\nerror('line two')");
        Outcome o = cli(dir.resolve("main.lua").toString());
        assertEquals("1\t[string \"#!x\"]:1: unexpected symbol near '#'\n", o.out());
        assertTrue(o.err().startsWith("moat: " + dir.resolve("main.lua") + ":3: line two"), o.err());
    }

    /** A syntax error in a file that is not UTF-8 is reported with its place, as any other. */
    @Test
    void aSyntaxErrorInANonUtf8FileNamesItsLine(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("bad.lua");
        Files.write(script, concat("local s = '".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xE9},
                "'\nlocal = 1\n".getBytes(StandardCharsets.US_ASCII)));
        Outcome o = cli(script.toString());
        assertEquals(1, o.status(), o.err());
        assertTrue(o.err().startsWith("moat: " + script + ":2:"), o.err());
        assertTrue(o.err().contains("near '='"), o.err());
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private static String luaString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void badFlagValuesAreUsageErrors() {
        assertEquals(2, cli("--timeout=soon", "-e", "print(1)").status());
        assertEquals(2, cli("--timeout=-5s", "-e", "print(1)").status());
        assertEquals(2, cli("--random-seed=x", "-e", "print(1)").status());
        assertEquals(2, cli("--nonsense").status());
    }

    static synchronized Outcome cliWithInput(String input, String... args) {
        java.io.InputStream oldIn = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            return cli(args);
        } finally {
            System.setIn(oldIn);
        }
    }

    /** lua.c's options: -e, -l and -W run in the order given, before the script; '--' ends the options. */
    @Test
    void optionsRunInTheirOrderBeforeTheScriptAsLuaRunsThem(@TempDir Path dir) throws IOException {
        Outcome twoChunks = cli("-e", "x = 20", "-e", "print(x + 1)", "-eprint(x + 2)");
        assertEquals(0, twoChunks.status(), twoChunks.err());
        assertEquals("21\n22\n", twoChunks.out());

        Files.writeString(dir.resolve("shapes.lua"), "return {area = function(w, h) return w * h end}");
        Path script = dir.resolve("main.lua");
        Files.writeString(script, "print(shapes.area(2, 3), s.area(4, 5), ...)");
        Outcome libraries = cli("-l", "shapes", "-ls=shapes", "--", script.toString(), "a", "b");
        assertEquals(0, libraries.status(), libraries.err());
        assertEquals("6\t20\ta\tb\n", libraries.out());

        Outcome warnings = cli("-e", "warn('off by default')", "-W", "-e", "warn('on', ' now')");
        assertEquals(0, warnings.status(), warnings.err());
        assertEquals("Lua warning: on now\n", warnings.err());

        Outcome missing = cli("-l", "nosuchmodule", "-e", "print('not reached')");
        assertEquals(1, missing.status());
        // lua.c calls require from C: the message has no position, the traceback no main chunk
        assertTrue(missing.err().startsWith("moat: module 'nosuchmodule' not found:\n"), missing.err());
        assertTrue(missing.err().endsWith("stack traceback:\n\t[C]: in function 'require'\n\t[C]: in ?\n"), missing.err());
        assertEquals("", missing.out());
        Outcome noRequire = cli("-e", "require = nil", "-l", "x");
        assertEquals(1, noRequire.status());
        assertTrue(noRequire.err().startsWith("moat: attempt to call a nil value"), noRequire.err());

        Outcome noArgument = cli("-e");
        assertEquals(2, noArgument.status());
        assertTrue(noArgument.err().startsWith("moat: '-e' needs argument\n"), noArgument.err());
        assertEquals(2, cli("-l", "-e", "print(1)").status(), "an option is not a library's name");
    }

    /** -i: the version, the script, then an interactive session on standard input, in the script's globals. */
    @Test
    void dashIStartsTheInteractiveSessionAfterTheScript(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("setup.lua");
        Files.writeString(script, "greeting = 'hello'\nprint('script ran')");
        Outcome o = cliWithInput("greeting .. ', world'\n", "-i", script.toString());
        assertEquals(0, o.status(), o.err());
        assertEquals(MoatMain.VERSION + "\nscript ran\n> hello, world\n> \n", o.out());

        Outcome version = cliWithInput("print('stdin is not run')\n", "-v");
        assertEquals(MoatMain.VERSION + "\n", version.out());
    }
}
