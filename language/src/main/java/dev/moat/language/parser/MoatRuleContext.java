package dev.moat.language.parser;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;

import java.util.ArrayList;

/**
 * The superclass of the generated parser's contexts (the grammar's {@code contextSuperClass}). ANTLR gives
 * each context's children a list of the default capacity, ten; most rules have one to three children (an
 * expression, a field {@code name = value}), and those ten-slot arrays were a fifth of what loading a data
 * chunk allocated. A list of four grows as ANTLR's would for the few contexts with more children.
 */
public class MoatRuleContext extends ParserRuleContext {
    private static final int FIRST_CAPACITY = 4;

    public MoatRuleContext() {
    }

    public MoatRuleContext(ParserRuleContext parent, int invokingStateNumber) {
        super(parent, invokingStateNumber);
    }

    @Override
    public <T extends ParseTree> T addAnyChild(T t) {
        if (children == null) {
            children = new ArrayList<>(FIRST_CAPACITY);
        }
        children.add(t);
        return t;
    }
}
