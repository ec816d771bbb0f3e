package org.attune.server.studio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.attune.core.decisioning.Expressions;

/**
 * A CEL expression of an editor, checked as {@code POST /v1/catalogs/{c}/expressions/check}
 * checks it, for the {@code expression-check} template: fine with what it gives, or each
 * error with its line and column and the line itself with a caret under the position.
 */
final class ExpressionCheck {
    /** The editors' expression fields, by their form names, and what each is for. */
    enum Field {
        ELIGIBILITY("eligibility", Expressions.Use.ELIGIBILITY, "true or false (bool): true keeps the product",
                "No eligibility rule: every candidate is kept."),
        FORMULA("formula", Expressions.Use.FORMULA, "a number (double): higher ranks first",
                "No formula yet: ranking by formula or blend needs one."),
        FILTER("filter", Expressions.Use.COLLECTION, "true or false (bool): true puts the product in",
                "No condition: the collection holds only its listed products.");

        final String formName;
        final Expressions.Use use;
        final String gives;
        final String whenEmpty;

        Field(String formName, Expressions.Use use, String gives, String whenEmpty) {
            this.formName = formName;
            this.use = use;
            this.gives = gives;
            this.whenEmpty = whenEmpty;
        }

        static Optional<Field> named(String formName) {
            return Arrays.stream(values()).filter(f -> f.formName.equals(formName)).findFirst();
        }
    }

    private ExpressionCheck() {
    }

    static Map<String, Object> check(Expressions environment, Field field, String source) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("field", field.formName);
        if (source == null || source.isBlank()) {
            model.put("empty", field.whenEmpty);
            return model;
        }
        Expressions.Result result = environment.compile(source, field.use);
        if (result.compiled() != null) {
            model.put("gives", field.gives);
            return model;
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        String[] lines = source.split("\\R", -1);
        for (Expressions.Error error : result.errors()) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("message", error.message());
            if (error.line() > 0 && error.line() <= lines.length) {
                String line = lines[error.line() - 1];
                shown.put("where", "Line " + error.line() + ", column " + error.column());
                shown.put("line", line);
                shown.put("caret", padding(line, error.column() - 1) + "^");
            }
            errors.add(shown);
        }
        model.put("errors", errors);
        return model;
    }

    /** Blanks as wide as the line's first {@code count} characters, keeping its tabs, so a caret lines up. */
    private static String padding(String line, int count) {
        StringBuilder pad = new StringBuilder();
        line.codePoints().limit(Math.max(0, count)).forEach(c -> pad.append(c == '\t' ? '\t' : ' '));
        return pad.toString();
    }
}
