package io.richmond.sms.webhook;

import java.util.Arrays;
import java.util.Optional;

/**
 * A block of IPv4 or IPv6 addresses written in CIDR notation ({@code 196.11.240.0/24}, {@code 2001:db8::/32}), or a
 * single address. Only literal addresses are read: a host name is refused, so that reading the settings never
 * waits for DNS and a changed DNS record never opens the webhooks. An IPv4 address written as IPv6
 * ({@code ::ffff:196.11.240.1}, a network of at least 96 bits of prefix likewise) is the IPv4 address, as the JDK
 * reports such a caller.
 *
 * @param address the network's address, 4 or 16 bytes; bits after the prefix are ignored
 * @param prefix  how many leading bits an address must share with it
 */
public record IpNetwork(byte[] address, int prefix) {

    /** The bits before the IPv4 address in an IPv4-mapped IPv6 address ({@code ::ffff:0:0/96}). */
    private static final int MAPPED_PREFIX = 96;

    public IpNetwork {
        address = address.clone();
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + address.length);
        }
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("the prefix length of an " + (address.length == 4 ? "IPv4" : "IPv6")
                    + " address is 0 to " + address.length * 8 + ", not " + prefix);
        }
    }

    /**
     * @param cidr {@code <address>/<prefix length>}, or an address alone for that address only
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static IpNetwork parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        byte[] address = literal(addressText);
        if (address == null) {
            throw new IllegalArgumentException("'" + addressText + "' is not an IPv4 or IPv6 address");
        }
        int prefix = address.length * 8;
        if (slash >= 0) {
            String prefixText = text.substring(slash + 1);
            if (prefixText.isEmpty() || prefixText.length() > 3
                    || !prefixText.chars().allMatch(IpNetwork::isDigit)) {
                throw new IllegalArgumentException("'" + prefixText + "' after the / is not a prefix length");
            }
            prefix = Integer.parseInt(prefixText);
        }
        if (isIpv4Mapped(address) && prefix >= MAPPED_PREFIX) {
            return new IpNetwork(Arrays.copyOfRange(address, 12, 16), prefix - MAPPED_PREFIX);
        }
        return new IpNetwork(address, prefix);
    }

    /**
     * The bytes of a literal IPv4 or IPv6 address (without a zone), an IPv4-mapped IPv6 address as IPv4; empty if
     * the text is not one.
     */
    public static Optional<byte[]> parseAddress(String text) {
        byte[] address = literal(text);
        if (address != null && isIpv4Mapped(address)) {
            address = Arrays.copyOfRange(address, 12, 16);
        }
        return Optional.ofNullable(address);
    }

    /** Whether {@code candidate} (4 or 16 bytes) is in this network; an IPv4 address is never in an IPv6 network. */
    public boolean contains(byte[] candidate) {
        if (candidate.length != address.length) {
            return false;
        }
        int fullBytes = prefix / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != address[i]) {
                return false;
            }
        }
        int restBits = prefix % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = 0xFF << (8 - restBits) & 0xFF;
        return (candidate[fullBytes] & mask) == (address[fullBytes] & mask);
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpNetwork network && prefix == network.prefix
                && Arrays.equals(address, network.address);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(address) + prefix;
    }

    /** {@code 196.11.240.0/24}, {@code 2001:db8:0:0:0:0:0:0/32}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (address.length == 4) {
            for (int i = 0; i < 4; i++) {
                text.append(i == 0 ? "" : ".").append(address[i] & 0xFF);
            }
        } else {
            for (int i = 0; i < 16; i += 2) {
                text.append(i == 0 ? "" : ":").append(Integer.toHexString((address[i] & 0xFF) << 8
                        | address[i + 1] & 0xFF));
            }
        }
        return text.append('/').append(prefix).toString();
    }

    /** The 4 or 16 bytes of an IPv4 or IPv6 literal, or null. */
    private static byte[] literal(String text) {
        return text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text);
    }

    /**
     * Four decimal numbers 0 to 255; a leading zero is refused, since some tools read {@code 010} as octal 8 and
     * others as 10.
     */
    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(IpNetwork::isDigit)
                    || part.length() > 1 && part.charAt(0) == '0') {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            address[i] = (byte) value;
        }
        return address;
    }

    /** Eight groups of 1 to 4 hex digits, at most one {@code ::} for a run of zero groups, the last two as IPv4. */
    private static byte[] ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String[] head = groups(gap < 0 ? text : text.substring(0, gap));
        String[] tail = gap < 0 ? new String[0] : groups(text.substring(gap + 2));
        if (head == null || tail == null) {
            return null;
        }
        byte[] headBytes = groupBytes(head, gap < 0);
        byte[] tailBytes = groupBytes(tail, true);
        if (headBytes == null || tailBytes == null || gap < 0 && headBytes.length != 16
                || gap >= 0 && headBytes.length + tailBytes.length > 14) {
            return null;
        }
        byte[] address = new byte[16];
        System.arraycopy(headBytes, 0, address, 0, headBytes.length);
        System.arraycopy(tailBytes, 0, address, 16 - tailBytes.length, tailBytes.length);
        return address;
    }

    /** The groups between colons; none for an empty side of {@code ::}, null for an empty group. */
    private static String[] groups(String side) {
        if (side.isEmpty()) {
            return new String[0];
        }
        String[] groups = side.split(":", -1);
        for (String group : groups) {
            if (group.isEmpty()) {
                return null;
            }
        }
        return groups;
    }

    /**
     * Each group as two bytes, and a dotted IPv4 address as four if {@code endsAddress} and it is the last group;
     * null if a group is neither.
     */
    private static byte[] groupBytes(String[] groups, boolean endsAddress) {
        byte[] bytes = new byte[groups.length * 2 + 2];
        int length = 0;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (endsAddress && i == groups.length - 1 && group.indexOf('.') >= 0) {
                byte[] ipv4 = ipv4(group);
                if (ipv4 == null) {
                    return null;
                }
                System.arraycopy(ipv4, 0, bytes, length, 4);
                length += 4;
            } else if (group.length() <= 4 && group.chars().allMatch(c -> Character.digit(c, 16) >= 0
                    && c < 128)) {
                int value = Integer.parseInt(group, 16);
                bytes[length++] = (byte) (value >> 8);
                bytes[length++] = (byte) value;
            } else {
                return null;
            }
        }
        return Arrays.copyOf(bytes, length);
    }

    private static boolean isIpv4Mapped(byte[] address) {
        if (address.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xFF && address[11] == (byte) 0xFF;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
