package dev.drydock.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestParserTest {

  private static final String D1 = "sha256:" + "a".repeat(64);
  private static final String D2 = "sha256:" + "b".repeat(64);

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void ociManifest() throws Exception {
    var doc = ManifestParser.parse(b("""
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
         "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":7},
         "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+zstd","digest":"%s","size":42}]}
        """.formatted(D1, D2)), null, "x");
    assertThat(doc).isInstanceOf(ManifestDocument.Manifest.class);
    var m = (ManifestDocument.Manifest) doc;
    assertThat(m.config().digest().toString()).isEqualTo(D1);
    assertThat(m.layers()).singleElement().satisfies(l -> {
      assertThat(l.size()).isEqualTo(42);
      assertThat(l.mediaType()).isEqualTo(MediaTypes.OCI_LAYER_ZSTD);
    });
  }

  @Test
  void mediaTypeFromContentTypeWhenTheDocumentOmitsIt() throws Exception {
    // umoci writes OCI manifests without mediaType; the registry's Content-Type says what it is.
    String body = """
        {"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":7},"layers":[]}
        """.formatted(D1);
    var doc = ManifestParser.parse(b(body), "application/vnd.oci.image.manifest.v1+json; charset=utf-8", "x");
    assertThat(doc.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
  }

  @Test
  void dockerManifestListWithPlatforms() throws Exception {
    var doc = ManifestParser.parse(b("""
        {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[
          {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"%s","size":1,"platform":{"architecture":"amd64","os":"linux"}},
          {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"%s","size":1,"platform":{"architecture":"arm64","os":"linux","variant":"v8"}}]}
        """.formatted(D1, D2)), null, "x");
    var index = (ManifestDocument.Index) doc;
    assertThat(index.manifests()).extracting(d -> d.platform().toString()).containsExactly("linux/amd64", "linux/arm64/v8");
    assertThat(ImageResolver.choose(index, Platform.parse("linux/arm64"), "x").digest().toString()).isEqualTo(D2);
    assertThatThrownBy(() -> ImageResolver.choose(index, Platform.parse("linux/s390x"), "x"))
        .hasMessageContaining("no manifest for platform linux/s390x").hasMessageContaining("available: linux/amd64, linux/arm64/v8");
  }

  @Test
  void schema1IsRefusedWithAReason() {
    assertThatThrownBy(() -> ManifestParser.parse(b("{\"schemaVersion\":1,\"name\":\"x\",\"fsLayers\":[]}"),
        MediaTypes.DOCKER_SCHEMA1_SIGNED, "r/x:1"))
        .isInstanceOf(ImageException.class).hasMessageContaining("schema 1").hasMessageContaining("r/x:1");
  }

  @Test
  void malformedDocumentsNameTheImage() {
    assertThatThrownBy(() -> ManifestParser.parse(b("{not json"), null, "r/x:1"))
        .isInstanceOf(ImageException.class).hasMessageStartingWith("malformed manifest for r/x:1");
    assertThatThrownBy(() -> ManifestParser.parse(b("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
        + "\",\"layers\":[]}"), null, "r/x:1")).hasMessageContaining("missing config");
    assertThatThrownBy(() -> ManifestParser.parse(b("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
        + "\",\"config\":{\"digest\":\"sha256:zz\",\"size\":1},\"layers\":[]}"), null, "r/x:1"))
        .hasMessageContaining("malformed manifest for r/x:1");
  }
}
