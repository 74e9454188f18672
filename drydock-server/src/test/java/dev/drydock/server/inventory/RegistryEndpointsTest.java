package dev.drydock.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Objects;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The endpoint rule of {@link RegistryEndpoints}, one row per case. */
class RegistryEndpointsTest {

  @ParameterizedTest(name = "{0} {1} port={2} protocol={3} net={4} {5}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      # domain          | hostIp     | port | proto | net | repository | connect                  | endpoints                            | internetURLs                           | vpcURLs                           | type     | domains
      harbor.example.com| 10.0.0.5   | null | 2     | 1   | team/app   | harbor.example.com       | https://harbor.example.com/team      | harbor.example.com/team/app            |                                   | internet | harbor.example.com,10.0.0.5
      harbor.example.com| 10.0.0.5   | 443  | 2     | 1   | team/app   | harbor.example.com       | https://harbor.example.com/team      | harbor.example.com/team/app            |                                   | internet | harbor.example.com,10.0.0.5
      harbor.example.com| 10.0.0.5   | 8443 | 2     | 2   | team/app   | harbor.example.com:8443  | https://harbor.example.com:8443/team | | harbor.example.com:8443/team/app  | intranet | harbor.example.com:8443,10.0.0.5:8443
      reg.test          | 127.0.0.1  | 5000 | 1     | 2   | team/sub/a | 127.0.0.1:5000           | http://127.0.0.1:5000/team           |                                        | reg.test:5000/team/sub/a          | intranet | reg.test:5000,127.0.0.1:5000
      reg.test          | 127.0.0.1  | 80   | 1     | 1   | alpine     | 127.0.0.1                | http://127.0.0.1                     | reg.test/alpine                        |                                   | internet | reg.test,127.0.0.1
      reg.test          | 127.0.0.1  | 443  | 1     | 1   | alpine     | 127.0.0.1:443            | http://127.0.0.1:443                 | reg.test:443/alpine                    |                                   | internet | reg.test:443,127.0.0.1:443
      10.1.2.3          | 10.1.2.3   | 5000 | 1     | 2   | ns/app     | 10.1.2.3:5000            | http://10.1.2.3:5000/ns              |                                        | 10.1.2.3:5000/ns/app              | intranet | 10.1.2.3:5000
      reg.test          | ::1        | 5000 | 1     | 2   | ns/app     | [::1]:5000               | http://[::1]:5000/ns                 |                                        | reg.test:5000/ns/app              | intranet | reg.test:5000,[::1]:5000
      reg.test          |            | 5000 | 1     | 1   | ns/app     | reg.test:5000            | http://reg.test:5000/ns              | reg.test:5000/ns/app                   |                                   | internet | reg.test:5000
      """)
  void derivesAddressesAndEndpoints(String domain, String hostIp, Integer port, int protocol, int net, String path,
      String connect, String endpoints, String internetUrls, String vpcUrls, String type, String domains) {
    RegistryEndpoints e = new RegistryEndpoints(domain, hostIp, port, protocol, net);
    String namespace = RepoPaths.split(path).namespace();
    assertThat(e.connectAddress()).isEqualTo(connect);
    assertThat(e.endpoints(namespace)).isEqualTo(endpoints);
    assertThat(e.internetUrls(path)).isEqualTo(Objects.toString(internetUrls, ""));
    assertThat(e.vpcUrls(path)).isEqualTo(Objects.toString(vpcUrls, ""));
    assertThat(e.endpointType()).isEqualTo(type);
    assertThat(e.endpointDomains()).isEqualTo(List.of(domains.split(",")));
    assertThat(e.insecure()).isEqualTo(protocol == 1);
    assertThat(e.scheme()).isEqualTo(protocol == 1 ? "http" : "https");
  }

  @ParameterizedTest
  @CsvSource({"0,1", "3,1", "1,0", "1,3"})
  void refusesUnknownProtocolAndNetTypes(int protocol, int net) {
    assertThatThrownBy(() -> new RegistryEndpoints("reg.test", "127.0.0.1", null, protocol, net))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(protocol == 1 || protocol == 2 ? "NetType"
            : "ProtocolType");
  }
}
