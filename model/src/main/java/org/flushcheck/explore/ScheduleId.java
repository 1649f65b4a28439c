package org.flushcheck.explore;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The printable name of one explored run: its switches, the (step, task) pairs where the
 * schedule ran another task than the fallback (the previous task if it could run, else
 * the lowest pid). Every other decision is the fallback, so a run with few preemptions
 * has a short id whatever its length.
 *
 * <p>Format: {@code s1} (the version), then the pairs as varints (step as the gap from
 * the previous switch, then pid) in Crockford base32, then two base32 digits of their
 * CRC-32, so a mistyped id is refused rather than replayed as another schedule.
 * {@code s1} plus the checksum alone is the schedule with no switch at all.
 */
public final class ScheduleId {

    private static final String PREFIX = "s1";
    private static final String DIGITS = "0123456789abcdefghjkmnpqrstvwxyz";

    private final List<int[]> switches;
    private final String text;

    private ScheduleId(List<int[]> switches, String text) {
        this.switches = switches;
        this.text = text;
    }

    /** The id of a run with these switches, in step order. */
    public static ScheduleId of(List<int[]> switches) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int last = 0;
        for (int[] s : switches) {
            varint(bytes, s[0] - last);
            varint(bytes, s[1]);
            last = s[0];
        }
        byte[] b = bytes.toByteArray();
        String body = base32(b);
        return new ScheduleId(List.copyOf(switches), PREFIX + body + check(body));
    }

    /** Reads an id as printed; a malformed or mistyped one is an IllegalArgumentException naming it. */
    public static ScheduleId parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (!t.startsWith(PREFIX) || t.length() < PREFIX.length() + 2) {
            throw new IllegalArgumentException("not a schedule id: '" + text + "' (ids start with " + PREFIX + ")");
        }
        String body = t.substring(PREFIX.length(), t.length() - 2);
        if (!check(body).equals(t.substring(t.length() - 2))) {
            throw new IllegalArgumentException("schedule id '" + text + "' fails its checksum (mistyped?)");
        }
        byte[] b = unbase32(body, text);
        List<int[]> out = new ArrayList<>();
        int[] pos = {0};
        int step = 0;
        while (pos[0] < b.length) {
            step += unvarint(b, pos, text);
            out.add(new int[] {step, unvarint(b, pos, text)});
        }
        return new ScheduleId(List.copyOf(out), t);
    }

    /** The (step, pid) switches, in step order. */
    public List<int[]> switches() {
        return switches;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScheduleId other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    private static void varint(ByteArrayOutputStream out, int v) {
        while ((v & ~0x7f) != 0) {
            out.write((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    private static int unvarint(byte[] b, int[] pos, String text) {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (pos[0] >= b.length) {
                break;
            }
            int x = b[pos[0]++] & 0xff;
            v |= (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("schedule id '" + text + "' is truncated");
    }

    private static String base32(byte[] b) {
        StringBuilder s = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte x : b) {
            buffer = (buffer << 8) | (x & 0xff);
            bits += 8;
            while (bits >= 5) {
                s.append(DIGITS.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            s.append(DIGITS.charAt((buffer << (5 - bits)) & 31));
        }
        return s.toString();
    }

    private static byte[] unbase32(String s, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int v = DIGITS.indexOf(c);
            if (v < 0) {
                throw new IllegalArgumentException("schedule id '" + text + "' has a character that is not base32: " + c);
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    private static String check(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        long v = crc.getValue();
        return "" + DIGITS.charAt((int) (v & 31)) + DIGITS.charAt((int) ((v >> 5) & 31));
    }
}
