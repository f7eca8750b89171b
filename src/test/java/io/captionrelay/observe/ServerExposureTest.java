package io.captionrelay.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captionrelay.testing.RelayApp;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the app's HTTP servers expose: by default the management server (health, metrics) and the media-link
 * server listen on the loopback interface only (read from the kernel's table of listening sockets); with
 * {@code relay.management.token} set, the management endpoints answer only requests that carry it.
 */
class ServerExposureTest {

    private static final String TOKEN = "management-token-5f1c9a7e3b";

    @TempDir
    Path tmp;

    @AutoClose
    private RelayApp app;

    @Test
    void should_listen_on_the_loopback_interface_only_by_default() throws Exception {
        int management = freePort();
        int media = freePort();
        app = new RelayApp(tmp).with("camel.management.port", Integer.toString(management))
                .with("camel.server.enabled", "true")
                .with("camel.server.port", Integer.toString(media))
                .with("relay.media.dir", tmp.resolve("media").toString())
                .with("relay.media.public-base-url", "http://localhost:" + media)
                .with("relay.media.signing-key", "exposure-test-signing-key-0123456789")
                .start();

        assertThat(listening(management)).as("management server on port " + management).containsOnly("127.0.0.1");
        assertThat(listening(media)).as("media server on port " + media).containsOnly("127.0.0.1");
        // still usable from here (UP once every route has started)
        await().atMost(Duration.ofSeconds(30)).until(() -> get(management, "/observe/health", null).statusCode() == 200);
    }

    @Test
    void should_answer_management_requests_only_with_the_token_when_one_is_set() throws Exception {
        int management = freePort();
        app = new RelayApp(tmp).with("camel.management.port", Integer.toString(management))
                .with("relay.management.token", TOKEN)
                .start();

        assertThat(get(management, "/observe/health", null).statusCode()).isEqualTo(401);
        assertThat(get(management, "/observe/metrics", null).statusCode()).isEqualTo(401);
        assertThat(get(management, "/observe/health", "Bearer wrong-" + TOKEN).statusCode()).isEqualTo(401);
        assertThat(get(management, "/observe/health", TOKEN).statusCode()).as("the scheme is required").isEqualTo(401);
        await().atMost(Duration.ofSeconds(30)).until(() -> get(management, "/observe/health", "Bearer " + TOKEN).statusCode() == 200);
        assertThat(get(management, "/observe/health", "Bearer " + TOKEN).body()).contains("UP");
        assertThat(get(management, "/observe/metrics", "Bearer " + TOKEN).body()).contains("captionrelay");
    }

    /**
     * The local addresses of the sockets listening on {@code port}, from /proc/net/tcp and /proc/net/tcp6 (state 0A);
     * "0.0.0.0" or "::" would mean every interface.
     */
    private static List<String> listening(int port) throws Exception {
        List<String> addresses = new ArrayList<>();
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            for (String line : Files.readAllLines(Path.of(table)).subList(1, Files.readAllLines(Path.of(table)).size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (local[1].equals(hexPort) && fields[3].equals("0A")) {
                    addresses.add(address(local[0]));
                }
            }
        }
        return addresses;
    }

    /** The kernel writes addresses as little-endian 32-bit words in hex. */
    private static String address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(word * 8 + (3 - i) * 2, word * 8 + (3 - i) * 2 + 2), 16);
            }
        }
        try {
            return java.net.InetAddress.getByAddress(bytes).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> get(int port, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
