package dev.drydock.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.server.api.RpcRequestReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signature V1 on literal requests as clients put them on the wire (raw query strings and form
 * bodies), covering the client differences of reference §2.2. The first row is Alibaba Cloud's
 * documented example (doc-detail/50286, secret {@code testsecret}); the other signatures were
 * computed with an independent implementation of §2.2 (Python's hmac/urllib) and frozen here.
 */
class SignatureV1Test {

  static final String SECRET = "s3cr3t-Secret-0123456789abcd";
  static final String COMMON = "AccessKeyId=LTAI5tTestKey00000000000&Action=ListImageRisk&Format=JSON"
      + "&SignatureMethod=HMAC-SHA1&SignatureNonce=6a2f4c1e-9d3b-4e1a-8f7c-2b5d9e0a1c3f&SignatureVersion=1.0"
      + "&Timestamp=2026-01-15T08%3A30%3A00Z&Version=2018-12-03";
  static final String DOC_QUERY = "Timestamp=2016-02-23T12%3A46%3A24Z&Format=XML&AccessKeyId=testid"
      + "&Action=DescribeRegions&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"
      + "&Version=2014-05-26&SignatureVersion=1.0&Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D";

  static Stream<Arguments> requests() {
    return Stream.of(
        Arguments.of("documented example (GET)", "GET", DOC_QUERY, "", "testsecret", true),
        Arguments.of("documented example, wrong secret", "GET", DOC_QUERY, "", "testsecret2", false),
        Arguments.of("documented example, a value changed", "GET", DOC_QUERY.replace("Format=XML", "Format=JSON"), "",
            "testsecret", false),
        Arguments.of("Java URLEncoder: '+' for space, '*' literal, '~' as %7E", "GET", COMMON
            + "&ImageName=team%2Fapp%3A1.0+x&Note=a*b%7Ec%2Bd+%C3%A4&Signature=JuMgS4h13Bk9V26cNOiaBDdPt1s%3D", "",
            SECRET, true),
        Arguments.of("RFC 3986 style: %20 for space, %2A, '~' literal", "GET", COMMON
            + "&ImageName=team%2Fapp%3A1.0%20x&Note=a%2Ab~c%2Bd%20%C3%A4&Signature=JuMgS4h13Bk9V26cNOiaBDdPt1s%3D", "",
            SECRET, true),
        Arguments.of("'+' in a value is a space, not a plus", "GET", COMMON
            + "&ImageName=team%2Fapp%3A1.0+x&Note=a*b%7Ec+d+%C3%A4&Signature=JuMgS4h13Bk9V26cNOiaBDdPt1s%3D", "",
            SECRET, false),
        Arguments.of("empty value signed (pop-core, sdk-core)", "GET", COMMON
            + "&ImageName=&PageSize=20&Signature=49bAjsPrGLwglKqs%2FIG2SE7IaDg%3D", "", SECRET, true),
        Arguments.of("empty value sent but not signed (Java tea)", "GET", COMMON
            + "&ImageName=&PageSize=20&Signature=jOs5I9jZ8hUEAFf5AyyURvn4bmY%3D", "", SECRET, true),
        Arguments.of("POST: query and form body signed together (sdk-core)", "POST", COMMON
            + "&RegionId=cn-hangzhou&Signature=l0Ni78fYUKUhZ9GGnvaY9gzbWW8%3D", "CurrentPage=1&PageSize=20", SECRET,
            true),
        Arguments.of("POST: everything in the form body (pop-core)", "POST", "", COMMON
            + "&RegionId=cn-hangzhou&CurrentPage=1&PageSize=20&Signature=l0Ni78fYUKUhZ9GGnvaY9gzbWW8%3D", SECRET, true),
        Arguments.of("POST signature replayed as GET", "GET", COMMON
            + "&RegionId=cn-hangzhou&CurrentPage=1&PageSize=20&Signature=l0Ni78fYUKUhZ9GGnvaY9gzbWW8%3D", "", SECRET,
            false),
        Arguments.of("form parameter added after signing", "POST", COMMON
            + "&RegionId=cn-hangzhou&Signature=l0Ni78fYUKUhZ9GGnvaY9gzbWW8%3D", "CurrentPage=1&PageSize=20&Extra=1",
            SECRET, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void verifiesWhatTheClientSent(String name, String method, String query, String form, String secret, boolean ok) {
    Map<String, String> all = new LinkedHashMap<>(RpcRequestReader.parseForm(form, "form body"));
    all.putAll(RpcRequestReader.parseForm(query, "query"));
    assertThat(SignatureV1.verify(method, all, secret, all.get("Signature")).matches()).isEqualTo(ok);
  }

  @Test
  void stringToSignOfTheDocumentedExample() {
    Map<String, String> params = RpcRequestReader.parseForm(DOC_QUERY, "query");
    assertThat(SignatureV1.stringToSign("GET", params, true)).isEqualTo("GET&%2F&AccessKeyId%3Dtestid"
        + "%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1"
        + "%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0"
        + "%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26");
    assertThat(SignatureV1.sign(SignatureV1.stringToSign("GET", params, true), "testsecret"))
        .isEqualTo("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
  }
}
