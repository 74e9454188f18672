package dev.drydock.index.golang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.index.golang.GoBuildInfo.Module;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoBuildInfoTest {

  @Test
  void parsesModulesReplacementsAndSettingsAsGo119WritesThem() {
    // Go 1.19 leaves an empty line after each replacement; it means nothing.
    String text = """
        path\texample.com/app/cmd/app
        mod\texample.com/app\t(devel)\t
        dep\tgolang.org/x/text\tv0.14.0\th1:abc=
        dep\texample.com/local\tv1.5.0
        =>\t../local\t(devel)\t

        dep\texample.com/old\tv1.0.0
        =>\texample.com/new\tv1.1.0\th1:new=

        build\t-compiler=gc
        build\t-ldflags="-s -w -X \\"main.v=1\\""
        build\t"odd key"=`raw value`
        build\tvcs.revision=0123abcd
        build\tempty=
        """;
    GoBuildInfo info = GoBuildInfo.parse("go1.19.8", text);

    assertThat(info.errors()).isEmpty();
    assertThat(info.path()).isEqualTo("example.com/app/cmd/app");
    assertThat(info.main()).isEqualTo(new Module("example.com/app", "(devel)", "", null));
    assertThat(info.deps()).containsExactly(
        new Module("golang.org/x/text", "v0.14.0", "h1:abc=", null),
        new Module("example.com/local", "v1.5.0", "", new Module("../local", "(devel)", "", null)),
        new Module("example.com/old", "v1.0.0", "", new Module("example.com/new", "v1.1.0", "h1:new=", null)));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("-compiler", "gc");
    settings.put("-ldflags", "-s -w -X \"main.v=1\"");
    settings.put("odd key", "raw value");
    settings.put("vcs.revision", "0123abcd");
    settings.put("empty", "");
    assertThat(info.settings()).containsExactlyEntriesOf(settings);
  }

  @Test
  void skipsMalformedLinesAndNamesThem() {
    String text = """
        dep\tonly-a-path
        =>\texample.com/orphan\tv1.0.0\t
        dep\texample.com/ok\tv1.0.0\th1:x=
        build\tno-equals-sign
        build\t"unclosed=x
        build\tk="bad \\q escape"
        something new\twe do not know
        """;
    GoBuildInfo info = GoBuildInfo.parse("go1.22.0", text);

    assertThat(info.deps()).containsExactly(new Module("example.com/ok", "v1.0.0", "h1:x=", null));
    assertThat(info.main()).isNull();
    assertThat(info.errors()).hasSize(5).satisfies(e -> {
      assertThat(e.get(0)).startsWith("line 1: expected 2 or 3 tab-separated columns");
      assertThat(e.get(1)).startsWith("line 2: replacement with no module on the line before");
      assertThat(e.get(2)).startsWith("line 4: expected key=value");
      assertThat(e.get(3)).startsWith("line 5: bad quoted key");
      assertThat(e.get(4)).startsWith("line 6: bad quoted key or value");
    });
  }

  @Test
  void aReplacementAppliesOnlyToTheLineBefore() {
    GoBuildInfo info = GoBuildInfo.parse("go1.22.0", "mod\tm\tv1.0.0\n=>\t./m\t\t\n=>\t./n\t\t\n");
    assertThat(info.main()).isEqualTo(new Module("m", "v1.0.0", "", new Module("./m", "", "", null)));
    assertThat(info.errors()).containsExactly("line 3: replacement with no module on the line before: =>\t./n\t\t");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"plain\"          | plain",
      "\"a\\tb\"          | 'a\tb'",
      "\"\\x41\\101\\u00e9\\U0001F600\" | AAé😀",
      "\"q\\\"\\\\\"       | q\"\\",
      "`raw \\n`          | raw \\n",
  })
  void unquotesGoStringLiterals(String literal, String value) {
    assertThat(GoQuoted.unquote(literal.strip())).isEqualTo(value);
  }

  @Test
  void rejectsMalformedLiterals() {
    for (String bad : List.of("\"open", "\"bad \\q\"", "\"\\x4\"", "\"\\777\"", "\"\\UFFFFFFFF\"", "x", "\"", "\"a\"b")) {
      assertThat(GoQuoted.unquote(bad)).as(bad).isNull();
    }
  }

  @ParameterizedTest
  @CsvSource({
      "go1.19.8, 1.19.8",
      "go1.20.1 X:boringcrypto, 1.20.1",
      "go1.22rc1, 1.22rc1",
      "devel go1.23-abc123 Tue Jan 1, devel go1.23-abc123 Tue Jan 1",
  })
  void stdlibVersionDropsTheGoPrefix(String goVersion, String stdlib) {
    assertThat(GoPackages.stdlibVersion(goVersion)).isEqualTo(stdlib);
  }

  @ParameterizedTest
  @CsvSource({
      "./dep, (devel), true",
      "../x, '', true",
      "/abs/dir, (devel), true",
      "example.com/fork, v1.2.3, false",
      "example.com/fork, '', true",
  })
  void tellsDirectoryReplacementsFromModuleReplacements(String path, String version, boolean local) {
    assertThat(GoPackages.isLocal(new Module(path, version, "", null))).isEqualTo(local);
  }
}
