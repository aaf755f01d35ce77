package io.mooring.registry.domain;

import io.mooring.events.KubernetesNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes equality- and set-based label selector: requirements separated by commas, all of which must
 * hold. {@code env=prod}, {@code env==prod}, {@code team!=x} (also true without the label), {@code tier}
 * (has the label), {@code !legacy} (has not), {@code env in (prod,staging)},
 * {@code env notin (dev)} (also true without the label). Keys and values follow the label syntax.
 */
public record LabelSelector(List<Requirement> requirements) {

    public static final int MAX_LENGTH = 2048;
    public static final int MAX_REQUIREMENTS = 20;

    private static final Pattern SET_BASED = Pattern.compile("(\\S+)\\s+(in|notin)\\s*\\((.*)\\)");

    public enum Operator {
        EXISTS, NOT_EXISTS, EQUALS, NOT_EQUALS, IN, NOT_IN
    }

    /** One requirement; {@code values} is empty for EXISTS and NOT_EXISTS, one value for (NOT_)EQUALS. */
    public record Requirement(String key, Operator operator, List<String> values) {
        public Requirement {
            values = List.copyOf(values);
        }

        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case EXISTS -> value != null;
                case NOT_EXISTS -> value == null;
                case EQUALS, IN -> value != null && values.contains(value);
                case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
            };
        }
    }

    /** Refusal of a selector, with a message that says which part is wrong. */
    public static class InvalidSelectorException extends IllegalArgumentException {
        public InvalidSelectorException(String message) {
            super(message);
        }
    }

    public LabelSelector {
        requirements = List.copyOf(requirements);
    }

    public static LabelSelector everything() {
        return new LabelSelector(List.of());
    }

    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    public boolean matches(Map<String, String> labels) {
        Map<String, String> present = labels == null ? Map.of() : labels;
        return requirements.stream().allMatch(r -> r.matches(present));
    }

    /** Parses {@code text}; blank means no requirement. */
    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return everything();
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidSelectorException("must be at most " + MAX_LENGTH + " characters");
        }
        List<String> parts = splitTopLevel(text);
        if (parts.size() > MAX_REQUIREMENTS) {
            throw new InvalidSelectorException("must have at most " + MAX_REQUIREMENTS + " requirements");
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String part : parts) {
            requirements.add(requirement(part.trim()));
        }
        return new LabelSelector(requirements);
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
                if (depth > 1) {
                    throw new InvalidSelectorException("has nested parentheses");
                }
            } else if (c == ')') {
                depth--;
                if (depth < 0) {
                    throw new InvalidSelectorException("has a ')' without its '('");
                }
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw new InvalidSelectorException("has a '(' without its ')'");
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static Requirement requirement(String part) {
        if (part.isEmpty()) {
            throw new InvalidSelectorException("has an empty requirement");
        }
        Matcher set = SET_BASED.matcher(part);
        if (set.matches()) {
            Operator operator = set.group(2).equals("in") ? Operator.IN : Operator.NOT_IN;
            List<String> values = new ArrayList<>();
            for (String value : set.group(3).split(",", -1)) {
                values.add(value(value.trim(), part));
            }
            if (values.size() == 1 && values.get(0).isEmpty() && set.group(3).isBlank()) {
                throw new InvalidSelectorException("'" + part + "' needs at least one value");
            }
            return new Requirement(key(set.group(1), part), operator, values);
        }
        if (part.contains("(") || part.contains(")")) {
            throw new InvalidSelectorException("'" + part + "' is not a requirement: use 'key in (a,b)'");
        }
        if (part.startsWith("!")) {
            return new Requirement(key(part.substring(1).trim(), part), Operator.NOT_EXISTS, List.of());
        }
        int notEquals = part.indexOf("!=");
        if (notEquals >= 0) {
            return new Requirement(key(part.substring(0, notEquals).trim(), part), Operator.NOT_EQUALS,
                    List.of(value(part.substring(notEquals + 2).trim(), part)));
        }
        int equals = part.indexOf('=');
        if (equals >= 0) {
            int valueStart = part.startsWith("==", equals) ? equals + 2 : equals + 1;
            return new Requirement(key(part.substring(0, equals).trim(), part), Operator.EQUALS,
                    List.of(value(part.substring(valueStart).trim(), part)));
        }
        return new Requirement(key(part, part), Operator.EXISTS, List.of());
    }

    private static String key(String key, String part) {
        if (!KubernetesNames.isLabelKey(key)) {
            throw new InvalidSelectorException("'" + part + "': the key " + KubernetesNames.LABEL_KEY_RULE);
        }
        return key;
    }

    private static String value(String value, String part) {
        if (!KubernetesNames.isLabelValue(value)) {
            throw new InvalidSelectorException("'" + part + "': the value " + KubernetesNames.LABEL_VALUE_RULE);
        }
        return value;
    }
}
