package io.richmond.api.callback;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.richmond.api.web.ApiException;

/**
 * The SSRF guard when a URL is saved: its host must not resolve to a loopback, private, link-local or metadata
 * address unless allowlisted. callback-dispatcher applies the same rules again on every delivery, since DNS answers
 * change; a host that does not resolve now is accepted here for that reason, and judged when called.
 */
@Component
class CallbackUrlGuard {

    private final Set<String> allowedHosts;

    CallbackUrlGuard(CallbackProperties properties) {
        this.allowedHosts = properties.allowedHosts().stream().map(String::trim).filter(host -> !host.isEmpty())
                .map(host -> host.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** @throws ApiException 400 naming {@code field} when the URL points inside */
    void check(String field, URI uri) {
        String host = uri.getHost();
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (allowedHosts.contains(bare.toLowerCase(Locale.ROOT))) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            return;
        }
        for (InetAddress address : addresses) {
            if (forbidden(address)) {
                throw ApiException.badRequest(field, "'" + host + "' resolves to " + address.getHostAddress()
                        + ", a loopback, private, link-local or metadata address: callbacks must reach a public"
                        + " address");
            }
        }
    }

    private static boolean forbidden(InetAddress address) {
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
        // fc00::/7, unique local addresses: AWS's metadata service is fd00:ec2::254.
        return address instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc;
    }
}
