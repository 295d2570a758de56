package io.vigie.anonymizer;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private attribute known to carry no identity (PS3.15 E.3.10), kept under the Retain Safe Private option. Private
 * elements move between blocks, so it is named by its creator, its odd group and the low byte of its element:
 * {@code (0019,xx92)} in the block reserved by {@code creator}.
 */
public record SafePrivateAttribute(String creator, int group, int elementOffset) {

    private static final Pattern TAG = Pattern.compile("\\(?([0-9A-Fa-f]{4}),\\s*[xX]{2}([0-9A-Fa-f]{2})\\)?");

    public SafePrivateAttribute {
        if (creator == null || creator.isBlank()) {
            throw new IllegalArgumentException("a safe private attribute needs its private creator");
        }
        if ((group & 1) == 0 || group < 0x0009 || group > 0xFFFF) {
            throw new IllegalArgumentException(String.format("(%04X,xx%02X) is not a private tag: the group must be "
                    + "odd and at least 0009", group, elementOffset));
        }
        if (elementOffset < 0 || elementOffset > 0xFF) {
            throw new IllegalArgumentException("element offset must be one byte, got " + elementOffset);
        }
        creator = creator.trim();
    }

    /** Parses {@code (gggg,xxee)}, as written in profile files. */
    public static SafePrivateAttribute of(String creator, String tag) {
        Matcher matcher = TAG.matcher(tag.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("safe private tag '" + tag + "' must look like (0019,xx92)");
        }
        return new SafePrivateAttribute(creator, Integer.parseInt(matcher.group(1), 16),
                Integer.parseInt(matcher.group(2), 16));
    }

    boolean matches(String elementCreator, int elementGroup, int element) {
        return elementGroup == group && (element & 0xFF) == elementOffset
                && creator.toUpperCase(Locale.ROOT).equals(elementCreator.trim().toUpperCase(Locale.ROOT));
    }
}
