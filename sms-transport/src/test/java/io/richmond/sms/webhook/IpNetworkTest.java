package io.richmond.sms.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpNetworkTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "196.11.240.0/24 | 196.11.240.0/24",
            "196.11.240.77/24 | 196.11.240.77/24",
            " 10.0.0.1 | 10.0.0.1/32",
            "0.0.0.0/0 | 0.0.0.0/0",
            "2001:db8::/32 | 2001:db8:0:0:0:0:0:0/32",
            "::1 | 0:0:0:0:0:0:0:1/128",
            ":: | 0:0:0:0:0:0:0:0/128",
            "fe80::/10 | fe80:0:0:0:0:0:0:0/10",
            "1:2:3:4:5:6:7:8 | 1:2:3:4:5:6:7:8/128",
            "1:2:3:4:5:6:7:: | 1:2:3:4:5:6:7:0/128",
            "::2:3:4:5:6:7:8 | 0:2:3:4:5:6:7:8/128",
            "64:ff9b::192.0.2.33/120 | 64:ff9b:0:0:0:0:c000:221/120",
            "::ffff:196.11.240.1 | 196.11.240.1/32",
            "::FFFF:c40b:f001/128 | 196.11.240.1/32",
            "::ffff:196.11.240.0/120 | 196.11.240.0/24",
            "::ffff:0:0/95 | 0:0:0:0:0:ffff:0:0/95",
            "2001:DB8::A/64 | 2001:db8:0:0:0:0:0:a/64"})
    void readsNetworksAndAddresses(String cidr, String read) {
        assertThat(IpNetwork.parse(cidr)).hasToString(read);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "example.com | 'example.com' is not an IPv4 or IPv6 address",
            "localhost/8 | 'localhost' is not an IPv4 or IPv6 address",
            "\"\" | '' is not an IPv4 or IPv6 address",
            "1.2.3 | '1.2.3' is not an IPv4 or IPv6 address",
            "1.2.3.4.5 | '1.2.3.4.5' is not",
            "256.0.0.0/8 | '256.0.0.0' is not",
            "010.0.0.1 | '010.0.0.1' is not",
            "1.2.3.-4 | '1.2.3.-4' is not",
            "１.2.3.4 | is not an IPv4 or IPv6 address",
            "10.0.0.0/33 | the prefix length of an IPv4 address is 0 to 32, not 33",
            "::1/129 | the prefix length of an IPv6 address is 0 to 128, not 129",
            "10.0.0.0/ | '' after the / is not a prefix length",
            "10.0.0.0/8/9 | '8/9' after the / is not a prefix length",
            "10.0.0.0/-1 | '-1' after the / is not a prefix length",
            "10.0.0.0/0008 | '0008' after the / is not a prefix length",
            "1:2:3:4:5:6:7:8:9 | is not an IPv4 or IPv6 address",
            "1:2:3:4:5:6:7 | is not an IPv4 or IPv6 address",
            "1::2::3 | is not an IPv4 or IPv6 address",
            "1:2:3:4:5:6:7::8 | is not an IPv4 or IPv6 address",
            ":1:2:3:4:5:6:7 | is not an IPv4 or IPv6 address",
            "12345::1 | is not an IPv4 or IPv6 address",
            "fe80::zz | is not an IPv4 or IPv6 address",
            "fe80::1%eth0 | is not an IPv4 or IPv6 address",
            "1.2.3.4::1 | is not an IPv4 or IPv6 address",
            "::1.2.3.4:5 | is not an IPv4 or IPv6 address",
            "[::1] | is not an IPv4 or IPv6 address"})
    void refusesWhatIsNotANetworkSayingWhy(String cidr, String reason) {
        assertThatThrownBy(() -> IpNetwork.parse(cidr)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "196.11.240.0/24 | 196.11.240.0 | true",
            "196.11.240.0/24 | 196.11.240.255 | true",
            "196.11.240.0/24 | 196.11.241.0 | false",
            "196.11.240.0/23 | 196.11.241.9 | true",
            "196.11.240.0/23 | 196.11.242.9 | false",
            "10.0.0.0/8 | 127.0.0.1 | false",
            "127.0.0.0/8 | 127.0.0.1 | true",
            "127.0.0.1 | 127.0.0.2 | false",
            "0.0.0.0/0 | 8.8.8.8 | true",
            "0.0.0.0/0 | ::1 | false",
            "::/0 | 127.0.0.1 | false",
            "::/0 | 2001:db8::1 | true",
            "::1 | 0:0:0:0:0:0:0:1 | true",
            "2001:db8::/32 | 2001:db8:ffff::1 | true",
            "2001:db8::/32 | 2001:db9::1 | false",
            "2001:db8::/33 | 2001:db8:8000::1 | false",
            "196.11.240.0/24 | ::ffff:196.11.240.9 | true",
            "::ffff:196.11.240.0/120 | 196.11.240.9 | true"})
    void containsTheAddressesOfItsPrefix(String cidr, String address, boolean contained) {
        byte[] bytes = IpNetwork.parseAddress(address).orElseThrow();

        assertThat(IpNetwork.parse(cidr).contains(bytes)).isEqualTo(contained);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "1.2.3", "fe80::1%eth0", "", "::1/128"})
    void anAddressToMatchIsALiteralAddressOnly(String text) {
        assertThat(IpNetwork.parseAddress(text)).isEmpty();
    }
}
