package io.richmond.sdk.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SSRF guard for callback URLs: http or https only, and every address the host resolves to must be public
 * (not loopback, private, link-local, metadata, CGNAT, unique-local or multicast) unless the host is allowlisted.
 * api-service checks a URL when it is saved; callback-dispatcher again on every attempt and every redirect,
 * because DNS answers change.
 *
 * <p>What remains: the HTTP client resolves the name again when it connects, so a name that flips between a public
 * and a private address within the DNS cache time could still slip through (DNS rebinding).
 */
public final class PublicUrlGuard {

    private final Set<String> allowedHosts;

    public PublicUrlGuard(List<String> allowedHosts) {
        this.allowedHosts = allowedHosts.stream().map(String::trim).filter(host -> !host.isEmpty())
                .map(host -> host.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @throws RefusedUrlException when the URL must not be called
     * @throws UnknownHostException when its host does not resolve now (a temporary failure)
     */
    public void check(URI uri) throws UnknownHostException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedUrlException("only http and https URLs are called, not '" + scheme + "'");
        }
        String host = uri.getHost();
        if (host == null) {
            throw new RefusedUrlException("the URL names no host");
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (allowedHosts.contains(bare.toLowerCase(Locale.ROOT))) {
            return;
        }
        for (InetAddress address : InetAddress.getAllByName(bare)) {
            if (forbidden(address)) {
                throw new RefusedUrlException(host + " resolves to " + address.getHostAddress()
                        + ", a loopback, private, link-local or metadata address (richmond.callbacks.allowed-hosts"
                        + " can allow it)");
            }
        }
    }

    static boolean forbidden(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            // 0/8 reaches this host on Linux; 100.64/10 is carrier-grade NAT, private in all but name.
            return first == 0 || (first == 100 && second >= 64 && second < 128);
        }
        if (address instanceof Inet6Address) {
            // fc00::/7, unique local addresses: AWS's metadata service is fd00:ec2::254.
            return (bytes[0] & 0xfe) == 0xfc;
        }
        return false;
    }
}
